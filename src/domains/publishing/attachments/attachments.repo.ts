import type { Selectable } from "kysely";
import type { Executor } from "../../../deps";
import type { ItemAttachmentTable } from "./attachments.tables";

export type AttachmentRow = Selectable<ItemAttachmentTable>;
/** A row without its (possibly long) texts: what lists and downloads need. */
export type AttachmentMeta = Omit<AttachmentRow, "extracted_text" | "masked_text">;

const META_COLUMNS = [
  "id",
  "item_id",
  "position",
  "filename",
  "mime",
  "size",
  "sha256",
  "masked_sha256",
  "masked_size",
  "extract_error",
  "created_by",
  "created_at",
] as const;

const normMeta = <T extends AttachmentMeta>(r: T): T => ({
  ...r,
  position: Number(r.position),
  size: Number(r.size),
  masked_size: r.masked_size === null ? null : Number(r.masked_size),
});

export async function insertAttachments(db: Executor, rows: AttachmentRow[]): Promise<void> {
  if (rows.length) await db.insertInto("item_attachments").values(rows).execute();
}

export async function listAttachmentMeta(db: Executor, itemId: string): Promise<AttachmentMeta[]> {
  const rows = await db
    .selectFrom("item_attachments")
    .select(META_COLUMNS)
    .where("item_id", "=", itemId)
    .orderBy("position")
    .orderBy("id")
    .execute();
  return rows.map(normMeta);
}

export async function listAttachmentRows(db: Executor, itemId: string): Promise<AttachmentRow[]> {
  const rows = await db
    .selectFrom("item_attachments")
    .select([...META_COLUMNS, "extracted_text", "masked_text"])
    .where("item_id", "=", itemId)
    .orderBy("position")
    .orderBy("id")
    .execute();
  return rows.map(normMeta);
}

export async function findAttachmentMeta(
  db: Executor,
  itemId: string,
  id: string,
): Promise<AttachmentMeta | undefined> {
  const r = await db
    .selectFrom("item_attachments")
    .select(META_COLUMNS)
    .where("item_id", "=", itemId)
    .where("id", "=", id)
    .executeTakeFirst();
  return r && normMeta(r);
}

export async function findAttachmentRow(
  db: Executor,
  itemId: string,
  id: string,
): Promise<AttachmentRow | undefined> {
  const r = await db
    .selectFrom("item_attachments")
    .select([...META_COLUMNS, "extracted_text", "masked_text"])
    .where("item_id", "=", itemId)
    .where("id", "=", id)
    .executeTakeFirst();
  return r && normMeta(r);
}

/** How many attachments an item has, and the next free position. */
export async function attachmentStats(
  db: Executor,
  itemId: string,
): Promise<{ count: number; next: number }> {
  const r = await db
    .selectFrom("item_attachments")
    .select((eb) => [eb.fn.countAll<number>().as("n"), eb.fn.max("position").as("max")])
    .where("item_id", "=", itemId)
    .executeTakeFirstOrThrow();
  return { count: Number(r.n), next: r.max === null ? 1 : Number(r.max) + 1 };
}

export async function deleteAttachment(db: Executor, itemId: string, id: string): Promise<void> {
  await db.deleteFrom("item_attachments").where("item_id", "=", itemId).where("id", "=", id).execute();
}

/** Rows (on any item) naming this blob: a blob with none left may be deleted from storage. */
export async function countBlobReferences(db: Executor, sha256: string): Promise<number> {
  const r = await db
    .selectFrom("item_attachments")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where((eb) => eb.or([eb("sha256", "=", sha256), eb("masked_sha256", "=", sha256)]))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function setMaskedText(db: Executor, id: string, masked: string | null): Promise<void> {
  await db.updateTable("item_attachments").set({ masked_text: masked }).where("id", "=", id).execute();
}

/** The de-identified copy of an attachment: its text and, for Word, Excel and PDF, the masked file. */
export async function setMasked(
  db: Executor,
  id: string,
  masked: { text: string | null; sha256: string | null; size: number | null },
): Promise<void> {
  await db
    .updateTable("item_attachments")
    .set({ masked_text: masked.text, masked_sha256: masked.sha256, masked_size: masked.size })
    .where("id", "=", id)
    .execute();
}
