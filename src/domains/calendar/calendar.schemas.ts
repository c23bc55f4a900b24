import { type Static, Type } from "@sinclair/typebox";

const DATE_PATTERN = "^\\d{4}-\\d{2}-\\d{2}$";
export const IsoDateString = Type.String({ pattern: DATE_PATTERN, description: "YYYY-MM-DD" });

export const AddWorkingDaysQuery = Type.Object({
  date: IsoDateString,
  n: Type.Integer({
    minimum: 0,
    maximum: 3660,
    description: "working days after `date` (the date itself not counted)",
  }),
});

export const AddWorkingDaysView = Type.Object({
  date: Type.String(),
  explanation: Type.String(),
  provisional: Type.Optional(
    Type.Boolean({ description: "counted over a year without a holiday notice (暂定)" }),
  ),
});

export const IsWorkingDayQuery = Type.Object({ date: IsoDateString });

export const DayKindSchema = Type.Union(
  ["workday", "weekend", "holiday", "makeup_workday", "closure"].map((k) => Type.Literal(k)),
);

export const DayView = Type.Object({
  date: Type.String(),
  working: Type.Boolean(),
  kind: DayKindSchema,
  name: Type.Optional(Type.String()),
});

export const GridDayView = Type.Object({
  date: Type.String(),
  weekday: Type.Integer({ description: "0 = Sunday … 6 = Saturday" }),
  working: Type.Boolean(),
  kind: DayKindSchema,
  name: Type.Optional(Type.String()),
});

export const YearParams = Type.Object({ year: Type.Integer({ minimum: 1949, maximum: 2200 }) });

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

export const YearSourceView = Type.Object({
  year: Type.Integer(),
  source: Type.Union([Type.Literal("package"), Type.Literal("notice"), Type.Literal("provisional")]),
  document_number: Nullable(Type.String()),
  title: Nullable(Type.String()),
  url: Nullable(Type.String()),
  imported_at: Nullable(Type.String()),
  days_off: Type.Integer(),
  makeup_days: Type.Integer(),
});

export const YearView = Type.Object({
  year: Type.Integer(),
  source: YearSourceView,
  months: Type.Array(Type.Object({ month: Type.Integer(), days: Type.Array(GridDayView) })),
});

export const NoticeDayView = Type.Object({
  date: Type.String(),
  off: Type.Boolean(),
  name: Type.Optional(Type.String()),
});

// The import bodies are checked by parseNotice / parseClosure, which report every problem at once in
// Chinese (wrong year, a make-up day on a weekday…); a strict schema here would stop at the first layer.
export const NoticeBody = Type.Object(
  {
    year: Type.Optional(Type.Unknown({ description: "the year the notice arranges, e.g. 2027" })),
    days: Type.Optional(
      Type.Unknown({
        description:
          "[{date: 'YYYY-MM-DD', off: boolean, name?: '春节'}]: off=true a day off, false a make-up working day",
      }),
    ),
    document_number: Type.Optional(Type.Unknown({ description: "e.g. 国办发明电〔2026〕7号" })),
    url: Type.Optional(Type.Unknown()),
    title: Type.Optional(Type.Unknown()),
  },
  { additionalProperties: true },
);

export const ClosureBody = Type.Object(
  {
    reason: Type.Optional(Type.Unknown({ description: "why offices close, e.g. 台风" })),
    date: Type.Optional(Type.Unknown({ description: "one day, YYYY-MM-DD" })),
    dates: Type.Optional(Type.Unknown({ description: "several days" })),
    from: Type.Optional(Type.Unknown({ description: "first day of a run (inclusive)" })),
    to: Type.Optional(Type.Unknown({ description: "last day of a run (inclusive)" })),
    site_code: Type.Optional(
      Type.String({ maxLength: 50, description: "only this site; absent: every site" }),
    ),
  },
  { additionalProperties: true },
);

export const RecomputeView = Type.Object({
  checked: Type.Integer(),
  changed: Type.Array(
    Type.Object({
      clock_id: Type.String(),
      owner_type: Type.String(),
      owner_id: Type.String(),
      kind: Type.String(),
      old_due_on: Nullable(Type.String()),
      new_due_on: Type.String(),
    }),
  ),
  failed: Type.Array(
    Type.Object({
      clock_id: Type.String(),
      owner_type: Type.String(),
      owner_id: Type.String(),
      kind: Type.String(),
      code: Type.String(),
      message: Type.String(),
      year: Type.Optional(Type.Integer()),
    }),
  ),
});

export const NoticeImportedView = Type.Object({
  year: Type.Integer(),
  document_number: Type.Optional(Type.String()),
  title: Type.Optional(Type.String()),
  url: Type.Optional(Type.String()),
  days: Type.Array(NoticeDayView),
  replaced: Type.Boolean(),
  recomputed: RecomputeView,
});

export const ClosureView = Type.Object({
  id: Type.String(),
  site_id: Nullable(Type.String()),
  dates: Type.Array(Type.String()),
  from: Type.String(),
  to: Type.String(),
  reason: Type.String(),
  created_at: Type.String(),
});

export const ClosureChangedView = Type.Object({ closure: ClosureView, recomputed: RecomputeView });

export const ClockChangeView = Type.Object({
  id: Type.String(),
  clock_id: Type.String(),
  owner_type: Type.String(),
  owner_id: Type.String(),
  kind: Type.String(),
  at: Type.String(),
  cause: Type.String(),
  old_due_on: Nullable(Type.String()),
  new_due_on: Nullable(Type.String()),
  reason: Type.String(),
});

export type AddWorkingDaysQueryT = Static<typeof AddWorkingDaysQuery>;
