// The annual report on government information disclosure (政府信息公开工作年度报告, 国办公开办函〔2021〕30号
// format; RULES.md §4): tables 二, 三 and 四 computed from what gongkai holds, and the check 一 + 二 = （七）+ 四.
//
// Rules (CONTRACT.md, Reports; docs/decisions/0009-annual-report-counting.md):
// - dates are the Asia/Shanghai calendar dates the applications domain stores: an application is received in
//   the year of its receipt date (Art. 31), handled in the year of its reply date, `carried_in` when received
//   before 1 January and not replied by then, `carried_out` when not replied by 31 December;
// - each reply counts in the row of its outcome code (partial disclosure only in （二）), each applicant in
//   the column of the type the applications domain stores; an application merged into another (合并办理)
//   counts once, as that other application;
// - table 四 counts the disputes filed in the year; one not decided by 31 December is 尚未审结;
// - table 二: normative documents (kind `normative`, published) made in the year by their date of making
//   (formed_on), repealed, expired or replaced by a revision in the year (validity_on), and in force on
//   31 December; the rest (规章, 行政许可, 行政处罚, 行政强制, 行政事业性收费) as the office entered them;
// - `org`: that organisation alone (each organ reports for itself; a town's communities are not included);
//   the site's root also holds the applications not yet assigned. Without it: every organisation summed.
import type { Deps, Executor } from "../../deps";
import { AppError, type ErrorDetail, Problems } from "../../platform/errors";
import { shanghaiDateOf } from "../../platform/time";
import { actorOf, type CurrentUser } from "../accounts";
import { DISPUTE_KINDS, DISPUTE_RESULTS, OUTCOMES } from "../applications";
import { recordAudit } from "../audit";
import { loadOrgTree, type Org, type OrgTree } from "../orgs";
import {
  BALANCE_CHECK,
  COLUMN_LABELS,
  COLUMNS,
  type Column,
  TABLE3_ROWS,
  type Table3Row,
} from "./reports.labels";
import { authoriseFigures, authoriseReport, reportOrgNotFound } from "./reports.policy";
import * as repo from "./reports.repo";
import { type ReportSections, sectionsKey, sectionsOf } from "./reports.sections";

/** The first year of the 2021 format; 2020's reports used the trial format (国办公开办函〔2019〕60号). */
export const FIRST_YEAR = 2021;

export type Table3Cells = Record<Column | "total", number>;
export type Table4Cells = {
  upheld: number;
  corrected: number;
  other: number;
  pending: number;
  total: number;
};
export interface DocumentCounts {
  made: number;
  repealed: number;
  in_force: number;
}

export interface Table2 {
  /** 规章 (entered: a county government makes none). */
  regulations: DocumentCounts;
  /** 行政规范性文件, from the published items. */
  normative: DocumentCounts;
  /** 行政许可, 行政处罚, 行政强制: decisions of the year (entered). */
  licensing: number;
  penalty: number;
  coercion: number;
  /** 行政事业性收费 collected in the year, in 万元 (entered). */
  fees_wan_yuan: number;
  /** Whether any figures were entered for the year, and when last. */
  figures: { entered: boolean; orgs: number; updated_at: string | null };
}

export interface BalanceDetail {
  column: Column | "total";
  label: string;
  received: number;
  carried_in: number;
  handled: number;
  carried_out: number;
  /** The applications counted on one side of the check and not on the other. */
  applications: Array<{ id: string; tracking_code: string; problem: string }>;
}

export interface ReportCheck {
  name: string;
  ok: boolean;
  details: BalanceDetail[];
}

export interface AnnualReport {
  year: number;
  /** The organisation's code, or null for every organisation of the site summed. */
  org: string | null;
  org_name: string;
  site: { name: string };
  table2: Table2;
  table3: Record<Table3Row, Table3Cells>;
  table4: Record<(typeof DISPUTE_KINDS)[number], Table4Cells>;
  checks: ReportCheck[];
  /** Sections 一, 五 and 六 as the office wrote them (reports.sections.ts); null while not written. */
  sections: ReportSections | null;
}

// ------------------------------------------------------------------------------------------------ input

/** The year's problems: a four-digit year of the 2021 format, not after the current year. */
export function yearProblems(raw: unknown, today: string): ErrorDetail[] {
  const p = new Problems();
  const s = raw === undefined || raw === null ? "" : String(raw).trim();
  const now = Number(today.slice(0, 4));
  if (!s) p.add("year", "required", "请填写报告年度（year）。");
  else if (!/^\d{4}$/.test(s)) p.add("year", "invalid_year", "报告年度应为四位数字，例如 2025。");
  else if (Number(s) < FIRST_YEAR)
    p.add(
      "year",
      "year_before_format",
      `年度报告从 ${FIRST_YEAR} 年度起按国办公开办函〔2021〕30号格式生成；此前的年度使用试行格式。`,
    );
  else if (Number(s) > now) p.add("year", "future_year", `报告年度不能晚于今年（${now} 年）。`);
  return p.list;
}

export function parseYear(deps: Pick<Deps, "clock">, raw: unknown, extra: ErrorDetail[] = []): number {
  const problems = [...yearProblems(raw, shanghaiDateOf(deps.clock.now())), ...extra];
  if (problems.length) throw new AppError("validation_failed", 400, "报告条件有误，请按提示修改。", problems);
  return Number(String(raw).trim());
}

// ------------------------------------------------------------------------------------------------ compute

const emptyCells = (): Table3Cells => ({
  natural: 0,
  commercial: 0,
  research: 0,
  public_interest: 0,
  legal_service: 0,
  other: 0,
  total: 0,
});
const emptyDispute = (): Table4Cells => ({ upheld: 0, corrected: 0, other: 0, pending: 0, total: 0 });
const isColumn = (s: string): s is Column => (COLUMNS as readonly string[]).includes(s);
const isOutcome = (s: string | null): s is (typeof OUTCOMES)[number] =>
  s !== null && (OUTCOMES as readonly string[]).includes(s);

/** Table 三 and the check, from the applications that can count in the year. */
export function table3Of(facts: readonly repo.ApplicationFact[], year: number) {
  const start = `${year}-01-01`;
  const end = `${year}-12-31`;
  const table = Object.fromEntries(TABLE3_ROWS.map((r) => [r, emptyCells()])) as Record<
    Table3Row,
    Table3Cells
  >;
  const add = (row: Table3Row, c: Column) => {
    table[row][c]++;
    table[row].total++;
  };
  // Per column: what each side of 一 + 二 = （七）+ 四 counted, to name the applications that break it. Kept
  // as lists (each id once per side); the sets and the facts by id are made only for a column that does not
  // balance (at 100,000 applications they cost twenty times the counting: npm run bench -- reports).
  const left = new Map<string, string[]>();
  const right = new Map<string, string[]>();
  const mark = (m: Map<string, string[]>, c: string, id: string) => {
    const s = m.get(c);
    if (s) s.push(id);
    else m.set(c, [id]);
  };
  let byIdMap: Map<string, repo.ApplicationFact> | undefined;
  const byId = () => (byIdMap ??= new Map(facts.map((f) => [f.id, f])));
  for (const f of facts) {
    const c = isColumn(f.applicant_type) ? f.applicant_type : undefined;
    if (!c) continue;
    if (f.received_on >= start) {
      add("received", c);
      mark(left, c, f.id);
    } else if (f.replied_on === null || f.replied_on >= start) {
      add("carried_in", c);
      mark(left, c, f.id);
    }
    if (f.replied_on !== null && f.replied_on >= start && f.replied_on <= end) {
      if (isOutcome(f.outcome)) {
        add(f.outcome, c);
        add("total", c);
        mark(right, c, f.id);
      }
    } else if (f.replied_on === null || f.replied_on > end) {
      add("carried_out", c);
      mark(right, c, f.id);
    }
  }
  const details: BalanceDetail[] = [];
  for (const c of [...COLUMNS, "total"] as const) {
    const l =
      c === "total" ? table.received.total + table.carried_in.total : table.received[c] + table.carried_in[c];
    const r =
      c === "total" ? table.total.total + table.carried_out.total : table.total[c] + table.carried_out[c];
    if (l === r) continue;
    const ls = new Set(c === "total" ? [...left.values()].flat() : (left.get(c) ?? []));
    const rs = new Set(c === "total" ? [...right.values()].flat() : (right.get(c) ?? []));
    const apps = [
      ...[...ls]
        .filter((id) => !rs.has(id))
        .map((id) => ({ id, problem: problemOf(byId().get(id)!, start) })),
      ...[...rs].filter((id) => !ls.has(id)).map((id) => ({ id, problem: "答复日期早于收到日期" })),
    ].map((a) => ({ ...a, tracking_code: byId().get(a.id)?.tracking_code ?? "" }));
    details.push({
      column: c,
      label: COLUMN_LABELS[c],
      received: table.received[c],
      carried_in: table.carried_in[c],
      handled: table.total[c],
      carried_out: table.carried_out[c],
      applications: apps,
    });
  }
  return { table, check: { name: BALANCE_CHECK, ok: details.length === 0, details } satisfies ReportCheck };
}

function problemOf(f: repo.ApplicationFact, start: string): string {
  if (f.replied_on !== null && f.replied_on < start) return "答复日期早于收到日期";
  if (!isOutcome(f.outcome)) return "已答复但没有有效的答复结果（表三栏目）";
  return "未计入办理结果或结转";
}

/** Table 四 from the disputes filed in the year: one not decided by 31 December is 尚未审结. */
export function table4Of(disputes: readonly repo.DisputeFact[], year: number) {
  const end = `${year}-12-31`;
  const out = Object.fromEntries(DISPUTE_KINDS.map((k) => [k, emptyDispute()])) as AnnualReport["table4"];
  for (const d of disputes) {
    const cell = out[d.kind as keyof typeof out];
    if (!cell) continue;
    const decided = d.result !== "pending" && d.decided_on !== null && d.decided_on <= end;
    const result =
      decided && (DISPUTE_RESULTS as readonly string[]).includes(d.result) ? d.result : "pending";
    cell[result as keyof Table4Cells]++;
    cell.total++;
  }
  return out;
}

/** The normative documents' counts of table 二. */
export function normativeOf(docs: readonly repo.NormativeFact[], year: number): DocumentCounts {
  const start = `${year}-01-01`;
  const end = `${year}-12-31`;
  const out = { made: 0, repealed: 0, in_force: 0 };
  for (const d of docs) {
    if (d.formed_on >= start && d.formed_on <= end) out.made++;
    const ended = d.validity !== "valid" && d.validity_on !== null;
    if (ended && d.validity_on! >= start && d.validity_on! <= end) out.repealed++;
    if (d.formed_on <= end && (!ended || d.validity_on! > end)) out.in_force++;
  }
  return out;
}

const filterOf = (tree: OrgTree, siteId: string, org?: Org): repo.OrgFilter =>
  org
    ? { orgIds: [org.id], unassigned: tree.roots(siteId)[0]?.id === org.id }
    : { orgIds: null, unassigned: true };

/**
 * The annual report of a site (every organisation summed) or of one organisation (`orgCode`), computed now.
 * No authorisation here: the API, the pages and the CLI call it after their own checks.
 */
export async function computeAnnualReport(
  deps: Pick<Deps, "db">,
  siteId: string,
  opts: { year: number; orgCode?: string },
  db: Executor = deps.db.kysely,
): Promise<AnnualReport> {
  const tree = await loadOrgTree(deps, siteId);
  let org: Org | undefined;
  if (opts.orgCode) {
    org = tree.flatten(siteId).find(({ org: o }) => o.code === opts.orgCode)?.org;
    if (!org) throw reportOrgNotFound();
  }
  const { year } = opts;
  const start = `${year}-01-01`;
  const end = `${year}-12-31`;
  const f = filterOf(tree, siteId, org);
  const [apps, disputes, normative, figures, sections] = await Promise.all([
    repo.applicationFacts(db, siteId, start, end, f),
    repo.disputeFacts(db, siteId, start, end, f),
    repo.normativeFacts(db, siteId, end, f),
    repo.figuresOf(db, siteId, year, f.orgIds),
    sectionsOf(db, siteId, sectionsKey(org), year),
  ]);
  const t3 = table3Of(apps, year);
  const sum = (k: keyof repo.FiguresRow) => figures.reduce((a, r) => a + Number(r[k]), 0);
  const updated = figures.reduce<string | null>((a, r) => (a && a > r.updated_at ? a : r.updated_at), null);
  const root = tree.roots(siteId)[0];
  return {
    year,
    org: org?.code ?? null,
    org_name: org?.name ?? root?.name ?? "",
    site: { name: root?.name ?? "" },
    table2: {
      regulations: {
        made: sum("regulations_made"),
        repealed: sum("regulations_repealed"),
        in_force: sum("regulations_in_force"),
      },
      normative: normativeOf(normative, year),
      licensing: sum("licensing"),
      penalty: sum("penalty"),
      coercion: sum("coercion"),
      fees_wan_yuan: sum("fees_fen") / 1_000_000,
      figures: { entered: figures.length > 0, orgs: figures.length, updated_at: updated },
    },
    table3: t3.table,
    table4: table4Of(disputes, year),
    checks: [t3.check],
    sections,
  };
}

/** The report a member of staff asked for (GET /api/v1/reports/annual, the back-office page). */
export async function annualReportFor(
  deps: Deps,
  user: CurrentUser,
  q: { year?: unknown; org?: string },
): Promise<AnnualReport> {
  const orgCode = q.org?.trim() || undefined;
  const extra: ErrorDetail[] = [];
  if (orgCode && !/^[A-Za-z0-9_.-]{1,60}$/.test(orgCode))
    extra.push({ field: "org", code: "invalid_org", message: "机构代码格式有误。" });
  const year = parseYear(deps, q.year, extra);
  const tree = await loadOrgTree(deps, user.siteId);
  const target = authoriseReport(user, tree, orgCode);
  return computeAnnualReport(deps, user.siteId, { year, orgCode: target.org?.code });
}

// ------------------------------------------------------------------------------------------------ figures

export interface FiguresInput {
  org?: string;
  licensing?: unknown;
  penalty?: unknown;
  coercion?: unknown;
  fees_wan_yuan?: unknown;
  regulations_made?: unknown;
  regulations_repealed?: unknown;
  regulations_in_force?: unknown;
}

const COUNT_FIELDS = [
  ["licensing", "行政许可本年处理决定数量"],
  ["penalty", "行政处罚本年处理决定数量"],
  ["coercion", "行政强制本年处理决定数量"],
  ["regulations_made", "规章本年制发件数"],
  ["regulations_repealed", "规章本年废止件数"],
  ["regulations_in_force", "规章现行有效件数"],
] as const;

/** Checks the figures (every problem at once); form values arrive as strings, JSON ones as numbers. */
export function parseFigures(input: FiguresInput) {
  const p = new Problems();
  const blank = (v: unknown) => v === undefined || v === null || (typeof v === "string" && v.trim() === "");
  const counts = {} as Record<(typeof COUNT_FIELDS)[number][0], number>;
  for (const [k, label] of COUNT_FIELDS) {
    const v = input[k];
    if (blank(v)) {
      counts[k] = 0;
      if (!k.startsWith("regulations")) p.add(k, "required", `请填写${label}（没有的填 0）。`);
      continue;
    }
    const n = typeof v === "number" ? v : Number(String(v).trim());
    if (!Number.isInteger(n) || n < 0 || n > 100_000_000)
      p.add(k, "invalid_number", `${label}应为不小于 0 的整数。`);
    else counts[k] = n;
  }
  let feesFen = 0;
  const fv = input.fees_wan_yuan;
  if (blank(fv)) p.add("fees_wan_yuan", "required", "请填写行政事业性收费本年收费金额（万元，没有的填 0）。");
  else {
    const s = typeof fv === "number" ? String(fv) : String(fv).trim();
    if (!/^\d{1,9}(\.\d{1,6})?$/.test(s))
      p.add("fees_wan_yuan", "invalid_amount", "收费金额应为不小于 0 的数，单位万元，最多 6 位小数。");
    else feesFen = Math.round(Number(s) * 1_000_000);
  }
  if (counts.regulations_in_force < 0)
    p.add("regulations_in_force", "invalid_number", "规章现行有效件数有误。");
  return { problems: p.list, counts, feesFen };
}

/** Saves one organisation's table 二 figures of a year (replacing what was entered), audited. */
export async function saveReportFigures(
  deps: Deps,
  user: CurrentUser,
  yearRaw: unknown,
  input: FiguresInput,
) {
  const { problems, counts, feesFen } = parseFigures(input);
  const year = parseYear(deps, yearRaw, problems);
  const tree = await loadOrgTree(deps, user.siteId);
  const org = authoriseFigures(user, tree, input.org?.trim() || undefined);
  const row: repo.FiguresRow = {
    site_id: user.siteId,
    org_id: org.id,
    year,
    ...counts,
    fees_fen: feesFen,
    updated_by: user.id,
    updated_at: deps.clock.now().toISOString(),
  };
  await deps.db.kysely.transaction().execute(async (trx) => {
    const before = await repo.figuresOf(trx, user.siteId, year, [org.id]);
    await repo.saveFigures(trx, row);
    await recordAudit(trx, deps.clock, actorOf(user), {
      action: "report.figures",
      entityType: "org",
      entityId: org.id,
      orgId: org.id,
      siteId: user.siteId,
      summary: {
        year,
        ...counts,
        fees_wan_yuan: feesFen / 1_000_000,
        replaced: before.length > 0,
      },
    });
  });
  return presentFigures(row, org);
}

export function presentFigures(row: repo.FiguresRow, org: Org) {
  return {
    year: row.year,
    org: org.code,
    org_name: org.name,
    licensing: Number(row.licensing),
    penalty: Number(row.penalty),
    coercion: Number(row.coercion),
    fees_wan_yuan: Number(row.fees_fen) / 1_000_000,
    regulations_made: Number(row.regulations_made),
    regulations_repealed: Number(row.regulations_repealed),
    regulations_in_force: Number(row.regulations_in_force),
    updated_at: row.updated_at,
  };
}

/** One organisation's entered figures of a year, or undefined (the form's values). */
export async function figuresOfOrg(deps: Pick<Deps, "db">, siteId: string, year: number, org: Org) {
  const [row] = await repo.figuresOf(deps.db.kysely, siteId, year, [org.id]);
  return row && presentFigures(row, org);
}
