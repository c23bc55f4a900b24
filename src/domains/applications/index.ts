export { applicationTextsSince } from "./applications.repo";
export { registerApplicationRoutes } from "./applications.routes";
export { APPLICANT_TYPE_LABELS, APPLICANT_TYPES, OUTCOMES } from "./applications.schemas";
export {
  DISPUTE_KINDS,
  DISPUTE_RESULTS,
  getApplicationForStaff,
  submitOnline,
  trackApplication,
} from "./applications.service";
export { performApplicationAction } from "./applications.workflow";
export { archiveDocsOfSite, archiveSearchDoc, syncArchiveInIndex } from "./archive/archive.search";
export { feeForNthInMonth, feeForPages } from "./fees";
export { OUTCOME_LABELS } from "./letters/letter.outcomes";
