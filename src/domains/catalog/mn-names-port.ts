// The approved Mongolian names of catalogue columns, for the /mn catalogue pages. The Mongolian domain
// (src/domains/mongolian) owns the names and their review and provides them here, so catalog never imports it.
import type { Executor } from "../../deps";

type Provider = (db: Executor, nodeIds: readonly string[]) => Promise<Map<string, string>>;

let provider: Provider | undefined;

export function provideCatalogMnNames(p: Provider): void {
  provider = p;
}

/** Approved Mongolian names by node id (none when the Mongolian domain is not registered). */
export function catalogMnNames(db: Executor, nodeIds: readonly string[]): Promise<Map<string, string>> {
  return provider && nodeIds.length ? provider(db, nodeIds) : Promise.resolve(new Map());
}
