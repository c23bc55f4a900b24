// Back-office views of the gazette: the compile form (pick documents, their order and categories, in one form
// that works without JavaScript), the step forms of the workflow table, and the correction form.
import type { ErrorDetail } from "../../platform/errors";
import { ErrorList } from "../../web/views/error-list";
import { Field } from "../../web/views/fields";
import { CsrfField } from "../../web/views/layout";
import type { EntryInput } from "./gazette.service";
import { CATEGORIES, CATEGORY_LABELS, STEPS, type StepAction } from "./gazette.steps";

export type Values = Record<string, string | undefined>;

export interface Pickable {
  id: string;
  title: string;
  doc_number: string | null;
  org: string;
  published_on: string | null;
  category: string;
  /** Its place in the issue (1…), or undefined when not picked. */
  position?: number;
}

const categoryChoices = CATEGORIES.map((c) => ({ value: c, label: CATEGORY_LABELS[c] }));

/** The picked documents of a submitted compile form, in the order typed (ties: as listed). */
export function entriesOfForm(v: Values, listed: readonly string[]): EntryInput[] {
  const picked = listed.filter((id) => v[`pick_${id}`] === "yes");
  const orderOf = (id: string, i: number) => {
    const n = Number((v[`order_${id}`] ?? "").trim());
    return Number.isFinite(n) && n > 0 ? n : 1000 + i;
  };
  return picked
    .map((id, i) => ({ id, key: orderOf(id, i), i }))
    .sort((a, b) => a.key - b.key || a.i - b.i)
    .map(({ id }) => ({ item_id: id, category: v[`category_${id}`] ?? "" }));
}

export function CompileForm(p: {
  action: string;
  submit: string;
  csrf: string;
  year: string;
  note: string;
  documents: readonly Pickable[];
  problems: readonly ErrorDetail[];
}) {
  return (
    <form method="post" action={p.action} class="stack" id="compile-form">
      <CsrfField token={p.csrf} />
      <ErrorList problems={p.problems} />
      <Field
        name="year"
        id="year"
        type="number"
        label="年份"
        hint="期号按年份编排（年第N期）。"
        value={p.year}
        problems={p.problems}
      />
      <Field
        name="note"
        id="note"
        as="textarea"
        rows={2}
        label="编辑说明（仅内部可见，选填）"
        value={p.note}
        problems={p.problems}
      />
      <fieldset>
        <legend>刊登的文件</legend>
        <p class="hint">
          只列出已发布的县政府及其部门的规章、规范性文件。勾选要刊登的文件，填写顺序（1
          为第一篇）并选择目录栏目。
        </p>
        {p.documents.length === 0 ? (
          <p>没有可以刊登的已发布文件。</p>
        ) : (
          <table class="table">
            <caption class="visually-hidden">可刊登的文件</caption>
            <thead>
              <tr>
                <th scope="col">刊登</th>
                <th scope="col">顺序</th>
                <th scope="col">栏目</th>
                <th scope="col">文件</th>
              </tr>
            </thead>
            <tbody>
              {p.documents.map((d, i) => (
                <tr>
                  <td>
                    <input
                      type="checkbox"
                      id={`pick_${d.id}`}
                      name={`pick_${d.id}`}
                      value="yes"
                      checked={d.position !== undefined}
                      aria-labelledby={`doc_${d.id}`}
                    />
                  </td>
                  <td>
                    <label class="visually-hidden" for={`order_${d.id}`} safe>{`第${i + 1}行的顺序`}</label>
                    <input
                      type="number"
                      id={`order_${d.id}`}
                      name={`order_${d.id}`}
                      min="1"
                      max="100"
                      inputmode="numeric"
                      size="3"
                      value={d.position !== undefined ? String(d.position) : ""}
                    />
                  </td>
                  <td>
                    <label
                      class="visually-hidden"
                      for={`category_${d.id}`}
                      safe
                    >{`第${i + 1}行的栏目`}</label>
                    <select id={`category_${d.id}`} name={`category_${d.id}`}>
                      {categoryChoices.map((c) => (
                        <option value={c.value} selected={c.value === d.category} safe>
                          {c.label}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    <span id={`doc_${d.id}`} safe>
                      {d.title}
                    </span>
                    <br />
                    <span class="meta" safe>
                      {[d.org, d.doc_number ?? "", d.published_on ?? ""].filter(Boolean).join(" · ")}
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </fieldset>
      <div>
        <button type="submit" class="button" safe>
          {p.submit}
        </button>
      </div>
    </form>
  );
}

export function StepForms(p: { id: string; csrf: string; actions: StepAction[] }) {
  if (!p.actions.length) return "";
  return (
    <section aria-labelledby="actions-title">
      <h2 id="actions-title">办理</h2>
      {p.actions.map((a) => (
        <form method="post" action={`/admin/gazette/${p.id}/actions`} class="stack step-form">
          <CsrfField token={p.csrf} />
          <input type="hidden" name="action" value={a} />
          <button type="submit" class={a === "return" ? "button secondary" : "button"} safe>
            {STEPS[a].label}
          </button>
        </form>
      ))}
    </section>
  );
}

export function CorrectionForm(p: {
  id: string;
  csrf: string;
  documents: ReadonlyArray<{ id: string; title: string; position: number }>;
  values: Values;
  problems: readonly ErrorDetail[];
}) {
  return (
    <section aria-labelledby="correct-title">
      <h2 id="correct-title">刊登更正</h2>
      <form method="post" action={`/admin/gazette/${p.id}/corrections`} class="stack">
        <CsrfField token={p.csrf} />
        <Field
          name="entry_id"
          id="entry_id"
          as="select"
          label="更正对象"
          blank="本期公报（整体）"
          value={p.values.entry_id}
          choices={p.documents.map((d) => ({ value: d.id, label: `${d.position}. ${d.title}` }))}
          problems={p.problems}
        />
        <Field
          name="text"
          id="text"
          as="textarea"
          rows={4}
          label="更正内容"
          hint="将在本期公报页面公开，并与被更正的文件互相链接；PDF 版保持原样。"
          value={p.values.text}
          problems={p.problems}
        />
        <div>
          <button type="submit" class="button">
            发布更正
          </button>
        </div>
      </form>
    </section>
  );
}
