// The one place the search domain reaches the engine (src/platform/search): the index of the deployment's
// database whichever engine it runs on, its county dictionary, and what the index holds for a site (read
// from the engine's own document table, for the health check and the rebuild's clean-up).
import type { Deps, Executor } from "../../deps";
import { getSearchIndex, type SearchIndex } from "../../platform/search";

export {
  addTerms,
  fingerprintDoc,
  listTerms,
  optimizeSearchIndex,
  removeTerm,
  type SearchTerm,
  TERM_KINDS,
  type TermKind,
} from "../../platform/search";

export const searchIndexOf = (deps: Pick<Deps, "db" | "clock">): SearchIndex =>
  getSearchIndex(deps.db, deps.clock);

/** An index entry: which record, and the fingerprint of the document as it was indexed. */
export interface IndexedEntry {
  type: string;
  id: string;
  fingerprint: string;
}

export async function indexedEntries(db: Executor, siteId: string): Promise<IndexedEntry[]> {
  return db
    .selectFrom("search_docs")
    .select(["type", "id", "fingerprint"])
    .where("site_id", "=", siteId)
    .orderBy("type")
    .orderBy("id")
    .execute();
}
