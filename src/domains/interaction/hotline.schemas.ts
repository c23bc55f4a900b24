import { type Static, Type } from "@sinclair/typebox";
import { MESSAGE_TYPES, RATINGS } from "./interaction.schemas";

// The 12345 hotline's API (issue 13 item 7): tickets pushed by the hotline's integration account, the caller's
// satisfaction, the answer pulled back; the register of the county's hotline numbers. Codes and labels the
// pages reuse.

export const NUMBER_STATUSES = ["merged", "kept", "withdrawn"] as const;
export type NumberStatus = (typeof NUMBER_STATUSES)[number];
export const NUMBER_STATUS_LABELS: Record<NumberStatus, string> = {
  merged: "已归并到12345",
  kept: "保留",
  withdrawn: "已撤销",
};

/** 12345's request kinds as its exports name them; 举报 is handled as a 投诉. */
export const HOTLINE_TYPE_NAMES: Record<string, (typeof MESSAGE_TYPES)[number]> = {
  咨询: "consult",
  建议: "suggest",
  投诉: "complain",
  举报: "complain",
  求助: "help",
};
/** Satisfaction as 12345's 回访 names it. */
export const SATISFACTION_NAMES: Record<string, (typeof RATINGS)[number]> = {
  满意: "satisfied",
  基本满意: "basic",
  不满意: "unsatisfied",
};

const lit = <T extends string>(xs: readonly T[], options?: { description?: string }) =>
  Type.Union(
    xs.map((x) => Type.Literal<T>(x)),
    options,
  );
const date = Type.String({ pattern: "^\\d{4}-\\d{2}-\\d{2}$", description: "YYYY-MM-DD (Asia/Shanghai)" });

export const TicketBody = Type.Object(
  {
    ticket_no: Type.String({ minLength: 1, maxLength: 40, description: "12345's ticket number (工单编号)" }),
    type: lit(MESSAGE_TYPES),
    title: Type.String({ maxLength: 100 }),
    body: Type.String({ maxLength: 5000 }),
    caller_name: Type.Optional(Type.String({ maxLength: 50, description: "Encrypted at rest" })),
    caller_phone: Type.Optional(Type.String({ maxLength: 30, description: "Encrypted at rest" })),
    dispatched_on: Type.String({ ...date, description: "The date 12345 dispatched the ticket (派单日期)" }),
    org: Type.Optional(
      Type.String({
        maxLength: 100,
        description: "承办单位: code or name of a department or town of the site",
      }),
    ),
  },
  { additionalProperties: false },
);
export type TicketInput = Static<typeof TicketBody>;

export const SatisfactionBody = Type.Object(
  {
    rating: lit(RATINGS, { description: "满意 satisfied / 基本满意 basic / 不满意 unsatisfied" }),
    on: Type.Optional(Type.String({ ...date, description: "The date of 12345's 回访 (default today)" })),
  },
  { additionalProperties: false },
);
export type SatisfactionInput = Static<typeof SatisfactionBody>;

export const TicketParams = Type.Object({ ticket_no: Type.String({ minLength: 1, maxLength: 40 }) });

export const TicketCreated = Type.Object({
  id: Type.String(),
  tracking_code: Type.String(),
  ticket_no: Type.String(),
});

export const TicketState = Type.Object({
  ticket_no: Type.String(),
  id: Type.String(),
  tracking_code: Type.String(),
  status: Type.String(),
  status_label: Type.String(),
  received_on: Type.String(),
  due_on: Type.Union([Type.String(), Type.Null()]),
  due_on_provisional: Type.Boolean(),
  handler_org: Type.Union([Type.String(), Type.Null()]),
  reply: Type.Union([
    Type.Object({ body: Type.String(), on: Type.String(), org: Type.Union([Type.String(), Type.Null()]) }),
    Type.Null(),
  ]),
  satisfaction: Type.Union([Type.String(), Type.Null()]),
  satisfaction_label: Type.Union([Type.String(), Type.Null()]),
});

export const NumberBody = Type.Object(
  {
    number: Type.String({ maxLength: 20 }),
    name: Type.String({ maxLength: 100 }),
    org: Type.String({ maxLength: 50, description: "Code of the owning organisation" }),
    status: lit(NUMBER_STATUSES),
    reason: Type.Optional(Type.String({ maxLength: 500, description: "Required when kept (保留)" })),
    merged_on: Type.Optional(Type.String({ ...date, description: "The date it was merged into 12345" })),
    sort_order: Type.Optional(Type.Integer({ minimum: 0, maximum: 9999 })),
  },
  { additionalProperties: false },
);
export type NumberInput = Static<typeof NumberBody>;

export const NumberItem = Type.Object({
  id: Type.String(),
  number: Type.String(),
  name: Type.String(),
  org: Type.Object({ code: Type.String(), name: Type.String() }),
  status: Type.String(),
  status_label: Type.String(),
  reason: Type.Union([Type.String(), Type.Null()]),
  merged_on: Type.Union([Type.String(), Type.Null()]),
});
