import { type Static, type TSchema, Type } from "@sinclair/typebox";

// Request and answer shapes of /api/v1/opinion. Fields are read as text and checked by the service, so every
// problem is named at once (a 400 listing them) rather than the first one the schema meets.

const Text = (maxLength: number, description?: string) =>
  Type.String({ maxLength, ...(description ? { description } : {}) });
const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

export const CaseBody = Type.Object(
  {
    title: Text(200, "What the matter is, 1-200 characters."),
    summary: Type.Optional(Text(5000, "What was found: where, who, how widely.")),
    level: Text(20, "especially_major (特别重大) | major (重大) | general (一般)"),
    category: Text(
      30,
      "policy_misreading | public_interest | livelihood_morality | emergency | hotspot | higher_request",
    ),
    org: Type.Optional(Text(50, "The first responsible unit's code (default: the user's organisation).")),
    discovered_at: Type.Optional(
      Text(
        30,
        "When it surfaced (ISO instant or YYYY-MM-DDTHH:MM in Asia/Shanghai; default now); the clocks run from here.",
      ),
    ),
  },
  { additionalProperties: false },
);
export type CaseInput = Static<typeof CaseBody>;

export const CaseActionBody = Type.Object(
  {
    action: Text(30, "confirm | dismiss | record_response | evaluate | close"),
    level: Type.Optional(Text(20, "confirm: the level judged")),
    category: Type.Optional(Text(30, "confirm: the category judged")),
    org: Type.Optional(Text(50, "confirm: the first responsible unit's code")),
    reason: Type.Optional(Text(2000, "dismiss: why it is not a 政务舆情")),
    effect: Type.Optional(Text(10, "evaluate: good | fair | poor")),
    evaluation: Type.Optional(Text(5000, "evaluate: how the response was received")),
  },
  { additionalProperties: false },
);
export type CaseActionInput = Static<typeof CaseActionBody>;

export const EventBody = Type.Object(
  {
    kind: Text(
      20,
      "coordination (会商: with party) | follow_up (持续发布、跟进) | info_released | press_held",
    ),
    party: Type.Optional(Text(20, "coordination: propaganda (宣传) | cyberspace (网信) | police (公安)")),
    text: Text(5000, "What was agreed, done or released."),
    at: Type.Optional(Text(30, "info_released, press_held: when (default now)")),
  },
  { additionalProperties: false },
);
export type EventInput = Static<typeof EventBody>;

export const ResponseBody = Type.Object(
  {
    title: Text(200, "Title of the response in 回应关切."),
    body: Text(200_000, "The response's text (HTML as the item editor takes it, or plain text)."),
  },
  { additionalProperties: false },
);
export type ResponseInput = Static<typeof ResponseBody>;

export const AccountabilityBody = Type.Object(
  {
    kind: Text(20, "criticism (通报批评) | interview (约谈整改)"),
    reason: Text(2000, "Where handling, response or reporting fell short."),
    decided_on: Text(10, "YYYY-MM-DD"),
    rectify_by: Type.Optional(Nullable(Text(10, "interview: the date rectification is due, YYYY-MM-DD"))),
  },
  { additionalProperties: false },
);
export type AccountabilityInput = Static<typeof AccountabilityBody>;

export const SettingsBody = Type.Object(
  {
    info_hours: Type.Integer({
      description: "Major emergencies: authoritative information within (hours, 1-72)",
    }),
    press_hours: Type.Integer({ description: "Major emergencies: press conference within (hours, 1-168)" }),
    response_hours: Type.Integer({ description: "Other cases: response within (hours, 1-336)" }),
    window_hours: Type.Integer({
      description: "Early warning: the window a burst is counted in (hours, 6-168)",
    }),
    baseline_days: Type.Integer({
      description: "Early warning: the baseline period before the window (days, 3-90)",
    }),
    burst_ratio: Type.Integer({ description: "A burst: at least this many times the baseline (2-20)" }),
    burst_min: Type.Integer({ description: "A burst: at least this many texts in the window (3-1000)" }),
  },
  { additionalProperties: false },
);
export type SettingsInput = Static<typeof SettingsBody>;

const EvidenceJson = Type.Object({ type: Type.String(), id: Type.String() });

export const WarningJson = Type.Object({
  id: Type.String(),
  kind: Type.String({ description: "burst | keyword" }),
  topic: Type.String(),
  count: Type.Integer(),
  baseline: Type.Number({ description: "expected count in one window, from the baseline period" }),
  window_hours: Type.Integer(),
  evidence: Type.Array(EvidenceJson),
  raised_at: Type.String(),
  case_id: Nullable(Type.String()),
});

export const ClockJson = Type.Object({
  kind: Type.String({ description: "info (权威信息) | press (新闻发布会) | response (回应)" }),
  label: Type.String(),
  hours: Type.Integer(),
  due_at: Type.String(),
  done_at: Nullable(Type.String()),
  state: Type.String({ description: "due | overdue | done | done_late" }),
  state_label: Type.String(),
  hours_left: Nullable(Type.Integer()),
});

export const CaseJson = Type.Object({
  id: Type.String(),
  title: Type.String(),
  summary: Type.String(),
  status: Type.String(),
  status_label: Type.String(),
  level: Type.String(),
  level_label: Type.String(),
  category: Type.String(),
  category_label: Type.String(),
  org: Type.Object({ id: Type.String(), code: Type.String(), name: Type.String() }),
  discovered_at: Type.String(),
  warning_id: Nullable(Type.String()),
  clocks: Type.Array(ClockJson),
  late: Type.Boolean(),
  info_released_at: Nullable(Type.String()),
  press_held_at: Nullable(Type.String()),
  response: Nullable(
    Type.Object({
      item_id: Type.String(),
      title: Type.String(),
      status: Type.String(),
      published_at: Nullable(Type.String()),
      url: Nullable(Type.String()),
    }),
  ),
  evaluation: Nullable(
    Type.Object({
      effect: Type.String(),
      effect_label: Type.String(),
      text: Type.String(),
      at: Type.String(),
    }),
  ),
  events: Type.Array(
    Type.Object({
      kind: Type.String(),
      party: Nullable(Type.String()),
      text: Type.String(),
      at: Type.String(),
      actor: Type.String(),
    }),
  ),
  accountability: Type.Array(
    Type.Object({
      id: Type.String(),
      kind: Type.String(),
      kind_label: Type.String(),
      reason: Type.String(),
      decided_on: Type.String(),
      rectify_by: Nullable(Type.String()),
      status: Type.String(),
    }),
  ),
  dismiss_reason: Nullable(Type.String()),
  created_at: Type.String(),
  updated_at: Type.String(),
});
