// A run as Excel workbooks: the ranking (one row per organisation, one column per indicator) and an
// organisation's evidence (one row per record counted, with its page's address). Text cells never become
// formulas (safeText); exceljs is loaded only when a workbook is asked for.
import type ExcelJS from "exceljs";
import type { OrgRunView, RunView } from "./assessment.present";

/** A text cell that can never become a formula (formula injection). */
const safeText = (v: string): string => (/^[=+\-@\t\r]/.test(v) ? `'${v}` : v);

type Value = string | number | null;
const cell = (v: Value) => (typeof v === "string" ? safeText(v) : (v ?? ""));

function sheet(
  wb: ExcelJS.Workbook,
  name: string,
  title: string,
  headers: Array<{ header: string; width: number }>,
  rows: Value[][],
) {
  const ws = wb.addWorksheet(name, { views: [{ state: "frozen", ySplit: 2 }] });
  ws.columns = headers.map((h) => ({ width: h.width }));
  ws.addRow([safeText(title)]);
  ws.mergeCells(1, 1, 1, Math.max(1, headers.length));
  ws.getRow(1).font = { bold: true, size: 14 };
  const head = ws.addRow(headers.map((h) => h.header));
  head.font = { bold: true };
  for (const r of rows) ws.addRow(r.map(cell));
  return ws;
}

async function workbook(created: Date) {
  const { default: Excel } = await import("exceljs");
  const wb = new Excel.Workbook();
  wb.creator = "gongkai";
  wb.created = created;
  return wb;
}

/** Sheet 排名: rank, organisation, each indicator's points, the score, the deduction, the total. */
export async function buildRankingWorkbook(county: string, run: RunView, created: Date): Promise<Buffer> {
  const wb = await workbook(created);
  const headers = [
    { header: "名次", width: 6 },
    { header: "单位", width: 28 },
    ...run.indicators.map((i) => ({ header: `${i.name}（${i.points}分）`, width: 16 })),
    { header: "指标得分", width: 10 },
    { header: "问责扣分", width: 10 },
    { header: "总分", width: 10 },
  ];
  sheet(
    wb,
    "排名",
    `${county}${run.period_label}政务公开考核排名（${run.from_on} 至 ${run.to_on}，${run.status === "final" ? "已确定" : `第${run.version}次计算，未确定`}）`,
    headers,
    run.ranking.map((r) => [
      r.rank,
      r.org.name,
      ...run.indicators.map((i) => r.scores.find((s) => s.indicator_id === i.id)?.points ?? null),
      r.score,
      r.deduction,
      r.total,
    ]),
  );
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Sheet 得分: each indicator's points; sheet 依据: every record counted, whether it counted for or against. */
export async function buildEvidenceWorkbook(
  county: string,
  view: OrgRunView,
  origin: string,
  created: Date,
): Promise<Buffer> {
  const wb = await workbook(created);
  const title = `${county}${view.run.period_label}政务公开考核 ${view.org.name}`;
  sheet(
    wb,
    "得分",
    `${title} 得分`,
    [
      { header: "指标", width: 30 },
      { header: "分值", width: 8 },
      { header: "得分", width: 8 },
      { header: "达标数", width: 8 },
      { header: "总数", width: 8 },
      { header: "说明", width: 40 },
    ],
    [
      ...view.scores.map((s) => [
        s.indicator.name,
        s.max_points,
        s.points,
        s.numerator,
        s.denominator,
        s.note,
      ]),
      ...(view.total?.deductions ?? []).map((d) => [
        `问责扣分：${d.kind_label}（${d.decided_on}）`,
        null,
        -d.points,
        null,
        null,
        null,
      ]),
      [
        "总分",
        view.total?.max_score ?? null,
        view.total?.total ?? null,
        null,
        null,
        view.total ? `第${view.total.rank}名` : null,
      ],
    ],
  );
  sheet(
    wb,
    "依据",
    `${title} 评分依据`,
    [
      { header: "指标", width: 30 },
      { header: "记录", width: 40 },
      { header: "结果", width: 8 },
      { header: "说明", width: 40 },
      { header: "地址", width: 60 },
    ],
    view.scores.flatMap((s) =>
      s.evidence.map((e) => [
        s.indicator.name,
        e.label,
        e.ok === undefined ? "" : e.ok ? "达标" : "未达标",
        e.note ?? "",
        `${origin}${e.url}`,
      ]),
    ),
  );
  return Buffer.from(await wb.xlsx.writeBuffer());
}
