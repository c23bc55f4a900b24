// The Mongolian version of an item as the public pages, lists and the API show it. The Mongolian domain
// (src/domains/mongolian) owns the versions and their review and provides them here when its routes are
// registered, so publishing never imports it (it imports publishing).
import type { Deps, Executor } from "../../deps";
import type { ItemRow } from "./publishing.repo";

export interface ItemMongolian {
  title: string;
  summary: string | null;
  /** Sanitised when saved (rich-text.ts rules), so shown as HTML. */
  bodyHtml: string;
  /** The Chinese has changed since this translation was approved. */
  outdated: boolean;
  /** Which version of the Chinese it translates. */
  sourceVersion: number | null;
  revision: number;
  approvedAt: string | null;
}

export interface MongolianProvider {
  /** The approved Mongolian of each item that has one, by item id. */
  approvedFor(db: Executor, items: readonly ItemRow[]): Promise<Map<string, ItemMongolian>>;
  /** Brings the Mongolian search entries of these items in line, in the transaction that changed them. */
  syncIndex(deps: Pick<Deps, "db" | "clock">, trx: Executor, items: readonly ItemRow[]): Promise<void>;
}

let provider: MongolianProvider | undefined;

export function provideItemMongolian(p: MongolianProvider): void {
  provider = p;
}

export function itemMongolian(db: Executor, items: readonly ItemRow[]): Promise<Map<string, ItemMongolian>> {
  return provider && items.length ? provider.approvedFor(db, items) : Promise.resolve(new Map());
}

/** Called by syncItemsInIndex (publishing.search.ts): a published, replaced or withdrawn item's translation follows. */
export async function syncMongolianIndex(
  deps: Pick<Deps, "db" | "clock">,
  trx: Executor,
  items: readonly ItemRow[],
): Promise<void> {
  if (provider && items.length) await provider.syncIndex(deps, trx, items);
}
