// 严重表述错误 on published pages (a veto item): the review engine's curated list of serious wording errors
// (领导人姓名, 国名, 党的理论) run over the titles and texts of published items. A full scan once; after that only
// the pages written (published, changed) since the last run (a day's margin), the earlier hits carried forward while their page is
// still published, so a daily run does not read the whole site again.
import type { Deps } from "../../deps";
import { scanRaw } from "../review";
import * as repo from "./health.repo";

export interface WordingHit {
  item_id: string;
  title: string;
  wrong: string;
  right: string;
  href: string;
}

const PAGE = 500;

export async function findSeriousWording(deps: Deps, siteId: string): Promise<WordingHit[]> {
  const db = deps.db.kysely;
  const [lastAt, lastResult] = await Promise.all([
    repo.lastRunAt(db, siteId),
    repo.latestRunResult(db, siteId),
  ]);
  const earlier = lastResult
    ? ((JSON.parse(lastResult) as { serious_wording?: WordingHit[] }).serious_wording ?? [])
    : [];
  const since = lastAt && lastResult ? new Date(Date.parse(lastAt) - 86_400_000).toISOString() : undefined;
  const hits = new Map<string, WordingHit>();
  const live = await repo.publishedIds(
    db,
    siteId,
    earlier.map((h) => h.item_id),
  );
  for (const h of earlier) if (live.has(h.item_id)) hits.set(`${h.item_id}|${h.wrong}`, h);
  const rescanned = new Set<string>();
  let after = "";
  for (;;) {
    const rows = await repo.textsToScan(db, siteId, since, after, PAGE);
    for (const r of rows) {
      rescanned.add(r.id);
      for (const key of [...hits.keys()]) if (key.startsWith(`${r.id}|`)) hits.delete(key);
      const text = `${r.title}\n${r.body_text}`;
      for (const f of scanRaw(text, { kinds: ["serious_error"] })) {
        const wrong = text.slice(f.start, f.end);
        hits.set(`${r.id}|${wrong}`, {
          item_id: r.id,
          title: r.title,
          wrong,
          right: f.suggestion ?? "",
          href: `/gk/items/${r.id}`,
        });
      }
    }
    if (rows.length < PAGE) break;
    after = rows[rows.length - 1]!.id;
  }
  return [...hits.values()].sort(
    (a, b) => a.item_id.localeCompare(b.item_id) || a.wrong.localeCompare(b.wrong),
  );
}
