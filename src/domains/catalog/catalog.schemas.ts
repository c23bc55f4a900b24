import { type Static, Type } from "@sinclair/typebox";

export const NODE_KINDS = ["group", "column"] as const;
export const UPDATE_RULES = ["realtime", "days", "monthly", "quarterly", "yearly", "as_needed"] as const;
export const NODE_SOURCES = [
  "art20",
  "art21",
  "standard",
  "key_project",
  "interpretation",
  "response",
  "participation",
  "basic",
  "custom",
] as const;

const literals = <T extends readonly string[]>(values: T) => Type.Union(values.map((v) => Type.Literal(v)));

export const NodeKindSchema = literals(NODE_KINDS);
export const UpdateRuleSchema = literals(UPDATE_RULES);

export const StandardRowView = Type.Object({
  item_l1: Type.String(),
  item_l2: Type.String(),
  content: Type.String(),
  basis: Type.String(),
  time_limit: Type.String(),
  subject: Type.String(),
  channels: Type.String(),
  audience: Type.String(),
  mode: Type.String(),
  level: Type.String(),
});

export const CatalogNodeView = Type.Object({
  id: Type.String(),
  org_id: Type.String(),
  parent_id: Type.Union([Type.String(), Type.Null()]),
  depth: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  kind: Type.String(),
  source: Type.String(),
  update_rule: Type.String(),
  update_days: Type.Union([Type.Integer(), Type.Null()]),
  update_label: Type.String(),
  description: Type.String(),
  standard: Type.Union([StandardRowView, Type.Null()]),
  sort_order: Type.Integer(),
  archived: Type.Boolean(),
  updated_at: Type.String(),
});

export const CatalogChangeView = Type.Object({
  id: Type.String(),
  at: Type.String(),
  actor_label: Type.String(),
  change: Type.String(),
  before: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]),
  after: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]),
});

export const OrgRef = Type.Object({ id: Type.String(), code: Type.String(), name: Type.String() });

export const CatalogTreeView = Type.Object({
  org: OrgRef,
  items: Type.Array(CatalogNodeView, { description: "Depth-first, parents before their children" }),
});

export const CatalogNodeDetailView = Type.Object({
  node: CatalogNodeView,
  org: OrgRef,
  path: Type.Array(Type.Object({ id: Type.String(), code: Type.String(), name: Type.String() })),
  history: Type.Optional(Type.Array(CatalogChangeView)),
});

export const CatalogOrgsView = Type.Object({
  items: Type.Array(
    Type.Object({ id: Type.String(), code: Type.String(), name: Type.String(), nodes: Type.Integer() }),
  ),
});

export const CatalogQuery = Type.Object({
  org: Type.String({ minLength: 1, maxLength: 50 }),
  include_archived: Type.Optional(Type.Boolean()),
});

export const NodeParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 40 }) });

const Name = Type.String({ maxLength: 100 });
const Description = Type.String({ maxLength: 2000 });
const Days = Type.Union([Type.Integer(), Type.Null()]);

export const CreateNodeBody = Type.Object(
  {
    org: Type.String({ minLength: 1, maxLength: 50, description: "Code of the organisation" }),
    parent_id: Type.Optional(Type.Union([Type.String({ maxLength: 40 }), Type.Null()])),
    code: Type.String({ maxLength: 60 }),
    name: Name,
    kind: NodeKindSchema,
    update_rule: UpdateRuleSchema,
    update_days: Type.Optional(Days),
    description: Type.Optional(Description),
  },
  { additionalProperties: false },
);
export type CreateNodeInput = Static<typeof CreateNodeBody>;

export const UpdateNodeBody = Type.Object(
  {
    name: Type.Optional(Name),
    description: Type.Optional(Description),
    update_rule: Type.Optional(UpdateRuleSchema),
    update_days: Type.Optional(Days),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateNodeInput = Static<typeof UpdateNodeBody>;

export const MoveNodeBody = Type.Object(
  {
    parent_id: Type.Optional(
      Type.Union([Type.String({ maxLength: 40 }), Type.Null()], {
        description: "The new parent group; null for the top level",
      }),
    ),
    direction: Type.Optional(Type.Union([Type.Literal("up"), Type.Literal("down")])),
  },
  { additionalProperties: false },
);
export type MoveNodeInput = Static<typeof MoveNodeBody>;
