import type { Deps } from "../../deps";
import { registerItemPageExtra } from "../../web/item-page-extras";
import type { AppInstance } from "../../web/types";
import { registerMnSubject } from "../mongolian";
import { registerSearchSource, TYPE_LABELS } from "../search";
import { registerConsultationAdmin } from "./consultation.admin";
import { registerConsultationApi } from "./consultation.api";
import { ConsultationBackLink } from "./consultation.backlink";
import { CONSULTATION_MN } from "./consultation.mn";
import { registerConsultationPages } from "./consultation.pages";
import {
  CONSULTATION_DOC_TYPE,
  consultationDocsOfSite,
  countPublishedConsultations,
} from "./consultation.search";

/** Public consultation (征求意见): API, public pages, back office, search source, the item page's back-link. */
export function registerConsultationRoutes(app: AppInstance, deps: Deps): void {
  registerMnSubject(app, deps, CONSULTATION_MN);
  registerConsultationApi(app, deps);
  registerConsultationPages(app, deps);
  registerConsultationAdmin(app, deps);
  TYPE_LABELS[CONSULTATION_DOC_TYPE] ??= "征求意见";
  registerSearchSource({
    type: CONSULTATION_DOC_TYPE,
    types: [CONSULTATION_DOC_TYPE],
    label: "征求意见与反馈报告",
    listAll: (db, siteId) => consultationDocsOfSite(db, siteId),
    count: (db, siteId) => countPublishedConsultations(db, siteId),
  });
  registerItemPageExtra(ConsultationBackLink);
}
