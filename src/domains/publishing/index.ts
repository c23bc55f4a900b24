export type { ItemRow } from "./publishing.repo";
export { registerPublishingRoutes } from "./publishing.routes";
export { ITEM_KINDS, type ItemKind, KIND_LABELS } from "./publishing.schemas";
export { createItem, performAction, publishDueItems, setValidity, updateDraft } from "./publishing.service";
