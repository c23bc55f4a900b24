// Shared parts of the back-office application views: the view types, labels, and the form fields of the
// handling forms as the shared Field component (src/web/views/fields.tsx) bound to one form's values and
// problems, with element ids prefixed so several forms on one page do not clash.

import type { ErrorDetail } from "../../platform/errors";
import { type Choice, type ChoiceGroup, Field } from "../../web/views/fields";
import { CHANNEL_LABELS, STATUS_LABELS } from "./applications.schemas";
import type { getApplicationForStaff } from "./applications.service";

export type ApplicationView = Awaited<ReturnType<typeof getApplicationForStaff>>;
export type FormValues = Record<string, string | undefined>;

export const statusLabel = (s: string) => STATUS_LABELS[s] ?? s;
export const channelLabel = (c: string) => CHANNEL_LABELS[c] ?? c;

export interface FieldCtx {
  /** Prefix of element ids, so several forms on one page do not clash ("" for none). */
  prefix: string;
  values: FormValues;
  /** Problems name the prefixed id as their field. */
  problems: ErrorDetail[];
}

const bound = (c: FieldCtx, name: string) => {
  const id = c.prefix ? `${c.prefix}-${name}` : name;
  return { name, id, field: id, value: c.values[name], problems: c.problems };
};

export const Input = (p: {
  c: FieldCtx;
  name: string;
  label: string;
  hint?: string;
  type?: "text" | "date" | "number" | "email" | "tel";
  min?: string;
  max?: string;
  autocomplete?: string;
}) => (
  <Field
    {...bound(p.c, p.name)}
    label={p.label}
    hint={p.hint}
    type={p.type}
    min={p.min}
    max={p.max}
    autocomplete={p.autocomplete}
  />
);

export const TextArea = (p: { c: FieldCtx; name: string; label: string; hint?: string; rows?: number }) => (
  <Field {...bound(p.c, p.name)} as="textarea" label={p.label} hint={p.hint} rows={p.rows ?? 3} />
);

export const Select = (p: {
  c: FieldCtx;
  name: string;
  label: string;
  hint?: string;
  options: ReadonlyArray<readonly [value: string, label: string]>;
  groups?: readonly ChoiceGroup[];
  empty?: string;
}) => (
  <Field
    {...bound(p.c, p.name)}
    as="select"
    label={p.label}
    hint={p.hint}
    blank={p.empty}
    choices={p.options.map(([value, label]): Choice => ({ value, label }))}
    groups={p.groups}
  />
);
