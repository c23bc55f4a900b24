// The Mongolian version of a consultation (意见征集, issue 18 part 1): its title and draft as the Mongolian
// domain translates them. The fingerprint covers the title, the draft and the public notes (a short period's
// reason, the feedback summary), so a changed one marks the translation outdated; the consultation policy
// (consultation.view / draft / approve on the drafting organisation) decides who drafts and approves it.
import type { MnKind, MnSource } from "../mongolian";
import { authoriseConsultation, type ConsultationAction, consultationNotFound } from "./consultation.policy";
import * as repo from "./consultation.repo";

const source = (r: repo.ConsultationRow): MnSource => ({
  id: r.id,
  siteId: r.site_id,
  orgId: r.org_id,
  title: r.title,
  texts: [r.draft_text, r.short_reason ?? "", r.report_summary ?? ""],
  version: null,
  publicPath: repo.PUBLIC_STATUSES.includes(r.status) ? `/hd/consultations/${r.id}` : null,
  publishedAt: r.opened_at,
});

export const CONSULTATION_MN: MnKind = {
  type: "consultation",
  label: "意见征集",
  what: "a consultation (意见征集)",
  actions: { view: "consultation.view", draft: "consultation.draft", review: "consultation.approve" },
  authorise: (user, action, row, tree) =>
    authoriseConsultation(user, action as ConsultationAction, row, tree),
  missing: consultationNotFound,
  find: async (db, id) => {
    const r = await repo.findConsultation(db, id);
    return r && source(r);
  },
  lock: async (trx, engine, id) => {
    const r = await repo.lockConsultation(trx, engine, id);
    return r && source(r);
  },
  adminPath: (id) => `/admin/consultations/${id}`,
  editorPath: (id) => `/admin/consultations/${id}/mn`,
  apiPath: "/api/v1/consultations/:id/mn",
};
