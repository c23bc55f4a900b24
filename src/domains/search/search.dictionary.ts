// The county dictionary of the site search (place names, organisations, policy terms): the office extends
// it in the back office so a query keeps 乡村振兴 or 西斗铺镇 whole. Site-wide: only the office or an
// administrator at the site's root may change it; every change is audit-logged in its transaction. The
// engine checks and stores the words (src/platform/search/terms.ts). The index holds character pairs, not
// dictionary words, so the dictionary only shapes how a query is split: a change counts at once, no reindex.
import type { Deps } from "../../deps";
import { AppError } from "../../platform/errors";
import { actorOf, type CurrentUser, can, canAny } from "../accounts";
import { recordAudit } from "../audit";
import { loadOrgTree } from "../orgs";
import { addTerms, listTerms, removeTerm, type SearchTerm, TERM_KINDS, type TermKind } from "./search.engine";

/** One add stores at most this many words (a pasted list of villages is a few hundred). */
export const MAX_TERMS_PER_ADD = 500;

export const TERM_KIND_LABELS: Record<TermKind, string> = {
  place: "地名",
  org: "机构名称",
  policy: "政策用语",
  other: "其他",
};

/** Office or admin at the root of the user's own site (org.manage there). */
export async function authoriseSearchAdmin(deps: Deps, user: CurrentUser): Promise<void> {
  const tree = await loadOrgTree(deps, user.siteId);
  const root = tree.roots(user.siteId)[0];
  if (root && can(user, "org.manage", root.id, tree)) return;
  if (!canAny(user, "org.manage"))
    throw new AppError("role_not_allowed", 403, "只有政务公开办或系统管理员可以维护搜索词典和索引。");
  throw new AppError("org_not_allowed", 403, "只有本站点政务公开办或系统管理员可以维护搜索词典和索引。");
}

export async function listDictionary(deps: Deps, user: CurrentUser): Promise<SearchTerm[]> {
  await authoriseSearchAdmin(deps, user);
  return listTerms(deps.db.kysely, user.siteId);
}

/** A textarea of words: one a line (commas, 、 and semicolons also separate). */
export const splitTerms = (text: string): string[] =>
  (text ?? "")
    .split(/[\n\r,，、;；]+/)
    .map((t) => t.trim())
    .filter(Boolean);

/**
 * Adds words (every invalid one named, nothing saved then); returns those added and those already there.
 * The engine refuses bad words with 400 validation_failed and a `search_term_invalid` detail for each.
 */
export async function addDictionaryTerms(
  deps: Deps,
  user: CurrentUser,
  input: { terms: string; kind: string; note?: string },
): Promise<{ added: string[]; skipped: string[] }> {
  await authoriseSearchAdmin(deps, user);
  const terms = splitTerms(input.terms);
  if (terms.length > MAX_TERMS_PER_ADD)
    throw new AppError(
      "too_many_terms",
      400,
      `一次最多添加 ${MAX_TERMS_PER_ADD} 个词语（现 ${terms.length} 个）。`,
      [{ field: "terms", code: "too_many_terms", message: `一次最多添加 ${MAX_TERMS_PER_ADD} 个词语。` }],
    );
  return deps.db.kysely.transaction().execute(async (trx) => {
    const r = await addTerms(trx, {
      siteId: user.siteId,
      terms,
      kind: input.kind as TermKind,
      note: input.note ?? null,
      createdBy: user.id,
      now: deps.clock.now(),
    });
    const added = r.added.map((t) => t.term);
    await recordAudit(trx, deps.clock, actorOf(user), {
      action: "search.term_added",
      entityType: "search_dictionary",
      entityId: user.siteId,
      orgId: null,
      siteId: user.siteId,
      summary: { added, skipped: r.skipped, kind: input.kind },
    });
    return { added, skipped: r.skipped };
  });
}

/** Removes one word by its id; 404 when the site has no such word. Returns the word. */
export async function removeDictionaryTerm(deps: Deps, user: CurrentUser, id: string): Promise<string> {
  await authoriseSearchAdmin(deps, user);
  return deps.db.kysely.transaction().execute(async (trx) => {
    const gone = await removeTerm(trx, user.siteId, (id ?? "").slice(0, 40));
    if (!gone) throw new AppError("dictionary_term_not_found", 404, "词典中没有这个词语，可能已被删除。");
    await recordAudit(trx, deps.clock, actorOf(user), {
      action: "search.term_removed",
      entityType: "search_dictionary",
      entityId: user.siteId,
      orgId: null,
      siteId: user.siteId,
      summary: { removed: gone.term, kind: gone.kind },
    });
    return gone.term;
  });
}

export { TERM_KINDS };
