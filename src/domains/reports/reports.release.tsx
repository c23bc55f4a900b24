// 发布年报: the annual report of a year becomes a draft item of kind `other` filed in the catalogue's
// 政府信息公开工作年度报告 column (`annual-report`) of the organisation (the site's root government for the
// county as a whole), which then goes through the normal review → sign → publish workflow. Refused (409) while
// the check 一 + 二 = （七）+ 四 fails or a section the office writes is empty, every problem listed; and while
// an earlier release of the same report is still in the workflow or published (a withdrawn one may be
// released again). The release row (migration 0029) records which item is the report of which site or
// organisation and year; it is written in the item's own transaction, guarded so two releases at once
// create one item.
import type { Deps, Executor } from "../../deps";
import { AppError, type ErrorDetail } from "../../platform/errors";
import { shanghaiDateOf } from "../../platform/time";
import { actorOf, type CurrentUser } from "../accounts";
import { recordAudit } from "../audit";
import { loadOrgTree } from "../orgs";
import { createItem } from "../publishing";
import { reportTitle } from "./reports.pdf";
import { authoriseSections, SECTION_FIELDS, sectionsKey } from "./reports.sections";
import { type AnnualReport, computeAnnualReport, parseYear } from "./reports.service";
import { paragraphsOf, Table2View, Table3View, Table4View } from "./reports.views";

/** The catalogue column the reports are filed in (catalog.seed-data.ts). */
export const ANNUAL_REPORT_COLUMN = "annual-report";

export interface ReleaseRow {
  item_id: string;
  status: string;
  title: string;
  released_at: string;
}

/** The release of a report (its item and the item's status), if any. */
export async function releaseOf(
  db: Executor,
  siteId: string,
  orgKey: string,
  year: number,
): Promise<ReleaseRow | undefined> {
  return db
    .selectFrom("report_releases as r")
    .innerJoin("items as i", "i.id", "r.item_id")
    .select(["r.item_id", "i.status", "i.title", "r.released_at"])
    .where("r.site_id", "=", siteId)
    .where("r.org_id", "=", orgKey)
    .where("r.year", "=", year)
    .executeTakeFirst();
}

/** How the release's item stands, in words. */
export const RELEASE_STATUS: Record<string, string> = {
  draft: "草稿，待提交审核",
  submitted: "待审核",
  reviewed: "已审核，待签发",
  signed: "已签发，待发布",
  scheduled: "已定时发布",
  published: "已发布",
  withdrawn: "已撤回",
  superseded: "已发布（已有修订版本）",
};

/** Whether a release counts as the report being out: published (or published and since revised). */
export const isPublished = (status: string) => status === "published" || status === "superseded";

const alreadyReleased = () =>
  new AppError(
    "report_already_released",
    409,
    "本年度报告已经生成过信息，正在审核发布流程中或已发布；如需重新发布，请先撤回原信息。",
  );

/** What blocks the release: every failing column of the check and every empty section. */
export function releaseProblems(report: AnnualReport): ErrorDetail[] {
  const out: ErrorDetail[] = [];
  for (const c of report.checks)
    for (const d of c.details)
      out.push({
        field: `table3.${d.column}`,
        code: "check_failed",
        message: `${c.name}：${d.label}列本年新收 ${d.received} + 上年结转 ${d.carried_in} ≠ 办理结果总计 ${d.handled} + 结转下年度 ${d.carried_out}${d.applications.length ? `，请核查 ${d.applications.map((a) => a.tracking_code).join("、")}` : ""}。`,
      });
  for (const [k, label] of SECTION_FIELDS)
    if (!report.sections?.[k].trim())
      out.push({ field: `sections.${k}`, code: "section_missing", message: `尚未撰写“${label}”。` });
  return out;
}

/**
 * The item's body: the report as HTML, sections and tables in the official order. Text the back-office page
 * hides for screen readers only is left out: an item's body keeps no classes, so it would show.
 */
export async function reportBodyHtml(r: AnnualReport): Promise<string> {
  const prose = (text: string) => paragraphsOf(text).map((t) => <p safe>{t}</p>);
  return withoutHiddenText(
    String(
      await (
        <>
          <p safe>
            {`本报告根据《中华人民共和国政府信息公开条例》和国办公开办函〔2021〕30号规定的格式编制，统计期限自${r.year}年1月1日起至${r.year}年12月31日止。`}
          </p>
          <h2>一、总体情况</h2>
          {prose(r.sections?.overview ?? "")}
          <h2>二、主动公开政府信息情况</h2>
          <Table2View t={r.table2} />
          <h2>三、收到和处理政府信息公开申请情况</h2>
          <Table3View report={r} />
          <h2>四、政府信息公开行政复议、行政诉讼情况</h2>
          <Table4View t={r.table4} />
          <h2>五、存在的主要问题及改进情况</h2>
          {prose(r.sections?.problems ?? "")}
          <h2>六、其他需要报告的事项</h2>
          {prose(r.sections?.other ?? "")}
        </>
      ),
    ),
  );
}

const withoutHiddenText = (html: string) => html.replace(/<span class="visually-hidden">[^<]*<\/span>/g, "");

/** Releases a year's report as a draft item in the annual-report column (see the top of this file). */
export async function releaseAnnualReport(
  deps: Deps,
  user: CurrentUser,
  q: { year?: unknown; org?: string },
) {
  const year = parseYear(deps, q.year);
  const tree = await loadOrgTree(deps, user.siteId);
  const target = authoriseSections(user, tree, q.org?.trim() || undefined);
  const report = await computeAnnualReport(deps, user.siteId, { year, orgCode: target.org?.code });
  const problems = releaseProblems(report);
  if (problems.length)
    throw new AppError(
      "report_not_releasable",
      409,
      "年度报告未通过发布前检查，请按提示处理后再发布。",
      problems,
    );
  const orgKey = sectionsKey(target.org);
  const before = await releaseOf(deps.db.kysely, user.siteId, orgKey, year);
  if (before && before.status !== "withdrawn") throw alreadyReleased();
  const owner = target.org ?? tree.roots(user.siteId)[0]!;
  const now = deps.clock.now().toISOString();
  const item = await createItem(
    deps,
    user,
    {
      kind: "other",
      org: owner.code,
      title: reportTitle(report),
      body: await reportBodyHtml(report),
      catalog_nodes: [ANNUAL_REPORT_COLUMN],
      formed_on: shanghaiDateOf(deps.clock.now()),
      topic: "政务公开",
      keywords: "政府信息公开 年度报告",
    },
    {
      within: async (trx, row) => {
        const release = { item_id: row.id, released_by: user.id, released_at: now };
        const saved = before
          ? Number(
              (
                await trx
                  .updateTable("report_releases")
                  .set(release)
                  .where("site_id", "=", user.siteId)
                  .where("org_id", "=", orgKey)
                  .where("year", "=", year)
                  .where("item_id", "=", before.item_id)
                  .executeTakeFirst()
              ).numUpdatedRows,
            )
          : Number(
              (
                await trx
                  .insertInto("report_releases")
                  .values({ site_id: user.siteId, org_id: orgKey, year, ...release })
                  .onConflict((oc) => oc.columns(["site_id", "org_id", "year"]).doNothing())
                  .executeTakeFirst()
              ).numInsertedOrUpdatedRows ?? 0,
            );
        if (saved !== 1) throw alreadyReleased();
        await recordAudit(trx, deps.clock, actorOf(user), {
          action: "report.release",
          entityType: "item",
          entityId: row.id,
          orgId: row.org_id,
          siteId: user.siteId,
          summary: { year, org: target.org?.code ?? null, item: row.id, replaces: before?.item_id ?? null },
        });
      },
    },
  );
  return { year, org: target.org?.code ?? null, item_id: item.id, status: item.status, title: item.title };
}
