// What other code may use of item attachments (附件).
export { type CheckedFile, checkIncomingFiles, type IncomingFile } from "./attachments.checks";
export type { AttachmentMeta, AttachmentRow } from "./attachments.repo";
export { registerAttachmentRoutes, registerMultipart } from "./attachments.routes";
export {
  attachmentsArePublic,
  attachmentTexts,
  copyAttachments,
  deleteUnreferencedBlobs,
  insertCheckedAttachments,
  listAttachments,
  listPublicAttachments,
  MAX_FILE_BYTES,
  MAX_FILES_PER_ITEM,
  mayEditAttachments,
  storeMaskedText,
} from "./attachments.service";
export type { AttachmentTables } from "./attachments.tables";
export {
  AttachmentTable,
  AttachmentUploadForm,
  PublicAttachmentList,
  publicAttachmentUrl,
} from "./attachments.views";
