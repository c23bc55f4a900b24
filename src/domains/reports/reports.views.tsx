// The annual report's tables 二, 三 and 四 in the layout of the 2021 format, and the sections the office wrote,
// as HTML: the back-office page shows them, and the released report's item body is made of them (the
// publishing domain's sanitiser keeps the tables' colspan/rowspan/scope and drops the rest).
import { formatWan } from "./reports.docx";
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
import { SECTION_FIELDS } from "./reports.sections";
import type { AnnualReport } from "./reports.service";

export function Table2View(p: { t: AnnualReport["table2"] }) {
  const t = p.t;
  return (
    <div class="table-scroll" tabindex="0" role="region" aria-labelledby="table2-caption">
      <table id="table2" class="inspector-table report-table">
        <caption id="table2-caption">二、主动公开政府信息情况</caption>
        <tbody>
          <tr>
            <th scope="colgroup" colspan="4">
              第二十条第（一）项
            </th>
          </tr>
          <tr>
            <th scope="col">信息内容</th>
            <th scope="col">本年制发件数</th>
            <th scope="col">本年废止件数</th>
            <th scope="col">现行有效件数</th>
          </tr>
          {(
            [
              ["规章", t.regulations],
              ["行政规范性文件", t.normative],
            ] as const
          ).map(([label, d]) => (
            <tr>
              <th scope="row">{label}</th>
              <td class="num" safe>
                {String(d.made)}
              </td>
              <td class="num" safe>
                {String(d.repealed)}
              </td>
              <td class="num" safe>
                {String(d.in_force)}
              </td>
            </tr>
          ))}
          <tr>
            <th scope="colgroup" colspan="4">
              第二十条第（五）项
            </th>
          </tr>
          <tr>
            <th scope="col">信息内容</th>
            <th scope="col" colspan="3">
              本年处理决定数量
            </th>
          </tr>
          <tr>
            <th scope="row">行政许可</th>
            <td class="num" colspan="3" safe>
              {String(t.licensing)}
            </td>
          </tr>
          <tr>
            <th scope="colgroup" colspan="4">
              第二十条第（六）项
            </th>
          </tr>
          <tr>
            <th scope="col">信息内容</th>
            <th scope="col" colspan="3">
              本年处理决定数量
            </th>
          </tr>
          <tr>
            <th scope="row">行政处罚</th>
            <td class="num" colspan="3" safe>
              {String(t.penalty)}
            </td>
          </tr>
          <tr>
            <th scope="row">行政强制</th>
            <td class="num" colspan="3" safe>
              {String(t.coercion)}
            </td>
          </tr>
          <tr>
            <th scope="colgroup" colspan="4">
              第二十条第（八）项
            </th>
          </tr>
          <tr>
            <th scope="col">信息内容</th>
            <th scope="col" colspan="3">
              本年收费金额（单位：万元）
            </th>
          </tr>
          <tr>
            <th scope="row">行政事业性收费</th>
            <td class="num" colspan="3" safe>
              {formatWan(t.fees_wan_yuan)}
            </td>
          </tr>
        </tbody>
      </table>
    </div>
  );
}

export function Table3View(p: { report: AnnualReport }) {
  const t = p.report.table3;
  const failing = new Set(p.report.checks.flatMap((c) => c.details.map((d) => d.column)));
  const checked: readonly Table3Row[] = ["received", "carried_in", "total", "carried_out"];
  const cells = (row: Table3Row) =>
    [...COLUMNS, "total" as const].map((c) => {
      const bad = failing.has(c) && checked.includes(row);
      return (
        <td class={bad ? "num warn-cell" : "num"}>
          <span safe>{String(t[row][c])}</span>
          {bad ? <span class="visually-hidden">（勾稽关系不平衡）</span> : ""}
        </td>
      );
    });
  let group = "";
  const outcomes = TABLE3_ROWS.filter((r) => OUTCOME_LINES[r]);
  const groupSize = (g: string) => outcomes.filter((r) => OUTCOME_LINES[r]!.group === g).length;
  // As the format prints it: 三、本年度办理结果 spans every outcome row and （七）总计; each group（三）to（六）
  // spans its lines.
  const outcomeRows = outcomes.map((r, i) => {
    const line = OUTCOME_LINES[r]!;
    const first = !!line.group && line.group !== group;
    if (line.group) group = line.group;
    return (
      <tr>
        {i === 0 ? (
          <th scope="rowgroup" rowspan={String(outcomes.length + 1)}>
            三、本年度办理结果
          </th>
        ) : (
          ""
        )}
        {first ? (
          <th scope="rowgroup" rowspan={String(groupSize(line.group!))} safe>
            {line.group}
          </th>
        ) : (
          ""
        )}
        <th scope="row" colspan={line.group ? "1" : "2"} safe>
          {line.label}
        </th>
        {cells(r)}
      </tr>
    );
  });
  return (
    <div class="table-scroll" tabindex="0" role="region" aria-labelledby="table3-caption">
      <table id="table3" class="inspector-table report-table">
        <caption id="table3-caption">三、收到和处理政府信息公开申请情况</caption>
        <thead>
          <tr>
            <th scope="col" colspan="3" rowspan="3">
              （本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）
            </th>
            <th scope="colgroup" colspan="7">
              申请人情况
            </th>
          </tr>
          <tr>
            <th scope="col" rowspan="2">
              自然人
            </th>
            <th scope="colgroup" colspan="5">
              法人或其他组织
            </th>
            <th scope="col" rowspan="2">
              总计
            </th>
          </tr>
          <tr>
            {(["commercial", "research", "public_interest", "legal_service", "other"] as Column[]).map(
              (c) => (
                <th scope="col" safe>
                  {COLUMN_LABELS[c]}
                </th>
              ),
            )}
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row" colspan="3" safe>
              {ROW_LABELS.received}
            </th>
            {cells("received")}
          </tr>
          <tr>
            <th scope="row" colspan="3" safe>
              {ROW_LABELS.carried_in}
            </th>
            {cells("carried_in")}
          </tr>
          {outcomeRows}
          <tr>
            <th scope="row" colspan="2" safe>
              {ROW_LABELS.total}
            </th>
            {cells("total")}
          </tr>
          <tr>
            <th scope="row" colspan="3" safe>
              {ROW_LABELS.carried_out}
            </th>
            {cells("carried_out")}
          </tr>
        </tbody>
      </table>
    </div>
  );
}

export function Table4View(p: { t: AnnualReport["table4"] }) {
  const keys = ["upheld", "corrected", "other", "pending", "total"] as const;
  const kinds = ["review", "litigation_direct", "litigation_after_review"] as const;
  return (
    <div class="table-scroll" tabindex="0" role="region" aria-labelledby="table4-caption">
      <table id="table4" class="inspector-table report-table">
        <caption id="table4-caption">四、政府信息公开行政复议、行政诉讼情况</caption>
        <thead>
          <tr>
            <th scope="colgroup" colspan="5" rowspan="2">
              行政复议
            </th>
            <th scope="colgroup" colspan="10">
              行政诉讼
            </th>
          </tr>
          <tr>
            <th scope="colgroup" colspan="5">
              未经复议直接起诉
            </th>
            <th scope="colgroup" colspan="5">
              复议后起诉
            </th>
          </tr>
          <tr>
            {kinds.flatMap((k) =>
              keys.map((r) => (
                <th scope="col">
                  <span safe>{RESULT_LABELS[r]}</span>
                  <span class="visually-hidden" safe>{`（${DISPUTE_LABELS[k]}）`}</span>
                </th>
              )),
            )}
          </tr>
        </thead>
        <tbody>
          <tr>
            {kinds.flatMap((k) =>
              keys.map((r) => (
                <td class="num" safe>
                  {String(p.t[k][r])}
                </td>
              )),
            )}
          </tr>
        </tbody>
      </table>
    </div>
  );
}

export const paragraphsOf = (text: string) =>
  text
    .split(/\n+/)
    .map((p) => p.trim())
    .filter(Boolean);

/** One of the sections the office writes, shown in its place in the report (nothing until written). */
export function SectionText(p: { report: AnnualReport; k: "overview" | "problems" | "other" }) {
  const s = p.report.sections;
  if (!s) return "";
  const title = SECTION_FIELDS.find(([k]) => k === p.k)![1];
  return (
    <section aria-labelledby={`section-${p.k}`}>
      <h2 id={`section-${p.k}`}>{title}</h2>
      {paragraphsOf(s[p.k]).map((t) => (
        <p safe>{t}</p>
      ))}
    </section>
  );
}
