// What of the publishing domain the site search finds (issue 12): published items and interpretations, by
// their public text (the body as published, masked where 保密审查 masked it; the attachments' masked text
// where one was kept, else their extracted text), and the Art. 44 entries whose item is published.
// `syncItemsInIndex` runs inside the transaction that publishes, supersedes or withdraws, so the index never
// shows a withdrawn or superseded version. Drafts are not indexed: staff search reads them directly.
import type { Deps, Executor } from "../../deps";
import { docNumberKey, getSearchIndex } from "../../platform/search";
import type { SearchDoc } from "../../platform/search/search.types";
import { syncMongolianIndex } from "./mn-port";
import * as repo from "./publishing.repo";

type ItemRow = repo.ItemRow;

/** Public attachment texts can be long (a scanned annex); the index keeps this much of each item's text. */
const MAX_BODY_CHARS = 200_000;

export const itemDocType = (item: Pick<ItemRow, "kind">) =>
  item.kind === "interpretation" ? "interpretation" : "item";

async function attachmentTextsOf(db: Executor, itemIds: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (itemIds.length === 0) return out;
  const rows = await db
    .selectFrom("item_attachments")
    .select(["item_id", "filename", "extracted_text", "masked_text", "position"])
    .where("item_id", "in", itemIds)
    .orderBy("item_id")
    .orderBy("position")
    .execute();
  for (const r of rows) {
    const text = r.masked_text ?? r.extracted_text ?? "";
    const list = out.get(r.item_id) ?? [];
    list.push(`${r.filename}\n${text}`);
    out.set(r.item_id, list);
  }
  return out;
}

/** Art. 44 decisions that included the information in proactive disclosure, by the item they made. */
async function art44Of(db: Executor, itemIds: string[]) {
  if (itemIds.length === 0) return [];
  return db
    .selectFrom("application_repeat_decisions")
    .select(["id", "site_id", "title", "reason", "org_id", "item_id", "decided_at"])
    .where("decision", "=", "include")
    .where("item_id", "in", itemIds)
    .execute();
}

/** The search documents of published items (and of their Art. 44 entries); other statuses give none. */
export async function itemSearchDocs(db: Executor, items: ItemRow[]): Promise<SearchDoc[]> {
  const published = items.filter((i) => i.status === "published");
  const ids = published.map((i) => i.id);
  const [texts, nodes, decisions] = await Promise.all([
    attachmentTextsOf(db, ids),
    repo.nodesOf(db, ids),
    art44Of(db, ids),
  ]);
  const docs: SearchDoc[] = published.map((i) => ({
    type: itemDocType(i),
    id: i.id,
    siteId: i.site_id,
    orgId: i.org_id,
    title: i.title,
    body: [i.summary ?? "", i.keywords ?? "", i.topic ?? "", i.body_text, ...(texts.get(i.id) ?? [])]
      .filter(Boolean)
      .join("\n")
      .slice(0, MAX_BODY_CHARS),
    docNumber: i.doc_number,
    kind: i.kind,
    catalogNodeIds: nodes.get(i.id) ?? [],
    publishedAt: i.published_at,
    validity: i.validity,
    url: `/gk/items/${i.id}`,
    visibility: "public",
  }));
  const byId = new Map(published.map((i) => [i.id, i]));
  for (const d of decisions) {
    const item = byId.get(d.item_id!)!;
    docs.push({
      type: "art44",
      id: d.id,
      siteId: d.site_id,
      orgId: d.org_id ?? item.org_id,
      title: item.title,
      body: [d.title, d.reason ?? ""].filter(Boolean).join("\n"),
      docNumber: null,
      kind: null,
      catalogNodeIds: [],
      publishedAt: item.published_at,
      validity: null,
      url: "/hd/repeated",
      visibility: "public",
    });
  }
  return docs;
}

/**
 * Brings the index in line with these items as they now stand in `trx`: a published one is (re)written, any
 * other status (superseded, withdrawn, back to draft) is removed, with the Art. 44 entries made from it.
 */
export async function syncItemsInIndex(
  deps: Pick<Deps, "db" | "clock">,
  trx: Executor,
  ids: string[],
): Promise<void> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return;
  const items = await repo.findItemsByIds(trx, unique);
  const docs = await itemSearchDocs(trx, items);
  const index = getSearchIndex(deps.db, deps.clock);
  const kept = new Set(docs.map((d) => `${d.type}:${d.id}`));
  const gone: { type: string; id: string }[] = [];
  for (const i of items)
    if (!kept.has(`${itemDocType(i)}:${i.id}`)) gone.push({ type: itemDocType(i), id: i.id });
  const unpublished = items.filter((i) => i.status !== "published").map((i) => i.id);
  for (const d of await art44Of(trx, unpublished)) gone.push({ type: "art44", id: d.id });
  if (gone.length) await index.removeDocs(trx, gone);
  if (docs.length) await index.upsertDocs(trx, docs);
  // Their approved Mongolian versions follow (src/domains/mongolian, through mn-port.ts).
  await syncMongolianIndex(deps, trx, items);
}

/** Published items of a site in pages of `size`, oldest id first (reindex and the health check). */
export async function* publishedItemDocs(
  db: Executor,
  siteId: string,
  size = 200,
): AsyncIterable<SearchDoc[]> {
  let after = "";
  for (;;) {
    const rows = await db
      .selectFrom("items")
      .select("id")
      .where("site_id", "=", siteId)
      .where("status", "=", "published")
      .where("id", ">", after)
      .orderBy("id")
      .limit(size)
      .execute();
    if (rows.length === 0) return;
    after = rows.at(-1)!.id;
    yield itemSearchDocs(
      db,
      await repo.findItemsByIds(
        db,
        rows.map((r) => r.id),
      ),
    );
    if (rows.length < size) return;
  }
}

/** Staff search over what is not published yet: the items in `orgIds` not yet public, matched on every term. */
export async function findUnpublishedItems(
  db: Executor,
  f: { siteId: string; orgIds: string[]; terms: string[]; limit: number },
): Promise<ItemRow[]> {
  if (f.orgIds.length === 0 || f.terms.length === 0) return [];
  let q = db
    .selectFrom("items")
    .select("id")
    .where("site_id", "=", f.siteId)
    .where("org_id", "in", f.orgIds)
    .where("status", "in", ["draft", "submitted", "reviewed", "signed", "scheduled"]);
  for (const term of f.terms) {
    // Wildcards are dropped rather than escaped: LIKE escapes differ between the engines.
    const like = `%${term.replace(/[\\%_]/g, "")}%`;
    // A 文号 typed with any bracket matches the number as stored (canonical 〔〕 form).
    const docNumber = docNumberKey(term)?.canonical;
    q = q.where((eb) =>
      eb.or([
        eb("title", "like", like),
        eb("body_text", "like", like),
        eb("doc_number", "like", like),
        ...(docNumber ? [eb("doc_number", "=", docNumber)] : []),
      ]),
    );
  }
  const rows = await q.orderBy("updated_at", "desc").orderBy("id", "desc").limit(f.limit).execute();
  const found = new Map(
    (
      await repo.findItemsByIds(
        db,
        rows.map((r) => r.id),
      )
    ).map((i) => [i.id, i]),
  );
  return rows.flatMap((r) => (found.has(r.id) ? [found.get(r.id)!] : []));
}
