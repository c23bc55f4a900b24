import type { Deps } from "../../deps";
import { Problems } from "../../platform/errors";
import { isRealDate } from "../../platform/time";
import { GENESIS_HASH, type Leaf } from "./integrity.chain";
import * as repo from "./integrity.repo";

export interface DayRange {
  from?: string;
  to?: string;
}

const MAX_SPAN_DAYS = 366;
const DEFAULT_RECORDS = 30;

/** `from`/`to` as calendar days; bad dates, a reversed or an over-long range are a 400 naming each. */
export function parseDayRange(from?: string, to?: string): DayRange {
  const p = new Problems();
  const f = from?.trim() || undefined;
  const t = to?.trim() || undefined;
  for (const [field, v] of [
    ["from", f],
    ["to", t],
  ] as const)
    if (v !== undefined && !(/^\d{4}-\d{2}-\d{2}$/.test(v) && isRealDate(v)))
      p.add(field, "invalid_date", "日期格式应为 YYYY-MM-DD，且须是真实存在的日期。");
  if (p.empty && f && t) {
    if (f > t) p.add("to", "invalid_date_range", "结束日期不能早于开始日期。");
    else if ((Date.parse(t) - Date.parse(f)) / 86_400_000 >= MAX_SPAN_DAYS)
      p.add("to", "invalid_date_range", `一次最多查询 ${MAX_SPAN_DAYS} 天。`);
  }
  p.throwIfAny("查询日期有误，请修改。");
  return { from: f, to: t };
}

export interface DayView {
  day: string;
  prev_hash: string;
  hash: string;
  leaf_count: number;
  leaves: Leaf[];
  sealed_at: string;
}

/**
 * A range of the chain, oldest first. Without both bounds: the range's last 30 records (at most 366 days
 * from `from`); with both, every record between them.
 */
export async function chainView(
  deps: Pick<Deps, "db">,
  siteId: string,
  range: DayRange,
): Promise<{ site_id: string; genesis: string; days: DayView[] }> {
  const db = deps.db.kysely;
  let rows: repo.DayRow[];
  if (range.from && range.to) rows = await repo.listDays(db, siteId, range);
  else if (range.from) rows = await repo.listDays(db, siteId, { from: range.from, limit: DEFAULT_RECORDS });
  else
    rows = (await repo.listDays(db, siteId, { to: range.to, limit: DEFAULT_RECORDS, desc: true })).reverse();
  return {
    site_id: siteId,
    genesis: GENESIS_HASH,
    days: rows.map((r) => ({
      day: r.day,
      prev_hash: r.prev_hash,
      hash: r.hash,
      leaf_count: Number(r.leaf_count),
      leaves: JSON.parse(r.leaves) as Leaf[],
      sealed_at: r.sealed_at,
    })),
  };
}

/** Groups of 16 hex digits with a line-break opportunity between them: a hash fits a phone, copies whole. */
export function hashGroups(hash: string): string[] {
  return hash.match(/.{1,16}/g) ?? [];
}
