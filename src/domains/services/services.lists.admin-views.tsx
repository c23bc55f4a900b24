// Back-office views of a list: the form of one entry (its fields from LIST_FIELDS; problems named on `entry.*`)
// and the draft's entries as a table with an edit link and a remove button each.
import type { ErrorDetail } from "../../platform/errors";
import { ErrorList } from "../../web/views/error-list";
import { Field } from "../../web/views/fields";
import { CsrfField } from "../../web/views/layout";
import { LIST_FIELDS, POWER_TYPES } from "./services.lists.model";
import type { LinkedItem } from "./services.lists.present";
import type { ListKind } from "./services.lists.tables";

export type FormValues = Record<string, string | undefined>;

const HINTS: Record<string, string> = {
  code: "在本清单内唯一，例如 XK-MZJ-001。",
  duties: "每行一项，例如“1.受理责任：……”。",
  accountability: "写明应当追究责任的情形和依据。",
  item: "填写政务服务事项的实施清单编码，可留空。",
};

export function EntryForm(p: {
  action: string;
  kind: ListKind;
  csrf: string;
  submit: string;
  values: FormValues;
  problems: readonly ErrorDetail[];
  idPrefix: string;
}) {
  return (
    <form method="post" action={p.action} class="stack" novalidate>
      <CsrfField token={p.csrf} />
      <ErrorList problems={p.problems} />
      {LIST_FIELDS[p.kind].map((f) => {
        const common = {
          name: f.key,
          id: `${p.idPrefix}-${f.key}`,
          label: f.label,
          required: f.required,
          problems: p.problems,
          field: `entry.${f.key}`,
          ...(HINTS[f.key] ? { hint: HINTS[f.key] } : {}),
        };
        if (f.key === "type")
          return (
            <Field
              {...common}
              as="select"
              value={p.values.type ?? ""}
              blank="请选择"
              choices={POWER_TYPES.map((t) => ({ value: t, label: t }))}
            />
          );
        if (f.multiline)
          return <Field {...common} as="textarea" rows={3} maxlength={f.max} value={p.values[f.key] ?? ""} />;
        return <Field {...common} maxlength={f.max} value={p.values[f.key] ?? ""} />;
      })}
      <button type="submit" safe>
        {p.submit}
      </button>
    </form>
  );
}

export function EntryTable(p: {
  listId: string;
  kind: ListKind;
  entries: ReadonlyArray<Record<string, unknown>>;
  editable: boolean;
  csrf: string;
}) {
  const second = p.kind === "power" ? "type" : "category";
  return (
    <div class="table-scroll">
      <table class="table">
        <thead>
          <tr>
            <th scope="col">事项编码</th>
            <th scope="col">事项名称</th>
            <th scope="col">{p.kind === "power" ? "权力类型" : "服务类别"}</th>
            <th scope="col">对应政务服务事项</th>
            {p.editable ? <th scope="col">操作</th> : ""}
          </tr>
        </thead>
        <tbody>
          {p.entries.map((e) => {
            const code = String(e.code);
            const item = e.item as LinkedItem | null;
            const linked: string = item ? `${item.name}（${item.impl_code}）` : "—";
            const url = `/admin/services/lists/${p.listId}/entries/${encodeURIComponent(code)}`;
            return (
              <tr>
                <td class="mono" safe>
                  {code}
                </td>
                <td safe>{String(e.name)}</td>
                <td safe>{String(e[second] ?? "")}</td>
                <td safe>{linked}</td>
                {p.editable ? (
                  <td>
                    <a href={url} safe>{`修改 ${code}`}</a>
                    <form method="post" action={`${url}/remove`} class="inline">
                      <CsrfField token={p.csrf} />
                      <button type="submit" class="link" safe>{`删除 ${code}`}</button>
                    </form>
                  </td>
                ) : (
                  ""
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
