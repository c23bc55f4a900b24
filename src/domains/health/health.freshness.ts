// Column freshness on a past date, for the assessment (考核, issue 14 item 2): the catalogue columns with a
// periodic update rule (monthly, quarterly, yearly) and whether each had been updated within its period on
// `asOf`, by the same thresholds as the site-health check's 长期未更新 (health.service.ts PERIODIC_DAYS).
import type { Executor } from "../../db/executor";
import * as repo from "./health.repo";
import { PERIODIC_DAYS } from "./health.service";

export interface ColumnFreshness {
  node_id: string;
  org_id: string;
  org_code: string;
  code: string;
  name: string;
  update_rule: string;
  /** Latest publication date in the column on or before asOf; null: none yet. */
  latest: string | null;
  limit_days: number;
  fresh: boolean;
  /** The column in the back-office catalogue. */
  href: string;
}

const DAY = 86_400_000;

/** Every periodic column of the site's organisations `orgIds`, judged on `asOf` (YYYY-MM-DD). */
export async function columnFreshnessAsOf(
  db: Executor,
  siteId: string,
  orgIds: readonly string[],
  asOf: string,
): Promise<ColumnFreshness[]> {
  const wanted = new Set(orgIds);
  const latest = new Map(
    (await repo.columnLatestAsOf(db, siteId, asOf)).map((r) => [
      r.node_id,
      (r.latest as string | null) ?? null,
    ]),
  );
  const at = Date.parse(`${asOf}T00:00:00Z`);
  return (await repo.siteColumns(db, siteId))
    .filter((c) => wanted.has(c.org_id) && PERIODIC_DAYS[c.update_rule] !== undefined)
    .map((c) => {
      const limit = PERIODIC_DAYS[c.update_rule]!;
      const l = latest.get(c.id) ?? null;
      return {
        node_id: c.id,
        org_id: c.org_id,
        org_code: c.org_code,
        code: c.code,
        name: c.name,
        update_rule: c.update_rule,
        latest: l,
        limit_days: limit,
        fresh: l !== null && at - Date.parse(`${l}T00:00:00Z`) <= limit * DAY,
        href: `/admin/catalog?org=${encodeURIComponent(c.org_code)}#node-${c.id}`,
      };
    })
    .sort((a, b) => (a.org_id + a.code).localeCompare(b.org_id + b.code));
}
