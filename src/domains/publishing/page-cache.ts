import type { Deps } from "../../deps";
import { invalidatePublicPages } from "../../web/page-cache";

/** Pages showing these items (and pages linking to them) are stale: public pages are re-rendered. */
export function invalidateItemPages(deps: Pick<Deps, "db">, _ids: string[]): void {
  invalidatePublicPages(deps);
}
