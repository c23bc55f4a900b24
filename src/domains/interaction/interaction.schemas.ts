import { type Static, Type } from "@sinclair/typebox";

// Messages (互动交流): questions, suggestions, complaints and requests for help from the public, and error
// reports about the site (我为政府网站找错), handled in one workflow (messages.steps.ts). TypeBox schemas of
// the JSON API; their codes and Chinese labels, which the pages reuse.

/** 咨询 / 建议 / 投诉 / 求助: what the public form offers. */
export const MESSAGE_TYPES = ["consult", "suggest", "complain", "help"] as const;
/** Every type a row may have: error reports are messages of type error_report (纠错). */
export const ALL_TYPES = [...MESSAGE_TYPES, "error_report"] as const;
export type MessageType = (typeof ALL_TYPES)[number];
export const TYPE_LABELS: Record<MessageType, string> = {
  consult: "咨询",
  suggest: "建议",
  complain: "投诉",
  help: "求助",
  error_report: "纠错",
};

/** Kinds of error report, as on the national 找错 platform (stable codes). */
export const ERROR_KINDS = ["content_error", "broken_link", "unusable_service", "other"] as const;
export type ErrorKind = (typeof ERROR_KINDS)[number];
export const ERROR_KIND_LABELS: Record<ErrorKind, string> = {
  content_error: "内容错误",
  broken_link: "链接不可用",
  unusable_service: "服务不可用",
  other: "其他问题",
};

/** How a message reached the office: the public form, or entered by the office for a call, letter or visit. */
export const CHANNELS = ["online", "phone", "letter", "visit", "hotline"] as const;
export const OFFICE_CHANNELS = ["phone", "letter", "visit"] as const;
export const CHANNEL_LABELS: Record<(typeof CHANNELS)[number], string> = {
  online: "网上留言",
  phone: "来电",
  letter: "来信",
  visit: "来访",
  hotline: "12345热线",
};

export const STATUSES = ["received", "accepted", "transferred", "drafted", "answered", "rejected"] as const;
export type MessageStatus = (typeof STATUSES)[number];
export const STATUS_LABELS: Record<MessageStatus, string> = {
  received: "待受理",
  accepted: "已受理",
  transferred: "转办中",
  drafted: "答复待审核",
  answered: "已答复",
  rejected: "不予受理",
};

export const REJECT_REASONS = ["spam", "abusive", "out_of_scope", "duplicate"] as const;
export const REJECT_REASON_LABELS: Record<(typeof REJECT_REASONS)[number], string> = {
  spam: "垃圾信息",
  abusive: "含辱骂、攻击等内容",
  out_of_scope: "不属于本网站受理范围",
  duplicate: "重复留言",
};

export const RATINGS = ["satisfied", "basic", "unsatisfied"] as const;
export type Rating = (typeof RATINGS)[number];
export const RATING_LABELS: Record<Rating, string> = {
  satisfied: "满意",
  basic: "基本满意",
  unsatisfied: "不满意",
};

/** The staff steps of POST /api/v1/messages/{id}/actions (the asker's rating and follow-up have their route). */
export const STAFF_ACTIONS = [
  "accept",
  "reject",
  "transfer",
  "return",
  "draft_reply",
  "approve_reply",
  "publish",
  "make_private",
] as const;
export type StaffAction = (typeof STAFF_ACTIONS)[number];

const lit = <T extends string>(xs: readonly T[], options?: { description?: string }) =>
  Type.Union(
    xs.map((x) => Type.Literal<T>(x)),
    options,
  );
const date = Type.String({ pattern: "^\\d{4}-\\d{2}-\\d{2}$", description: "YYYY-MM-DD (Asia/Shanghai)" });

export const MessageBody = Type.Object(
  {
    type: lit(MESSAGE_TYPES),
    title: Type.String({ maxLength: 100 }),
    body: Type.String({ maxLength: 5000 }),
    name: Type.String({ maxLength: 50 }),
    phone: Type.Optional(Type.String({ maxLength: 30 })),
    email: Type.Optional(Type.String({ maxLength: 120 })),
    public: Type.Optional(
      Type.Boolean({ description: "May the answered message be published as Q&A (default true)" }),
    ),
    channel: Type.Optional(
      lit(OFFICE_CHANNELS, { description: "Office entry only (staff token): how the message arrived" }),
    ),
    on: Type.Optional(Type.String({ ...date, description: "Office entry only: the date it was received" })),
  },
  { additionalProperties: false },
);
export type MessageInput = Static<typeof MessageBody>;

export const ErrorReportBody = Type.Object(
  {
    page_url: Type.String({ maxLength: 2000, description: "The address of the page with the error" }),
    kind: lit(ERROR_KINDS),
    description: Type.String({ maxLength: 2000 }),
    contact: Type.Optional(
      Type.String({ maxLength: 120, description: "Phone or e-mail for an answer (encrypted at rest)" }),
    ),
  },
  { additionalProperties: false },
);
export type ErrorReportInput = Static<typeof ErrorReportBody>;

export const MessageActionBody = Type.Object(
  {
    action: lit(STAFF_ACTIONS),
    on: Type.Optional(Type.String({ ...date, description: "The date of the step (default today)" })),
    reason: Type.Optional(
      Type.String({
        maxLength: 1000,
        description: "reject: spam|abusive|out_of_scope|duplicate; return: why it is sent back",
      }),
    ),
    duplicate_of: Type.Optional(
      Type.String({
        maxLength: 40,
        description: "reject with reason duplicate: tracking code of the original",
      }),
    ),
    org: Type.Optional(
      Type.Union(
        [Type.String({ maxLength: 50 }), Type.Array(Type.String({ maxLength: 50 }), { maxItems: 20 })],
        {
          description: "transfer: the code (or id) of one or more departments or towns",
        },
      ),
    ),
    body: Type.Optional(Type.String({ maxLength: 10000, description: "draft_reply: the reply" })),
    note: Type.Optional(Type.String({ maxLength: 2000, description: "An internal note (never public)" })),
  },
  { additionalProperties: false },
);
export type MessageActionInput = Static<typeof MessageActionBody>;

export const RatingBody = Type.Object(
  {
    code: Type.String({ maxLength: 40 }),
    secret: Type.String({ maxLength: 40 }),
    rating: lit(RATINGS),
    follow_up: Type.Optional(
      Type.String({ maxLength: 2000, description: "A follow-up question (once): reopens the message" }),
    ),
  },
  { additionalProperties: false },
);
export type RatingInput = Static<typeof RatingBody>;

export const DeadlinesBody = Type.Object(
  {
    consult: Type.Integer({ minimum: 1, maximum: 60 }),
    suggest: Type.Integer({ minimum: 1, maximum: 60 }),
    complain: Type.Integer({ minimum: 1, maximum: 60 }),
    help: Type.Integer({ minimum: 1, maximum: 60 }),
    error_report: Type.Integer({ minimum: 1, maximum: 60 }),
  },
  { additionalProperties: false },
);
export type DeadlinesInput = Static<typeof DeadlinesBody>;

export const TrackQuery = Type.Object({
  code: Type.String({ minLength: 1, maxLength: 40 }),
  secret: Type.String({ minLength: 1, maxLength: 40 }),
});

export const ListQuery = Type.Object({
  tracking_code: Type.Optional(Type.String({ maxLength: 40 })),
  status: Type.Optional(lit(STATUSES)),
  type: Type.Optional(lit(ALL_TYPES)),
  org: Type.Optional(
    Type.String({ maxLength: 50, description: "Held (now or before) by this organisation" }),
  ),
  overdue: Type.Optional(Type.Boolean()),
  channel: Type.Optional(lit(CHANNELS, { description: "How it arrived; hotline: 12345's tickets" })),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10000 })),
});

export const TrackingResult = Type.Object({ tracking_code: Type.String(), secret: Type.String() });
