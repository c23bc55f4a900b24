// Row types of the applicant-files table (migration 0009).
export interface ApplicationFileTable {
  id: string;
  application_id: string;
  position: number;
  /** The original name (sanitised), encrypted like the other personal fields. */
  filename_enc: string;
  /** Decided from the content, never from the client. */
  mime: string;
  /** The size of the clear file. */
  size: number;
  /** Storage address: the SHA-256 of the encrypted bytes. */
  blob_sha256: string;
  source: "applicant" | "office";
  created_by: string;
  created_at: string;
}

export interface ApplicationFileTables {
  application_files: ApplicationFileTable;
}
