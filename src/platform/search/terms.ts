// The county dictionary the office extends (search_terms): words kept whole when a query is split. Platform
// code may not import the audit domain, so these functions return what changed and the caller records it
// (recordAudit with action search.term_added / search.term_removed) in the same transaction.
import type { Executor } from "../../db/executor";
import { Problems } from "../errors";
import { newId } from "../ids";
import { BUILTIN_TERMS } from "./segment";
import { classOf, normalise } from "./tokens";

export const TERM_KINDS = ["place", "org", "policy", "other"] as const;
export type TermKind = (typeof TERM_KINDS)[number];
export const MAX_TERM_CHARS = 20;

export interface SearchTerm {
  id: string;
  siteId: string;
  term: string;
  kind: string;
  note: string | null;
  createdBy: string | null;
  createdAt: string;
}

const toTerm = (r: {
  id: string;
  site_id: string;
  term: string;
  kind: string;
  note: string | null;
  created_by: string | null;
  created_at: string;
}): SearchTerm => ({
  id: r.id,
  siteId: r.site_id,
  term: r.term,
  kind: r.kind,
  note: r.note,
  createdBy: r.created_by,
  createdAt: r.created_at,
});

/** The site's own words, in order of the word. */
export async function listTerms(db: Executor, siteId: string): Promise<SearchTerm[]> {
  const rows = await db
    .selectFrom("search_terms")
    .select(["id", "site_id", "term", "kind", "note", "created_by", "created_at"])
    .where("site_id", "=", siteId)
    .orderBy("term")
    .execute();
  return rows.map(toTerm);
}

/** The words a query on this site keeps whole: the built-in ones and the site's own. */
export async function dictionaryOf(db: Executor, siteId: string): Promise<string[]> {
  const rows = await db.selectFrom("search_terms").select("term").where("site_id", "=", siteId).execute();
  return [...BUILTIN_TERMS, ...rows.map((r) => r.term)];
}

/** A dictionary word as stored (NFKC, trimmed), or the problem code. */
export function checkTerm(raw: string): { term: string } | { code: string; message: string } {
  const term = normalise(raw).trim();
  const cs = Array.from(term);
  if (cs.length < 2) return { code: "search_term_invalid", message: `“${raw.trim()}”太短，词语至少两个字。` };
  if (cs.length > MAX_TERM_CHARS)
    return {
      code: "search_term_invalid",
      message: `“${raw.trim()}”过长，词语不超过 ${MAX_TERM_CHARS} 个字。`,
    };
  if (cs.some((c) => classOf(c) === "sep"))
    return { code: "search_term_invalid", message: `“${raw.trim()}”含有空格或标点，请只填写文字和数字。` };
  return { term };
}

export interface AddTermsInput {
  siteId: string;
  /** One word per entry (a textarea split on lines, commas or 、 by the caller). */
  terms: string[];
  kind: TermKind;
  note?: string | null;
  createdBy: string | null;
  now: Date;
}

/**
 * Adds words to the site's dictionary. Every invalid word is named (400, code search_term_invalid on each
 * detail) and nothing is saved then; words already there or built in are skipped and returned as such.
 */
export async function addTerms(
  trx: Executor,
  input: AddTermsInput,
): Promise<{ added: SearchTerm[]; skipped: string[] }> {
  const problems = new Problems();
  if (!TERM_KINDS.includes(input.kind)) problems.add("kind", "search_term_invalid", "请选择词语类别。");
  const wanted: string[] = [];
  for (const raw of input.terms) {
    if (!raw.trim()) continue;
    const c = checkTerm(raw);
    if ("code" in c) problems.add("terms", c.code, c.message);
    else if (!wanted.includes(c.term)) wanted.push(c.term);
  }
  if (!wanted.length && problems.empty) problems.add("terms", "search_term_invalid", "请至少填写一个词语。");
  problems.throwIfAny();
  const existing = new Set(
    wanted.length
      ? (
          await trx
            .selectFrom("search_terms")
            .select("term")
            .where("site_id", "=", input.siteId)
            .where("term", "in", wanted)
            .execute()
        ).map((r) => r.term)
      : [],
  );
  const builtin = new Set(BUILTIN_TERMS.map(normalise));
  const added: SearchTerm[] = [];
  const skipped: string[] = [];
  for (const term of wanted) {
    if (existing.has(term) || builtin.has(term)) {
      skipped.push(term);
      continue;
    }
    const row = {
      id: newId(input.now.getTime()),
      site_id: input.siteId,
      term,
      kind: input.kind,
      note: input.note?.trim() || null,
      created_by: input.createdBy,
      created_at: input.now.toISOString(),
    };
    await trx.insertInto("search_terms").values(row).execute();
    added.push(toTerm(row));
  }
  return { added, skipped };
}

/** Removes one word of the site's dictionary; returns it, or null when the site has no such word. */
export async function removeTerm(trx: Executor, siteId: string, id: string): Promise<SearchTerm | null> {
  const row = await trx
    .selectFrom("search_terms")
    .select(["id", "site_id", "term", "kind", "note", "created_by", "created_at"])
    .where("site_id", "=", siteId)
    .where("id", "=", id)
    .executeTakeFirst();
  if (!row) return null;
  await trx.deleteFrom("search_terms").where("id", "=", row.id).execute();
  return toTerm(row);
}
