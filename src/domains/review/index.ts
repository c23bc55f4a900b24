// What other domains may import from review. Review imports nothing from publishing: publishing provides the
// items port (review.port.ts) when it registers its routes.

// The wording engine alone (site health scans published pages for 严重表述错误).
export { scanRaw } from "./engine/scan";
export {
  type MaskedFile,
  provideReviewItems,
  type ReviewedAttachment,
  type ReviewedItem,
  type ReviewItems,
} from "./review.port";
export {
  assertReviewClear,
  findingsForItem,
  getReviewSettings,
  saveReviewSettings,
  scanItem,
  scanOptionsFor,
} from "./review.service";
export { ReviewPanel } from "./review.views";
