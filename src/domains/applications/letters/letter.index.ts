// Reply letters (告知书) for applications: default templates, filling, and Word/PDF rendering.
export { LETTER_LAYOUT, type Letter, type Letterhead, letterheadPointSize } from "./letter.layout";
export {
  isLetterKind,
  isReplyOutcome,
  LETTER_KINDS,
  type LetterKind,
  NOTICE_KINDS,
  type NoticeKind,
  OUTCOME_LABELS,
  OUTCOME_REPORT_ROWS,
  REPLY_OUTCOMES,
  type ReplyOutcome,
} from "./letter.outcomes";
export type { FontFace, PdfFontOptions } from "./letter.pdf";
export { preloadLetterFonts } from "./letter.pdf";
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
  reviewRightsText,
  type TemplateParagraph,
} from "./letter.templates";
