// TypeBox schemas of the assessment and accountability JSON API.
import { Type } from "@sinclair/typebox";

const Str = (o: object = {}) => Type.String({ maxLength: 200, ...o });
const Nullable = <T extends ReturnType<typeof Type.String> | ReturnType<typeof Type.Number>>(t: T) =>
  Type.Union([t, Type.Null()]);

export const PeriodKindSchema = Type.Union([
  Type.Literal("year"),
  Type.Literal("half"),
  Type.Literal("quarter"),
  Type.Literal("month"),
]);

export const IdParams = Type.Object({ id: Type.String({ maxLength: 60 }) });
export const RunOrgParams = Type.Object({
  id: Type.String({ maxLength: 60 }),
  org: Type.String({ maxLength: 60 }),
});

export const IndicatorBody = Type.Object(
  {
    source: Type.Union([Type.Literal("computed"), Type.Literal("manual")], {
      description: "computed: from a registered indicator (key); manual: points entered per organisation",
    }),
    key: Type.Optional(Nullable(Str({ description: "the registered indicator's key (computed)" }))),
    name: Type.Optional(Str({ description: "default: the registered indicator's label" })),
    points: Type.Number({ description: "the indicator's points (分值), over 0 and at most 100" }),
    period_kind: PeriodKindSchema,
    org_kinds: Type.Optional(
      Type.Array(Type.String({ maxLength: 20 }), {
        maxItems: 10,
        description: "department, town, community, institution",
      }),
    ),
    orgs: Type.Optional(
      Type.Array(Type.String({ maxLength: 60 }), { maxItems: 500, description: "organisation codes" }),
    ),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const IndicatorPatch = Type.Object(
  {
    name: Type.Optional(Str()),
    points: Type.Optional(Type.Number()),
    period_kind: Type.Optional(PeriodKindSchema),
    org_kinds: Type.Optional(Type.Array(Type.String({ maxLength: 20 }), { maxItems: 10 })),
    orgs: Type.Optional(Type.Array(Type.String({ maxLength: 60 }), { maxItems: 500 })),
    active: Type.Optional(Type.Boolean()),
    position: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000 })),
  },
  { additionalProperties: false },
);

export const IndicatorView = Type.Object({
  id: Type.String(),
  source: Type.String(),
  key: Nullable(Type.String()),
  name: Type.String(),
  description: Type.String(),
  points: Type.Number(),
  period_kind: Type.String(),
  period_label: Type.String(),
  org_kinds: Type.Array(Type.String()),
  orgs: Type.Array(Type.Object({ id: Type.String(), code: Type.String(), name: Type.String() })),
  active: Type.Boolean(),
  position: Type.Integer(),
});

export const Deductions = Type.Object(
  {
    criticism_points: Type.Number({ description: "points deducted per 通报批评 decided in the period" }),
    interview_points: Type.Number({ description: "points deducted per 约谈整改 decided in the period" }),
  },
  { additionalProperties: false },
);

export const IndicatorList = Type.Object({
  items: Type.Array(IndicatorView),
  available: Type.Array(
    Type.Object({
      key: Type.String(),
      name: Type.String(),
      description: Type.String(),
      default_points: Type.Number(),
    }),
  ),
  deductions: Deductions,
});

export const ManualBody = Type.Object(
  {
    period: Str({ description: "2025, 2025-H1, 2025-Q3 or 2025-07 (the indicator's period kind)" }),
    org: Str({ description: "organisation code" }),
    points: Type.Number({ description: "points earned, 0 to the indicator's points" }),
    note: Type.String({ maxLength: 2000, description: "the grounds (评分依据)" }),
  },
  { additionalProperties: false },
);

export const RunBody = Type.Object(
  { period: Str({ description: "2025, 2025-H1, 2025-Q3 or 2025-07" }) },
  { additionalProperties: false },
);

const Evidence = Type.Object({
  type: Type.String(),
  id: Type.String(),
  label: Type.String(),
  url: Type.String(),
  ok: Type.Optional(Type.Boolean()),
  note: Type.Optional(Type.String()),
});

const DeductionView = Type.Object({
  record_id: Type.String(),
  kind: Type.String(),
  kind_label: Type.String(),
  decided_on: Type.String(),
  points: Type.Number(),
});

const Summary = {
  id: Type.String(),
  period: Type.String(),
  period_label: Type.String(),
  period_kind: Type.String(),
  from_on: Type.String(),
  to_on: Type.String(),
  status: Type.Union([Type.Literal("draft"), Type.Literal("final")]),
  status_label: Type.String(),
  version: Type.Integer(),
  computed_at: Type.String(),
  computed_by: Type.String(),
  finalised_at: Nullable(Type.String()),
  finalised_by: Nullable(Type.String()),
  url: Type.String(),
};
export const RunSummary = Type.Object(Summary);
export const RunList = Type.Object({ items: Type.Array(RunSummary) });

const Cell = {
  indicator_id: Type.String(),
  value: Nullable(Type.Number()),
  numerator: Nullable(Type.Number()),
  denominator: Nullable(Type.Number()),
  points: Type.Number(),
  max_points: Type.Number(),
  note: Nullable(Type.String()),
};
const Snapshot = Type.Object({
  id: Type.String(),
  name: Type.String(),
  source: Type.String(),
  key: Nullable(Type.String()),
  points: Type.Number(),
});
const OrgRef = Type.Object({ id: Type.String(), code: Type.String(), name: Type.String() });

export const RunView = Type.Object({
  ...Summary,
  indicators: Type.Array(Snapshot),
  ranking: Type.Array(
    Type.Object({
      rank: Type.Integer(),
      org: Type.Object({ id: Type.String(), code: Type.String(), name: Type.String(), kind: Type.String() }),
      score: Type.Number(),
      max_score: Type.Number(),
      deduction: Type.Number(),
      total: Type.Number(),
      deductions: Type.Array(DeductionView),
      scores: Type.Array(Type.Object(Cell)),
      url: Type.String(),
    }),
  ),
});

export const OrgRunView = Type.Object({
  run: RunSummary,
  org: OrgRef,
  total: Type.Union([
    Type.Object({
      rank: Type.Integer(),
      score: Type.Number(),
      max_score: Type.Number(),
      deduction: Type.Number(),
      total: Type.Number(),
      deductions: Type.Array(DeductionView),
    }),
    Type.Null(),
  ]),
  scores: Type.Array(
    Type.Object({
      ...Cell,
      indicator: Snapshot,
      evidence: Type.Array(Evidence),
      subject: Type.Object({ type: Type.String(), id: Type.String() }),
    }),
  ),
  accountability: Type.Array(
    Type.Object({ id: Type.String(), kind: Type.String(), decided_on: Type.String(), url: Type.String() }),
  ),
});

// ---------- accountability ----------

export const Subject = Type.Object(
  {
    type: Type.String({
      maxLength: 40,
      description: "application, message, item, assessment_score, opinion_case…",
    }),
    id: Type.String({ maxLength: 120 }),
  },
  { additionalProperties: false },
);

export const AccountabilityBody = Type.Object(
  {
    org: Str({ description: "the organisation's code" }),
    kind: Type.String({ maxLength: 20, description: "criticism (通报批评) or interview (约谈整改)" }),
    reason: Type.String({ maxLength: 5000 }),
    decided_on: Type.String({ maxLength: 20, description: "YYYY-MM-DD, not after today" }),
    rectify_by: Type.Optional(Nullable(Type.String({ maxLength: 20 }))),
    subjects: Type.Optional(Type.Array(Subject, { maxItems: 200 })),
  },
  { additionalProperties: false },
);

export const RectifyBody = Type.Object(
  {
    outcome: Type.String({ maxLength: 10_000, description: "the rectification's outcome (整改情况)" }),
    rectified_on: Type.String({ maxLength: 20, description: "YYYY-MM-DD" }),
  },
  { additionalProperties: false },
);

export const AccountabilityView = Type.Object({
  id: Type.String(),
  site_id: Type.String(),
  org_id: Type.String(),
  org_name: Type.String(),
  kind: Type.String(),
  kind_label: Type.String(),
  reason: Type.String(),
  decided_on: Type.String(),
  rectify_by: Nullable(Type.String()),
  status: Type.String(),
  status_label: Type.String(),
  rectification: Nullable(Type.String()),
  rectified_on: Nullable(Type.String()),
  overdue: Type.Boolean(),
  created_by_label: Type.String(),
  created_at: Type.String(),
  updated_at: Type.String(),
  subjects: Type.Array(
    Type.Object({
      type: Type.String(),
      id: Type.String(),
      label: Type.String(),
      url: Nullable(Type.String()),
    }),
  ),
});

export const AccountabilityQuery = Type.Object({
  org: Type.Optional(Type.String({ maxLength: 60 })),
  kind: Type.Optional(Type.Union([Type.Literal("criticism"), Type.Literal("interview")])),
  status: Type.Optional(Type.Union([Type.Literal("open"), Type.Literal("rectified")])),
  subject_type: Type.Optional(Type.String({ maxLength: 40 })),
  subject_id: Type.Optional(Type.String({ maxLength: 120 })),
});
