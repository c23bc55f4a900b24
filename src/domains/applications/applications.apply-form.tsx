// The public application form (/hd/apply): the fields, their errors, the human check and the declaration.

import type { ErrorDetail } from "../../platform/errors";
import { LANG_PREFIX, type Lang } from "../../web/i18n";
import { Field as SharedField } from "../../web/views/fields";
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

/** The shared form field (src/web/views/fields.tsx) under this form's names: values by id, problems by field. */
function Field(p: {
  id: string;
  label: string;
  values: Values;
  problems: ErrorDetail[];
  hint?: string;
  type?: "text" | "tel" | "email";
  autocomplete?: string;
  field?: string;
}) {
  return (
    <SharedField
      name={p.id}
      field={p.field}
      label={p.label}
      hint={p.hint}
      type={p.type}
      value={p.values[p.id]}
      autocomplete={p.autocomplete}
      problems={p.problems}
    />
  );
}

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
  const err = (f: string) => p.problems.find((e) => e.field === f)?.message;
  const isOrg = v.kind === "org";
  return (
    <>
      <ErrorSummary title={x("error_title")} problems={p.problems} />
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
          <fieldset>
            <legend safe>{x("type")}</legend>
            <label class="checkbox">
              <input type="radio" name="kind" value="natural" checked={!isOrg} />{" "}
              <span safe>{x("type_natural")}</span>
            </label>
            <label class="checkbox">
              <input type="radio" name="kind" value="org" checked={isOrg} /> <span safe>{x("type_org")}</span>
            </label>
          </fieldset>
          {/* Shown only for 法人或其他组织 (CSS :has on the checked type, no JavaScript); the labels say so
              where CSS is off. A refused value keeps its field visible so it can be cleared. */}
          <div class="org-only">
            <label for="org_type" safe>
              {x("org_kind")}
            </label>
            {err("org_type") ? (
              <p class="field-error" id="org_type-error" safe>
                {err("org_type")!}
              </p>
            ) : (
              ""
            )}
            <select
              id="org_type"
              name="org_type"
              aria-invalid={err("org_type") ? "true" : undefined}
              aria-describedby={err("org_type") ? "org_type-error" : undefined}
            >
              {APPLICANT_TYPES.filter((t) => t !== "natural").map((t) => (
                <option value={t} selected={v.org_type === t} safe>
                  {APPLICANT_TYPE_LABELS[t]!}
                </option>
              ))}
            </select>
          </div>
          <Field
            id="name"
            field="applicant.name"
            label={`${x("name_natural")} / ${x("name_org")}`}
            values={v}
            problems={p.problems}
            autocomplete="name"
          />
          <label for="id_type" safe>
            {x("id_type")}
          </label>
          <select id="id_type" name="id_type">
            {ID_TYPES.map((t) => (
              <option value={t} selected={(v.id_type ?? "resident_id") === t} safe>
                {ID_TYPE_LABELS[t]!}
              </option>
            ))}
          </select>
          <Field
            id="id_number"
            field="applicant.id_number"
            label={x("id_number")}
            values={v}
            problems={p.problems}
            autocomplete="off"
          />
          <div class="org-only">
            <Field
              id="credit_code"
              field="applicant.credit_code"
              label={x("credit_code")}
              values={v}
              problems={p.problems}
              autocomplete="off"
            />
            <Field id="legal_rep" label={x("legal_rep")} values={v} problems={p.problems} />
          </div>
        </fieldset>
        <fieldset>
          <legend safe>{x("contact")}</legend>
          <Field
            id="phone"
            field="applicant.phone"
            label={x("phone")}
            values={v}
            problems={p.problems}
            type="tel"
            autocomplete="tel"
          />
          <Field
            id="email"
            field="applicant.email"
            label={x("email")}
            values={v}
            problems={p.problems}
            type="email"
            autocomplete="email"
          />
          <Field
            id="address"
            field="applicant.address"
            label={x("address")}
            values={v}
            problems={p.problems}
            autocomplete="street-address"
          />
        </fieldset>
        <fieldset>
          <legend safe>{x("wanted")}</legend>
          <label for="description" safe>
            {x("description")}
          </label>
          <p class="hint" safe>
            {x("description_hint")}
          </p>
          {err("description") ? (
            <p class="field-error" id="description-error" safe>
              {err("description")!}
            </p>
          ) : (
            ""
          )}
          <textarea
            id="description"
            name="description"
            rows="6"
            aria-invalid={err("description") ? "true" : undefined}
            safe
          >
            {v.description ?? ""}
          </textarea>
          <fieldset>
            <legend safe>{x("delivery")}</legend>
            {DELIVERIES.map((d) => (
              <label class="checkbox">
                <input type="radio" name="delivery" value={d} checked={(v.delivery ?? "online") === d} />{" "}
                <span safe>{DELIVERY_LABELS[d]!}</span>
              </label>
            ))}
          </fieldset>
          <fieldset>
            <legend safe>{x("carrier")}</legend>
            <label class="checkbox">
              <input type="radio" name="carrier" value="electronic" checked={v.carrier !== "paper"} />{" "}
              <span safe>{x("carrier_electronic")}</span>
            </label>
            <label class="checkbox">
              <input type="radio" name="carrier" value="paper" checked={v.carrier === "paper"} />{" "}
              <span safe>{x("carrier_paper")}</span>
            </label>
          </fieldset>
        </fieldset>
        <fieldset>
          <legend safe>{x("files")}</legend>
          <label for="file" class="visually-hidden" safe>
            {x("files")}
          </label>
          <p class="hint" id="file-hint" safe>
            {x("files_hint")}
          </p>
          {err("file") || p.filesSent ? (
            <p class="field-error" id="file-error" safe>
              {[
                ...p.problems.filter((e) => e.field === "file").map((e) => e.message),
                p.filesSent ? x("files_reselect") : "",
              ]
                .filter(Boolean)
                .join(" ")}
            </p>
          ) : (
            ""
          )}
          <input
            id="file"
            name="file"
            type="file"
            multiple
            accept={ACCEPT_APPLICANT_FILES}
            aria-describedby={err("file") || p.filesSent ? "file-hint file-error" : "file-hint"}
            aria-invalid={err("file") ? "true" : undefined}
          />
        </fieldset>
        {/* A field people never see: automated submissions that fill it are refused. */}
        <div class="visually-hidden" aria-hidden="true">
          <label for="website">网址</label>
          <input id="website" name="website" type="text" tabindex="-1" autocomplete="off" />
        </div>
        <Field
          id="check_answer"
          label={x("check", { question: p.question })}
          values={{}}
          problems={p.problems}
          autocomplete="off"
        />
        {err("declaration") ? (
          <p class="field-error" safe>
            {err("declaration")!}
          </p>
        ) : (
          ""
        )}
        <label class="checkbox">
          <input type="checkbox" name="declaration" value="yes" checked={v.declaration === "yes"} />{" "}
          <span safe>{x("declaration")}</span>
        </label>
        <button type="submit" safe>
          {x("submit")}
        </button>
      </form>
    </>
  );
}
