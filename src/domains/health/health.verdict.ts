// The predicted inspection verdict (国办秘函〔2019〕19号 政府网站检查指标, RULES.md §5): any veto item (单项否决)
// fails the site outright; otherwise 100 points less the deductions (扣分), and under 60 fails. Pure functions:
// the service gathers the evidence, this file turns counts into vetoes, deductions and a verdict.

/** Veto items gongkai can observe from its own data. */
export const VETO_LABELS = {
  site_unreachable: "站点无法访问",
  serious_wording: "严重表述错误",
  site_not_updated: "网站不更新（首页超过2周未更新）",
  columns_not_updated: "栏目不更新",
  empty_columns: "空白栏目过多（5个以上）",
  poor_interaction: "互动回应差（咨询留言超过3个月未答复）",
} as const;
export type VetoCode = keyof typeof VETO_LABELS;

/** The indicators scored by deduction below their veto thresholds: [label, points each, cap]. */
export const DEDUCTIONS = {
  stale_dynamic: ["动态类栏目超过2周未更新", 2, 10],
  stale_long: ["栏目长期未更新（超过其更新周期）", 1, 10],
  empty_column: ["空白栏目", 2, 10],
  missing_time: ["已发布信息缺少发布时间", 1, 10],
  broken_link: ["不可用链接", 1, 20],
  overdue_message: ["留言超过办理期限未答复", 1, 10],
} as const satisfies Record<string, readonly [string, number, number]>;
export type DeductionCode = keyof typeof DEDUCTIONS;

export const PASS_SCORE = 60;
/** RULES.md §5 thresholds. */
export const THRESHOLDS = {
  dynamicDays: 14,
  homeDays: 14,
  noticePolicyMonths: 6,
  staleDynamicColumns: 5,
  longStaleColumns: 10,
  emptyColumns: 5,
  unansweredMonths: 3,
} as const;

export interface HealthCounts {
  /** null: not checked (no public address configured). */
  homeReachable: boolean | null;
  homeStale: boolean;
  seriousWording: number;
  staleDynamic: number;
  staleNoticePolicy: number;
  staleLong: number;
  empty: number;
  missingTime: number;
  brokenLinks: number;
  unansweredConsults: number;
  overdueMessages: number;
}

export interface Deduction {
  code: DeductionCode;
  label: string;
  count: number;
  points: number;
}

export interface Verdict {
  verdict: "pass" | "fail";
  score: number;
  vetoes: VetoCode[];
  deductions: Deduction[];
}

export function predictVerdict(c: HealthCounts): Verdict {
  const vetoes: VetoCode[] = [];
  if (c.homeReachable === false) vetoes.push("site_unreachable");
  if (c.seriousWording > 0) vetoes.push("serious_wording");
  if (c.homeStale) vetoes.push("site_not_updated");
  if (
    c.staleDynamic >= THRESHOLDS.staleDynamicColumns ||
    c.staleNoticePolicy > 0 ||
    c.staleLong >= THRESHOLDS.longStaleColumns
  )
    vetoes.push("columns_not_updated");
  if (c.empty >= THRESHOLDS.emptyColumns) vetoes.push("empty_columns");
  if (c.unansweredConsults > 0) vetoes.push("poor_interaction");
  const counts: Record<DeductionCode, number> = {
    stale_dynamic: c.staleDynamic,
    stale_long: c.staleLong,
    empty_column: c.empty,
    missing_time: c.missingTime,
    broken_link: c.brokenLinks,
    overdue_message: c.overdueMessages,
  };
  const deductions: Deduction[] = [];
  for (const code of Object.keys(DEDUCTIONS) as DeductionCode[]) {
    const [label, each, cap] = DEDUCTIONS[code];
    const count = counts[code];
    if (count > 0) deductions.push({ code, label, count, points: Math.min(cap, count * each) });
  }
  const score = Math.max(0, 100 - deductions.reduce((s, d) => s + d.points, 0));
  return { verdict: vetoes.length || score < PASS_SCORE ? "fail" : "pass", score, vetoes, deductions };
}

/** Whether `now` is worse than `before`: pass → fail, a veto that was not there, or a lower score. */
export function worsened(
  before: Verdict | undefined,
  now: Verdict,
): { worse: boolean; newVetoes: VetoCode[] } {
  const newVetoes = now.vetoes.filter((v) => !before?.vetoes.includes(v));
  if (!before) return { worse: now.verdict === "fail", newVetoes };
  const worse = (before.verdict === "pass" && now.verdict === "fail") || newVetoes.length > 0;
  return { worse, newVetoes };
}

export const VERDICT_LABELS = { pass: "合格", fail: "不合格" } as const;
