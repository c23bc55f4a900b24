import { type Static, Type } from "@sinclair/typebox";

export const ORG_KINDS = ["government", "department", "town", "community", "institution"] as const;

export const OrgKindSchema = Type.Union(ORG_KINDS.map((k) => Type.Literal(k)));

export const CreateOrgBody = Type.Object(
  {
    site_code: Type.Optional(Type.String({ maxLength: 50 })),
    parent_code: Type.Optional(Type.String({ maxLength: 50 })),
    code: Type.String({ minLength: 1, maxLength: 50 }),
    name: Type.String({ minLength: 1, maxLength: 100 }),
    short_name: Type.Optional(Type.String({ maxLength: 50 })),
    kind: OrgKindSchema,
    credit_code: Type.Optional(Type.String({ maxLength: 18 })),
    division_code: Type.Optional(Type.String({ maxLength: 12 })),
    sort_order: Type.Optional(Type.Integer({ minimum: 0, maximum: 100000 })),
  },
  { additionalProperties: false },
);
export type CreateOrgInput = Static<typeof CreateOrgBody>;

export const OrgView = Type.Object({
  id: Type.String(),
  code: Type.String(),
  name: Type.String(),
  short_name: Type.String(),
  kind: Type.String(),
  parent_id: Type.Union([Type.String(), Type.Null()]),
  credit_code: Type.Union([Type.String(), Type.Null()]),
  division_code: Type.Union([Type.String(), Type.Null()]),
});
