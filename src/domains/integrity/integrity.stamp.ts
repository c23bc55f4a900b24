import type { Executor } from "../../db/executor";
import { contentSha256V1, publishedFileSha, publishedFileShas } from "./integrity.canonical";
import * as repo from "./integrity.repo";

/** The content hash of an item as it is now in the database (canonical serialisation v1). */
export async function computeContentSha(db: Executor, itemId: string): Promise<string | undefined> {
  const item = await repo.findHashedItem(db, itemId);
  if (!item) return undefined;
  const attachments = (await repo.attachmentsOf(db, [itemId])).get(itemId) ?? [];
  return contentSha256V1(item, publishedFileShas(attachments));
}

/**
 * Records what is published, in the publishing transaction after the row is updated: each attachment's
 * published file hash (published_files) and the content hash (items.content_sha256).
 */
export async function stampContentHash(trx: Executor, itemId: string): Promise<string> {
  const item = await repo.findHashedItem(trx, itemId);
  if (!item) throw new Error(`item ${itemId} vanished inside its publishing transaction`);
  const attachments = [...((await repo.attachmentsOf(trx, [itemId])).get(itemId) ?? [])].sort(
    (a, b) => a.position - b.position,
  );
  const files = attachments.map((a) => ({
    attachment_id: a.id,
    item_id: itemId,
    position: a.position,
    sha256: publishedFileSha(a),
  }));
  await repo.replacePublishedFiles(trx, itemId, files);
  const sha = contentSha256V1(
    item,
    files.map((f) => f.sha256),
  );
  await repo.setContentSha(trx, itemId, sha);
  return sha;
}
