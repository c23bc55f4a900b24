// Row types of the released-documents table (migration 0008).
export interface ApplicationDocumentTable {
  id: string;
  application_id: string;
  position: number;
  /** The original name, sanitised for display and for Content-Disposition. */
  filename: string;
  /** Decided from the content (platform/files/sniff.ts), never from the client. */
  mime: string;
  size: number;
  /** The fingerprint of the clear file. */
  sha256: string;
  /** Storage address of the encrypted original (migration 0012); null for rows stored in clear before it. */
  blob_sha256: string | null;
  /** The extracted text, encrypted (encryptField) since migration 0012. */
  extracted_text: string | null;
  /** The de-identified text: the only form the applicant receives. */
  masked_text: string | null;
  /** The masked file in its own format (migration 0018), encrypted: blob address of the ciphertext. */
  masked_blob_sha256: string | null;
  /** Fingerprint and size of the clear masked file: what the applicant downloads. */
  masked_sha256: string | null;
  masked_size: number | null;
  /** JSON `{ kind: count }` of what was masked; no personal data. */
  findings: string;
  created_by: string;
  created_at: string;
}

export interface ApplicationDocumentTables {
  application_documents: ApplicationDocumentTable;
}
