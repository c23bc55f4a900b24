import { type Static, type TSchema, Type } from "@sinclair/typebox";
import { STEP_ACTIONS } from "./gazette.steps";

// Request and answer shapes of /api/v1/gazette. Fields are read loosely and checked by the service, so every
// problem is named at once (a 400 listing them).

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

export const YearQuery = Type.Object({
  year: Type.Optional(
    Type.Integer({ minimum: 1990, maximum: 2100, description: "Only this year's issues." }),
  ),
});
export const IdParams = Type.Object({ id: Type.String({ maxLength: 40 }) });

export const IssueListItem = Type.Object({
  id: Type.String(),
  year: Type.Integer(),
  number: Type.Integer({ description: "年第N期" }),
  total_number: Type.Integer({ description: "总第M期" }),
  published_on: Nullable(Type.String({ description: "YYYY-MM-DD" })),
  url: Type.String(),
  pdf_url: Nullable(
    Type.String({ description: "The authoritative PDF (null for an issue imported from Word)." }),
  ),
  pdf_sha256: Nullable(Type.String({ description: "SHA-256 of that PDF, hex." })),
});
export const IssueListJson = Type.Object({ items: Type.Array(IssueListItem) });

const EntryBody = Type.Object(
  {
    item_id: Type.String({
      maxLength: 40,
      description: "A published 规章/规范性文件 (policy or normative item).",
    }),
    category: Type.Optional(
      Type.String({
        maxLength: 40,
        description:
          "regulation government_normative office_normative department_normative other (default: by the issuing body)",
      }),
    ),
  },
  { additionalProperties: false },
);

const issueFields = {
  year: Type.Integer({ description: "The issue's year (numbered within it), 1990-2100; default this year." }),
  note: Type.Optional(
    Nullable(Type.String({ maxLength: 500, description: "The editors' note (staff only)." })),
  ),
  entries: Type.Array(EntryBody, {
    maxItems: 100,
    description: "The documents in the order printed, 1-100.",
  }),
};

export const CreateIssueBody = Type.Partial(Type.Object(issueFields), {
  additionalProperties: false,
  examples: [{ year: 2025, entries: [{ item_id: "01JD7Q6M8Y0S9K3T2V1W0X9Y8Z" }] }],
});
export type CreateIssueInput = Static<typeof CreateIssueBody>;
export const UpdateIssueBody = CreateIssueBody;

export const ActionBody = Type.Object(
  { action: Type.String({ enum: STEP_ACTIONS, description: STEP_ACTIONS.join(" ") }) },
  { additionalProperties: false, examples: [{ action: "submit" }] },
);

export const CorrectionBody = Type.Object(
  {
    text: Type.String({ maxLength: 5000, description: "The correction notice (更正), 1-5000 characters." }),
    entry_id: Type.Optional(Nullable(Type.String({ maxLength: 40, description: "The corrected document." }))),
  },
  {
    additionalProperties: false,
    examples: [{ text: "本期第3页第二条第二行“5个工作日”应为“7个工作日”。特此更正。" }],
  },
);

const CorrectionJson = Type.Object({
  id: Type.String(),
  published_on: Type.String(),
  text: Type.String(),
  document_id: Nullable(Type.String()),
  url: Type.String(),
  corrects_url: Type.String(),
});
export const CorrectionCreatedJson = CorrectionJson;

export const IssueJson = Type.Object({
  ...IssueListItem.properties,
  title: Type.String(),
  status: Type.String({ description: "draft submitted reviewed released" }),
  status_label: Type.String(),
  source: Type.String({ description: "compiled or imported" }),
  note: Nullable(Type.String()),
  file: Nullable(
    Type.Object({
      url: Type.String(),
      type: Type.String(),
      name: Type.String(),
      size: Type.Integer(),
      sha256: Type.String(),
    }),
  ),
  toc: Type.Array(
    Type.Object({ category: Type.String(), label: Type.String(), documents: Type.Array(Type.Integer()) }),
  ),
  documents: Type.Array(
    Type.Object({
      id: Type.String(),
      position: Type.Integer(),
      category: Type.String(),
      item_id: Nullable(Type.String()),
      title: Type.String(),
      doc_number: Nullable(Type.String()),
      org: Type.String(),
      formed_on: Nullable(Type.String()),
      url: Type.String(),
      corrections: Type.Array(Type.String()),
    }),
  ),
  corrections: Type.Array(CorrectionJson),
  staff: Type.Optional(
    Type.Object({
      actions: Type.Array(Type.String()),
      editable: Type.Boolean(),
      admin_url: Type.String(),
    }),
  ),
});

export const StaffIssueListJson = Type.Object({
  total: Type.Integer(),
  items: Type.Array(IssueJson),
});

export const CandidatesJson = Type.Object({
  items: Type.Array(
    Type.Object({
      id: Type.String(),
      title: Type.String(),
      doc_number: Nullable(Type.String()),
      kind: Type.String(),
      org: Type.String(),
      published_on: Nullable(Type.String()),
      default_category: Type.String(),
    }),
  ),
});
