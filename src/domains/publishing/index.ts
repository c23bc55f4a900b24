export { normaliseDocNumber } from "./doc-number";
export { invalidateItemPages } from "./page-cache";
export {
  applyItemFilter,
  findItem,
  findItemsByIds,
  type ItemFilter,
  type ItemRow,
  lockItem,
} from "./publishing.repo";
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
export { type ReleaseHook, registerReleaseHook } from "./release-hooks";
export { ART26_LIMIT } from "./timeliness";
export { writeValidity } from "./workflow.service";
