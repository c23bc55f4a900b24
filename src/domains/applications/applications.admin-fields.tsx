// Shared parts of the back-office application views: the view types, labels and small form fields
// (every field has an id the error summary links to, and shows its own error).

import type { ErrorDetail } from "../../platform/errors";
import { CHANNEL_LABELS, STATUS_LABELS } from "./applications.schemas";
import type { getApplicationForStaff } from "./applications.service";

export type ApplicationView = Awaited<ReturnType<typeof getApplicationForStaff>>;
export type FormValues = Record<string, string | undefined>;

export const statusLabel = (s: string) => STATUS_LABELS[s] ?? s;
export const channelLabel = (c: string) => CHANNEL_LABELS[c] ?? c;

// ---- small form helpers: every field has an id the error summary links to, and shows its own error ----

export interface FieldCtx {
  /** Prefix of element ids, so several forms on one page do not clash ("" for none). */
  prefix: string;
  values: FormValues;
  problems: ErrorDetail[];
}

export const fieldId = (c: FieldCtx, name: string) => (c.prefix ? `${c.prefix}-${name}` : name);
export const errorOf = (c: FieldCtx, name: string) =>
  c.problems.find((x) => x.field === fieldId(c, name))?.message;

export function Label(p: { c: FieldCtx; name: string; label: string; hint?: string }) {
  const id = fieldId(p.c, p.name);
  const err = errorOf(p.c, p.name);
  return (
    <>
      <label for={id} safe>
        {p.label}
      </label>
      {p.hint ? (
        <p class="hint" id={`${id}-hint`} safe>
          {p.hint}
        </p>
      ) : (
        ""
      )}
      {err ? (
        <p class="field-error" id={`${id}-error`} safe>
          {err}
        </p>
      ) : (
        ""
      )}
    </>
  );
}

export const describedBy = (c: FieldCtx, name: string, hint?: string) =>
  [hint ? `${fieldId(c, name)}-hint` : "", errorOf(c, name) ? `${fieldId(c, name)}-error` : ""]
    .filter(Boolean)
    .join(" ") || undefined;

export function Input(p: {
  c: FieldCtx;
  name: string;
  label: string;
  hint?: string;
  type?: "text" | "date" | "number" | "email" | "tel";
  min?: string;
  max?: string;
  autocomplete?: string;
}) {
  const id = fieldId(p.c, p.name);
  return (
    <>
      <Label c={p.c} name={p.name} label={p.label} hint={p.hint} />
      <input
        id={id}
        name={p.name}
        type={p.type ?? "text"}
        value={p.c.values[p.name] ?? ""}
        min={p.min}
        max={p.max}
        autocomplete={p.autocomplete}
        aria-invalid={errorOf(p.c, p.name) ? "true" : undefined}
        aria-describedby={describedBy(p.c, p.name, p.hint)}
      />
    </>
  );
}

export function TextArea(p: { c: FieldCtx; name: string; label: string; hint?: string; rows?: number }) {
  const id = fieldId(p.c, p.name);
  return (
    <>
      <Label c={p.c} name={p.name} label={p.label} hint={p.hint} />
      <textarea
        id={id}
        name={p.name}
        rows={String(p.rows ?? 3)}
        aria-invalid={errorOf(p.c, p.name) ? "true" : undefined}
        aria-describedby={describedBy(p.c, p.name, p.hint)}
        safe
      >
        {p.c.values[p.name] ?? ""}
      </textarea>
    </>
  );
}

export function Select(p: {
  c: FieldCtx;
  name: string;
  label: string;
  hint?: string;
  options: Array<[value: string, label: string]>;
  empty?: string;
}) {
  const id = fieldId(p.c, p.name);
  const current = p.c.values[p.name] ?? "";
  return (
    <>
      <Label c={p.c} name={p.name} label={p.label} hint={p.hint} />
      <select
        id={id}
        name={p.name}
        aria-invalid={errorOf(p.c, p.name) ? "true" : undefined}
        aria-describedby={describedBy(p.c, p.name, p.hint)}
      >
        {p.empty !== undefined ? (
          <option value="" selected={current === ""} safe>
            {p.empty}
          </option>
        ) : (
          ""
        )}
        {p.options.map(([v, l]) => (
          <option value={v} selected={current === v} safe>
            {l}
          </option>
        ))}
      </select>
    </>
  );
}
