import type { TSchema } from "@sinclair/typebox";
import type { ErrorDetail } from "../platform/errors";

// The length limits of an HTML form are those of the API's body schema for the same thing: one source. A
// form route takes its fields loosely (every value a string up to a generous cap, so over-long text is never
// lost to a generic error page) and names each field over its API limit here, in Chinese with the field's
// label, so the form is shown again with the text kept and every problem listed.

/** The `maxLength` of each string property of an object schema (Optional and Union members looked into). */
export function maxLengthsOf(schema: TSchema): Record<string, number> {
  const out: Record<string, number> = {};
  const props = (schema as { properties?: Record<string, TSchema> }).properties ?? {};
  for (const [key, prop] of Object.entries(props)) {
    const max = maxLengthOf(prop);
    if (max !== undefined) out[key] = max;
  }
  return out;
}

function maxLengthOf(s: TSchema): number | undefined {
  if (typeof s.maxLength === "number") return s.maxLength;
  const members = (s.anyOf ?? s.oneOf) as TSchema[] | undefined;
  if (!members) return undefined;
  const found = members.map(maxLengthOf).filter((n): n is number => n !== undefined);
  return found.length ? Math.max(...found) : undefined;
}

/** Characters as the API's validator counts them (code points, not UTF-16 units). */
export const charCount = (s: string): number => {
  let n = 0;
  for (const _ of s) n++;
  return n;
};

/** The "too long" message of a field (also used by the translated pages through its code `too_long`). */
export const tooLongMessage = (label: string, max: number, count: number): string =>
  `${label}不能超过 ${max} 个字（现为 ${count} 个字）。`;

/**
 * One `too_long` problem for each field of `labels` whose value is longer than the schema allows. Fields
 * not in `labels` are not looked at (the form's own bookkeeping fields).
 */
export function lengthProblems(
  schema: TSchema,
  values: Record<string, unknown>,
  labels: Record<string, string>,
  tooLong: (label: string, max: number, count: number) => string = tooLongMessage,
): ErrorDetail[] {
  const limits = maxLengthsOf(schema);
  const out: ErrorDetail[] = [];
  for (const [field, label] of Object.entries(labels)) {
    const max = limits[field];
    const v = values[field];
    if (max === undefined || typeof v !== "string") continue;
    const n = charCount(v);
    if (n > max) out.push({ field, code: "too_long", message: tooLong(label, max, n) });
  }
  return out;
}
