// The vocabulary of government services (RULES.md §11): item types, levels, life events, online depth, the
// materials' fields, and the implementation-list entry (ItemContent) every version carries.

/** Item types of the basic catalogue; 行政许可 is what table 二 of the annual report counts. */
export const ITEM_TYPES = [
  "行政许可",
  "行政处罚",
  "行政强制",
  "行政征收",
  "行政给付",
  "行政检查",
  "行政确认",
  "行政奖励",
  "行政裁决",
  "行政备案",
  "其他行政权力",
  "公共服务",
] as const;
export type ItemType = (typeof ITEM_TYPES)[number];
/** The type the annual report's table 二 counts (行政许可 decisions). */
export const LICENSING_TYPE: ItemType = "行政许可";

export const LEVELS = ["国家", "省", "市", "县", "乡", "村"] as const;
export type Level = (typeof LEVELS)[number];

/** Life events (人生事件 / 企业事件) the public pages group items by; `key` is in the URL. */
export const LIFE_EVENTS = [
  { key: "birth", name: "生育收养" },
  { key: "school", name: "上学教育" },
  { key: "work", name: "就业创业" },
  { key: "marriage", name: "婚姻登记" },
  { key: "housing", name: "住房保障" },
  { key: "social", name: "社会保障" },
  { key: "health", name: "医疗卫生" },
  { key: "elderly", name: "养老服务" },
  { key: "farming", name: "农牧生产" },
  { key: "business", name: "开办企业" },
  { key: "building", name: "工程建设" },
  { key: "assistance", name: "社会救助" },
] as const;
export const LIFE_EVENT_KEYS: readonly string[] = LIFE_EVENTS.map((e) => e.key);
export const lifeEventName = (key: string) => LIFE_EVENTS.find((e) => e.key === key)?.name ?? key;

/** Online depth (网上办理深度): 0 none, 1 guide online, 2 apply online, 3 handled online, 4 fully online. */
export const ONLINE_DEPTHS = [0, 1, 2, 3, 4] as const;
export const ONLINE_DEPTH_LABELS: Record<number, string> = {
  0: "不可网办",
  1: "网上预约、在线咨询",
  2: "网上申报、现场核验",
  3: "网上办理、现场领取结果",
  4: "全程网办",
};

export const OBJECTS = ["自然人", "法人", "其他组织"] as const;
export const LIMIT_UNITS = ["working_days", "days"] as const;
export type LimitUnit = (typeof LIMIT_UNITS)[number];
export const LIMIT_UNIT_LABELS: Record<LimitUnit, string> = { working_days: "个工作日", days: "个自然日" };

/** One step of the process with its time limit (working days) and whether it counts toward the limit. */
export interface ProcessStep {
  name: string;
  days: number;
  counted: boolean;
}

export interface Faq {
  q: string;
  a: string;
}

/** The implementation-list entry (实施清单) of an item, as a version proposes it and the public guide shows it. */
export interface ItemContent {
  code: string;
  impl_code: string;
  name: string;
  type: ItemType;
  level: Level;
  life_events: string[];
  basis: string;
  /** The entrusted body (受委托单位), or "". */
  entrusted: string;
  objects: string[];
  conditions: string;
  process: ProcessStep[];
  /** Special procedures (特别程序: 听证、检验、专家评审…) and whether their time counts. */
  special: ProcessStep[];
  statutory_limit: number;
  promised_limit: number;
  limit_unit: LimitUnit;
  /** "不收费" or the fee and its standard. */
  fee: string;
  fee_basis: string;
  visits: number;
  online_depth: number;
  online_url: string;
  place: string;
  hours: string;
  consult_phone: string;
  complaint_phone: string;
  result_name: string;
  result_sample: string;
  faq: Faq[];
  /** Approved in parallel (并联审批) with the other items of its 一件事. */
  parallel: boolean;
}

export interface MaterialLink {
  material_id: string;
  condition: string;
}

export const NECESSITIES = ["required", "conditional", "optional"] as const;
export const NECESSITY_LABELS: Record<string, string> = {
  required: "必要",
  conditional: "容缺后补/情形必要",
  optional: "非必要",
};
export const FORMS = ["paper", "electronic", "both"] as const;
export const FORM_LABELS: Record<string, string> = { paper: "纸质", electronic: "电子", both: "纸质或电子" };
export const KINDS = ["original", "copy", "original_and_copy"] as const;
export const KIND_LABELS: Record<string, string> = {
  original: "原件",
  copy: "复印件",
  original_and_copy: "原件和复印件",
};
export const SOURCES = ["applicant", "government", "third_party"] as const;
export const SOURCE_LABELS: Record<string, string> = {
  applicant: "申请人自备",
  government: "政府部门核发",
  third_party: "中介或其他机构出具",
};

/** The convenience service modes (便民服务模式) every new site starts with; the list is the site's to change. */
export const DEFAULT_MODES: ReadonlyArray<[key: string, name: string]> = [
  ["extended", "延时服务"],
  ["weekend", "双休日服务"],
  ["noon", "午间服务"],
  ["appointment", "预约服务"],
  ["home_visit", "上门服务"],
  ["online", "网上服务"],
  ["agent", "帮办代办"],
  ["tolerance", "容缺受理"],
  ["one_notice", "一次性告知"],
  ["first_ask", "首问负责"],
  ["time_limit", "限时办结"],
  ["green_channel", "绿色通道"],
  ["self_service", "自助办理"],
  ["two_way_post", "双向速递（收件/寄件）"],
];
/** Each window unit offers at least this many special modes (the work plan). */
export const MIN_SPECIAL_MODES = 8;

export const parseJson = <T>(text: string, fallback: T): T => {
  try {
    return (JSON.parse(text) as T) ?? fallback;
  } catch {
    return fallback;
  }
};
