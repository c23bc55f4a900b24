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
  "findings",
  "created_by",
  "created_at",
] as const;

const normMeta = <T extends DocumentMeta>(r: T): T => ({
  ...r,
  position: Number(r.position),
  size: Number(r.size),
});

export async function insertDocument(db: Executor, row: DocumentRow): Promise<void> {
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
