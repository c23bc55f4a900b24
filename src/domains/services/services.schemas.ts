import { type TSchema, Type } from "@sinclair/typebox";
import { storedNamesByCode } from "../../web/i18n/code-labels";
import { ITEM_TYPES, LEVELS, LIFE_EVENT_KEYS } from "./services.model";

// Request and answer shapes of the services API. Fields are loosely typed here and checked by the service, so
// every problem is named at once (a 400 listing them) rather than the first one the schema meets.

const Text = (maxLength: number, description?: string) =>
  Type.String({ maxLength, ...(description ? { description } : {}) });
const Int = (description: string) => Type.Integer({ description });
const Opt = <T extends TSchema>(t: T) => Type.Optional(t);

export const IdParams = Type.Object({ id: Type.String({ maxLength: 40 }) });
export const KeyParams = Type.Object({ key: Type.String({ maxLength: 40 }) });

export const ListQuery = Type.Object({
  q: Opt(Text(100, "Words of the item's name, or its exact basic-catalogue or implementation code.")),
  org: Opt(Text(50, "Implementing organisation's code (an unknown code: 400).")),
  type: Opt(
    Text(
      20,
      `Stable code: ${[...storedNamesByCode("svc.type").keys()].join(" ")} (the Chinese names ${ITEM_TYPES.join(" ")} are also accepted). Another value: 400 naming it.`,
    ),
  ),
  life_event: Opt(Text(20, `${LIFE_EVENT_KEYS.join(" ")}. Another value: 400 naming it.`)),
  level: Opt(
    Text(
      10,
      `Stable code: ${[...storedNamesByCode("svc.level").keys()].join(" ")} (the Chinese names ${LEVELS.join(" ")} are also accepted). Another value: 400 naming it.`,
    ),
  ),
  page: Opt(Text(6, "Page number, 20 items a page.")),
});

const Step = Type.Object(
  {
    name: Opt(Text(100)),
    days: Opt(Type.Integer({ description: "Working days, 0-365." })),
    counted: Opt(Type.Boolean({ description: "Whether its time counts toward the limit." })),
  },
  { additionalProperties: false },
);

export const itemFields = {
  code: Opt(Text(40, "Basic-catalogue code (基本目录编码).")),
  impl_code: Opt(Text(60, "Implementation code (实施清单编码), unique on the site.")),
  name: Opt(Text(200)),
  type: Opt(Text(20, ITEM_TYPES.join(" "))),
  level: Opt(Text(4, LEVELS.join(" "))),
  life_events: Opt(Type.Array(Text(20), { maxItems: 12, description: LIFE_EVENT_KEYS.join(" ") })),
  basis: Opt(Text(5000, "Legal basis (设定依据).")),
  entrusted: Opt(Text(200, "Entrusted body (受委托单位), if any.")),
  objects: Opt(Type.Array(Text(10), { maxItems: 3, description: "自然人 法人 其他组织" })),
  conditions: Opt(Text(5000, "Acceptance conditions (受理条件).")),
  process: Opt(Type.Array(Step, { maxItems: 40, description: "Process steps (办理流程)." })),
  special: Opt(Type.Array(Step, { maxItems: 40, description: "Special procedures (特别程序)." })),
  statutory_limit: Opt(Int("Statutory time limit, 0-365 (0: on the spot).")),
  promised_limit: Opt(Int("Promised time limit, not longer than the statutory one.")),
  limit_unit: Opt(Text(20, "working_days or days")),
  fee: Opt(Text(1000, "不收费, or the fee and its standard.")),
  fee_basis: Opt(Text(1000, "Basis of the fee; required when a fee is charged.")),
  visits: Opt(Int("Visits to the hall (到现场次数), 0-9.")),
  online_depth: Opt(Int("0 none, 1 guide, 2 apply online, 3 handled online, 4 fully online.")),
  online_url: Opt(Text(500, "https address of online handling; required from depth 2.")),
  place: Opt(Text(500)),
  hours: Opt(Text(500)),
  consult_phone: Opt(Text(200)),
  complaint_phone: Opt(Text(200)),
  result_name: Opt(Text(200)),
  result_sample: Opt(Text(1000)),
  faq: Opt(
    Type.Array(Type.Object({ q: Opt(Text(1000)), a: Opt(Text(2000)) }, { additionalProperties: false }), {
      maxItems: 40,
    }),
  ),
  parallel: Opt(Type.Boolean({ description: "Approved in parallel (并联审批) within its 一件事." })),
  materials: Opt(
    Type.Array(
      Type.Object({ material_id: Opt(Text(40)), condition: Opt(Text(200)) }, { additionalProperties: false }),
      { maxItems: 80, description: "Materials of the catalogue, in order." },
    ),
  ),
  decision: Opt(Text(300, "The recorded decision (决定文号和名称); required to submit.")),
  reason: Opt(Text(2000, "Why the item is added, changed or cancelled.")),
};

export const EXAMPLE_ITEM = {
  org: "gyx-wjw",
  code: "150222-QT-0001",
  impl_code: "11150222MB1234567X-QT-0001",
  name: "出生医学证明首次签发",
  type: "公共服务",
  level: "县",
  life_events: ["birth"],
  basis: "《中华人民共和国母婴保健法》第二十三条",
  objects: ["自然人"],
  conditions: "在本县助产机构出生的新生儿。",
  process: [
    { name: "受理", days: 0, counted: true },
    { name: "审核", days: 1, counted: true },
    { name: "发证", days: 0, counted: true },
  ],
  statutory_limit: 5,
  promised_limit: 1,
  limit_unit: "working_days",
  fee: "不收费",
  visits: 1,
  online_depth: 2,
  online_url: "https://zwfw.nmg.gov.cn/gyx/csyxzm",
  place: "固阳县人民医院产科护士站",
  hours: "工作日 8:30-12:00，14:30-17:30",
  consult_phone: "0472-8121120",
  complaint_phone: "12345",
  result_name: "出生医学证明",
  materials: [],
  decision: "固卫健发〔2026〕8号 关于公布政务服务事项实施清单的通知",
};

export const CreateItemBody = Type.Object(
  { org: Opt(Text(50, "Implementing organisation code (default: the user's).")), ...itemFields },
  { additionalProperties: false, examples: [EXAMPLE_ITEM] },
);
export const EditVersionBody = Type.Object(itemFields, {
  additionalProperties: false,
  examples: [{ promised_limit: 1, decision: "固卫健发〔2026〕9号" }],
});
export const ProposeBody = Type.Object(
  {
    kind: Text(10, "change (变更) or cancel (取消)"),
    decision: Opt(Text(300)),
    reason: Opt(Text(2000)),
  },
  {
    additionalProperties: false,
    examples: [{ kind: "change", decision: "固卫健发〔2026〕10号", reason: "压缩承诺时限" }],
  },
);
export const ActionBody = Type.Object(
  {
    action: Text(20, "submit approve reject"),
    note: Opt(Text(2000, "The reviewer's note; required to reject.")),
  },
  { additionalProperties: false, examples: [{ action: "submit" }] },
);

const materialFields = {
  name: Opt(Text(200)),
  necessity: Opt(Text(20, "required conditional optional")),
  form: Opt(Text(20, "paper electronic both")),
  kind: Opt(Text(20, "original copy original_and_copy")),
  copies: Opt(Type.Integer({ description: "0-20" })),
  source: Opt(Text(20, "applicant government third_party")),
  issuer: Opt(Type.Union([Text(50, "Issuing department's code (source government)."), Type.Null()])),
  notes: Opt(Text(2000)),
  standard: Opt(Text(2000, "Acceptance standard (受理标准).")),
  basis: Opt(Text(2000)),
};
const EXAMPLE_MATERIAL = {
  name: "居民身份证",
  necessity: "required",
  form: "paper",
  kind: "original",
  copies: 1,
  source: "applicant",
  standard: "在有效期内，与申请人一致。",
  basis: "《中华人民共和国居民身份证法》",
};
export const CreateMaterialBody = Type.Object(
  { org: Opt(Text(50, "The department keeping it (default: the user's).")), ...materialFields },
  { additionalProperties: false, examples: [EXAMPLE_MATERIAL] },
);
export const UpdateMaterialBody = Type.Object(materialFields, {
  additionalProperties: false,
  examples: [{ standard: "在有效期内；照片清晰可辨。" }],
});

export const CreateHallBody = Type.Object(
  {
    org: Opt(Text(50)),
    name: Opt(Text(100)),
    level: Opt(Text(20, "county town community")),
    address: Opt(Text(200)),
    hours: Opt(Text(200)),
    phone: Opt(Text(50)),
  },
  {
    additionalProperties: false,
    examples: [
      {
        name: "银号镇便民服务中心",
        level: "town",
        org: "gyx-yhz",
        address: "银号镇政府一楼",
        hours: "工作日 8:30-17:30",
        phone: "0472-8150001",
      },
    ],
  },
);
export const CreateWindowBody = Type.Object(
  {
    name: Opt(Text(100)),
    orgs: Opt(Type.Array(Text(50), { maxItems: 30 })),
    modes: Opt(Type.Array(Text(40), { maxItems: 40 })),
  },
  {
    additionalProperties: false,
    examples: [{ name: "综合受理窗口", orgs: ["gyx-mzj"], modes: ["appointment", "agent"] }],
  },
);
export const ModesBody = Type.Object(
  { modes: Type.Array(Text(40), { maxItems: 40 }) },
  { additionalProperties: false, examples: [{ modes: ["extended", "weekend", "appointment"] }] },
);
export const CreateBundleBody = Type.Object(
  {
    key: Opt(Text(40)),
    name: Opt(Text(100)),
    life_event: Opt(Text(20)),
    notice: Opt(Text(5000)),
    window: Opt(Text(200)),
    promised_days: Opt(Type.Integer()),
    items: Opt(
      Type.Array(
        Type.Object(
          { item_id: Opt(Text(40)), parallel: Opt(Type.Boolean()) },
          { additionalProperties: false },
        ),
        { maxItems: 30 },
      ),
    ),
  },
  {
    additionalProperties: false,
    examples: [
      {
        key: "retire",
        name: "退休一件事",
        life_event: "social",
        notice: "……",
        window: "综合窗口",
        promised_days: 10,
        items: [],
      },
    ],
  },
);

const OrgRef = Type.Object({ code: Type.String(), name: Type.String() });
export const ListEntryJson = Type.Object({
  id: Type.String(),
  code: Type.String(),
  impl_code: Type.String(),
  name: Type.String(),
  type: Type.String(),
  org: OrgRef,
  level: Type.String(),
  url: Type.String(),
  online_depth: Type.Integer(),
  visits: Type.Integer(),
});
export const ListJson = Type.Object(
  { total: Type.Integer(), page: Type.Integer(), items: Type.Array(ListEntryJson) },
  {
    examples: [
      {
        total: 1,
        page: 1,
        items: [
          {
            id: "01JFW0000000000000000000",
            code: "150222-QT-0001",
            impl_code: "11150222MB1234567X-QT-0001",
            name: "出生医学证明首次签发",
            type: "公共服务",
            org: { code: "gyx-wjw", name: "固阳县卫生健康委员会" },
            level: "县",
            url: "/fw/items/01JFW0000000000000000000",
            online_depth: 2,
            visits: 1,
          },
        ],
      },
    ],
  },
);

export const ModeListBody = Type.Object(
  {
    modes: Type.Array(
      Type.Object(
        { key: Opt(Text(30)), name: Opt(Text(40)), special: Opt(Type.Boolean()) },
        { additionalProperties: false },
      ),
      { maxItems: 60 },
    ),
  },
  {
    additionalProperties: false,
    examples: [
      {
        modes: [
          { key: "extended", name: "延时服务", special: true },
          { key: "bilingual", name: "蒙汉双语服务", special: true },
        ],
      },
    ],
  },
);
