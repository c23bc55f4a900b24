// Back-office forms of halls, window units and 一件事 bundles, and the conversion of their posted fields to
// the service's input. A bundle's items and waived materials are one line each (as the item form's
// materials are), so a refused form comes back exactly as typed.
import type { ErrorDetail } from "../../platform/errors";
import { ErrorList } from "../../web/views/error-list";
import { type Choice, Field } from "../../web/views/fields";
import { CsrfField } from "../../web/views/layout";
import type { FormValues } from "./services.admin-views";
import { HALL_LEVEL_LABELS, HALL_LEVELS } from "./services.halls";
import type { BundleRow } from "./services.halls.repo";
import type { BundleSaveInput } from "./services.halls-admin.service";
import { LIFE_EVENTS, parseJson } from "./services.model";
import type { ItemRow, MaterialRow } from "./services.repo";

export const one = (v: FormValues, k: string) => {
  const x = v[k];
  return Array.isArray(x) ? (x[0] ?? "") : (x ?? "");
};
export const many = (v: FormValues, k: string) => {
  const x = v[k];
  return Array.isArray(x) ? x : x ? [x] : [];
};
const lines = (s: string) =>
  s
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
const PARALLEL = /[|｜]\s*并联\s*$/;

/** A bundle form's fields as the service's input; lines naming no item or material are returned apart. */
export function bundleInputOfForm(
  v: FormValues,
  items: readonly ItemRow[],
  catalogue: readonly MaterialRow[],
): { input: BundleSaveInput; unknownItems: string[]; unknownMaterials: string[] } {
  const byCode = new Map(items.map((i) => [i.impl_code, i.id]));
  const byName = new Map<string, string[]>();
  for (const i of items) byName.set(i.name, [...(byName.get(i.name) ?? []), i.id]);
  const unknownItems: string[] = [];
  const entries: Array<{ item_id: string; parallel: boolean }> = [];
  for (const l of lines(one(v, "items"))) {
    const parallel = PARALLEL.test(l);
    const text = l.replace(PARALLEL, "").trim();
    const code = text.split(/\s+/)[0] ?? "";
    const named = byName.get(text);
    const id = byCode.get(code) ?? (named?.length === 1 ? named[0] : undefined);
    if (id) entries.push({ item_id: id, parallel });
    else unknownItems.push(text);
  }
  const materialByName = new Map(catalogue.map((m) => [m.name, m.id]));
  const unknownMaterials: string[] = [];
  const dropped: string[] = [];
  for (const name of lines(one(v, "dropped"))) {
    const id = materialByName.get(name);
    if (id) dropped.push(id);
    else unknownMaterials.push(name);
  }
  const days = one(v, "promised_days");
  return {
    input: {
      key: one(v, "key"),
      name: one(v, "name"),
      life_event: one(v, "life_event"),
      notice: one(v, "notice"),
      window: one(v, "window"),
      promised_days: /^\s*\d{1,6}\s*$/.test(days) ? Number(days) : Number.NaN,
      items: entries,
      form_material_id: one(v, "form_material_id") || null,
      dropped,
    },
    unknownItems,
    unknownMaterials,
  };
}

/** A saved bundle as the form's values. */
export function valuesOfBundle(
  b: BundleRow,
  set: { formMaterialId: string | null; dropped: string[] },
  items: readonly ItemRow[],
  catalogue: readonly MaterialRow[],
): FormValues {
  const itemById = new Map(items.map((i) => [i.id, i]));
  const nameById = new Map(catalogue.map((m) => [m.id, m.name]));
  return {
    key: b.key,
    name: b.name,
    life_event: b.life_event,
    notice: b.notice,
    window: b.window,
    promised_days: String(b.promised_days),
    items: parseJson<Array<{ item_id: string; parallel: boolean }>>(b.items_json, [])
      .map((e) => {
        const i = itemById.get(e.item_id);
        return `${i ? `${i.impl_code} ${i.name}` : e.item_id}${e.parallel ? "|并联" : ""}`;
      })
      .join("\n"),
    form_material_id: set.formMaterialId ?? "",
    dropped: set.dropped.map((id) => nameById.get(id) ?? id).join("\n"),
  };
}

export function BundleForm(p: {
  action: string;
  submit: string;
  csrf: string;
  values: FormValues;
  problems: readonly ErrorDetail[];
  materials: Choice[];
  withKey: boolean;
}) {
  const v = (k: string) => one(p.values, k);
  const f = { problems: p.problems };
  return (
    <form method="post" action={p.action} class="stack" novalidate>
      <ErrorList problems={p.problems} />
      <CsrfField token={p.csrf} />
      <Field name="name" label="“一件事”名称" value={v("name")} required maxlength={100} {...f} />
      {p.withKey ? (
        <Field
          name="key"
          label="网址标识"
          hint="公开页面的地址 /fw/bundles/标识：小写字母、数字或连字符，如 newborn；保存后不再改变。"
          value={v("key")}
          required
          {...f}
        />
      ) : (
        ""
      )}
      <Field
        name="life_event"
        as="select"
        label="主题分类（人生事件）"
        value={v("life_event")}
        choices={LIFE_EVENTS.map((e) => ({ value: e.key, label: e.name }))}
        blank="请选择"
        required
        {...f}
      />
      <Field
        name="items"
        as="textarea"
        rows={6}
        label="包含的事项"
        hint="每行一个在用事项：实施清单编码或事项名称；与其他事项并联审批的在后面加“|并联”。可跨部门。"
        value={v("items")}
        required
        {...f}
      />
      <Field name="notice" as="textarea" rows={5} label="一次告知" value={v("notice")} required {...f} />
      <Field
        name="form_material_id"
        as="select"
        label="一表申请（合并后的申请表）"
        hint="材料目录中的一项，其空白表格即“一件事”的申请表；先在材料目录中添加并上传表格。"
        value={v("form_material_id")}
        choices={p.materials}
        blank="无（按各事项的申请表填写）"
        {...f}
      />
      <Field
        name="dropped"
        as="textarea"
        rows={3}
        label="一套材料：免于提交的材料"
        hint="所含事项要求、但在“一件事”内部共享而无需申请人提交的材料，每行一个材料名称。其余材料合并为一套，每种只交一次。"
        value={v("dropped")}
        {...f}
      />
      <Field
        name="window"
        label="综合受理窗口（一窗受理）"
        hint="如：固阳县政务服务中心一楼综合受理窗口。"
        value={v("window")}
        required
        {...f}
      />
      <Field
        name="promised_days"
        label="承诺办结时限（工作日）"
        inputmode="numeric"
        value={v("promised_days")}
        required
        {...f}
      />
      <button type="submit" safe>
        {p.submit}
      </button>
    </form>
  );
}

export function HallForm(p: {
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
      <Field name="name" label="大厅名称" value={v("name")} required maxlength={100} {...f} />
      <Field
        name="level"
        as="select"
        label="层级"
        value={v("level")}
        choices={HALL_LEVELS.map((l) => ({ value: l, label: HALL_LEVEL_LABELS[l] ?? l }))}
        blank="请选择"
        required
        {...f}
      />
      <Field name="org" as="select" label="所属单位" value={v("org")} choices={p.orgs} required {...f} />
      <Field name="address" label="地址" value={v("address")} required {...f} />
      <Field
        name="hours"
        label="办公时间"
        value={v("hours")}
        required
        hint="如：工作日 8:30-12:00，14:30-18:00。"
        {...f}
      />
      <Field name="phone" type="tel" label="咨询电话" value={v("phone")} required {...f} />
      <button type="submit" safe>
        {p.submit}
      </button>
    </form>
  );
}

export function WindowForm(p: {
  action: string;
  submit: string;
  csrf: string;
  values: FormValues;
  problems: readonly ErrorDetail[];
  orgs: Choice[];
  modes: Choice[];
  idPrefix: string;
}) {
  const f = { problems: p.problems };
  return (
    <form method="post" action={p.action} class="stack" novalidate>
      <ErrorList problems={p.problems} />
      <CsrfField token={p.csrf} />
      <Field
        name="name"
        id={`${p.idPrefix}-name`}
        label="窗口名称或编号"
        value={one(p.values, "name")}
        required
        maxlength={100}
        {...f}
      />
      <Field
        name="orgs"
        id={`${p.idPrefix}-orgs`}
        as="checkboxes"
        label="进驻部门"
        values={many(p.values, "orgs")}
        choices={p.orgs}
        {...f}
      />
      <Field
        name="modes"
        id={`${p.idPrefix}-modes`}
        as="checkboxes"
        label="提供的便民服务模式"
        hint="每个窗口单位应提供不少于 8 种特色服务模式；模式清单在“服务大厅和便民服务模式”页面维护。"
        values={many(p.values, "modes")}
        choices={p.modes}
        {...f}
      />
      <button type="submit" safe>
        {p.submit}
      </button>
    </form>
  );
}
