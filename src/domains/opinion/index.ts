// Public-opinion response (舆情回应), early warning and 12345 supervision (issue 17): what other code may use.
export { registerOpinionRoutes } from "./opinion.routes";
export { scanAllSites, scanSite } from "./opinion.scan";
export type { OpinionTables } from "./opinion.tables";
