import type { ErrorDetail } from "../../platform/errors";

// The one form-field component of every form (back office and public): a label, an optional hint, the
// field's error message, and the control, with the hint and the error linked to it by aria-describedby so a
// screen reader reads them with the field (GOV.UK Frontend's pattern). The CSS classes are those of
// src/web/assets/app.css (form.stack label, .hint, .field-error, label.checkbox, fieldset/legend). A required
// field is marked and announced (aria-required), not blocked by the browser: the server names every problem.

export type FieldValues = Record<string, string | undefined>;

export interface Choice {
  value: string;
  label: string;
}

/** Choices shown under a heading of the list (an optgroup). */
export interface ChoiceGroup {
  label: string;
  choices: readonly Choice[];
}

interface Common {
  /** The form field's name; also the control's id unless `id` is given. */
  name: string;
  id?: string;
  label: string;
  /** The label is read by screen readers but not shown (a per-row control of a table whose column says it). */
  labelHidden?: boolean;
  hint?: string;
  required?: boolean;
  /** The "required" marker in the page's language (default （必填）). */
  requiredMark?: string;
  /** The problems of the last submission: the ones for this field are shown with it. */
  problems?: readonly ErrorDetail[];
  /** The field the problems name, when it differs from `name`. */
  field?: string;
}

type Control =
  | {
      as?: "input";
      type?:
        | "text"
        | "password"
        | "email"
        | "tel"
        | "date"
        | "number"
        | "search"
        | "url"
        | "datetime-local"
        | "file";
      value?: string;
      /** A file input's accepted types (e.g. ".txt,text/plain"). */
      accept?: string;
      /** A file input that takes several files. */
      multiple?: boolean;
      autocomplete?: string;
      inputmode?: "numeric" | "tel" | "email" | "text";
      maxlength?: number;
      placeholder?: string;
      /** The bounds of a date or number input. */
      min?: string;
      max?: string;
    }
  | { as: "textarea"; value?: string; rows?: number; lang?: string; maxlength?: number }
  | {
      as: "select";
      value?: string;
      choices: readonly Choice[];
      /** Further choices, grouped under headings, after `choices`. */
      groups?: readonly ChoiceGroup[];
      blank?: string;
      disabled?: boolean;
    }
  | { as: "radios"; value?: string; choices: readonly Choice[] }
  /** One checkbox whose label is the statement it confirms (a declaration); sends `value` when ticked. */
  | { as: "checkbox"; value?: string; checked?: boolean }
  | { as: "checkboxes"; values?: readonly string[]; choices: readonly Choice[] };

export type FieldProps = Common & Control;

/** The messages of `problems` for `field`, joined (one sentence each, never twice). */
export function fieldErrorOf(
  problems: readonly ErrorDetail[] | undefined,
  field: string,
): string | undefined {
  const messages = [...new Set((problems ?? []).filter((p) => p.field === field).map((p) => p.message))];
  return messages.length ? messages.join(" ") : undefined;
}

const RequiredMark = (p: { required?: boolean; mark?: string }) =>
  p.required ? (
    <span class="required" aria-hidden="true" safe>
      {p.mark ?? "（必填）"}
    </span>
  ) : (
    ""
  );

const Hint = (p: { id: string; hint?: string }) =>
  p.hint ? (
    <p class="hint" id={`${p.id}-hint`} safe>
      {p.hint}
    </p>
  ) : (
    ""
  );

const ErrorMessage = (p: { id: string; error?: string }) =>
  p.error ? (
    <p class="field-error" id={`${p.id}-error`} safe>
      {p.error}
    </p>
  ) : (
    ""
  );

export function Field(p: FieldProps) {
  const id = p.id ?? p.name;
  const error = fieldErrorOf(p.problems, p.field ?? p.name);
  const describedBy =
    [p.hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined;
  const invalid = error ? "true" : undefined;
  if (p.as === "radios" || p.as === "checkboxes") {
    const checked = (v: string) => (p.as === "radios" ? p.value === v : (p.values ?? []).includes(v));
    return (
      <fieldset id={id} aria-describedby={describedBy}>
        <legend>
          <span safe>{p.label}</span>
          <RequiredMark required={p.required} mark={p.requiredMark} />
        </legend>
        <Hint id={id} hint={p.hint} />
        <ErrorMessage id={id} error={error} />
        {p.choices.map((c, i) => (
          <label class="checkbox" for={`${id}-${i}`}>
            <input
              id={`${id}-${i}`}
              type={p.as === "radios" ? "radio" : "checkbox"}
              name={p.name}
              value={c.value}
              checked={checked(c.value)}
            />
            <span safe>{c.label}</span>
          </label>
        ))}
      </fieldset>
    );
  }
  const aria = { "aria-invalid": invalid, "aria-describedby": describedBy };
  if (p.as === "checkbox")
    return (
      <>
        <Hint id={id} hint={p.hint} />
        <ErrorMessage id={id} error={error} />
        <label class="checkbox" for={id}>
          <input
            id={id}
            type="checkbox"
            name={p.name}
            value={p.value ?? "yes"}
            checked={p.checked}
            aria-required={p.required ? "true" : undefined}
            {...aria}
          />{" "}
          <span safe>{p.label}</span>
          <RequiredMark required={p.required} mark={p.requiredMark} />
        </label>
      </>
    );
  let control: JSX.Element;
  if (p.as === "textarea")
    control = (
      <textarea
        id={id}
        name={p.name}
        rows={String(p.rows ?? 4)}
        lang={p.lang}
        maxlength={p.maxlength}
        aria-required={p.required ? "true" : undefined}
        {...aria}
        safe
      >
        {p.value ?? ""}
      </textarea>
    );
  else if (p.as === "select")
    control = (
      <select
        id={id}
        name={p.name}
        disabled={p.disabled}
        aria-required={p.required ? "true" : undefined}
        {...aria}
      >
        {p.blank !== undefined ? (
          <option value="" safe>
            {p.blank}
          </option>
        ) : (
          ""
        )}
        {p.choices.map((c) => (
          <option value={c.value} selected={p.value === c.value} safe>
            {c.label}
          </option>
        ))}
        {(p.groups ?? []).map((g) => (
          <optgroup label={g.label}>
            {g.choices.map((c) => (
              <option value={c.value} selected={p.value === c.value} safe>
                {c.label}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
    );
  else
    control = (
      <input
        id={id}
        name={p.name}
        type={p.type ?? "text"}
        // A password is never sent back to the browser; a file input has no value to give.
        value={p.type === "file" ? undefined : p.type === "password" ? "" : (p.value ?? "")}
        accept={p.accept}
        multiple={p.multiple}
        autocomplete={p.autocomplete}
        inputmode={p.inputmode}
        maxlength={p.maxlength}
        placeholder={p.placeholder}
        min={p.min}
        max={p.max}
        aria-required={p.required ? "true" : undefined}
        {...aria}
      />
    );
  return (
    <>
      <label for={id} class={p.labelHidden ? "visually-hidden" : undefined}>
        <span safe>{p.label}</span>
        <RequiredMark required={p.required} mark={p.requiredMark} />
      </label>
      <Hint id={id} hint={p.hint} />
      <ErrorMessage id={id} error={error} />
      {control}
    </>
  );
}
