import type { Selectable } from "kysely";
import type { Executor } from "../../../deps";
import type { ApplicationDocumentTable } from "./documents.tables";

export type DocumentRow = Selectable<ApplicationDocumentTable>;
export type DocumentMeta = Omit<DocumentRow, "extracted_text" | "masked_text">;

const META = [
  "id",
  "application_id",
  "position",
  "filename",
  "mime",
  "size",
  "sha256",
  "blob_sha256",
  "masked_blob_sha256",
  "masked_sha256",
  "masked_size",
  "findings",
  "created_by",
  "created_at",
] as const;

const normMeta = <T extends DocumentMeta>(r: T): T => ({
  ...r,
  position: Number(r.position),
  size: Number(r.size),
  masked_size: r.masked_size === null ? null : Number(r.masked_size),
});

type MaskedColumns = "masked_blob_sha256" | "masked_sha256" | "masked_size";

/** A row; the masked-file columns may be left out (a document stored with its masked text only). */
export async function insertDocument(
  db: Executor,
  row: Omit<DocumentRow, MaskedColumns> & Partial<Pick<DocumentRow, MaskedColumns>>,
): Promise<void> {
  await db.insertInto("application_documents").values(row).execute();
}

export async function listDocumentMeta(db: Executor, applicationId: string): Promise<DocumentMeta[]> {
  const rows = await db
    .selectFrom("application_documents")
    .select(META)
    .where("application_id", "=", applicationId)
    .orderBy("position")
    .orderBy("id")
    .execute();
  return rows.map(normMeta);
}

export async function findDocument(
  db: Executor,
  applicationId: string,
  id: string,
): Promise<DocumentRow | undefined> {
  const r = await db
    .selectFrom("application_documents")
    .select([...META, "extracted_text", "masked_text"])
    .where("application_id", "=", applicationId)
    .where("id", "=", id)
    .executeTakeFirst();
  return r && normMeta(r);
}

export async function documentStats(
  db: Executor,
  applicationId: string,
): Promise<{ count: number; next: number }> {
  const r = await db
    .selectFrom("application_documents")
    .select((eb) => [eb.fn.countAll<number>().as("n"), eb.fn.max("position").as("maxPos")])
    .where("application_id", "=", applicationId)
    .executeTakeFirstOrThrow();
  const max = r.maxPos === null || r.maxPos === undefined ? -1 : Number(r.maxPos);
  return { count: Number(r.n), next: max + 1 };
}

export async function deleteDocument(db: Executor, applicationId: string, id: string): Promise<void> {
  await db
    .deleteFrom("application_documents")
    .where("application_id", "=", applicationId)
    .where("id", "=", id)
    .execute();
}

export async function countBlobReferences(db: Executor, sha256: string): Promise<number> {
  const r = await db
    .selectFrom("application_documents")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("sha256", "=", sha256)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
