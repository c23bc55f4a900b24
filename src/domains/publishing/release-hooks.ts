// Checks and effects other domains attach to an item's release (发布) without publishing importing them: the
// normative-document ledger refuses a 规范性文件 without its legality review (合法性审核) and, when a clean-up's
// list is released, changes the validity of every document it lists in the same transaction. Hooks are
// stateless (they read and write through the transaction they are given), so one registry serves every app.
import type { Actor, Deps, Executor } from "../../deps";
import type { ItemRow } from "./publishing.repo";

export interface ReleaseHook {
  /** One hook per name: registering the same name again replaces it. */
  name: string;
  /** Runs on the locked items about to be released (now or at a scheduled time); throws an AppError to refuse. */
  check?(trx: Executor, items: readonly ItemRow[]): Promise<void>;
  /**
   * Runs in the publishing transaction once `item` is published (its index number and date set). Returns the
   * ids of other items whose public pages changed, dropped from the page cache after the commit.
   */
  released?(deps: Deps, trx: Executor, actor: Actor, item: ItemRow): Promise<string[]>;
}

const hooks = new Map<string, ReleaseHook>();

export function registerReleaseHook(hook: ReleaseHook): void {
  hooks.set(hook.name, hook);
}

export async function checkRelease(trx: Executor, items: readonly ItemRow[]): Promise<void> {
  for (const h of hooks.values()) await h.check?.(trx, items);
}

export async function runReleased(deps: Deps, trx: Executor, actor: Actor, item: ItemRow): Promise<string[]> {
  const changed: string[] = [];
  for (const h of hooks.values()) if (h.released) changed.push(...(await h.released(deps, trx, actor, item)));
  return changed;
}
