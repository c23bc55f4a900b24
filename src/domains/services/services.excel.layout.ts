// The one Excel layout of service items and their materials (docs/services-excel.md): the sheets, their
// columns (a Chinese header in row 1, the stable key in hidden row 2), and how list fields and choices are
// written as cell text and read back. Export writes exactly what import reads, so an unchanged file is a no-op.
import {
  FORM_LABELS,
  KIND_LABELS,
  LIFE_EVENTS,
  LIMIT_UNIT_LABELS,
  NECESSITY_LABELS,
  ONLINE_DEPTH_LABELS,
  SOURCE_LABELS,
} from "./services.model";

export const SHEETS = {
  items: "事项",
  steps: "办理流程",
  faq: "常见问题",
  materials: "材料",
  links: "事项材料",
  notes: "说明",
} as const;
export type SheetKey = Exclude<keyof typeof SHEETS, "notes">;
/** The sheets an import reads, in the order it checks them. */
export const DATA_SHEETS: readonly SheetKey[] = ["items", "steps", "faq", "materials", "links"];

export interface Column {
  key: string;
  header: string;
  width: number;
  /** Written for reading only (a name next to a code, the item's status); an import ignores it. */
  info?: true;
  /** A number cell (anything else is written as text). */
  number?: true;
}

const c = (key: string, header: string, width: number, more: Partial<Column> = {}): Column => ({
  key,
  header,
  width,
  ...more,
});

/**
 * The row's state when exported (an item's content fingerprint, a material's revision): an import refuses a
 * changed row whose item or material has changed since, rather than overwrite someone else's change.
 */
const EXPORTED_HEADER = "导出时版本";

export const COLUMNS: Record<SheetKey, readonly Column[]> = {
  items: [
    c("impl_code", "实施清单编码", 26),
    c("code", "基本目录编码", 22),
    c("name", "事项名称", 30),
    c("org", "实施主体代码", 16),
    c("org_name", "实施主体名称", 22, { info: true }),
    c("status", "状态", 10, { info: true }),
    c("type", "事项类型", 12),
    c("level", "行使层级", 10),
    c("life_events", "主题分类", 18),
    c("objects", "服务对象", 14),
    c("basis", "设定依据", 40),
    c("entrusted", "受委托单位", 18),
    c("conditions", "受理条件", 40),
    c("statutory_limit", "法定办结时限", 12, { number: true }),
    c("promised_limit", "承诺办结时限", 12, { number: true }),
    c("limit_unit", "时限单位", 10),
    c("fee", "收费标准", 20),
    c("fee_basis", "收费依据", 24),
    c("visits", "到现场次数", 10, { number: true }),
    c("online_depth", "网上办理深度", 12, { number: true }),
    c("online_url", "网上办理地址", 30),
    c("place", "办理地点", 30),
    c("hours", "办理时间", 24),
    c("consult_phone", "咨询方式", 18),
    c("complaint_phone", "监督投诉方式", 18),
    c("result_name", "办理结果名称", 20),
    c("result_sample", "结果样本说明", 24),
    c("parallel", "并联审批", 10),
    c("exported", EXPORTED_HEADER, 16, { info: true }),
  ],
  steps: [
    c("impl_code", "实施清单编码", 26),
    c("kind", "类别", 10),
    c("seq", "序号", 6, { number: true }),
    c("name", "环节名称", 24),
    c("days", "时限（工作日）", 14, { number: true }),
    c("counted", "计入办结时限", 14),
  ],
  faq: [
    c("impl_code", "实施清单编码", 26),
    c("seq", "序号", 6, { number: true }),
    c("q", "问题", 40),
    c("a", "解答", 60),
  ],
  materials: [
    c("material", "材料编号", 38),
    c("name", "材料名称", 30),
    c("org", "管理部门代码", 16),
    c("org_name", "管理部门名称", 22, { info: true }),
    c("necessity", "必要性", 16),
    c("form", "材料形式", 12),
    c("kind", "材料类型", 14),
    c("copies", "份数", 6, { number: true }),
    c("source", "来源渠道", 18),
    c("issuer", "核发部门代码", 16),
    c("notes", "填报须知", 30),
    c("standard", "受理标准", 30),
    c("basis", "设定依据", 30),
    c("exported", EXPORTED_HEADER, 16, { info: true }),
  ],
  links: [
    c("impl_code", "实施清单编码", 26),
    c("seq", "序号", 6, { number: true }),
    c("material", "材料编号", 38),
    c("material_name", "材料名称", 30, { info: true }),
    c("condition", "适用情形", 24),
  ],
};

export const headerOf = (sheet: SheetKey, key: string) =>
  COLUMNS[sheet].find((x) => x.key === key)?.header ?? key;

/** Step kinds of the 办理流程 sheet: the process or the special procedures (特别程序). */
export const STEP_KINDS = { process: "办理流程", special: "特别程序" } as const;
export const YES = "是";
export const NO = "否";
/** Items and materials of list cells are separated by 、 (a comma or semicolon is read too). */
export const LIST_SEPARATOR = "、";
export const splitList = (s: string) =>
  s
    .split(/[、,，;；\n]+/)
    .map((x) => x.trim())
    .filter(Boolean);

export const LIMIT_UNIT_TEXT: Record<string, string> = { working_days: "工作日", days: "自然日" };
export const lifeEventText = (key: string) => LIFE_EVENTS.find((e) => e.key === key)?.name ?? key;

/** A choice read from its label (or its key, or a label of the back office), undefined when unknown. */
export function choiceOf(labels: Record<string, string>, text: string): string | undefined {
  if (Object.hasOwn(labels, text)) return text;
  return Object.entries(labels).find(([, l]) => l === text)?.[0];
}

export const CHOICES = {
  necessity: NECESSITY_LABELS,
  form: FORM_LABELS,
  kind: KIND_LABELS,
  source: SOURCE_LABELS,
  limit_unit: { ...LIMIT_UNIT_TEXT },
  limit_unit_long: LIMIT_UNIT_LABELS as Record<string, string>,
  life_events: Object.fromEntries(LIFE_EVENTS.map((e) => [e.key, e.name])) as Record<string, string>,
};

/** A new material's 材料编号 in a file starts with 新 (e.g. 新1); an existing one's is its id. */
export const NEW_MATERIAL = /^新/;
export const MATERIAL_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** How to fill the workbook: its 说明 sheet and the import page (docs/services-excel.md says more). */
export const LAYOUT_NOTES = [
  "工作簿有五个数据工作表：事项、办理流程、常见问题、材料、事项材料；“说明”工作表不导入。工作表名称不要修改。",
  "每个工作表第 1 行为中文表头，第 2 行为隐藏的列键（不要修改或删除）；列的顺序可以调整，标“（仅供核对）”说明的列不导入。",
  "事项以“实施清单编码”区分：编码已存在的事项按文件修改，不存在的新增为草稿；文件中没有列出的事项不受影响（取消事项请在后台办理）。",
  "导入的新增和修改都成为事项的待审版本（编辑中），须填写决定文号和名称，再在后台提交审核、审核通过后才对外公布。正在审核中的事项不能导入修改。",
  "主题分类、服务对象可填多项，以“、”分隔；时限单位填“工作日”或“自然日”；网上办理深度填 0 至 4；并联审批、计入办结时限填“是”或“否”。",
  `网上办理深度：${Object.entries(ONLINE_DEPTH_LABELS)
    .map(([k, v]) => `${k} ${v}`)
    .join("；")}。`,
  "办理流程：每个环节一行，类别填“办理流程”或“特别程序”，序号为该事项该类别内的顺序。常见问题：每个问题一行。",
  "材料：每种材料一行。已有材料的“材料编号”为系统编号，不要修改；新增材料的编号以“新”开头（如“新1”），在“事项材料”中用同一编号引用。材料的空白表格和示范文本请在后台上传。",
  "事项材料：事项需要的每项材料一行，序号为该事项材料的顺序；事项的材料以文件为准（文件中该事项没有材料行即为没有材料）。",
  "文件中任何一处有误，全部不导入；导入前可先预览将新增、修改和不变的事项与材料。",
];
