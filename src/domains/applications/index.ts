export { registerApplicationRoutes } from "./applications.routes";
export { getApplicationForStaff, submitOnline, trackApplication } from "./applications.service";
export { performApplicationAction } from "./applications.workflow";
export { archiveDocsOfSite, archiveSearchDoc, syncArchiveInIndex } from "./archive/archive.search";
export { feeForNthInMonth, feeForPages } from "./fees";
