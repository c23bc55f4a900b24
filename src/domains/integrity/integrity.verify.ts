import { createHash } from "node:crypto";
import type { Readable } from "node:stream";
import type { Deps } from "../../deps";
import { AppError } from "../../platform/errors";
import { attachmentsArePublic, publicAttachmentUrl } from "../publishing/attachments";
import * as repo from "./integrity.repo";

/** The largest file the verify page hashes (larger than any attachment, which is capped at 20 MB). */
export const VERIFY_MAX_BYTES = 50 * 1024 * 1024;

export const INVALID_SHA256 = "请输入 64 位十六进制字符组成的 SHA-256 值（0-9、a-f）。";

/** A SHA-256 as typed or pasted: surrounding spaces and upper case are fine; anything else is a 400. */
export function parseSha256(input: string | undefined): string {
  const v = (input ?? "").trim().toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(v))
    throw new AppError("invalid_sha256", 400, INVALID_SHA256, [
      { field: "sha256", code: "invalid_sha256", message: INVALID_SHA256 },
    ]);
  return v;
}

export interface VerifyMatch {
  /** "item": the content hash of a publication; "attachment": the hash of a published file; "gazette": the
   * authoritative file of a released gazette issue (registered by the gazette domain, addVerifySource). */
  type: "item" | "attachment" | "gazette";
  id: string;
  title: string;
  url: string;
  published_at: string | null;
  /** published, superseded (a later version replaced it) or withdrawn (no longer public, once published). */
  status: string;
  item_id: string;
  filename: string | null;
}

export interface VerifyResult {
  found: boolean;
  matches: VerifyMatch[];
}

/** Other domains' published files found by their SHA-256 (the gazette's issues), added as they register. */
type VerifySource = (deps: Pick<Deps, "db">, siteId: string, sha: string) => Promise<VerifyMatch[]>;
const verifySources = new Map<string, VerifySource>();
export function addVerifySource(name: string, source: VerifySource): void {
  verifySources.set(name, source);
}

/** What was published on a site under this SHA-256: items by content hash, attachments by file hash. */
export async function verifySha256(
  deps: Pick<Deps, "db">,
  siteId: string,
  sha: string,
): Promise<VerifyResult> {
  const db = deps.db.kysely;
  const [items, files] = await Promise.all([repo.itemsByContentSha(db, sha), repo.attachmentsBySha(db, sha)]);
  const matches: VerifyMatch[] = [
    ...items
      .filter((i) => i.site_id === siteId)
      .map((i) => ({
        type: "item" as const,
        id: i.id,
        title: i.title,
        url: `/gk/items/${i.id}`,
        published_at: i.published_at,
        status: i.status,
        item_id: i.id,
        filename: null,
      })),
    ...files
      .filter((f) => f.site_id === siteId)
      .map((f) => ({
        type: "attachment" as const,
        id: f.attachment_id,
        title: f.title,
        // A withdrawn item's files are no longer served: its page says so.
        url: attachmentsArePublic(f)
          ? publicAttachmentUrl({ id: f.attachment_id, item_id: f.id, filename: f.filename })
          : `/gk/items/${f.id}`,
        published_at: f.published_at,
        status: f.status,
        item_id: f.id,
        filename: f.filename,
      })),
  ];
  for (const source of verifySources.values()) matches.push(...(await source(deps, siteId, sha)));
  return { found: matches.length > 0, matches };
}

/** Hashes a stream without keeping it; refuses (413) past `maxBytes` once the stream reports truncation. */
export async function hashStream(
  stream: Readable & { truncated?: boolean },
  maxBytes = VERIFY_MAX_BYTES,
): Promise<{ sha256: string; size: number }> {
  const hash = createHash("sha256");
  let size = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= maxBytes) hash.update(chunk);
  }
  if (size > maxBytes || stream.truncated)
    throw new AppError(
      "verify_file_too_large",
      413,
      `文件超过 ${maxBytes / 1024 / 1024} MB，无法核验；可在本地计算其 SHA-256 后粘贴核验。`,
    );
  return { sha256: hash.digest("hex"), size };
}
