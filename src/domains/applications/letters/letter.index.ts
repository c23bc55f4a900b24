// Reply letters (告知书) for applications: default templates, filling, and Word/PDF rendering.
export { LETTER_LAYOUT, type Letter, type Letterhead, letterheadPointSize } from "./letter.layout";
export {
  isLetterKind,
  isReplyOutcome,
  isWithholdGround,
  LETTER_KINDS,
  type LetterKind,
  NOTICE_KINDS,
  type NoticeKind,
  OUTCOME_LABELS,
  OUTCOME_REPORT_ROWS,
  REPLY_OUTCOMES,
  type ReplyOutcome,
  WITHHOLD_GROUNDS,
  type WithholdGround,
} from "./letter.outcomes";
export type { FontFace, PdfFontOptions } from "./letter.pdf";
export { preloadLetterFonts } from "./letter.pdf";
export {
  isReviewRoute,
  parentGovernmentMissing,
  partialLegalBasis,
  REVIEW_ROUTE_LABELS,
  REVIEW_ROUTES,
  type RemedyKind,
  type ReplyingOrgan,
  type ReviewContext,
  type ReviewRoute,
  remediesText,
  remedyKindOf,
  reviewBodies,
  reviewRightsText,
  WITHHOLD_GROUND_ARTICLES,
} from "./letter.remedies";
export {
  fillTemplate,
  formatChineseDate,
  type LetterValues,
  placeholdersIn,
  renderLetterDocx,
  renderLetterPdf,
  validateTemplate,
} from "./letter.render";
export {
  DEFAULT_LETTER_TEMPLATES,
  formatDocNumber,
  type LetterTemplate,
  PLACEHOLDERS,
  type Placeholder,
  type TemplateParagraph,
} from "./letter.templates";
