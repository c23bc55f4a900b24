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

/** The published file of an attachment: the masked file where there is one, else the original. */
export interface CanonicalAttachmentInput {
  position: number;
  sha256: string;
  masked_sha256: string | null;
}

export const publishedFileSha = (a: Pick<CanonicalAttachmentInput, "sha256" | "masked_sha256">): string =>
  a.masked_sha256 ?? a.sha256;

/**
 * The canonical document (v1): a JSON object with keys in code-point order, no whitespace, strings as
 * JSON.stringify writes them, UTF-8. `jq -cjS` writes the same bytes for the same object.
 */
export function canonicalContentV1(
  item: CanonicalItemInput,
  attachments: CanonicalAttachmentInput[],
): string {
  const files = [...attachments].sort((a, b) => a.position - b.position).map(publishedFileSha);
  return JSON.stringify({
    attachments: files,
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

export const contentSha256V1 = (item: CanonicalItemInput, attachments: CanonicalAttachmentInput[]): string =>
  sha256Hex(Buffer.from(canonicalContentV1(item, attachments), "utf8"));

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
