// The Mongolian version of a 政务服务大厅 (issue 18 part 1): its name and its description (address, hours,
// windows) as the Mongolian domain translates them. Its fingerprint covers the hall's name, level, address,
// hours and phone, so an edited hall marks the translation outdated. The service policy on the hall's
// organisation (service.view / manage / review, as its back-office edits: authoriseService with HALL) decides
// who drafts and approves it; a hall is public at /fw/halls/{id} from the start. The Chinese halls are not in
// the site search, so neither is their Mongolian version.
import type { MnKind, MnSource } from "../mongolian";
import { hallUrl } from "./services.halls";
import * as hrepo from "./services.halls.repo";
import * as arepo from "./services.halls-admin.repo";
import { authoriseService, HALL, hallNotFound, type ServiceAction } from "./services.policy";

const source = (h: hrepo.HallRow): MnSource => ({
  id: h.id,
  siteId: h.site_id,
  orgId: h.org_id,
  title: h.name,
  texts: [h.name, h.level, h.address, h.hours, h.phone],
  version: null,
  publicPath: hallUrl(h.id),
  searchable: false,
  publishedAt: null,
});

export const SERVICE_HALL_MN: MnKind = {
  type: "service_hall",
  label: "政务服务大厅",
  what: "a government-service hall (政务服务大厅)",
  actions: { view: "service.view", draft: "service.manage", review: "service.review" },
  authorise: (user, action, row, tree) => authoriseService(user, action as ServiceAction, row, tree, HALL),
  missing: hallNotFound,
  find: async (db, id) => {
    const h = await hrepo.findHall(db, id);
    return h && source(h);
  },
  lock: async (trx, engine, id) => {
    const h = await arepo.lockHall(trx, engine, id);
    return h && source(h);
  },
  adminPath: (id) => `/admin/services/halls/${id}`,
  editorPath: (id) => `/admin/services/halls/${id}/mn`,
  apiPath: "/api/v1/services/halls/:id/mn",
};
