// The public application form (/hd/apply): the fields, their errors, the human check and the declaration.

import type { ErrorDetail } from "../../platform/errors";
import { LANG_PREFIX, type Lang } from "../../web/i18n";
import { Field } from "../../web/views/fields";
import { CsrfField, ErrorSummary } from "../../web/views/layout";
import { ACCEPT_APPLICANT_FILES } from "./applicant-files/applicant-files.service";
import { publicText } from "./applications.public-text";
import {
  APPLICANT_TYPE_LABELS,
  APPLICANT_TYPES,
  DELIVERIES,
  DELIVERY_LABELS,
  ID_TYPE_LABELS,
  ID_TYPES,
} from "./applications.schemas";

export type Values = Record<string, string | undefined>;

/** The shared form field (src/web/views/fields.tsx) under this form's names: the value by name. */
function Input(p: {
  id: string;
  label: string;
  values: Values;
  problems: ErrorDetail[];
  hint?: string;
  type?: "text" | "tel" | "email";
  autocomplete?: string;
  /** The phone keyboard to offer (a telephone pad, digits). */
  inputmode?: "tel" | "numeric";
}) {
  return (
    <Field
      name={p.id}
      label={p.label}
      hint={p.hint}
      type={p.type}
      value={p.values[p.id]}
      autocomplete={p.autocomplete}
      inputmode={p.inputmode}
      problems={p.problems}
    />
  );
}

/**
 * The applicant's problems are named by the API's field (`applicant.phone`); the form's field is `phone`.
 * Renamed once, so each field shows its own and the error summary links to it.
 */
export const formProblems = (problems: readonly ErrorDetail[]): ErrorDetail[] =>
  problems.map((e) => (e.field?.startsWith("applicant.") ? { ...e, field: e.field.slice(10) } : e));

export function ApplyForm(p: {
  lang: Lang;
  csrf: string;
  values: Values;
  problems: ErrorDetail[];
  question: string;
  token: string;
  /** Files came with a refused submission: they are not kept, so the form asks for them again. */
  filesSent?: boolean;
}) {
  const x = publicText(p.lang);
  const prefix = LANG_PREFIX[p.lang];
  const v = p.values;
  const problems = formProblems(p.problems);
  const isOrg = v.kind === "org";
  const choicesOf = <T extends string>(values: readonly T[], label: (t: T) => string) =>
    values.map((value) => ({ value, label: label(value) }));
  return (
    <>
      <ErrorSummary title={x("error_title")} problems={problems} />
      <form
        method="post"
        action={`${prefix}/hd/apply`}
        class="stack"
        enctype="multipart/form-data"
        novalidate
      >
        <CsrfField token={p.csrf} />
        <input type="hidden" name="check_token" value={p.token} />
        <fieldset>
          <legend safe>{x("applicant")}</legend>
          <Field
            as="radios"
            name="kind"
            label={x("type")}
            value={isOrg ? "org" : "natural"}
            choices={[
              { value: "natural", label: x("type_natural") },
              { value: "org", label: x("type_org") },
            ]}
            problems={problems}
          />
          {/* Shown only for 法人或其他组织 (CSS :has on the checked type, no JavaScript); the labels say so
              where CSS is off. A refused value keeps its field visible so it can be cleared. */}
          <div class="org-only">
            <Field
              as="select"
              name="org_type"
              label={x("org_kind")}
              value={v.org_type}
              choices={choicesOf(
                APPLICANT_TYPES.filter((t) => t !== "natural"),
                (t) => APPLICANT_TYPE_LABELS[t]!,
              )}
              problems={problems}
            />
          </div>
          <Input
            id="name"
            label={`${x("name_natural")} / ${x("name_org")}`}
            values={v}
            problems={problems}
            autocomplete="name"
          />
          <Field
            as="select"
            name="id_type"
            label={x("id_type")}
            value={v.id_type ?? "resident_id"}
            choices={choicesOf(ID_TYPES, (t) => ID_TYPE_LABELS[t]!)}
            problems={problems}
          />
          <Input id="id_number" label={x("id_number")} values={v} problems={problems} autocomplete="off" />
          <div class="org-only">
            <Input
              id="credit_code"
              label={x("credit_code")}
              values={v}
              problems={problems}
              autocomplete="off"
            />
            <Input id="legal_rep" label={x("legal_rep")} values={v} problems={problems} />
          </div>
        </fieldset>
        <fieldset>
          <legend safe>{x("contact")}</legend>
          <Input
            id="phone"
            label={x("phone")}
            values={v}
            problems={problems}
            type="tel"
            inputmode="tel"
            autocomplete="tel"
          />
          <Input
            id="email"
            label={x("email")}
            values={v}
            problems={problems}
            type="email"
            autocomplete="email"
          />
          <Input
            id="address"
            label={x("address")}
            values={v}
            problems={problems}
            autocomplete="street-address"
          />
        </fieldset>
        <fieldset>
          <legend safe>{x("wanted")}</legend>
          <Field
            as="textarea"
            name="description"
            label={x("description")}
            hint={x("description_hint")}
            rows={6}
            value={v.description}
            problems={problems}
          />
          <Field
            as="radios"
            name="delivery"
            label={x("delivery")}
            value={v.delivery ?? "online"}
            choices={choicesOf(DELIVERIES, (d) => DELIVERY_LABELS[d]!)}
            problems={problems}
          />
          <Field
            as="radios"
            name="carrier"
            label={x("carrier")}
            value={v.carrier === "paper" ? "paper" : "electronic"}
            choices={[
              { value: "electronic", label: x("carrier_electronic") },
              { value: "paper", label: x("carrier_paper") },
            ]}
            problems={problems}
          />
        </fieldset>
        <fieldset>
          <legend safe>{x("files")}</legend>
          <Field
            name="file"
            type="file"
            label={x("files")}
            labelHidden
            hint={x("files_hint")}
            multiple
            accept={ACCEPT_APPLICANT_FILES}
            // Files of a refused submission are not kept: the field says to choose them again.
            problems={
              p.filesSent
                ? [...problems, { field: "file", code: "files_reselect", message: x("files_reselect") }]
                : problems
            }
          />
        </fieldset>
        {/* A field people never see: automated submissions that fill it are refused. */}
        <div class="visually-hidden" aria-hidden="true">
          <label for="website">网址</label>
          <input id="website" name="website" type="text" tabindex="-1" autocomplete="off" />
        </div>
        <Input
          id="check_answer"
          label={x("check", { question: p.question })}
          values={{}}
          problems={problems}
          autocomplete="off"
          inputmode="numeric"
        />
        <Field
          as="checkbox"
          name="declaration"
          label={x("declaration")}
          checked={v.declaration === "yes"}
          problems={problems}
        />
        <button type="submit" safe>
          {x("submit")}
        </button>
      </form>
    </>
  );
}
