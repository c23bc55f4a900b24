// What other domains may import from review. Review imports nothing from publishing: publishing provides the
// items port (review.port.ts) when it registers its routes.
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
