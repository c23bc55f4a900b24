import { type Static, Type } from "@sinclair/typebox";
import { REPLY_OUTCOMES, WITHHOLD_GROUNDS } from "./letters/letter.outcomes";

export const APPLICANT_TYPES = [
  "natural",
  "commercial",
  "research",
  "public_interest",
  "legal_service",
  "other",
] as const;
export const APPLICANT_TYPE_LABELS: Record<string, string> = {
  natural: "自然人",
  commercial: "商业企业",
  research: "科研机构",
  public_interest: "社会公益组织",
  legal_service: "法律服务机构",
  other: "其他组织",
};
export const ID_TYPES = ["resident_id", "passport", "hk_macau_permit", "taiwan_permit", "other"] as const;
export const ID_TYPE_LABELS: Record<string, string> = {
  resident_id: "居民身份证",
  passport: "护照",
  hk_macau_permit: "港澳居民来往内地通行证",
  taiwan_permit: "台湾居民来往大陆通行证",
  other: "其他身份证件",
};
export const DELIVERIES = ["email", "post", "pickup", "online"] as const;
export const DELIVERY_LABELS: Record<string, string> = {
  email: "电子邮件",
  post: "邮寄",
  pickup: "自行领取",
  online: "网上查看",
};
export const CARRIERS = ["paper", "electronic"] as const;
/** Art. 31: how an application arrived decides its date of receipt. */
export const CHANNELS = ["online", "letter", "registered_post", "fax", "in_person", "email"] as const;
export const CHANNEL_LABELS: Record<string, string> = {
  online: "网上申请",
  letter: "平信",
  registered_post: "挂号信/EMS",
  fax: "传真",
  in_person: "当面提交",
  email: "电子邮件",
};

/** Reply outcomes, one per row of the annual report's table 三; defined with their labels in letters/. */
export const OUTCOMES = REPLY_OUTCOMES;
export type Outcome = (typeof OUTCOMES)[number];

export const STATUSES = [
  "submitted",
  "handling",
  "correction",
  "consulting",
  "fee_pending",
  "replied",
  "merged",
] as const;
export const STATUS_LABELS: Record<string, string> = {
  submitted: "待登记",
  handling: "办理中",
  correction: "待补正",
  consulting: "征求意见中",
  fee_pending: "待缴费",
  replied: "已答复",
  merged: "已合并办理",
};

export const ACTIONS = [
  "register",
  "assign",
  "request_correction",
  "receive_correction",
  "start_consultation",
  "end_consultation",
  "extend",
  "fee_notice",
  "fee_paid",
  "reply",
  "merge",
  "request_reasons",
  "set_period",
  "record_delivery",
] as const;

const lit = <T extends string>(xs: readonly T[], options?: { description?: string }) =>
  Type.Union(
    xs.map((x) => Type.Literal<T>(x)),
    options,
  );
const date = Type.String({ pattern: "^\\d{4}-\\d{2}-\\d{2}$", description: "YYYY-MM-DD (Asia/Shanghai)" });

export const ApplicantSchema = Type.Object(
  {
    type: lit(APPLICANT_TYPES),
    name: Type.String({ minLength: 1, maxLength: 100 }),
    id_type: Type.Optional(lit(ID_TYPES)),
    id_number: Type.Optional(Type.String({ maxLength: 40 })),
    credit_code: Type.Optional(Type.String({ maxLength: 30 })),
    legal_rep: Type.Optional(Type.String({ maxLength: 50 })),
    phone: Type.Optional(Type.String({ maxLength: 30 })),
    email: Type.Optional(Type.String({ maxLength: 120 })),
    address: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);

/** An applicant's supporting file sent through the API (an ID image, a licence): base64, decoded by content. */
export const AttachmentSchema = Type.Object(
  {
    filename: Type.String({ minLength: 1, maxLength: 200 }),
    // 5 MB of bytes is at most 6,990,508 base64 characters; a little room for line breaks.
    content_base64: Type.String({ minLength: 1, maxLength: 7_100_000 }),
  },
  { additionalProperties: false },
);

export const ApplyBody = Type.Object(
  {
    applicant: ApplicantSchema,
    description: Type.String({ minLength: 1, maxLength: 5000 }),
    delivery: lit(DELIVERIES),
    carrier: Type.Optional(lit(CARRIERS)),
    attachments: Type.Optional(
      Type.Array(AttachmentSchema, {
        maxItems: 3,
        description: "Supporting files: JPEG, PNG or PDF, at most 3, 5 MB each; encrypted at rest",
      }),
    ),
  },
  { additionalProperties: false },
);
export type ApplyInput = Static<typeof ApplyBody>;

export const IntakeBody = Type.Composite(
  [
    ApplyBody,
    Type.Object({
      channel: lit(CHANNELS.filter((c) => c !== "online")),
      on: date,
    }),
  ],
  { additionalProperties: false },
);
export type IntakeInput = Static<typeof IntakeBody>;

export const ApplicationActionBody = Type.Object(
  {
    action: lit(ACTIONS),
    on: Type.Optional(date),
    note: Type.Optional(Type.String({ maxLength: 2000 })),
    outcome: Type.Optional(lit(OUTCOMES)),
    withheld_ground: Type.Optional(
      lit(WITHHOLD_GROUNDS, {
        description:
          "reply with outcome partial: the withhold.* ground of the part withheld (cited in the letter)",
      }),
    ),
    days: Type.Optional(Type.Integer({ minimum: 1, maximum: 20 })),
    approved_by: Type.Optional(Type.String({ maxLength: 50 })),
    items: Type.Optional(
      Type.String({ maxLength: 2000, description: "request_correction: what to correct" }),
    ),
    deadline: Type.Optional(date),
    third_party: Type.Optional(Type.String({ maxLength: 100 })),
    method: Type.Optional(Type.Union([Type.Literal("pages"), Type.Literal("count")])),
    pages: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000 })),
    org: Type.Optional(Type.String({ maxLength: 50 })),
    handler: Type.Optional(Type.String({ maxLength: 40 })),
    into: Type.Optional(
      Type.String({ maxLength: 40, description: "merge: tracking code of the application kept" }),
    ),
    delivered_by: Type.Optional(lit(DELIVERIES)),
    reference: Type.Optional(
      Type.String({
        maxLength: 60,
        description: "record_delivery: registered-post number, or who collected the reply",
      }),
    ),
  },
  { additionalProperties: false },
);
export type ApplicationActionInput = Static<typeof ApplicationActionBody>;
