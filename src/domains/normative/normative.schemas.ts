import { Type } from "@sinclair/typebox";
import { VALIDITIES } from "../publishing";

const date = Type.String({ pattern: "^\\d{4}-\\d{2}-\\d{2}$", description: "YYYY-MM-DD" });
const nullableDate = Type.Union([date, Type.Null()]);
const lit = <T extends string>(xs: readonly T[]) => Type.Union(xs.map((x) => Type.Literal<T>(x)));

export const RegisterQuery = Type.Object(
  {
    validity: Type.Optional(lit(VALIDITIES)),
    org: Type.Optional(Type.String({ maxLength: 50, description: "issuing organisation code" })),
    year: Type.Optional(Type.String({ pattern: "^\\d{4}$", description: "year formed (成文日期)" })),
  },
  { additionalProperties: false },
);

const OrgRef = Type.Object({ code: Type.String(), name: Type.String() });

export const RegisterItemJson = Type.Object({
  id: Type.String(),
  title: Type.String(),
  org: OrgRef,
  doc_number: Type.Union([Type.String(), Type.Null()]),
  registration_number: Type.Union([Type.String(), Type.Null()]),
  index_number: Type.Union([Type.String(), Type.Null()]),
  formed_on: date,
  published_on: nullableDate,
  validity: Type.String({ description: "valid | expired | repealed | revised" }),
  expires_on: nullableDate,
  url: Type.String(),
});

export const RegisterJson = Type.Object({ items: Type.Array(RegisterItemJson) });

export const ImportBody = Type.Object(
  {
    doc_number: Type.String({ minLength: 1, maxLength: 60, description: "文号, any bracket style" }),
    title: Type.String({ minLength: 1, maxLength: 200 }),
    kind: Type.String({
      maxLength: 20,
      description: "policy | normative | notice | plan | statistics | budget | other",
    }),
    formed_on: Type.String({ maxLength: 10, description: "成文日期 YYYY-MM-DD" }),
    org: Type.String({ minLength: 1, maxLength: 50, description: "issuing organisation code" }),
    body_html: Type.Optional(Type.String({ maxLength: 2_000_000 })),
    files: Type.Optional(
      Type.Array(
        Type.Object(
          {
            name: Type.String({ minLength: 1, maxLength: 200 }),
            content_base64: Type.String({ maxLength: 15_000_000 }),
          },
          { additionalProperties: false },
        ),
        { maxItems: 10 },
      ),
    ),
  },
  { additionalProperties: false },
);

export const ImportJson = Type.Object({ id: Type.String(), status: Type.Literal("draft") });

export const ReviewBody = Type.Object(
  {
    review_body: Type.String({ maxLength: 100, description: "合法性审核机构" }),
    reviewed_on: Type.String({ maxLength: 10 }),
    review_opinion: Type.String({ maxLength: 2000 }),
    decision_body: Type.Optional(Type.String({ maxLength: 100, description: "集体讨论的会议" })),
    decided_on: Type.Optional(Type.String({ maxLength: 10 })),
    validity_years: Type.Optional(Type.Integer({ minimum: 1, maximum: 10 })),
  },
  { additionalProperties: false },
);

export const FilingBody = Type.Object(
  {
    filed_on: Type.String({ maxLength: 10 }),
    filed_with: Type.String({ maxLength: 100, description: "备案机关" }),
    filing_number: Type.Optional(Type.String({ maxLength: 60 })),
  },
  { additionalProperties: false },
);

export const LinkBody = Type.Object(
  {
    relation: Type.String({ maxLength: 20, description: "amends | repeals" }),
    target: Type.String({ maxLength: 40 }),
  },
  { additionalProperties: false },
);

export const EntryJson = Type.Object({
  item_id: Type.String(),
  registration_number: Type.String(),
  review_body: Type.String(),
  reviewed_on: date,
  review_opinion: Type.String(),
  decision_body: Type.Union([Type.String(), Type.Null()]),
  decided_on: nullableDate,
  validity_years: Type.Union([Type.Integer(), Type.Null()]),
  expires_on: nullableDate,
  filing_due_on: nullableDate,
  filed_on: nullableDate,
  filed_with: Type.Union([Type.String(), Type.Null()]),
  filing_number: Type.Union([Type.String(), Type.Null()]),
});

export const CleanupBody = Type.Object(
  {
    title: Type.String({ maxLength: 200 }),
    entries: Type.Array(
      Type.Object(
        {
          item: Type.String({ maxLength: 40 }),
          outcome: Type.String({ maxLength: 20, description: "continue | repealed | expired" }),
        },
        { additionalProperties: false },
      ),
      { maxItems: 2000 },
    ),
  },
  { additionalProperties: false },
);

export const CleanupJson = Type.Object({
  id: Type.String(),
  title: Type.String(),
  status: Type.String({ description: "draft | releasing | published" }),
  list_item_id: Type.Union([Type.String(), Type.Null()]),
  entries: Type.Array(Type.Object({ item: Type.String(), outcome: Type.String() })),
});

export const AlertsJson = Type.Object({
  items: Type.Array(
    Type.Object({
      kind: Type.String({ description: "filing_late | expiring | expired" }),
      item_id: Type.String(),
      title: Type.String(),
      registration_number: Type.Union([Type.String(), Type.Null()]),
      on: date,
    }),
  ),
});

export const ItemParams = Type.Object({ id: Type.String({ maxLength: 40 }) });
