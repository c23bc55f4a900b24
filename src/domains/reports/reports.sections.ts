// Sections 一、总体情况, 五、存在的主要问题及改进情况 and 六、其他需要报告的事项 of the annual report: prose the office
// writes for a site (the county as a whole) or one organisation and a year (migration 0029), saved in locked
// steps: each save names the version it edited and one made on a stale version is refused (409), so two people
// editing at once never silently overwrite each other. Every save is audited. The figures the text may quote
// (applications handled, fees collected, messages answered) are offered beside the editor.
import type { Deps, Executor } from "../../deps";
import { AppError, Problems } from "../../platform/errors";
import { actorOf, type CurrentUser, can } from "../accounts";
import { recordAudit } from "../audit";
import { messageStatistics } from "../interaction";
import { loadOrgTree, type Org, type OrgTree } from "../orgs";
import { authoriseReport, type ReportTarget } from "./reports.policy";
import { publishedReportItem } from "./reports.repo";
import type { ReportSectionsTable } from "./reports.tables";

export const SECTION_FIELDS = [
  ["overview", "一、总体情况"],
  ["problems", "五、存在的主要问题及改进情况"],
  ["other", "六、其他需要报告的事项"],
] as const;
export type SectionKey = (typeof SECTION_FIELDS)[number][0];
export const SECTION_MAX = 20_000;

/** The sections as the report carries them (JSON `sections`); null while none was written. */
export interface ReportSections {
  overview: string;
  problems: string;
  other: string;
  version: number;
  updated_at: string;
}

/** The row key of a report: the organisation's id, or '' for the site as a whole. */
export const sectionsKey = (org?: Pick<Org, "id">) => org?.id ?? "";

export async function sectionsOf(
  db: Executor,
  siteId: string,
  orgKey: string,
  year: number,
): Promise<ReportSections | null> {
  const row = await db
    .selectFrom("report_sections")
    .select(["overview", "problems", "other", "version", "updated_at"])
    .where("site_id", "=", siteId)
    .where("org_id", "=", orgKey)
    .where("year", "=", year)
    .executeTakeFirst();
  return row ? { ...row, version: Number(row.version) } : null;
}

/**
 * The report whose sections a user writes: one they may read, and for which they may enter the figures
 * (the office for its subtree and the site as a whole, a department's clerk for their own organisation).
 */
export function authoriseSections(user: CurrentUser, tree: OrgTree, orgCode?: string): ReportTarget {
  const target = authoriseReport(user, tree, orgCode);
  const orgId = target.org?.id ?? tree.roots(user.siteId)[0]?.id;
  if (!orgId || !can(user, "report.figures", orgId, tree))
    throw new AppError(
      "role_not_allowed",
      403,
      "只有政务公开办（或本单位信息员）可以撰写年度报告的总体情况、存在的主要问题及改进情况和其他需要报告的事项。",
    );
  return target;
}

/** Last year's text beside the editor: the stored sections, or else the published report's own words. */
export interface PreviousText {
  text: Record<SectionKey, string>;
  /** The published item the text was read from (null: the sections written here). */
  item: { id: string; title: string } | null;
}

const decode = (s: string) =>
  s
    .replace(/&nbsp;/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&");

/**
 * Sections 一, 五 and 六 of a published report's (sanitised) HTML: the paragraphs after the heading that starts
 * 一、 up to 二、, after 五、 up to 六、, and after 六、 to the end; tables left out.
 */
export function sectionsOfReportHtml(html: string): Record<SectionKey, string> {
  const lines = decode(
    html
      .replace(/<table[\s\S]*?<\/table>/gi, "\n")
      .replace(/<\/(p|h\d|li|div|blockquote)>|<br\s*\/?>/gi, "$&\n")
      .replace(/<[^>]*>/g, ""),
  )
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);
  const heading = (mark: string) => lines.findIndex((l) => l.startsWith(mark) && l.length <= 40);
  const between = (from: string, to?: string) => {
    const i = heading(from);
    if (i < 0) return "";
    const j = to ? heading(to) : -1;
    return lines.slice(i + 1, j > i ? j : lines.length).join("\n");
  };
  return { overview: between("一、", "二、"), problems: between("五、", "六、"), other: between("六、") };
}

/**
 * Last year's sections of a report: those written here, or — when none was — the text of last year's report
 * published in the organisation's annual-report column (the site's root government for the county).
 */
export async function previousYearText(
  db: Executor,
  siteId: string,
  target: { org?: Pick<Org, "id">; rootId?: string },
  year: number,
): Promise<PreviousText | null> {
  const stored = await sectionsOf(db, siteId, sectionsKey(target.org), year - 1);
  if (stored && SECTION_FIELDS.some(([k]) => stored[k].trim()))
    return {
      text: { overview: stored.overview, problems: stored.problems, other: stored.other },
      item: null,
    };
  const filedUnder = target.org?.id ?? target.rootId;
  if (!filedUnder) return null;
  const item = await publishedReportItem(db, siteId, filedUnder, year - 1);
  if (!item) return null;
  return { text: sectionsOfReportHtml(item.body_html), item: { id: item.id, title: item.title } };
}

export interface SectionsInput {
  overview?: unknown;
  problems?: unknown;
  other?: unknown;
  version?: unknown;
}

/** Checks the texts and the version (every problem at once). */
export function parseSections(input: SectionsInput) {
  const p = new Problems();
  const text = {} as Record<SectionKey, string>;
  for (const [k, label] of SECTION_FIELDS) {
    const v = input[k];
    const s = typeof v === "string" ? v.replace(/\r\n?/g, "\n").trim() : v == null ? "" : undefined;
    if (s === undefined) p.add(k, "invalid_text", `${label}应为文字。`);
    else if (s.length > SECTION_MAX) p.add(k, "too_long", `${label}不能超过 ${SECTION_MAX} 字。`);
    else text[k] = s;
  }
  const rv = input.version;
  const version = typeof rv === "number" ? rv : Number(String(rv ?? "").trim() || Number.NaN);
  if (!Number.isInteger(version) || version < 0)
    p.add("version", "invalid_version", "缺少所编辑的版本号（version，首次撰写为 0）。");
  return { problems: p.list, text, version };
}

export const sectionsChanged = () =>
  new AppError(
    "report_sections_changed",
    409,
    "年度报告的这几部分刚刚被他人修改过，请刷新后在最新内容上修改。",
  );

/**
 * Saves the sections of a year's report as version `version + 1`, refused with 409 when someone saved since
 * `version` was read. One statement decides (an insert that yields to an existing row, or an update guarded
 * by the version), so two saves of the same version never both succeed.
 */
export async function saveSections(
  deps: Deps,
  user: CurrentUser,
  target: ReportTarget,
  year: number,
  text: Record<SectionKey, string>,
  version: number,
): Promise<ReportSections> {
  const orgKey = sectionsKey(target.org);
  const now = deps.clock.now().toISOString();
  const root = (await loadOrgTree(deps, user.siteId)).roots(user.siteId)[0];
  return deps.db.kysely.transaction().execute(async (trx) => {
    const row: ReportSectionsTable = {
      site_id: user.siteId,
      org_id: orgKey,
      year,
      ...text,
      version: version + 1,
      updated_by: user.id,
      updated_at: now,
    };
    let saved: number;
    if (version === 0) {
      const r = await trx
        .insertInto("report_sections")
        .values(row)
        .onConflict((oc) => oc.columns(["site_id", "org_id", "year"]).doNothing())
        .executeTakeFirst();
      saved = Number(r.numInsertedOrUpdatedRows ?? 0);
    } else {
      const r = await trx
        .updateTable("report_sections")
        .set({ ...text, version: version + 1, updated_by: user.id, updated_at: now })
        .where("site_id", "=", user.siteId)
        .where("org_id", "=", orgKey)
        .where("year", "=", year)
        .where("version", "=", version)
        .executeTakeFirst();
      saved = Number(r.numUpdatedRows);
    }
    if (saved !== 1) throw sectionsChanged();
    await recordAudit(trx, deps.clock, actorOf(user), {
      action: "report.sections",
      entityType: "org",
      entityId: target.org?.id ?? root?.id ?? user.siteId,
      orgId: target.org?.id ?? root?.id ?? null,
      siteId: user.siteId,
      summary: {
        year,
        org: target.org?.code ?? null,
        version: version + 1,
        lengths: Object.fromEntries(SECTION_FIELDS.map(([k]) => [k, text[k].length])),
      },
    });
    return { ...text, version: version + 1, updated_at: now };
  });
}

/** One figure the office may quote in its text. */
export interface QuotableFigure {
  label: string;
  value: string;
}

/**
 * The figures the sections may quote, for the site or one organisation: applications received and handled
 * (from table 三), fees collected for applications (确认缴费 steps of the year), messages answered (the
 * interaction domain's statistics).
 */
export async function quotableFigures(
  deps: Deps,
  siteId: string,
  year: number,
  org: Org | undefined,
  table3: { received: { total: number }; total: { total: number }; carried_out: { total: number } },
): Promise<QuotableFigure[]> {
  const db = deps.db.kysely;
  let q = db
    .selectFrom("application_steps as s")
    .innerJoin("applications as a", "a.id", "s.application_id")
    .select((eb) => [eb.fn.count<string>("a.id").as("n"), eb.fn.sum<string>("a.fee_yuan").as("yuan")])
    .where("a.site_id", "=", siteId)
    .where("s.action", "=", "fee_paid")
    .where("s.on_date", ">=", `${year}-01-01`)
    .where("s.on_date", "<=", `${year}-12-31`);
  if (org) q = q.where("a.org_id", "=", org.id);
  const fees = await q.executeTakeFirst();
  const out: QuotableFigure[] = [
    { label: "本年新收政府信息公开申请", value: `${table3.received.total} 件` },
    { label: "本年办结政府信息公开申请", value: `${table3.total.total} 件` },
    { label: "结转下年度继续办理", value: `${table3.carried_out.total} 件` },
    {
      label: "依申请公开收取信息处理费",
      value: `${Number(fees?.n ?? 0)} 件，共 ${Number(fees?.yuan ?? 0).toFixed(2)} 元`,
    },
  ];
  const stats = await messageStatistics(deps, siteId, { year });
  const row = org ? stats.by_org.find((r) => r.key === org.id) : stats.total;
  if (row)
    out.push(
      { label: "收到网民留言", value: `${row.received} 件` },
      { label: "答复网民留言", value: `${row.answered} 件（按期答复 ${row.answered_on_time} 件）` },
    );
  return out;
}
