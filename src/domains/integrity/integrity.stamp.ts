import type { Executor } from "../../db/executor";
import { contentSha256V1 } from "./integrity.canonical";
import * as repo from "./integrity.repo";

/** The content hash of an item as it is now in the database (canonical serialisation v1). */
export async function computeContentSha(db: Executor, itemId: string): Promise<string | undefined> {
  const item = await repo.findHashedItem(db, itemId);
  if (!item) return undefined;
  const attachments = (await repo.attachmentsOf(db, [itemId])).get(itemId) ?? [];
  return contentSha256V1(item, attachments);
}

/** Sets items.content_sha256 from the published row: called in the publishing transaction, after the update. */
export async function stampContentHash(trx: Executor, itemId: string): Promise<string> {
  const sha = await computeContentSha(trx, itemId);
  if (!sha) throw new Error(`item ${itemId} vanished inside its publishing transaction`);
  await repo.setContentSha(trx, itemId, sha);
  return sha;
}
