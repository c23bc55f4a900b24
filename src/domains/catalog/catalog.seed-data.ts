import {
  type AreaDef,
  type AreaRow,
  DEPARTMENT_AREAS,
  KEY_PROJECT_AREA,
  STANDARD_AREAS,
  type StandardLevel,
  type StandardRow,
  WEB,
} from "./catalog.seed-areas";
import type { CatalogNodeKind, CatalogSource, UpdateRule } from "./catalog.tables";

// The curated starting catalogues (主动公开基本目录) an organisation gets before its office edits it:
// the Regulation's Art. 20 and Art. 21 (国务院令第711号), the 26 standard areas (国办发〔2019〕54号),
// 政策解读、回应关切、公众参与 (2020 work plan 四(三)), and the four standard parts of a 政府信息公开 column.
// Pure data and functions: no database, so the templates are tested on their own.

export { STANDARD_AREAS, type StandardRow } from "./catalog.seed-areas";

export interface NodeTemplate {
  code: string;
  name: string;
  kind: CatalogNodeKind;
  source: CatalogSource;
  update_rule: UpdateRule;
  update_days: number | null;
  description: string;
  standard: StandardRow | null;
  children: NodeTemplate[];
}

/** Art. 26: within 20 working days of the information being formed or changed. */
export const STATUTORY_DAYS = 20;

type Rule = [UpdateRule, number?];
const D20: Rule = ["days", STATUTORY_DAYS];

function column(
  code: string,
  name: string,
  source: CatalogSource,
  rule: Rule,
  description = "",
  standard: StandardRow | null = null,
): NodeTemplate {
  return {
    code,
    name,
    kind: "column",
    source,
    update_rule: rule[0],
    update_days: rule[0] === "days" ? (rule[1] ?? STATUTORY_DAYS) : null,
    description,
    standard,
    children: [],
  };
}

function group(
  code: string,
  name: string,
  source: CatalogSource,
  children: NodeTemplate[],
  description = "",
): NodeTemplate {
  return {
    code,
    name,
    kind: "group",
    source,
    update_rule: "as_needed",
    update_days: null,
    description,
    standard: null,
    children,
  };
}

/** Art. 20's fifteen kinds, in the Regulation's order: [short name, the article's words, update rule]. */
export const ART20_KINDS: ReadonlyArray<[string, string, Rule]> = [
  ["行政法规、规章和规范性文件", "行政法规、规章和规范性文件", D20],
  ["机关职能", "机关职能、机构设置、办公地址、办公时间、联系方式、负责人姓名", D20],
  ["规划信息", "国民经济和社会发展规划、专项规划、区域规划及相关政策", D20],
  ["统计信息", "国民经济和社会发展统计信息", ["monthly"]],
  ["行政许可和对外管理服务", "办理行政许可和其他对外管理服务事项的依据、条件、程序以及办理结果", ["days", 7]],
  [
    "行政处罚和行政强制",
    "实施行政处罚、行政强制的依据、条件、程序以及本行政机关认为具有一定社会影响的行政处罚决定",
    ["days", 7],
  ],
  ["财政预算决算", "财政预算、决算信息", ["yearly"]],
  ["行政事业性收费", "行政事业性收费项目及其依据、标准", D20],
  ["政府集中采购", "政府集中采购项目的目录、标准及实施情况", D20],
  ["重大建设项目", "重大建设项目的批准和实施情况", D20],
  [
    "扶贫、教育、医疗、社会保障、促进就业",
    "扶贫、教育、医疗、社会保障、促进就业等方面的政策、措施及其实施情况",
    D20,
  ],
  ["应急管理", "突发公共事件的应急预案、预警信息及应对情况", ["realtime"]],
  ["监督检查", "环境保护、公共卫生、安全生产、食品药品、产品质量的监督检查情况", D20],
  ["公务员招考", "公务员招考的职位、名额、报考条件等事项以及录用结果", D20],
  ["其他法定主动公开信息", "法律、法规、规章和国家有关规定规定应当主动公开的其他政府信息", D20],
];

/** Art. 21, first clause: county governments and their departments. */
export const ART21_COUNTY: ReadonlyArray<[string, string]> = [
  ["art21-municipal", "市政建设"],
  ["art21-public-services", "公共服务"],
  ["art21-public-welfare", "公益事业"],
  ["art21-land-expropriation", "土地征收"],
  ["art21-housing-expropriation", "房屋征收"],
  ["art21-public-security", "治安管理"],
  ["art21-social-assistance", "社会救助"],
];

/** Art. 21, second clause: townships (乡、镇). */
export const ART21_TOWNSHIP: ReadonlyArray<[string, string]> = [
  ["art21-agri-policy", "贯彻落实农业农村政策"],
  ["art21-irrigation", "农田水利工程建设运营"],
  ["art21-land-transfer", "农村土地承包经营权流转"],
  ["art21-homestead", "宅基地使用情况审核"],
  ["art21-land-expropriation", "土地征收"],
  ["art21-housing-expropriation", "房屋征收"],
  ["art21-fundraising", "筹资筹劳"],
  ["art21-social-assistance", "社会救助"],
];

/** The eight information types of a key project (2020 work plan 三(二)), as codes of their columns. */
export const KEY_PROJECT_CODES = [
  "kp-approval-service",
  "kp-approval-result",
  "kp-bidding",
  "kp-land",
  "kp-design-change",
  "kp-construction",
  "kp-quality-safety",
  "kp-completion",
] as const;

const pad2 = (n: number) => String(n).padStart(2, "0");
const CN_NUMERALS = "一二三四五六七八九十";
const cnOrdinal = (n: number) => (n <= 10 ? CN_NUMERALS[n - 1]! : `十${n > 10 ? CN_NUMERALS[n - 11]! : ""}`);

function art20Columns(): NodeTemplate[] {
  return ART20_KINDS.map(([name, words, rule], i) =>
    column(`art20-${pad2(i + 1)}`, name, "art20", rule, `《条例》第二十条（${cnOrdinal(i + 1)}）：${words}`),
  );
}

function art21Group(level: "county" | "township"): NodeTemplate {
  const items = level === "county" ? ART21_COUNTY : ART21_TOWNSHIP;
  const description =
    level === "county"
      ? "《条例》第二十一条：县级人民政府及其部门根据本地方的具体情况主动公开的政府信息。"
      : "《条例》第二十一条：乡（镇）人民政府根据本地方的具体情况主动公开的政府信息。";
  return group(
    "art21",
    level === "county" ? "县级重点公开内容（第二十一条）" : "乡镇重点公开内容（第二十一条）",
    "art21",
    items.map(([code, name]) => column(code, name, "art21", D20)),
    description,
  );
}

function standardRow(area: AreaDef, row: AreaRow, level: StandardLevel): StandardRow {
  return {
    item_l1: row.l1,
    item_l2: row.l2,
    content: row.content,
    basis: row.basis,
    time_limit: row.timeLimit,
    subject: level === "乡级" ? (row.town ?? "乡镇人民政府") : (row.subject ?? area.subject),
    channels: row.channels ?? WEB,
    audience: row.audience ?? "全社会",
    mode: "主动",
    level,
  };
}

/** One standard area as a group of columns; at 乡级 only the rows the guideline gives townships. */
export function areaGroup(area: AreaDef, level: StandardLevel): NodeTemplate | null {
  const rows = level === "乡级" ? area.rows.filter((r) => r.town) : area.rows;
  if (rows.length === 0) return null;
  const keyProject = area === KEY_PROJECT_AREA;
  const children = rows.map((row, i) =>
    column(
      keyProject ? KEY_PROJECT_CODES[i]! : `std-${area.slug}-${i + 1}`,
      keyProject ? row.l1 : row.l2,
      keyProject ? "key_project" : "standard",
      row.rule ?? D20,
      row.content,
      standardRow(area, row, level),
    ),
  );
  return group(`std-${area.slug}`, area.name, "standard", children, `${area.name}领域基层政务公开标准目录`);
}

function standardGroup(areas: readonly AreaDef[], level: StandardLevel): NodeTemplate | null {
  const children = areas.flatMap((a) => areaGroup(a, level) ?? []);
  if (children.length === 0) return null;
  return group(
    "std",
    "基层政务公开标准目录",
    "standard",
    children,
    "基层政务公开标准化规范化（国办发〔2019〕54号）26个试点领域的标准目录。",
  );
}

const guide = () =>
  column(
    "guide",
    "政府信息公开指南",
    "basic",
    ["as_needed"],
    "依申请公开的受理机构、办理流程、办公时间和联系方式；有变化时更新。",
  );
const rules = () => column("rules", "政府信息公开制度", "basic", ["as_needed"]);
const annualReport = () =>
  column("annual-report", "政府信息公开工作年度报告", "basic", ["yearly"], "每年1月31日前公布上一年度报告。");

function policyColumns(): NodeTemplate[] {
  return [
    column(
      "interpretation",
      "政策解读",
      "interpretation",
      ["days", 3],
      "政策性文件与解读材料同步组织、同步审签、同步部署；解读材料于文件公开后3个工作日内发布。",
    ),
    column(
      "response",
      "回应关切",
      "response",
      ["realtime"],
      "对涉及本机关的政务舆情和社会关切及时回应，发布权威信息。",
    ),
    column(
      "participation",
      "公众参与",
      "participation",
      ["as_needed"],
      "重大决策草案公开征求意见（一般不少于30日）、意见采纳情况反馈、列席会议和听证。",
    ),
  ];
}

function governmentTemplate(
  level: "county" | "township",
  areas: readonly AreaDef[],
  stdLevel: StandardLevel,
): NodeTemplate[] {
  const statutory = group(
    "statutory",
    "法定主动公开内容",
    "art20",
    [...art20Columns(), art21Group(level)],
    "《中华人民共和国政府信息公开条例》第二十条、第二十一条规定主动公开的政府信息。",
  );
  const std = standardGroup(areas, stdLevel);
  return [guide(), rules(), statutory, ...(std ? [std] : []), ...policyColumns(), annualReport()];
}

/** The areas a department owns by its name. */
export function areasForDepartment(name: string): AreaDef[] {
  // "人民政府办公室" must not read as 民政.
  const bare = name.replaceAll("人民政府", "");
  const slugs = new Set(DEPARTMENT_AREAS.filter(([re]) => re.test(bare)).flatMap(([, s]) => s));
  return STANDARD_AREAS.filter((a) => slugs.has(a.slug));
}

function communityTemplate(): NodeTemplate[] {
  return [
    column("basics", "基本情况", "basic", ["as_needed"], "组织机构、成员分工、办公地点和联系方式。"),
    column(
      "affairs",
      "村（居）务公开",
      "basic",
      ["quarterly"],
      "《中华人民共和国村民委员会组织法》第三十条：一般事项至少每季度公布一次，涉及群众利益的重大事项随时公布。",
    ),
    column("finance", "财务公开", "basic", ["monthly"], "集体财务收支情况，财务往来较多的每月公布。"),
    column("benefits", "惠民政策落实", "basic", ["quarterly"], "低保、补贴、救助等惠民政策落实情况公示。"),
    column("services", "便民服务", "basic", ["as_needed"], "代办服务事项、办理流程和联系方式。"),
  ];
}

function institutionTemplate(): NodeTemplate[] {
  const basis = "《公共企事业单位信息公开规定制定办法》（国办发〔2020〕50号）";
  return [
    column("guide", "信息公开指南", "basic", ["as_needed"], `${basis}：信息公开的方式、受理机构和联系方式。`),
    column("profile", "单位概况", "basic", D20, "机构设置、主要职能、办公地址、联系方式。"),
    column("services", "办事公开", "basic", D20, "服务事项、办事流程、办理时限、所需材料。"),
    column("fees", "收费标准", "basic", D20, "收费项目、收费依据和收费标准。"),
    column("quality", "服务质量与安全", "basic", D20, "服务承诺、质量和安全信息、监督检查结果。"),
    column("complaints", "监督投诉", "basic", ["as_needed"], "投诉举报渠道及处理情况。"),
  ];
}

/** The starting catalogue of an organisation, chosen by its kind (and, for departments, its name). */
export function catalogTemplateFor(org: { kind: string; name: string }): NodeTemplate[] {
  switch (org.kind) {
    case "government":
      return governmentTemplate("county", STANDARD_AREAS, "县级");
    case "department":
      return governmentTemplate("county", areasForDepartment(org.name), "县级");
    case "town":
      return governmentTemplate("township", STANDARD_AREAS, "乡级");
    case "community":
      return communityTemplate();
    case "institution":
      return institutionTemplate();
    default:
      return [];
  }
}

/** Depth-first walk over templates, parents before children. */
export function* walkTemplates(
  nodes: NodeTemplate[],
  parent: NodeTemplate | null = null,
): Generator<{ node: NodeTemplate; parent: NodeTemplate | null; index: number }> {
  for (const [index, node] of nodes.entries()) {
    yield { node, parent, index };
    yield* walkTemplates(node.children, node);
  }
}
