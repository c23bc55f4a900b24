export { normaliseDocNumber } from "./doc-number";
export { type ItemMongolian, itemMongolian, type MongolianProvider, provideItemMongolian } from "./mn-port";
export { invalidateItemPages } from "./page-cache";
export { authoriseItem, itemNotFound, mayViewItem } from "./publishing.policy";
export { isPublic, publicUrl } from "./publishing.present";
export {
  applyItemFilter,
  findItem,
  findItemsByIds,
  type ItemFilter,
  type ItemRow,
  isFourEyesRelaxed,
  lockItem,
  versionsOf,
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
export { htmlToText, toSafeHtml } from "./rich-text";
export { ART26_LIMIT } from "./timeliness";
export { writeValidity } from "./workflow.service";
