// Writing the index: upsert replaces a document by (type, id) and skips one whose fingerprint is unchanged;
// remove deletes. Batched (a reindex writes hundreds of thousands), in the caller's transaction.
import type { Executor } from "../../db/executor";
import type { Clock } from "../time";
import { canonicalDocNumber, docStreams, fingerprintDoc, naturalKey, publicationYear } from "./doc-tokens";
import type { Engine } from "./engines";
import type { SearchDoc } from "./search.types";

/** Rows per statement (18 columns: well under SQLite's 32,766 bound parameters). */
const BATCH = 200;

function batches<T>(list: T[], size = BATCH): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

/** Index rows of these records, by `type:id`. */
async function existing(
  trx: Executor,
  refs: { type: string; id: string }[],
): Promise<Map<string, { doc_key: number; fingerprint: string }>> {
  const found = new Map<string, { doc_key: number; fingerprint: string }>();
  const byType = new Map<string, string[]>();
  for (const r of refs) byType.set(r.type, [...(byType.get(r.type) ?? []), r.id]);
  for (const [type, ids] of byType) {
    for (const part of batches([...new Set(ids)], 500)) {
      const rows = await trx
        .selectFrom("search_docs")
        .select(["id", "doc_key", "fingerprint"])
        .where("type", "=", type)
        .where("id", "in", part)
        .execute();
      for (const r of rows)
        found.set(`${type}:${r.id}`, { doc_key: Number(r.doc_key), fingerprint: r.fingerprint });
    }
  }
  return found;
}

async function removeKeys(engine: Engine, trx: Executor, keys: number[]): Promise<void> {
  for (const part of batches(keys, 500)) {
    await engine.remove(trx, part);
    await trx.deleteFrom("search_docs").where("doc_key", "in", part).execute();
  }
}

async function keyTaken(trx: Executor, key: number): Promise<boolean> {
  return !!(await trx
    .selectFrom("search_docs")
    .select("doc_key")
    .where("doc_key", "=", key)
    .executeTakeFirst());
}

export async function upsertDocs(
  engine: Engine,
  clock: Clock,
  trx: Executor,
  input: SearchDoc[],
): Promise<void> {
  // The last version of a record in the batch wins.
  const docs = [...new Map(input.map((d) => [`${d.type}:${d.id}`, d])).values()];
  if (!docs.length) return;
  const old = await existing(trx, docs);
  const changed = docs
    .map((doc) => ({ doc, fingerprint: fingerprintDoc(doc) }))
    .filter(({ doc, fingerprint }) => old.get(`${doc.type}:${doc.id}`)?.fingerprint !== fingerprint);
  if (!changed.length) return;
  await removeKeys(
    engine,
    trx,
    changed.flatMap(({ doc }) => {
      const o = old.get(`${doc.type}:${doc.id}`);
      return o ? [o.doc_key] : [];
    }),
  );
  // Keys: the natural key, or the next free one when two records share a second and a hash (rare; the same
  // history gives the same keys on both engines).
  const natural = changed.map(({ doc }) => naturalKey(doc));
  const taken = new Set<number>();
  for (const part of batches(natural, 500)) {
    const rows = await trx.selectFrom("search_docs").select("doc_key").where("doc_key", "in", part).execute();
    for (const r of rows) taken.add(Number(r.doc_key));
  }
  const checked = new Set(natural);
  const keys: number[] = [];
  for (let k of natural) {
    while (taken.has(k) || (!checked.has(k) && (await keyTaken(trx, k)))) {
      k++;
    }
    taken.add(k);
    keys.push(k);
  }
  // The injected clock (deps.clock), like every other timestamp: tests and replays see their own time.
  const now = clock.now().toISOString();
  const rows = changed.map(({ doc, fingerprint }, i) => ({
    doc_key: keys[i]!,
    type: doc.type,
    id: doc.id,
    site_id: doc.siteId,
    org_id: doc.orgId,
    title: doc.title,
    body: doc.body,
    doc_number: doc.docNumber,
    doc_number_key: canonicalDocNumber(doc.docNumber),
    kind: doc.kind,
    catalog_node_ids: [...new Set(doc.catalogNodeIds)].sort().join("|"),
    published_at: doc.publishedAt,
    pub_year: publicationYear(doc.publishedAt),
    validity: doc.validity,
    url: doc.url,
    visibility: doc.visibility,
    fingerprint,
    indexed_at: now,
  }));
  for (const part of batches(rows)) await trx.insertInto("search_docs").values(part).execute();
  const entries = changed.map(({ doc }, i) => ({ key: keys[i]!, streams: docStreams(doc) }));
  for (const part of batches(entries, 100)) await engine.insert(trx, part);
}

export async function removeDocs(
  engine: Engine,
  trx: Executor,
  refs: { type: string; id: string }[],
): Promise<void> {
  const old = await existing(trx, refs);
  await removeKeys(
    engine,
    trx,
    [...old.values()].map((o) => o.doc_key),
  );
}
