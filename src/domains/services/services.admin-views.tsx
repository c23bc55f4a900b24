// Back-office forms of services: the item form (every field of the implementation list; the process, FAQ and
// materials as one line each), the material form, and the conversion of a form's text to the API's input.
import type { ErrorDetail } from "../../platform/errors";
import { ErrorList } from "../../web/views/error-list";
import { type Choice, Field } from "../../web/views/fields";
import { CsrfField } from "../../web/views/layout";
import type { ItemInput } from "./services.check";
import {
  FORM_LABELS,
  FORMS,
  ITEM_TYPES,
  type ItemContent,
  KIND_LABELS,
  KINDS,
  LEVELS,
  LIFE_EVENTS,
  LIMIT_UNIT_LABELS,
  LIMIT_UNITS,
  type MaterialLink,
  NECESSITIES,
  NECESSITY_LABELS,
  OBJECTS,
  ONLINE_DEPTH_LABELS,
  SOURCE_LABELS,
  SOURCES,
} from "./services.model";
import type { MaterialRow } from "./services.repo";

/** A form's fields as posted: text, or several values of checkboxes. */
export type FormValues = Record<string, string | string[] | undefined>;

const one = (v: FormValues, k: string) => {
  const x = v[k];
  return Array.isArray(x) ? (x[0] ?? "") : (x ?? "");
};
const many = (v: FormValues, k: string) => {
  const x = v[k];
  return Array.isArray(x) ? x : x ? [x] : [];
};
/** A whole number typed in a form, or NaN (named as a problem by the check). */
const num = (s: string) => (/^\s*\d{1,6}\s*$/.test(s) ? Number(s) : Number.NaN);
const lines = (s: string) =>
  s
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);

/** "name|days|不计时" per line. */
const stepsOf = (s: string) =>
  lines(s).map((l) => {
    const [name, days, flag] = l.split(/[|｜]/).map((x) => x.trim());
    return { name: name ?? "", days: days ? num(days) : 0, counted: !(flag ?? "").includes("不计") };
  });
const stepsText = (steps: ItemContent["process"] | undefined) =>
  (steps ?? []).map((s) => `${s.name}|${s.days}${s.counted ? "" : "|不计时"}`).join("\n");

/** The item form's fields to the API's input; material names resolved against the catalogue. */
export function inputOfForm(
  v: FormValues,
  catalogue: readonly MaterialRow[],
): ItemInput & { unknownMaterials: string[] } {
  const byName = new Map(catalogue.map((m) => [m.name, m.id]));
  const unknownMaterials: string[] = [];
  const materials: MaterialLink[] = [];
  for (const l of lines(one(v, "materials"))) {
    const [name, condition] = l.split(/[|｜]/).map((x) => x.trim());
    const id = byName.get(name ?? "");
    if (!id) unknownMaterials.push(name ?? l);
    else materials.push({ material_id: id, condition: condition ?? "" });
  }
  return {
    code: one(v, "code"),
    impl_code: one(v, "impl_code"),
    name: one(v, "name"),
    type: one(v, "type"),
    level: one(v, "level"),
    life_events: many(v, "life_events"),
    basis: one(v, "basis"),
    entrusted: one(v, "entrusted"),
    objects: many(v, "objects"),
    conditions: one(v, "conditions"),
    process: stepsOf(one(v, "process")),
    special: stepsOf(one(v, "special")),
    statutory_limit: num(one(v, "statutory_limit")),
    promised_limit: num(one(v, "promised_limit")),
    limit_unit: one(v, "limit_unit"),
    fee: one(v, "fee"),
    fee_basis: one(v, "fee_basis"),
    visits: num(one(v, "visits")),
    online_depth: num(one(v, "online_depth")),
    online_url: one(v, "online_url"),
    place: one(v, "place"),
    hours: one(v, "hours"),
    consult_phone: one(v, "consult_phone"),
    complaint_phone: one(v, "complaint_phone"),
    result_name: one(v, "result_name"),
    result_sample: one(v, "result_sample"),
    faq: lines(one(v, "faq")).map((l) => {
      const [q, ...a] = l.split(/[|｜]/);
      return { q: q?.trim() ?? "", a: a.join("|").trim() };
    }),
    parallel: one(v, "parallel") === "yes",
    materials,
    unknownMaterials,
  };
}

/** A version's content as the form's values. */
export function valuesOfContent(
  c: Partial<ItemContent>,
  links: MaterialLink[],
  catalogue: readonly MaterialRow[],
): FormValues {
  const byId = new Map(catalogue.map((m) => [m.id, m.name]));
  return {
    code: c.code,
    impl_code: c.impl_code,
    name: c.name,
    type: c.type,
    level: c.level,
    life_events: c.life_events ?? [],
    basis: c.basis,
    entrusted: c.entrusted,
    objects: c.objects ?? [],
    conditions: c.conditions,
    process: stepsText(c.process),
    special: stepsText(c.special),
    statutory_limit: c.statutory_limit === undefined ? "" : String(c.statutory_limit),
    promised_limit: c.promised_limit === undefined ? "" : String(c.promised_limit),
    limit_unit: c.limit_unit,
    fee: c.fee,
    fee_basis: c.fee_basis,
    visits: c.visits === undefined ? "" : String(c.visits),
    online_depth: c.online_depth === undefined ? "" : String(c.online_depth),
    online_url: c.online_url,
    place: c.place,
    hours: c.hours,
    consult_phone: c.consult_phone,
    complaint_phone: c.complaint_phone,
    result_name: c.result_name,
    result_sample: c.result_sample,
    faq: (c.faq ?? []).map((f) => `${f.q}|${f.a}`).join("\n"),
    parallel: c.parallel ? "yes" : "",
    materials: links
      .map((l) => `${byId.get(l.material_id) ?? l.material_id}${l.condition ? `|${l.condition}` : ""}`)
      .join("\n"),
  };
}

const choices = (list: readonly string[], labels?: Record<string, string>): Choice[] =>
  list.map((v) => ({ value: v, label: labels?.[v] ?? v }));

export function ItemForm(p: {
  action: string;
  submit: string;
  csrf: string;
  values: FormValues;
  problems: readonly ErrorDetail[];
  orgs?: Choice[];
  withDecision: boolean;
}) {
  const v = (k: string) => one(p.values, k);
  const f = { problems: p.problems };
  return (
    <form method="post" action={p.action} class="stack" novalidate>
      <ErrorList problems={p.problems} />
      <CsrfField token={p.csrf} />
      {p.orgs ? (
        <Field name="org" as="select" label="实施主体" value={v("org")} choices={p.orgs} required {...f} />
      ) : (
        ""
      )}
      <Field name="name" label="事项名称" value={v("name")} required maxlength={200} {...f} />
      <Field name="code" label="基本目录编码" value={v("code")} required {...f} />
      <Field name="impl_code" label="实施清单编码" value={v("impl_code")} required {...f} />
      <Field
        name="type"
        as="select"
        label="事项类型"
        value={v("type")}
        choices={choices(ITEM_TYPES)}
        blank="请选择"
        required
        {...f}
      />
      <Field
        name="level"
        as="select"
        label="行使层级"
        value={v("level")}
        choices={choices(LEVELS)}
        blank="请选择"
        required
        {...f}
      />
      <Field
        name="life_events"
        as="checkboxes"
        label="主题分类"
        values={many(p.values, "life_events")}
        choices={LIFE_EVENTS.map((e) => ({ value: e.key, label: e.name }))}
        {...f}
      />
      <Field
        name="objects"
        as="checkboxes"
        label="服务对象"
        values={many(p.values, "objects")}
        choices={choices(OBJECTS)}
        required
        {...f}
      />
      <Field name="basis" as="textarea" rows={3} label="设定依据" value={v("basis")} required {...f} />
      <Field name="entrusted" label="受委托单位（如有）" value={v("entrusted")} {...f} />
      <Field
        name="conditions"
        as="textarea"
        rows={4}
        label="受理条件"
        value={v("conditions")}
        required
        {...f}
      />
      <Field
        name="materials"
        as="textarea"
        rows={6}
        label="申请材料"
        hint="每行一项，写材料目录中的材料名称；需要时在竖线后写适用情形，如：授权委托书|委托办理时。"
        value={v("materials")}
        {...f}
      />
      <Field
        name="process"
        as="textarea"
        rows={4}
        label="办理流程"
        hint="每行一个环节：环节名称|时限（工作日）；不计入办理时限的在后面加“|不计时”。"
        value={v("process")}
        required
        {...f}
      />
      <Field
        name="special"
        as="textarea"
        rows={2}
        label="特别程序（如有）"
        hint="格式同办理流程，如：现场核查|5|不计时。"
        value={v("special")}
        {...f}
      />
      <Field
        name="statutory_limit"
        label="法定办结时限"
        inputmode="numeric"
        value={v("statutory_limit")}
        required
        hint="0 表示即办。"
        {...f}
      />
      <Field
        name="promised_limit"
        label="承诺办结时限"
        inputmode="numeric"
        value={v("promised_limit")}
        required
        {...f}
      />
      <Field
        name="limit_unit"
        as="radios"
        label="时限单位"
        value={v("limit_unit") || "working_days"}
        choices={choices(LIMIT_UNITS, LIMIT_UNIT_LABELS)}
        {...f}
      />
      <Field name="fee" label="收费标准" value={v("fee") || "不收费"} required {...f} />
      <Field name="fee_basis" label="收费依据" value={v("fee_basis")} {...f} />
      <Field name="visits" label="到现场次数" inputmode="numeric" value={v("visits")} required {...f} />
      <Field
        name="online_depth"
        as="select"
        label="网上办理深度"
        value={v("online_depth")}
        choices={Object.entries(ONLINE_DEPTH_LABELS).map(([k, l]) => ({ value: k, label: `${k}：${l}` }))}
        blank="请选择"
        required
        {...f}
      />
      <Field name="online_url" type="url" label="网上办理地址" value={v("online_url")} {...f} />
      <Field name="place" label="办理地点" value={v("place")} required {...f} />
      <Field name="hours" label="办理时间" value={v("hours")} required {...f} />
      <Field name="consult_phone" label="咨询方式" value={v("consult_phone")} required {...f} />
      <Field name="complaint_phone" label="监督投诉方式" value={v("complaint_phone")} required {...f} />
      <Field name="result_name" label="办理结果名称" value={v("result_name")} required {...f} />
      <Field name="result_sample" label="结果样本说明" value={v("result_sample")} {...f} />
      <Field
        name="faq"
        as="textarea"
        rows={4}
        label="常见问题"
        hint="每行一问：问题|解答。"
        value={v("faq")}
        {...f}
      />
      <Field
        name="parallel"
        as="checkbox"
        label="在“一件事”中与其他事项并联审批"
        value="yes"
        checked={v("parallel") === "yes"}
        {...f}
      />
      {p.withDecision ? (
        <>
          <Field
            name="decision"
            label="决定文号和名称"
            hint="新增、变更或取消事项的决定，提交审核前必填。"
            value={v("decision")}
            {...f}
          />
          <Field name="reason" as="textarea" rows={2} label="调整理由" value={v("reason")} {...f} />
        </>
      ) : (
        ""
      )}
      <button type="submit" safe>
        {p.submit}
      </button>
    </form>
  );
}

export function MaterialForm(p: {
  action: string;
  submit: string;
  csrf: string;
  values: FormValues;
  problems: readonly ErrorDetail[];
  orgs: Choice[];
}) {
  const v = (k: string) => one(p.values, k);
  const f = { problems: p.problems };
  return (
    <form method="post" action={p.action} class="stack" novalidate>
      <ErrorList problems={p.problems} />
      <CsrfField token={p.csrf} />
      <Field name="name" label="材料名称" value={v("name")} required {...f} />
      <Field
        name="necessity"
        as="select"
        label="必要性"
        value={v("necessity")}
        choices={choices(NECESSITIES, NECESSITY_LABELS)}
        blank="请选择"
        required
        {...f}
      />
      <Field
        name="form"
        as="select"
        label="材料形式"
        value={v("form")}
        choices={choices(FORMS, FORM_LABELS)}
        blank="请选择"
        required
        {...f}
      />
      <Field
        name="kind"
        as="select"
        label="材料类型"
        value={v("kind")}
        choices={choices(KINDS, KIND_LABELS)}
        blank="请选择"
        required
        {...f}
      />
      <Field name="copies" label="份数" inputmode="numeric" value={v("copies")} required {...f} />
      <Field
        name="source"
        as="select"
        label="来源渠道"
        value={v("source")}
        choices={choices(SOURCES, SOURCE_LABELS)}
        blank="请选择"
        required
        {...f}
      />
      <Field
        name="issuer"
        as="select"
        label="核发部门（政府部门核发的材料）"
        value={v("issuer")}
        choices={p.orgs}
        blank="无"
        {...f}
      />
      <Field name="standard" as="textarea" rows={2} label="受理标准" value={v("standard")} required {...f} />
      <Field name="notes" as="textarea" rows={2} label="填报须知" value={v("notes")} {...f} />
      <Field name="basis" as="textarea" rows={2} label="设定依据" value={v("basis")} {...f} />
      <button type="submit" safe>
        {p.submit}
      </button>
    </form>
  );
}

export const materialInputOfForm = (v: FormValues) => ({
  name: one(v, "name"),
  necessity: one(v, "necessity"),
  form: one(v, "form"),
  kind: one(v, "kind"),
  copies: num(one(v, "copies")),
  source: one(v, "source"),
  issuer: one(v, "issuer") || null,
  standard: one(v, "standard"),
  notes: one(v, "notes"),
  basis: one(v, "basis"),
});

export const valuesOfMaterial = (m: MaterialRow, issuerCode: string | undefined): FormValues => ({
  name: m.name,
  necessity: m.necessity,
  form: m.form,
  kind: m.kind,
  copies: String(m.copies),
  source: m.source,
  issuer: issuerCode ?? "",
  standard: m.standard,
  notes: m.notes,
  basis: m.basis,
});
