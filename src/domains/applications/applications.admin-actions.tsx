// Back-office handling forms of an application: the steps the table offers, each form rendered from its row
// of APPLICATION_STEP_FORMS (applications.steps.ts) with the shared Field; statutory limits come from the
// steps table, input lengths and number bounds from the API schema, so neither is written here.
import type { ErrorDetail } from "../../platform/errors";
import { availableActions } from "../../platform/workflow/state-machine";
import { type Choice, type ChoiceGroup, Field } from "../../web/views/fields";
import { CsrfField } from "../../web/views/layout";
import type { Org } from "../orgs";
import type { FormValues } from "./applications.admin-fields";
import type { HandlerChoice } from "./applications.policy";
import { ApplicationActionBody, DELIVERIES, DELIVERY_LABELS, OUTCOMES } from "./applications.schemas";
import {
  APPLICATION_STEP_FORMS,
  APPLICATION_STEPS,
  type ApplicationStepAction,
  type ApplicationStepContext,
  type StepField,
} from "./applications.steps";
import { OUTCOME_LABELS, WITHHOLD_GROUNDS } from "./letters/letter.index";

/** Table 三's groups: 予以公开, 部分公开, 不予公开 1–8, 无法提供 1–3, 不予处理 1–5, 其他处理 1–3. */
export const OUTCOME_GROUPS: Array<[group: string, outcomes: string[]]> = [
  ["（一）予以公开", ["disclose"]],
  ["（二）部分公开", ["partial"]],
  ["（三）不予公开", OUTCOMES.filter((o) => o.startsWith("withhold."))],
  ["（四）无法提供", OUTCOMES.filter((o) => o.startsWith("unable."))],
  ["（五）不予处理", OUTCOMES.filter((o) => o.startsWith("not_handled."))],
  ["（六）其他处理", OUTCOMES.filter((o) => o.startsWith("other."))],
];

const outcomeOptionLabel = (o: string, i: number, n: number) => {
  const label = OUTCOME_LABELS[o as keyof typeof OUTCOME_LABELS] ?? o;
  const tail = label.includes("—") ? label.slice(label.indexOf("—") + 1) : label;
  return n > 1 ? `${i + 1}. ${tail}` : label;
};

/** What the detail page needs to decide and fill the handling forms. */
export interface ActionContext extends ApplicationStepContext {
  id: string;
  csrf: string;
  today: string;
  orgs: Array<{ org: Org; depth: number }>;
  /** Staff who may be made handler, grouped by their organisation (applications.policy.ts). */
  handlers: Array<{ org: Org; handlers: HandlerChoice[] }>;
  /** The form that was just submitted and refused: its values and problems (field ids already prefixed). */
  submitted?: { action: string; values: FormValues; problems: ErrorDetail[] };
}

/** The actions offered: those the step table allows from the status (the workflow checks again). */
export const actionsFor = (ctx: ApplicationStepContext): ApplicationStepAction[] =>
  availableActions(APPLICATION_STEPS, ctx.status, ctx);

/** The heading and button of each step's form (the steps table's form titles). */
export const ACTION_LABELS: Record<string, string> = Object.fromEntries(
  Object.entries(APPLICATION_STEP_FORMS).map(([action, form]) => [action, form.title]),
);

/** The bounds the API schema sets on each field of a step (maxLength of texts, minimum/maximum of numbers). */
const SCHEMA_LIMITS = ApplicationActionBody.properties as unknown as Record<
  string,
  { maxLength?: number; minimum?: number; maximum?: number }
>;

const pairs = (xs: ReadonlyArray<readonly [string, string]>): Choice[] =>
  xs.map(([value, label]) => ({ value, label }));

/** A select's choices: fixed in the table, or the lists of this page (outcomes, organisations, handlers). */
function choicesOf(f: StepField, ctx: ActionContext): { choices: Choice[]; groups?: ChoiceGroup[] } {
  switch (f.choices) {
    case undefined:
      return { choices: [] };
    case "outcomes":
      return {
        choices: [],
        groups: OUTCOME_GROUPS.map(([group, outcomes]) => ({
          label: group,
          choices: outcomes.map((o, i) => ({ value: o, label: outcomeOptionLabel(o, i, outcomes.length) })),
        })),
      };
    case "withhold_grounds":
      return { choices: pairs(WITHHOLD_GROUNDS.map((g) => [g, OUTCOME_LABELS[g].replace("不予公开—", "")])) };
    case "deliveries":
      return { choices: pairs(DELIVERIES.map((d) => [d, DELIVERY_LABELS[d]!])) };
    case "orgs":
      return {
        choices: pairs(ctx.orgs.map(({ org, depth }) => [org.code, `${"　".repeat(depth)}${org.name}`])),
      };
    case "handlers":
      // Staff who may be made handler, under their organisation (no JavaScript needed).
      return {
        choices: [],
        groups: ctx.handlers.map(({ org, handlers }) => ({
          label: org.name,
          choices: handlers.map((h) => ({
            value: h.username,
            label: `${org.name} — ${h.name}（${h.username}）`,
          })),
        })),
      };
    default:
      return { choices: pairs(f.choices) };
  }
}

/** One field of a step's form: id `<action>-<name>`, the refused values and problems of that form. */
function StepFieldView(p: {
  f: StepField;
  action: string;
  ctx: ActionContext;
  s?: ActionContext["submitted"];
}) {
  const { f, ctx } = p;
  const id = `${p.action}-${f.name}`;
  const limit = SCHEMA_LIMITS[f.name] ?? {};
  const common = {
    name: f.name,
    id,
    field: id,
    label: f.label,
    hint: typeof f.hint === "function" ? f.hint(ctx) : f.hint,
    value: p.s?.values[f.name],
    problems: p.s?.problems ?? [],
  };
  if (f.kind === "textarea")
    return <Field {...common} as="textarea" rows={f.rows ?? 3} maxlength={limit.maxLength} />;
  if (f.kind === "select") return <Field {...common} as="select" blank={f.blank} {...choicesOf(f, ctx)} />;
  const bound = (n?: number) => (n === undefined ? undefined : String(n));
  return (
    <Field
      {...common}
      type={f.kind ?? "text"}
      maxlength={f.kind === "number" || f.kind === "date" ? undefined : limit.maxLength}
      min={bound(limit.minimum)}
      max={f.max ? String(f.max(ctx)) : bound(limit.maximum)}
      autocomplete={f.autocomplete}
    />
  );
}

/** A step's form, from its row of the table: heading, the date it was taken, the law's note, its fields. */
function StepForm(p: { ctx: ActionContext; action: ApplicationStepAction }) {
  const form = APPLICATION_STEP_FORMS[p.action];
  const s = p.ctx.submitted?.action === p.action ? p.ctx.submitted : undefined;
  const problems = s?.problems ?? [];
  const err = problems.find((x) => x.field === `${p.action}-submit`)?.message;
  return (
    <form
      method="post"
      action={`/admin/applications/${p.ctx.id}/actions`}
      class="stack action-form"
      aria-labelledby={`${p.action}-title`}
      novalidate
    >
      <h3 id={`${p.action}-title`} safe>
        {form.title}
      </h3>
      <CsrfField token={p.ctx.csrf} />
      <input type="hidden" name="action" value={p.action} />
      {form.on ? (
        <Field
          name="on"
          id={`${p.action}-on`}
          field={`${p.action}-on`}
          label={form.on}
          type="date"
          value={s?.values.on ?? p.ctx.today}
          max={p.ctx.today}
          problems={problems}
        />
      ) : (
        ""
      )}
      {form.intro ? (
        <p class="hint" safe>
          {form.intro}
        </p>
      ) : (
        ""
      )}
      {form.fields.map((f) => (
        <StepFieldView f={f} action={p.action} ctx={p.ctx} s={s} />
      ))}
      {err ? (
        <p class="field-error" safe>
          {err}
        </p>
      ) : (
        ""
      )}
      <button type="submit" id={`${p.action}-submit`} safe>
        {form.title}
      </button>
    </form>
  );
}

export function ActionForms(p: { ctx: ActionContext }) {
  const actions = actionsFor(p.ctx);
  if (actions.length === 0) return "";
  return (
    <section aria-labelledby="actions-title">
      <h2 id="actions-title">办理</h2>
      <div class="actions">
        {actions.map((a) => (
          <StepForm ctx={p.ctx} action={a as ApplicationStepAction} />
        ))}
      </div>
    </section>
  );
}
