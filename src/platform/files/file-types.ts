// The kinds of file the platform accepts, decided by content (sniff.ts), never by the client.
// `inline`: may be shown in the browser. PDFs are not: a viewer may run what is in them, so they download.
// `text`: its text can be extracted (extract.ts) for review and search.

export const FILE_TYPES = {
  pdf: { mime: "application/pdf", exts: ["pdf"], label: "PDF", inline: false, text: true },
  docx: {
    mime: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    exts: ["docx"],
    label: "Word",
    inline: false,
    text: true,
  },
  xlsx: {
    mime: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    exts: ["xlsx"],
    label: "Excel",
    inline: false,
    text: true,
  },
  // Legacy binary Office files are accepted, but no text is extracted from them (no parser installed).
  doc: { mime: "application/msword", exts: ["doc"], label: "Word 97-2003", inline: false, text: false },
  xls: {
    mime: "application/vnd.ms-excel",
    exts: ["xls"],
    label: "Excel 97-2003",
    inline: false,
    text: false,
  },
  png: { mime: "image/png", exts: ["png"], label: "PNG", inline: true, text: false },
  jpeg: { mime: "image/jpeg", exts: ["jpg", "jpeg"], label: "JPEG", inline: true, text: false },
  gif: { mime: "image/gif", exts: ["gif"], label: "GIF", inline: true, text: false },
  webp: { mime: "image/webp", exts: ["webp"], label: "WebP", inline: true, text: false },
} as const;

export type FileType = keyof typeof FILE_TYPES;
export const ACCEPTED_EXTENSIONS: readonly string[] = Object.values(FILE_TYPES).flatMap((t) => t.exts);

const BY_MIME = new Map<string, FileType>(
  (Object.keys(FILE_TYPES) as FileType[]).map((k) => [FILE_TYPES[k].mime, k]),
);
export const typeOfMime = (mime: string): FileType | undefined => BY_MIME.get(mime);

/** Whether a stored file of this MIME type may be shown inline; anything unknown downloads. */
export const servesInline = (mime: string): boolean => {
  const t = typeOfMime(mime);
  return t ? FILE_TYPES[t].inline : false;
};

/** `<name>（去标识化）.docx`: a masked file keeps its format and its extension. */
export const maskedFileName = (filename: string): string => {
  const ext = /\.[^.]+$/.exec(filename)?.[0] ?? "";
  return `${filename.slice(0, filename.length - ext.length)}（去标识化）${ext}`;
};

export const isZipType = (t: FileType): t is "docx" | "xlsx" => t === "docx" || t === "xlsx";
