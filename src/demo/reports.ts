// The county government's 政府信息公开工作年度报告 for each finished year, in the format of 国办公开办函〔2021〕30号
// (six sections; tables 二, 三 and 四). The figures come from what the demo actually seeded: items published in
// the year, normative documents in force, and the applications and disputes of applications-history.ts, so
// one year's 结转下年度 is the next year's 上年结转.
import type { ApplicantColumn, HistoryApplication } from "./applications-history";
import type { DemoItemSpec } from "./publish";

export interface YearTally {
  items: number;
  normative: number;
  policies: number;
  interpretations: number;
}

const COLUMNS: ApplicantColumn[] = [
  "natural",
  "commercial",
  "research",
  "public_interest",
  "legal_service",
  "other",
];

const OUTCOME_ROWS: Array<[code: string, label: string, group?: string]> = [
  ["disclose", "（一）予以公开"],
  ["partial", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"],
  ["withhold.state_secret", "1.属于国家秘密", "（三）不予公开"],
  ["withhold.prohibited_by_law", "2.其他法律行政法规禁止公开", "（三）不予公开"],
  ["withhold.security_stability", "3.危及“三安全一稳定”", "（三）不予公开"],
  ["withhold.third_party", "4.保护第三方合法权益", "（三）不予公开"],
  ["withhold.internal_affairs", "5.属于三类内部事务信息", "（三）不予公开"],
  ["withhold.process_info", "6.属于四类过程性信息", "（三）不予公开"],
  ["withhold.enforcement_file", "7.属于行政执法案卷", "（三）不予公开"],
  ["withhold.administrative_query", "8.属于行政查询事项", "（三）不予公开"],
  ["unable.not_held", "1.本机关不掌握相关政府信息", "（四）无法提供"],
  ["unable.needs_creation", "2.没有现成信息需要另行制作", "（四）无法提供"],
  ["unable.still_unclear", "3.补正后申请内容仍不明确", "（四）无法提供"],
  ["not_handled.petition", "1.信访举报投诉类申请", "（五）不予处理"],
  ["not_handled.repeated", "2.重复申请", "（五）不予处理"],
  ["not_handled.publication", "3.要求提供公开出版物", "（五）不予处理"],
  ["not_handled.excessive", "4.无正当理由大量反复申请", "（五）不予处理"],
  ["not_handled.confirmation", "5.要求行政机关确认或重新出具已获取信息", "（五）不予处理"],
  [
    "other.no_correction",
    "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    "（六）其他处理",
  ],
  [
    "other.fee_unpaid",
    "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    "（六）其他处理",
  ],
  ["other.other", "3.其他", "（六）其他处理"],
];

type Row = Record<ApplicantColumn | "total", number>;
const emptyRow = (): Row => ({
  natural: 0,
  commercial: 0,
  research: 0,
  public_interest: 0,
  legal_service: 0,
  other: 0,
  total: 0,
});
const add = (r: Row, c: ApplicantColumn) => {
  r[c]++;
  r.total++;
};

export interface Table3 {
  received: Row;
  carriedIn: Row;
  outcomes: Map<string, Row>;
  total: Row;
  carriedOut: Row;
}

/** Table 三 of a year, counted as the product counts it (CONTRACT.md, Reports). */
export function table3Of(apps: HistoryApplication[], year: number): Table3 {
  const end = `${year}-12-31`;
  const start = `${year}-01-01`;
  const t: Table3 = {
    received: emptyRow(),
    carriedIn: emptyRow(),
    outcomes: new Map(OUTCOME_ROWS.map(([code]) => [code, emptyRow()])),
    total: emptyRow(),
    carriedOut: emptyRow(),
  };
  for (const a of apps) {
    if (a.received.startsWith(String(year))) add(t.received, a.type);
    if (a.received < start && a.replied >= start) add(t.carriedIn, a.type);
    if (a.replied.startsWith(String(year))) {
      add(t.outcomes.get(a.outcome)!, a.type);
      add(t.total, a.type);
    }
    if (a.received <= end && a.replied > end) add(t.carriedOut, a.type);
  }
  return t;
}

export function table4Of(apps: HistoryApplication[], year: number) {
  const end = `${year}-12-31`;
  const out = {
    review: { upheld: 0, corrected: 0, other: 0, pending: 0, total: 0 },
    litigation_direct: { upheld: 0, corrected: 0, other: 0, pending: 0, total: 0 },
    litigation_after_review: { upheld: 0, corrected: 0, other: 0, pending: 0, total: 0 },
  };
  for (const a of apps) {
    const d = a.dispute;
    if (!d?.filed.startsWith(String(year))) continue;
    const cell = out[d.kind];
    if (d.decided > end) cell.pending++;
    else cell[d.result]++;
    cell.total++;
  }
  return out;
}

const cells = (r: Row) => `${COLUMNS.map((c) => `<td>${r[c]}</td>`).join("")}<td>${r.total}</td>`;

function table3Html(t: Table3): string {
  const head =
    '<tr><th colspan="3" rowspan="3">本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和</th><th colspan="7">申请人情况</th></tr>' +
    '<tr><th rowspan="2">自然人</th><th colspan="5">法人或其他组织</th><th rowspan="2">总计</th></tr>' +
    "<tr><th>商业企业</th><th>科研机构</th><th>社会公益组织</th><th>法律服务机构</th><th>其他</th></tr>";
  const rows = [
    `<tr><td colspan="3">一、本年新收政府信息公开申请数量</td>${cells(t.received)}</tr>`,
    `<tr><td colspan="3">二、上年结转政府信息公开申请数量</td>${cells(t.carriedIn)}</tr>`,
  ];
  let group = "";
  for (const [code, label, g] of OUTCOME_ROWS) {
    const row = t.outcomes.get(code)!;
    if (g && g !== group) group = g;
    rows.push(
      `<tr><td>${code === "disclose" ? "三、本年度办理结果" : ""}</td><td>${g ?? label}</td><td>${g ? label : ""}</td>${cells(row)}</tr>`,
    );
  }
  rows.push(`<tr><td></td><td colspan="2">（七）总计</td>${cells(t.total)}</tr>`);
  rows.push(`<tr><td colspan="3">四、结转下年度继续办理</td>${cells(t.carriedOut)}</tr>`);
  return `<table><caption>收到和处理政府信息公开申请情况</caption><thead>${head}</thead><tbody>${rows.join("")}</tbody></table>`;
}

function table4Html(t: ReturnType<typeof table4Of>): string {
  const c = (x: { upheld: number; corrected: number; other: number; pending: number; total: number }) =>
    `<td>${x.upheld}</td><td>${x.corrected}</td><td>${x.other}</td><td>${x.pending}</td><td>${x.total}</td>`;
  const five = "<th>结果维持</th><th>结果纠正</th><th>其他结果</th><th>尚未审结</th><th>总计</th>";
  return (
    "<table><caption>政府信息公开行政复议、行政诉讼情况</caption><thead>" +
    '<tr><th colspan="5" rowspan="2">行政复议</th><th colspan="10">行政诉讼</th></tr>' +
    '<tr><th colspan="5">未经复议直接起诉</th><th colspan="5">复议后起诉</th></tr>' +
    `<tr>${five}${five}${five}</tr></thead><tbody><tr>${c(t.review)}${c(t.litigation_direct)}${c(t.litigation_after_review)}</tr></tbody></table>`
  );
}

/** Table 二: rules and normative documents, licences, penalties and fees (the county's own records). */
/** The county's own records of a year: 行政许可, 行政处罚 and 行政强制 decisions, fees (万元). */
export function table2Figures(year: number) {
  const k = year - 2020;
  return {
    licensing: 3412 + 186 * k,
    penalty: 214 + 23 * k,
    coercion: 11 + (k % 3),
    fees_wan_yuan: (86.5 - 4.2 * k).toFixed(2),
  };
}

function table2Html(year: number, tally: YearTally, inForce: number): string {
  const f = table2Figures(year);
  const licences = f.licensing;
  const penalties = f.penalty;
  const coercion = f.coercion;
  const fees = f.fees_wan_yuan;
  return (
    "<table><caption>主动公开政府信息情况</caption><thead>" +
    '<tr><th colspan="4">第二十条第（一）项</th></tr><tr><th>信息内容</th><th>本年制发件数</th><th>本年废止件数</th><th>现行有效件数</th></tr></thead><tbody>' +
    "<tr><td>规章</td><td>0</td><td>0</td><td>0</td></tr>" +
    `<tr><td>行政规范性文件</td><td>${tally.normative}</td><td>0</td><td>${inForce}</td></tr>` +
    '<tr><th colspan="4">第二十条第（五）项</th></tr><tr><th>信息内容</th><th colspan="3">本年处理决定数量</th></tr>' +
    `<tr><td>行政许可</td><td colspan="3">${licences}</td></tr>` +
    '<tr><th colspan="4">第二十条第（六）项</th></tr><tr><th>信息内容</th><th colspan="3">本年处理决定数量</th></tr>' +
    `<tr><td>行政处罚</td><td colspan="3">${penalties}</td></tr><tr><td>行政强制</td><td colspan="3">${coercion}</td></tr>` +
    '<tr><th colspan="4">第二十条第（八）项</th></tr><tr><th>信息内容</th><th colspan="3">本年收费金额（单位：万元）</th></tr>' +
    `<tr><td>行政事业性收费</td><td colspan="3">${fees}</td></tr></tbody></table>`
  );
}

const PROBLEMS: Record<number, [string, string]> = {
  2020: [
    "部分部门主动公开目录编制不够细化，个别栏目更新不及时；政策解读形式较为单一，以文字解读为主。",
    "2021年，我县将按照基层政务公开标准目录逐项梳理公开事项，建立栏目更新台账，推行图解、视频等多元化解读。",
  ],
  2021: [
    "个别部门依申请公开答复文书不够规范，答复依据引用不够准确；部分镇政府信息公开专栏内容较少。",
    "2022年，县政府办公室组织依申请公开答复文书评查，制定统一的答复文书范本，并对各镇专栏建设开展专项指导。",
  ],
  2022: [
    "政务公开与政务服务融合不够深入，办事指南要素不够完整；个别行政复议案件反映出答复说理不够充分。",
    "2023年，我县将办事指南纳入政府信息公开平台统一管理，加强答复说理，对复议维持和纠正案件逐案复盘。",
  ],
  2023: [
    "部分重大建设项目批准和实施信息公开不够全面，施工、竣工等环节信息更新滞后。",
    "2024年，县发展和改革委员会牵头建立重大建设项目信息公开清单，按项目全流程逐项公开。",
  ],
  2024: [
    "依申请公开中部分公开的区分处理不够细致，1件行政复议案件被责令重新答复；个别部门预决算公开说明较为简略。",
    "2025年，我县开展依申请公开业务培训2期，完善区分处理审核流程，并统一部门预决算公开说明模板。",
  ],
  2025: [
    "政策解读的针对性和可读性有待提高，回应关切的时效性仍需加强；个别栏目存在内容重复的情况。",
    "2026年，我县将进一步落实“谁起草谁解读”，推行政策发布会和在线访谈，清理合并重复栏目。",
  ],
};

/** Sections 一, 五 and 六 of the county's report of `year`, as paragraphs (一 quotes table 三's totals). */
export function countySections(
  year: number,
  tally: YearTally,
  t3: { received: number; carriedIn: number; handled: number; carriedOut: number },
) {
  const [problems, improvements] = PROBLEMS[year] ?? PROBLEMS[2025]!;
  return {
    overview: [
      `（一）主动公开。${year}年，全县通过政府信息公开平台主动公开政府信息${tally.items}条，其中政策文件和规范性文件${tally.policies + tally.normative}件，政策解读${tally.interpretations}篇；部门预算、决算和“三公”经费按规定全部公开。`,
      `（二）依申请公开。全年新收政府信息公开申请${t3.received}件，上年结转${t3.carriedIn}件，办结${t3.handled}件，结转下年度${t3.carriedOut}件，全部在法定期限内答复。`,
      "（三）政府信息管理。落实政府信息公开保密审查制度，公开前逐条进行保密审查和个人信息去标识化处理；按照基层政务公开标准目录动态调整主动公开目录。",
      "（四）平台建设。县政府门户网站“政府信息公开”专栏设置政府信息公开指南、政府信息公开制度、法定主动公开内容和政府信息公开年报四个部分，各镇、各部门专栏统一规范。",
      "（五）监督保障。县人民政府将政务公开纳入年度绩效考核，县政府办公室按季度通报各镇、各部门栏目更新情况。",
    ],
    problems: [`（一）存在的主要问题。${problems}`, `（二）改进情况。${improvements}`],
    other: [
      `（一）收费情况。依据《政府信息公开信息处理费管理办法》，${year}年本机关未收取信息处理费。`,
      `（二）人大代表建议和政协提案办理情况。${year}年，县人民政府承办县人大代表建议${42 + (year - 2020) * 3}件、县政协委员提案${56 + (year - 2020) * 2}件，全部按期办结，办理复文按规定公开。`,
      `（三）年度政务公开工作要点落实情况。${year}年度政务公开工作要点确定的各项任务已全部完成。`,
    ],
  };
}

/** The county's annual report of `year`, filed in its annual-report column in the next January. */
export function annualReportSpec(
  year: number,
  apps: HistoryApplication[],
  tally: YearTally,
  normativeInForce: number,
): DemoItemSpec {
  const t3 = table3Of(apps, year);
  const t4 = table4Of(apps, year);
  const text = countySections(year, tally, {
    received: t3.received.total,
    carriedIn: t3.carriedIn.total,
    handled: t3.total.total,
    carriedOut: t3.carriedOut.total,
  });
  const paras = (list: string[]) => list.map((t) => `<p>${t}</p>`);
  const disputes = t4.review.total + t4.litigation_direct.total + t4.litigation_after_review.total;
  const body = [
    `<p>本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（国办公开办函〔2021〕30号）要求编制。全文包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项。本报告所列数据的统计期限自${year}年1月1日起至${year}年12月31日止。本报告电子版可在固阳县人民政府门户网站“政府信息公开”专栏查阅。</p>`,
    "<h2>一、总体情况</h2>",
    ...paras(text.overview),
    "<h2>二、主动公开政府信息情况</h2>",
    table2Html(year, tally, normativeInForce),
    "<h2>三、收到和处理政府信息公开申请情况</h2>",
    table3Html(t3),
    "<h2>四、政府信息公开行政复议、行政诉讼情况</h2>",
    table4Html(t4),
    disputes
      ? `<p>${year}年，因政府信息公开引发行政复议、行政诉讼共${disputes}件。</p>`
      : `<p>${year}年，未发生因政府信息公开引发的行政复议、行政诉讼。</p>`,
    "<h2>五、存在的主要问题及改进情况</h2>",
    ...paras(text.problems),
    "<h2>六、其他需要报告的事项</h2>",
    ...paras(text.other),
  ].join("\n");
  return {
    org: "gyx",
    kind: "other",
    title: `固阳县人民政府${year}年政府信息公开工作年度报告`,
    body,
    nodes: ["annual-report"],
    formed: `${year + 1}-01-2${year % 3}`,
    topic: "政务公开",
    keywords: "政府信息公开 年度报告",
  };
}

/** A department's or town's report of one year: its own items, no applications of its own. */
export function orgAnnualReportSpec(
  org: { code: string; name: string },
  year: number,
  tally: YearTally,
): DemoItemSpec {
  const zero = emptyRow();
  const t3: Table3 = {
    received: zero,
    carriedIn: zero,
    outcomes: new Map(OUTCOME_ROWS.map(([code]) => [code, zero])),
    total: zero,
    carriedOut: zero,
  };
  const t4 = table4Of([], year);
  const body = [
    `<p>本报告根据《中华人民共和国政府信息公开条例》和国办公开办函〔2021〕30号规定的格式编制，统计期限自${year}年1月1日起至${year}年12月31日止。</p>`,
    "<h2>一、总体情况</h2>",
    `<p>${year}年，${org.name}通过县政府门户网站本单位政府信息公开专栏主动公开政府信息${tally.items}条，部门预算、决算和“三公”经费按规定公开；本单位未收到政府信息公开申请，依申请公开事项由县人民政府统一受理后转办。</p>`,
    "<h2>二、主动公开政府信息情况</h2>",
    table2Html(year, { ...tally, normative: 0 }, 0).replace(
      /<td colspan="3">\d+(\.\d+)?<\/td>/g,
      '<td colspan="3">0</td>',
    ),
    "<h2>三、收到和处理政府信息公开申请情况</h2>",
    table3Html(t3),
    "<h2>四、政府信息公开行政复议、行政诉讼情况</h2>",
    table4Html(t4),
    "<h2>五、存在的主要问题及改进情况</h2>",
    "<p>部分栏目信息更新频次不均衡，政策解读数量偏少。下一步将建立栏目更新台账，按月检查，确保信息公开及时、准确。</p>",
    "<h2>六、其他需要报告的事项</h2>",
    "<p>本单位未收取信息处理费，无其他需要报告的事项。</p>",
  ].join("\n");
  return {
    org: org.code,
    kind: "other",
    title: `${org.name}${year}年政府信息公开工作年度报告`,
    body,
    nodes: ["annual-report"],
    formed: `${year + 1}-01-1${year % 5}`,
    topic: "政务公开",
  };
}
