import { type Static, Type } from "@sinclair/typebox";

export const ITEM_KINDS = [
  "policy",
  "normative",
  "interpretation",
  "notice",
  "news",
  "plan",
  "statistics",
  "budget",
  "other",
] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

export const KIND_LABELS: Record<ItemKind, string> = {
  policy: "政策文件",
  normative: "规范性文件",
  interpretation: "政策解读",
  notice: "通知公告",
  news: "工作动态",
  plan: "规划计划",
  statistics: "统计信息",
  budget: "财政预决算",
  other: "其他",
};

/** Policies and normative documents go out only with their interpretation (同步组织、同步审签、同步部署). */
export const NEEDS_INTERPRETATION: ReadonlySet<string> = new Set(["policy", "normative"]);
/** Kinds that carry a 发文字号. */
export const TAKES_DOC_NUMBER: ReadonlySet<string> = new Set([
  "policy",
  "normative",
  "notice",
  "plan",
  "statistics",
  "budget",
  "other",
]);

export const INTERPRETATION_FORMS = ["text", "graphic", "video", "press_conference"] as const;
export const FORM_LABELS: Record<string, string> = {
  text: "文字解读",
  graphic: "图解",
  video: "视频解读",
  press_conference: "新闻发布会",
};

export const STATUSES = [
  "draft",
  "submitted",
  "reviewed",
  "signed",
  "scheduled",
  "published",
  "withdrawn",
  "superseded",
] as const;
export type ItemStatus = (typeof STATUSES)[number];
export const STATUS_LABELS: Record<ItemStatus, string> = {
  draft: "草稿",
  submitted: "待审查",
  reviewed: "待审签",
  signed: "待发布",
  scheduled: "定时发布",
  published: "已发布",
  withdrawn: "已撤回",
  superseded: "已被新版本替换",
};

export const VALIDITIES = ["valid", "expired", "repealed", "revised"] as const;
export const VALIDITY_LABELS: Record<string, string> = {
  valid: "有效",
  expired: "失效",
  repealed: "废止",
  revised: "已修订",
};

export const ACTIONS = ["submit", "approve", "reject", "sign", "publish", "withdraw", "revise"] as const;
export type ItemAction = (typeof ACTIONS)[number];

const date = Type.String({ pattern: "^\\d{4}-\\d{2}-\\d{2}$", description: "YYYY-MM-DD" });
const lit = <T extends string>(xs: readonly T[]) => Type.Union(xs.map((x) => Type.Literal<T>(x)));

export const CreateItemBody = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 200 }),
    body: Type.String({ minLength: 1, maxLength: 2_000_000 }),
    kind: lit(ITEM_KINDS),
    catalog_node: Type.Optional(Type.String({ maxLength: 64, description: "catalogue node id or code" })),
    catalog_nodes: Type.Optional(Type.Array(Type.String({ maxLength: 64 }), { maxItems: 10 })),
    doc_number: Type.Optional(Type.String({ maxLength: 60 })),
    formed_on: Type.Optional(date),
    interprets: Type.Optional(
      Type.String({ maxLength: 40, description: "id of the policy this interpretation explains" }),
    ),
    interpreter: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    form: Type.Optional(lit(INTERPRETATION_FORMS)),
    summary: Type.Optional(Type.String({ maxLength: 500 })),
    topic: Type.Optional(Type.String({ maxLength: 50, description: "主题分类" })),
    keywords: Type.Optional(Type.String({ maxLength: 100, description: "主题词" })),
    title_mn: Type.Optional(Type.String({ maxLength: 400 })),
    body_mn: Type.Optional(Type.String({ maxLength: 2_000_000 })),
    org: Type.Optional(
      Type.String({ maxLength: 50, description: "issuing organisation code (default: the user's)" }),
    ),
  },
  { additionalProperties: false },
);
export type CreateItemInput = Static<typeof CreateItemBody>;

export const UpdateItemBody = Type.Partial(Type.Omit(CreateItemBody, ["kind", "org", "interprets"]), {
  additionalProperties: false,
});
export type UpdateItemInput = Static<typeof UpdateItemBody>;

export const ActionBody = Type.Object(
  {
    action: lit(ACTIONS),
    note: Type.Optional(Type.String({ maxLength: 1000 })),
    at: Type.Optional(Type.String({ format: "date-time", description: "publish: schedule for this time" })),
  },
  { additionalProperties: false },
);
export type ActionInput = Static<typeof ActionBody>;

export const ValidityBody = Type.Object(
  {
    validity: lit(VALIDITIES),
    on: date,
    replaced_by: Type.Optional(Type.String({ maxLength: 40 })),
  },
  { additionalProperties: false },
);
