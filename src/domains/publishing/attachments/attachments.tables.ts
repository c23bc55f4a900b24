// Row types of the attachment table (migration 0005).
export interface ItemAttachmentTable {
  id: string;
  item_id: string;
  position: number;
  /** The original name, sanitised for display and for Content-Disposition. */
  filename: string;
  /** Decided from the content (platform/files/sniff.ts), never from the client. */
  mime: string;
  size: number;
  sha256: string;
  extracted_text: string | null;
  /** Why the text is missing or incomplete; the upload itself succeeded. */
  extract_error: string | null;
  masked_text: string | null;
  /** The masked file in the attachment's own format (migration 0018): what the public downloads. */
  masked_sha256: string | null;
  masked_size: number | null;
  created_by: string;
  created_at: string;
}

export interface AttachmentTables {
  item_attachments: ItemAttachmentTable;
}
