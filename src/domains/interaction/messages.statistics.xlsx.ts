// The statistics of messages as an .xlsx workbook: sheets 按部门, 按类型, 按渠道 and 超期清单, each under a
// title row naming the county and the period. Every text cell is written as a plain string; one starting
// with = + - @ (or a tab or carriage return) is prefixed with an apostrophe so a spreadsheet never reads it
// as a formula (formula injection); HTML or script in a title stays literal text.
import type ExcelJS from "exceljs";
import { GROUP_LABELS, GROUPS, type OverdueMessage, type StatisticsRow } from "./messages.statistics";

/** A text cell that can never become a formula. */
export const safeText = (v: string): string => (/^[=+\-@\t\r]/.test(v) ? `'${v}` : v);

type Value = string | number | null;
const ROW_COLUMNS: Array<{ header: string; width: number; value: (r: StatisticsRow) => Value }> = [
  { header: "收到", width: 8, value: (r) => r.received },
  { header: "已答复", width: 8, value: (r) => r.answered },
  { header: "按期答复", width: 10, value: (r) => r.answered_on_time },
  { header: "逾期答复", width: 10, value: (r) => r.answered_late },
  { header: "按期答复率（%）", width: 14, value: (r) => r.on_time_rate },
  { header: "超期未答复", width: 10, value: (r) => r.overdue_open },
  { header: "超过两个月未答复", width: 14, value: (r) => r.alarm_open },
  { header: "平均办理工作日", width: 14, value: (r) => r.answer_days_avg },
  { header: "办理工作日中位数", width: 14, value: (r) => r.answer_days_median },
  { header: "退回次数", width: 10, value: (r) => r.returned },
  { header: "不予受理", width: 10, value: (r) => r.rejected },
  { header: "公开发布", width: 10, value: (r) => r.published },
  { header: "满意", width: 8, value: (r) => r.satisfied },
  { header: "基本满意", width: 10, value: (r) => r.basic },
  { header: "不满意", width: 8, value: (r) => r.unsatisfied },
  { header: "满意率（%）", width: 12, value: (r) => r.satisfaction_rate },
];

const OVERDUE_COLUMNS: Array<{ header: string; width: number; value: (m: OverdueMessage) => Value }> = [
  { header: "查询码", width: 22, value: (m) => m.tracking_code },
  { header: "标题", width: 40, value: (m) => m.title },
  { header: "类型", width: 8, value: (m) => m.type_label },
  { header: "渠道", width: 12, value: (m) => m.channel_label },
  { header: "承办单位", width: 28, value: (m) => m.org_name },
  { header: "收到日期", width: 12, value: (m) => m.received_on },
  { header: "答复期限", width: 12, value: (m) => m.due_on },
  { header: "超期工作日", width: 12, value: (m) => m.days_overdue },
  { header: "超过两个月未答复", width: 16, value: (m) => (m.alarm ? "是" : "否") },
  { header: "两个月期满日", width: 14, value: (m) => m.alarm_on },
];

const cell = (v: Value) => (typeof v === "string" ? safeText(v) : (v ?? ""));

function sheet(
  wb: ExcelJS.Workbook,
  name: string,
  title: string,
  headers: Array<{ header: string; width: number }>,
  rows: Value[][],
  footer?: Value[],
) {
  const ws = wb.addWorksheet(name, { views: [{ state: "frozen", ySplit: 2 }] });
  ws.columns = headers.map((h) => ({ width: h.width }));
  ws.addRow([safeText(title)]);
  ws.mergeCells(1, 1, 1, headers.length);
  ws.getRow(1).font = { bold: true, size: 14 };
  const head = ws.addRow(headers.map((h) => h.header));
  head.font = { bold: true };
  head.eachCell((c) => {
    c.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFEFEFEF" } };
    c.border = { bottom: { style: "thin", color: { argb: "FF000000" } } };
  });
  for (const r of rows) ws.addRow(r.map(cell));
  if (footer) ws.addRow(footer.map(cell)).font = { bold: true };
}

export interface WorkbookInput {
  county: string;
  period: { from: string; to: string };
  groups: Record<(typeof GROUPS)[number], { items: StatisticsRow[]; total: StatisticsRow }>;
  overdue: OverdueMessage[];
  today: string;
  created?: Date;
}

export async function buildStatisticsWorkbook(input: WorkbookInput): Promise<Buffer> {
  // exceljs takes most of a second to load: only when a workbook is asked for.
  const { default: Excel } = await import("exceljs");
  const wb = new Excel.Workbook();
  wb.creator = "gongkai";
  wb.created = input.created ?? new Date();
  const span = `${input.period.from} 至 ${input.period.to}`;
  const firstHeader = { org: "承办单位", type: "留言类型", channel: "收到渠道" } as const;
  for (const g of GROUPS) {
    const { items, total } = input.groups[g];
    sheet(
      wb,
      GROUP_LABELS[g],
      `${input.county}互动交流统计（${GROUP_LABELS[g]}，收到日期 ${span}）`,
      [{ header: firstHeader[g], width: g === "org" ? 28 : 14 }, ...ROW_COLUMNS],
      items.map((r) => [r.label, ...ROW_COLUMNS.map((c) => c.value(r))]),
      ["合计", ...ROW_COLUMNS.map((c) => c.value(total))],
    );
  }
  sheet(
    wb,
    "超期清单",
    `${input.county}超期未答复留言清单（截至 ${input.today}）`,
    OVERDUE_COLUMNS,
    input.overdue.map((m) => OVERDUE_COLUMNS.map((c) => c.value(m))),
  );
  return Buffer.from(await wb.xlsx.writeBuffer());
}
