// The site-health check (政府网站检查指标, 国办秘函〔2019〕19号; RULES.md §5): gathers the evidence of each
// indicator from the site's own data, runs the bounded link pass, predicts the verdict, stores the run as
// history (time from deps.clock) and alerts the office when the verdict worsens or a veto item appears.
//
// Columns. The catalogue's nodes carry no "dynamic" flag, so the classes come from the site's feeds and the
// columns' update rules (docs/decisions/0028-site-health.md):
//   - the portal's feeds by item kind: 工作动态 (news) is a dynamic column (2 weeks); 通知公告 (notice) and
//     政策文件 (policy, normative) are judged on 6 months;
//   - the county government's own 行政法规、规章和规范性文件 column (art20-01) is a 政策文件 column (6 months);
//   - catalogue columns with a periodic rule are 'long unupdated' once past it (monthly: 2 months, quarterly:
//     6 months, yearly: 13 months); as-needed and event-driven columns (as_needed, days, realtime) are not
//     judged on freshness, only on emptiness;
//   - a column with no published item is empty, except a department's Art. 21 columns (art21-*), which the
//     Regulation leaves to the county to assign and which a department keeps only where the matter is its own.
import type { Deps } from "../../deps";
import { todayOf } from "../calendar";
import { messageReminders } from "../interaction";
import { type LinkRunOptions, runLinkPass } from "./health.links";
import * as repo from "./health.repo";
import { type HealthCounts, predictVerdict, THRESHOLDS, type Verdict, type VetoCode } from "./health.verdict";
import { findSeriousWording, type WordingHit } from "./health.wording";

const DAY = 86_400_000;
/** A periodic column is long unupdated (长期未更新) past these days (also read by the assessment, health.freshness.ts). */
export const PERIODIC_DAYS: Record<string, number> = { monthly: 62, quarterly: 183, yearly: 396 };
const NOTICE_POLICY_DAYS = 183;

export interface ColumnEvidence {
  kind: "feed" | "column";
  key: string;
  name: string;
  org: string | null;
  node_id: string | null;
  latest: string | null;
  limit_days: number;
  href: string;
}

export interface HealthResult {
  site_id: string;
  run_at: string;
  checked_on: string;
  verdict: Verdict["verdict"];
  score: number;
  vetoes: VetoCode[];
  deductions: Verdict["deductions"];
  home: { latest: string | null; stale: boolean; reachable: boolean | null };
  serious_wording: WordingHit[];
  stale_dynamic: ColumnEvidence[];
  stale_notice_policy: ColumnEvidence[];
  stale_long: ColumnEvidence[];
  empty_columns: ColumnEvidence[];
  missing_time: Array<{ id: string; title: string; href: string }>;
  broken_links: Array<{
    url: string;
    status: number | null;
    problem: string | null;
    page: { id: string; title: string; href: string };
  }>;
  unanswered_consults: Array<{
    id: string;
    tracking_code: string;
    received_on: string;
    replied_on: string | null;
    href: string;
  }>;
  overdue_messages: Array<{ id: string; tracking_code: string; due_on: string | null; href: string }>;
  links: { found: number; checked: number; known: number };
}

const FEEDS: Array<{ key: string; name: string; kinds: string[]; days: number; dynamic: boolean }> = [
  { key: "news", name: "工作动态", kinds: ["news"], days: THRESHOLDS.dynamicDays, dynamic: true },
  { key: "notice", name: "通知公告", kinds: ["notice"], days: NOTICE_POLICY_DAYS, dynamic: false },
  {
    key: "policy",
    name: "政策文件",
    kinds: ["policy", "normative"],
    days: NOTICE_POLICY_DAYS,
    dynamic: false,
  },
];

/** The latest of ISO instants (they sort as text), or null. */
const newest = (xs: string[]): string | null => {
  let best: string | null = null;
  for (const x of xs) if (best === null || x > best) best = x;
  return best;
};

const olderThan = (latest: string | null, now: number, days: number) =>
  latest === null || now - Date.parse(latest) > days * DAY;

/** `date` less `months` calendar months (YYYY-MM-DD). */
export function monthsBefore(date: string, months: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() - months);
  return d.toISOString().slice(0, 10);
}

/** Computes every indicator of a site now (without storing). */
export async function checkSite(
  deps: Deps,
  siteId: string,
  links: LinkRunOptions | false = {},
): Promise<HealthResult> {
  const db = deps.db.kysely;
  const nowDate = deps.clock.now();
  const now = nowDate.getTime();
  const today = todayOf(deps);
  // Before the link pass: both read the previous run's time to know which pages are new.
  const wording = await findSeriousWording(deps, siteId);
  const linkRun = links === false ? { found: 0, checked: 0 } : await runLinkPass(deps, siteId, links);

  const kinds = new Map(
    (await repo.latestByKind(db, siteId)).map((r) => [r.kind, (r.latest as string | null) ?? null]),
  );
  const missing = await repo.itemsWithoutTime(db, siteId, 500);
  const homeLatest = newest([...kinds.values()].filter((v): v is string => v !== null));
  // An item with no publication time counts as not updated (RULES.md §5): the newest dated item decides.
  const homeStale = olderThan(homeLatest, now, THRESHOLDS.homeDays);

  const staleDynamic: ColumnEvidence[] = [];
  const staleNoticePolicy: ColumnEvidence[] = [];
  const staleLong: ColumnEvidence[] = [];
  const empty: ColumnEvidence[] = [];
  for (const f of FEEDS) {
    const latest = newest(f.kinds.flatMap((k) => kinds.get(k) ?? []));
    if (!olderThan(latest, now, f.days)) continue;
    const ev: ColumnEvidence = {
      kind: "feed",
      key: f.key,
      name: f.name,
      org: null,
      node_id: null,
      latest,
      limit_days: f.days,
      href: `/gk/list?kind=${f.kinds[0]}`,
    };
    (f.dynamic ? staleDynamic : staleNoticePolicy).push(ev);
  }
  const fill = new Map((await repo.columnFill(db, siteId)).map((r) => [r.node_id, r]));
  for (const c of await repo.siteColumns(db, siteId)) {
    const f = fill.get(c.id);
    const latest = (f?.latest as string | null | undefined) ?? null;
    const ev = (limit: number): ColumnEvidence => ({
      kind: "column",
      key: c.code,
      name: c.name,
      org: c.org_name,
      node_id: c.id,
      latest,
      limit_days: limit,
      href: `/admin/catalog?org=${encodeURIComponent(c.org_code)}#node-${c.id}`,
    });
    if (!f || Number(f.n) === 0) {
      if (!(c.org_kind === "department" && c.code.startsWith("art21-"))) empty.push(ev(0));
      continue;
    }
    if (c.code === "art20-01" && c.org_kind === "government") {
      if (olderThan(latest, now, NOTICE_POLICY_DAYS)) staleNoticePolicy.push(ev(NOTICE_POLICY_DAYS));
      continue;
    }
    const period = PERIODIC_DAYS[c.update_rule];
    if (period && olderThan(latest, now, period)) staleLong.push(ev(period));
  }

  // 3 months unanswered within the past year: still open past 3 months, or answered more than 3 months late.
  const consults = await repo.consultsSince(db, siteId, monthsBefore(today, 15));
  const yearAgo = monthsBefore(today, 12);
  const unanswered = consults.filter((m) => {
    const limit = monthsBefore(m.replied_on ?? today, THRESHOLDS.unansweredMonths);
    if (m.replied_on) return m.replied_on >= yearAgo && m.received_on < limit;
    return m.status !== "answered" && m.received_on < limit;
  });
  const unansweredIds = new Set(unanswered.map((m) => m.id));
  const overdue = (await messageReminders(deps, siteId)).filter(
    (r) => (r.reason === "overdue" || r.reason === "alarm") && !unansweredIds.has(r.id),
  );

  const broken = await repo.brokenLinks(db, siteId);
  const homeReachable = null; // visits are not seen by gongkai: measured by the inspectors' own monitoring
  const counts: HealthCounts = {
    homeReachable,
    homeStale,
    seriousWording: wording.length,
    staleDynamic: staleDynamic.length,
    staleNoticePolicy: staleNoticePolicy.length,
    staleLong: staleLong.length,
    empty: empty.length,
    missingTime: missing.length,
    brokenLinks: broken.length,
    unansweredConsults: unanswered.length,
    overdueMessages: overdue.length,
  };
  const v = predictVerdict(counts);
  const page = (id: string) => `/gk/items/${id}`;
  return {
    site_id: siteId,
    run_at: nowDate.toISOString(),
    checked_on: today,
    ...v,
    home: { latest: homeLatest, stale: homeStale, reachable: homeReachable },
    serious_wording: wording,
    stale_dynamic: staleDynamic,
    stale_notice_policy: staleNoticePolicy,
    stale_long: staleLong,
    empty_columns: empty,
    missing_time: missing.map((i) => ({ id: i.id, title: i.title, href: `/admin/items/${i.id}` })),
    broken_links: broken.map((b) => ({
      url: b.url,
      status: b.status,
      problem: b.problem,
      page: { id: b.item_id, title: b.title, href: page(b.item_id) },
    })),
    unanswered_consults: unanswered.map((m) => ({
      id: m.id,
      tracking_code: m.tracking_code,
      received_on: m.received_on,
      replied_on: m.replied_on,
      href: `/admin/messages/${m.id}`,
    })),
    overdue_messages: overdue.map((m) => ({
      id: m.id,
      tracking_code: m.tracking_code,
      due_on: m.due_on,
      href: `/admin/messages/${m.id}`,
    })),
    links: { ...linkRun, known: await repo.countLinks(db, siteId) },
  };
}
