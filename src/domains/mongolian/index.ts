export { registerMongolianRoutes } from "./mongolian.routes";
export { MN_STATUS_LABELS } from "./mongolian.schemas";
export { actOnMn, getMnState, itemSourceSha, saveMnDraft } from "./mongolian.service";
export type { MnSubjectType, MongolianTables } from "./mongolian.tables";
