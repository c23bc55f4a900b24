export { applyItemFilter, type ItemFilter, type ItemRow } from "./publishing.repo";
export { registerPublishingRoutes } from "./publishing.routes";
export { ITEM_KINDS, type ItemKind, KIND_LABELS, VALIDITIES } from "./publishing.schemas";
export {
  findUnpublishedItems,
  itemDocType,
  itemSearchDocs,
  publishedItemDocs,
  syncItemsInIndex,
} from "./publishing.search";
export { createItem, performAction, publishDueItems, setValidity, updateDraft } from "./publishing.service";
