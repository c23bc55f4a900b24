// Published questions and answers (留言选登): an answered, non-private message is published as de-identified
// copies of its title, question and answer — the asker's name and contacts removed and the texts through the
// personal-information engine (platform/pii) — and entered in the site search in the same transaction;
// making it private removes it from both.
import type { Deps, Executor } from "../../deps";
import { decryptField } from "../../platform/crypto";
import type { PageRequest } from "../../platform/paging";
import { maskText, PUBLICATION_MASK_KINDS } from "../../platform/pii";
import { getSearchIndex } from "../../platform/search";
import type { SearchDoc } from "../../platform/search/search.types";
import { loadOrgTree } from "../orgs";
import { messageNotFound } from "./interaction.policy";
import { type MessageType, TYPE_LABELS } from "./interaction.schemas";
import * as repo from "./messages.repo";

export const QA_DOC_TYPE = "qa";
export const QA_PAGE_SIZE = 20;

/** The public address of a published Q&A. */
export const qaUrl = (id: string) => `/hd/messages/${id}`;

/** Hides every occurrence of the asker's own name and contacts (length kept), then the engine's findings. */
export function deIdentify(text: string, own: readonly (string | null)[]): string {
  let out = text;
  for (const v of own) {
    if (v && v.trim().length >= 2) out = out.split(v.trim()).join("＊".repeat([...v.trim()].length));
  }
  // Mistyped ID numbers too: the page says personal information was removed.
  return maskText(out, { maskKinds: PUBLICATION_MASK_KINDS }).text;
}

/** The de-identified copies published for a message. */
export function qaCopiesOf(
  key: Buffer,
  row: Pick<repo.MessageRow, "title" | "body" | "reply_body" | "name_enc" | "phone_enc" | "email_enc"> & {
    follow_up?: string | null;
  },
) {
  const own = [row.name_enc, row.phone_enc, row.email_enc].map((v) => (v ? decryptField(key, v) : null));
  // A follow-up is part of the question the (latest) answer replies to.
  const question = row.follow_up ? `${row.body}\n\n追问：${row.follow_up}` : row.body;
  return {
    qa_title: deIdentify(row.title, own),
    qa_question: deIdentify(question, own),
    qa_answer: deIdentify(row.reply_body ?? "", own),
  };
}

export function qaSearchDoc(r: repo.MessageRow): SearchDoc {
  return {
    type: QA_DOC_TYPE,
    id: r.id,
    siteId: r.site_id,
    orgId: r.reply_org_id,
    title: r.qa_title ?? "",
    body: [r.qa_question ?? "", r.qa_answer ?? ""].filter(Boolean).join("\n"),
    docNumber: null,
    kind: r.type,
    catalogNodeIds: [],
    publishedAt: r.published_at,
    validity: null,
    url: qaUrl(r.id),
    visibility: "public",
  };
}

/** Writes (published and not private) or removes the Q&A in the index, inside the step's transaction. */
export async function syncQaInIndex(deps: Pick<Deps, "db" | "clock">, trx: Executor, row: repo.MessageRow) {
  const index = getSearchIndex(deps.db, deps.clock);
  if (row.published_at && row.private === 0) await index.upsertDocs(trx, [qaSearchDoc(row)]);
  else await index.removeDocs(trx, [{ type: QA_DOC_TYPE, id: row.id }]);
}

/** The published Q&A of a site, in pages (reindex and the health check). */
export async function* qaDocsOfSite(db: Executor, siteId: string, size = 500): AsyncIterable<SearchDoc[]> {
  // By cursor, so the last batch of a long list costs what the first does.
  let req: PageRequest = { size, page: 1 };
  for (;;) {
    const found = await repo.pagePublished(db, { siteId }, req);
    if (found.rows.length) yield found.rows.map(qaSearchDoc);
    if (!found.next) return;
    req = { size, page: found.next.page, cursor: found.next };
  }
}

export const countQa = (db: Executor, siteId: string) => repo.countPublished(db, { siteId });

function qaView(r: repo.MessageRow, orgName: string | null) {
  return {
    id: r.id,
    type: r.type,
    type_label: TYPE_LABELS[r.type as MessageType] ?? r.type,
    title: r.qa_title ?? "",
    question: r.qa_question ?? "",
    answer: r.qa_answer ?? "",
    org_name: orgName,
    asked_on: r.received_on,
    answered_on: r.replied_on,
    published_at: r.published_at,
  };
}

/**
 * The public list (GET /hd/messages): de-identified texts only, newest first, by page number or cursor
 * (src/platform/paging.ts). `total` is exact up to COUNT_CAP; `capped` says there are more.
 */
export async function listPublishedQa(
  deps: Deps,
  siteId: string,
  f: { type?: string; org?: string } = {},
  req: PageRequest = { size: QA_PAGE_SIZE, page: 1 },
) {
  const tree = await loadOrgTree(deps, siteId);
  const org = f.org
    ? tree.flatten(siteId).find(({ org: o }) => o.code === f.org || o.id === f.org)?.org
    : undefined;
  const filter = { siteId, type: f.type, orgId: f.org ? (org?.id ?? "-") : undefined };
  const [found, total] = await Promise.all([
    repo.pagePublished(deps.db.kysely, filter, req),
    repo.countPublishedCapped(deps.db.kysely, filter),
  ]);
  return {
    total: total.n,
    capped: total.capped,
    page: found.page,
    page_size: req.size,
    next: found.next,
    prev: found.prev,
    items: found.rows.map((r) => qaView(r, r.reply_org_id ? (tree.get(r.reply_org_id)?.name ?? null) : null)),
  };
}

/** One published Q&A of the site (404 when not published, private, or of another site). */
export async function getPublishedQa(deps: Deps, siteId: string, id: string) {
  const r = await repo.findMessage(deps.db.kysely, id);
  if (!r || r.site_id !== siteId || !r.published_at || r.private === 1) throw messageNotFound();
  const tree = await loadOrgTree(deps, siteId);
  return qaView(r, r.reply_org_id ? (tree.get(r.reply_org_id)?.name ?? null) : null);
}
