export { type MnKind, type MnSource, registerMnKind } from "./mongolian.kinds";
export { MnHeading, mnPageTitle, type PublicMn, publicMnOf } from "./mongolian.public";
export { registerMnSubject, registerMongolianRoutes } from "./mongolian.routes";
export { MN_STATUS_LABELS } from "./mongolian.schemas";
export { syncMnInIndex } from "./mongolian.search";
export { actOnMn, getMnState, saveMnDraft } from "./mongolian.service";
export { itemSourceSha } from "./mongolian.subjects";
export type { MnSubjectType, MongolianTables } from "./mongolian.tables";
export { approvedMnTitles, MnRowTitle, mnTitlesFor } from "./mongolian.titles";
