import { sha256Hex } from "../../platform/crypto";

// The published content of an item, serialised the same way forever (docs/integrity.md, "content hash v1").
// Migration 0021 backfills with it: a new serialisation is a new version beside this one, never an edit.

/** What the hash covers: the fields a reader sees as the publication, and the published files. */
export interface CanonicalItemInput {
  id: string;
  kind: string;
  title: string;
  title_mn: string | null;
  doc_number: string | null;
  index_number: string | null;
  formed_on: string;
  published_at: string | null;
  body_html: string;
  body_mn_html: string | null;
}

/** What decides an attachment's published file (attachments.service.ts, listPublicAttachments). */
export interface CanonicalAttachmentInput {
  position: number;
  sha256: string;
  masked_sha256: string | null;
  masked_text: string | null;
}

/**
 * The SHA-256 of the file the public downloads: the masked file where there is one; else, for an attachment
 * masked as text only, the UTF-8 text file with a BOM that the download serves (maskedDownload); else the
 * original. The original of a masked attachment was never published.
 */
export function publishedFileSha(a: Omit<CanonicalAttachmentInput, "position">): string {
  if (a.masked_sha256) return a.masked_sha256;
  if (a.masked_text != null) return sha256Hex(Buffer.from(`\ufeff${a.masked_text}`, "utf8"));
  return a.sha256;
}

/** The published files' hashes in the attachments' order: what the content hash and the chain list. */
export const publishedFileShas = (attachments: CanonicalAttachmentInput[]): string[] =>
  [...attachments].sort((a, b) => a.position - b.position).map(publishedFileSha);

/**
 * The canonical document (v1): a JSON object with keys in code-point order, no whitespace, strings as
 * JSON.stringify writes them, UTF-8. `jq -cjS` writes the same bytes for the same object.
 */
export function canonicalContentV1(item: CanonicalItemInput, attachmentShas: string[]): string {
  return JSON.stringify({
    attachments: attachmentShas,
    body_html: item.body_html,
    body_mn_html: item.body_mn_html,
    doc_number: item.doc_number,
    formed_on: item.formed_on,
    id: item.id,
    index_number: item.index_number,
    kind: item.kind,
    published_at: item.published_at,
    title: item.title,
    title_mn: item.title_mn,
    v: 1,
  });
}

export const contentSha256V1 = (item: CanonicalItemInput, attachmentShas: string[]): string =>
  sha256Hex(Buffer.from(canonicalContentV1(item, attachmentShas), "utf8"));

/** Everything stored as canonical JSON here (chain records) uses the same rule: sorted keys, no whitespace. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(",")}}`;
}
