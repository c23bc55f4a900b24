// The annual report's tables as a Word document in the layout of 国办公开办函〔2021〕30号: tables 二, 三 and 四
// ruled with single lines, merged header cells as the published reports have them, 宋体 五号 in the cells.
// Sections 一, 五 and 六 are the prose the office wrote (reports.sections.ts), when it has.
import {
  AlignmentType,
  BorderStyle,
  Document,
  HeadingLevel,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from "docx";
import {
  COLUMN_LABELS,
  COLUMNS,
  type Column,
  DISPUTE_LABELS,
  OUTCOME_LINES,
  RESULT_LABELS,
  ROW_LABELS,
  TABLE3_ROWS,
  type Table3Row,
} from "./reports.labels";
import type { AnnualReport } from "./reports.service";

const font = {
  ascii: "Times New Roman",
  hAnsi: "Times New Roman",
  eastAsia: "宋体",
  hint: "eastAsia",
} as const;
const HEADING = { ...font, eastAsia: "黑体" } as const;
const TITLE = { ...font, eastAsia: "方正小标宋简体" } as const;
const CELL_PT = 10.5; // 五号
const line = { style: BorderStyle.SINGLE, size: 4, color: "000000" } as const;
const borders = { top: line, bottom: line, left: line, right: line };

function cell(
  text: string,
  opts: { colspan?: number; rowspan?: number; bold?: boolean; left?: boolean } = {},
) {
  return new TableCell({
    borders,
    verticalAlign: VerticalAlign.CENTER,
    columnSpan: opts.colspan,
    rowSpan: opts.rowspan,
    margins: { top: 40, bottom: 40, left: 60, right: 60 },
    children: [
      new Paragraph({
        alignment: opts.left ? AlignmentType.LEFT : AlignmentType.CENTER,
        children: [new TextRun({ text, font, size: CELL_PT * 2, bold: opts.bold })],
      }),
    ],
  });
}

const table = (rows: TableRow[]) => new Table({ rows, width: { size: 100, type: WidthType.PERCENTAGE } });
const heading = (text: string) =>
  new Paragraph({
    heading: HeadingLevel.HEADING_2,
    spacing: { before: 240, after: 120 },
    children: [new TextRun({ text, font: HEADING, size: 32 })],
  });
const note = (text: string) =>
  new Paragraph({ spacing: { before: 120 }, children: [new TextRun({ text, font, size: 21 })] });

function table2(t: AnnualReport["table2"]): Table {
  const n = (v: number) => String(v);
  const section = (title: string) => new TableRow({ children: [cell(title, { colspan: 4, bold: true })] });
  const single = (label: string, v: string) =>
    new TableRow({ children: [cell(label), cell(v, { colspan: 3 })] });
  return table([
    section("第二十条第（一）项"),
    new TableRow({
      children: ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"].map((h) => cell(h)),
    }),
    ...(
      [
        ["规章", t.regulations],
        ["行政规范性文件", t.normative],
      ] as const
    ).map(
      ([label, d]) =>
        new TableRow({ children: [cell(label), cell(n(d.made)), cell(n(d.repealed)), cell(n(d.in_force))] }),
    ),
    section("第二十条第（五）项"),
    single("信息内容", "本年处理决定数量"),
    single("行政许可", n(t.licensing)),
    section("第二十条第（六）项"),
    single("信息内容", "本年处理决定数量"),
    single("行政处罚", n(t.penalty)),
    single("行政强制", n(t.coercion)),
    section("第二十条第（八）项"),
    single("信息内容", "本年收费金额（单位：万元）"),
    single("行政事业性收费", formatWan(t.fees_wan_yuan)),
  ]);
}

/** 万元 with at least two decimals, as the published reports print amounts. */
export const formatWan = (v: number) => v.toFixed(Math.max(2, (String(v).split(".")[1] ?? "").length));

function table3(t: AnnualReport["table3"]): Table {
  const nums = (row: Table3Row) => [...COLUMNS, "total" as const].map((c) => cell(String(t[row][c])));
  const outcomes = TABLE3_ROWS.filter((r) => OUTCOME_LINES[r]);
  const groupSize = (g: string) => outcomes.filter((r) => OUTCOME_LINES[r]!.group === g).length;
  let group = "";
  const outcomeRows = outcomes.map((r, i) => {
    const l = OUTCOME_LINES[r]!;
    const lead = i === 0 ? [cell("三、本年度办理结果", { rowspan: outcomes.length + 1 })] : [];
    let label: TableCell[];
    if (!l.group) label = [cell(l.label, { colspan: 2, left: true })];
    else if (l.group !== group) {
      group = l.group;
      label = [cell(l.group, { rowspan: groupSize(l.group) }), cell(l.label, { left: true })];
    } else label = [cell(l.label, { left: true })];
    return new TableRow({ children: [...lead, ...label, ...nums(r)] });
  });
  const orgColumns: Column[] = ["commercial", "research", "public_interest", "legal_service", "other"];
  return table([
    new TableRow({
      tableHeader: true,
      children: [
        cell("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", {
          colspan: 3,
          rowspan: 3,
        }),
        cell("申请人情况", { colspan: 7 }),
      ],
    }),
    new TableRow({
      tableHeader: true,
      children: [
        cell("自然人", { rowspan: 2 }),
        cell("法人或其他组织", { colspan: 5 }),
        cell("总计", { rowspan: 2 }),
      ],
    }),
    new TableRow({ tableHeader: true, children: orgColumns.map((c) => cell(COLUMN_LABELS[c])) }),
    new TableRow({ children: [cell(ROW_LABELS.received, { colspan: 3, left: true }), ...nums("received")] }),
    new TableRow({
      children: [cell(ROW_LABELS.carried_in, { colspan: 3, left: true }), ...nums("carried_in")],
    }),
    ...outcomeRows,
    new TableRow({ children: [cell(ROW_LABELS.total, { colspan: 2 }), ...nums("total")] }),
    new TableRow({
      children: [cell(ROW_LABELS.carried_out, { colspan: 3, left: true }), ...nums("carried_out")],
    }),
  ]);
}

function table4(t: AnnualReport["table4"]): Table {
  const kinds = ["review", "litigation_direct", "litigation_after_review"] as const;
  const keys = ["upheld", "corrected", "other", "pending", "total"] as const;
  return table([
    new TableRow({
      children: [cell(DISPUTE_LABELS.review!, { colspan: 5, rowspan: 2 }), cell("行政诉讼", { colspan: 10 })],
    }),
    new TableRow({
      children: [cell("未经复议直接起诉", { colspan: 5 }), cell("复议后起诉", { colspan: 5 })],
    }),
    new TableRow({ children: kinds.flatMap(() => keys.map((k) => cell(RESULT_LABELS[k]!))) }),
    new TableRow({ children: kinds.flatMap((kind) => keys.map((k) => cell(String(t[kind][k])))) }),
  ]);
}

/** A section the office wrote: its heading and one indented paragraph per line (nothing when not written). */
const prose = (title: string, text: string | undefined) =>
  title
    ? [
        heading(title),
        ...(text ?? "")
          .split(/\n+/)
          .map((p) => p.trim())
          .filter(Boolean)
          .map(
            (p) =>
              new Paragraph({
                indent: { firstLine: 640 },
                spacing: { line: 560 },
                children: [new TextRun({ text: p, font: { ...font, eastAsia: "仿宋_GB2312" }, size: 32 })],
              }),
          ),
      ]
    : [];

/** The report (its sections, when written, and its tables with the check) as a .docx file. */
export async function renderAnnualReportDocx(r: AnnualReport): Promise<Buffer> {
  const who = r.org ? r.org_name : r.site.name;
  const check = r.checks[0];
  const children = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 240 },
      children: [new TextRun({ text: `${who}${r.year}年政府信息公开工作年度报告`, font: TITLE, size: 44 })],
    }),
    ...(r.sections
      ? []
      : [
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { after: 240 },
            children: [
              new TextRun({
                text: r.org ? "（统计表）" : "（统计表，全县各机构汇总）",
                font,
                size: 32,
              }),
            ],
          }),
        ]),
    ...prose(r.sections ? "一、总体情况" : "", r.sections?.overview),
    heading("二、主动公开政府信息情况"),
    table2(r.table2),
    heading("三、收到和处理政府信息公开申请情况"),
    table3(r.table3),
    note(
      check?.ok
        ? `数据校验：${check.name}，各列均平衡。`
        : `数据校验：${check?.name ?? ""}，${check?.details.map((d) => d.label).join("、")}列不平衡，修正前不能发布。`,
    ),
    heading("四、政府信息公开行政复议、行政诉讼情况"),
    table4(r.table4),
    ...prose(r.sections ? "五、存在的主要问题及改进情况" : "", r.sections?.problems),
    ...prose(r.sections ? "六、其他需要报告的事项" : "", r.sections?.other),
  ];
  const doc = new Document({
    creator: "gongkai",
    title: `${who}${r.year}年政府信息公开工作年度报告`,
    sections: [
      {
        properties: {
          page: {
            size: { width: 11906, height: 16838 },
            margin: { top: 1134, bottom: 1134, left: 1134, right: 1134 },
          },
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
