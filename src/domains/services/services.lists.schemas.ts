import { type TSchema, Type } from "@sinclair/typebox";
import { POWER_TYPES } from "./services.lists.model";

// Request shapes of the lists API (权责清单, 公共服务事项清单). Fields are loosely typed here and checked by the
// service, so every problem is named at once (a 400 listing them) rather than the first one the schema meets.

const Text = (maxLength: number, description?: string) =>
  Type.String({ maxLength, ...(description ? { description } : {}) });
const Opt = <T extends TSchema>(t: T) => Type.Optional(t);

export const ListIdParams = Type.Object({ id: Type.String({ maxLength: 40 }) });
export const EntryParams = Type.Object({
  id: Type.String({ maxLength: 40 }),
  code: Type.String({ maxLength: 60 }),
});

export const ListsQuery = Type.Object({
  org: Opt(Text(50, "The department's organisation code.")),
  kind: Opt(Text(20, "power (权责清单) or public_service (公共服务事项清单).")),
});
export const VersionQuery = Type.Object({
  version: Opt(Text(6, "A published version's number (default: the one in force).")),
});
export const ChangesQuery = Type.Object({
  from: Opt(Text(6, "The older published version (default: the one before `to`).")),
  to: Opt(Text(6, "The newer published version (default: the one in force).")),
});

const entryFields = {
  code: Opt(Text(60, "The entry's code (事项编码), unique in the list.")),
  name: Opt(Text(200)),
  type: Opt(Text(20, `Power lists: ${POWER_TYPES.join(" ")}`)),
  category: Opt(Text(50, "Public-service lists: the category (服务类别).")),
  basis: Opt(Text(5000, "Legal basis (设定依据).")),
  body: Opt(Text(200, "Power lists: the responsible body (实施主体).")),
  duties: Opt(Text(5000, "Power lists: the responsibilities (责任事项).")),
  accountability: Opt(Text(5000, "Power lists: when someone is held accountable (追责情形).")),
  object: Opt(Text(100, "Public-service lists: who is served (服务对象).")),
  provider: Opt(Text(200, "Public-service lists: who provides it (服务提供主体).")),
  notes: Opt(Text(1000)),
  item: Opt(
    Type.Union([Text(60), Type.Null()], {
      description: "A service item in force (its id or implementation code), or empty for none.",
    }),
  ),
};

export const EXAMPLE_POWER_ENTRY = {
  code: "XK-MZJ-001",
  name: "社会团体成立登记",
  type: "行政许可",
  basis: "《社会团体登记管理条例》第九条",
  body: "固阳县民政局",
  duties:
    "1.受理责任：公示应当提交的材料，一次性告知补正材料。\n2.审查责任：对申请材料进行审查。\n3.决定责任：作出准予或不予登记的决定。",
  accountability: "对符合条件的申请不予受理、不予登记或者不在法定期限内作出决定的，依法追究相关人员责任。",
  notes: "",
  item: "150222-MZJ-XK-001",
};
export const Entry = Type.Object(entryFields, {
  additionalProperties: false,
  examples: [EXAMPLE_POWER_ENTRY],
});

export const CreateListBody = Type.Object(
  {
    org: Opt(Text(50, "The department's organisation code (default: the user's).")),
    kind: Text(20, "power or public_service"),
    entries: Opt(Type.Array(Entry, { maxItems: 1000 })),
    decision: Opt(
      Text(300, "The recorded decision publishing the list (决定文号和名称); required to submit."),
    ),
    reason: Opt(Text(2000)),
  },
  {
    additionalProperties: false,
    examples: [{ org: "gyx-mzj", kind: "power", entries: [EXAMPLE_POWER_ENTRY] }],
  },
);
export const DraftBody = Type.Object(
  {
    entries: Opt(
      Type.Array(Entry, { maxItems: 1000, description: "The whole list, replacing the draft's." }),
    ),
    decision: Opt(Text(300)),
    reason: Opt(Text(2000)),
  },
  {
    additionalProperties: false,
    examples: [
      { decision: "固民发〔2026〕12号 关于公布固阳县民政局权责清单的通知", entries: [EXAMPLE_POWER_ENTRY] },
    ],
  },
);
export const PatchEntryBody = Type.Object(entryFields, {
  additionalProperties: false,
  examples: [{ duties: "1.受理责任。\n2.审查责任。\n3.决定责任。\n4.事后监管责任。" }],
});
export const NewVersionBody = Type.Object(
  { decision: Opt(Text(300)), reason: Opt(Text(2000)) },
  { additionalProperties: false, examples: [{ reason: "依据上级调整，新增一项行政检查。" }] },
);
export const ListActionBody = Type.Object(
  {
    action: Text(20, "submit, approve (publishes the version) or reject (back to editing)"),
    note: Opt(Text(2000, "The reviewer's note; required to reject.")),
  },
  { additionalProperties: false, examples: [{ action: "submit" }] },
);
