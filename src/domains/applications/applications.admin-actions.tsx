// Back-office handling forms of an application: which steps are offered and their forms.
import type { Children } from "@kitajs/html";
import type { ErrorDetail } from "../../platform/errors";
import { availableActions } from "../../platform/workflow/state-machine";
import { CsrfField } from "../../web/views/layout";
import type { Org } from "../orgs";
import { type FieldCtx, type FormValues, Input, Select, TextArea } from "./applications.admin-fields";
import type { HandlerChoice } from "./applications.policy";
import { DELIVERIES, DELIVERY_LABELS, OUTCOMES } from "./applications.schemas";
import {
  APPLICATION_STEPS,
  type ApplicationStepContext,
  CONSULTATION_DAYS,
  CORRECTION_WINDOW,
  DEFAULT_CORRECTION_DAYS,
  DEFAULT_REASONS_DAYS,
  MAX_EXTENSION,
  REPLY_LIMIT,
} from "./applications.steps";
import { FREE_APPLICATIONS_PER_MONTH, FREE_PAGES } from "./fees";
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
export const actionsFor = (ctx: ApplicationStepContext): string[] =>
  availableActions(APPLICATION_STEPS, ctx.status, ctx);

export const ACTION_LABELS: Record<string, string> = {
  register: "登记受理",
  request_correction: "告知补正",
  receive_correction: "收到补正",
  start_consultation: "征求第三方意见",
  end_consultation: "结束征求意见",
  extend: "延期答复",
  fee_notice: "发出收费通知",
  fee_paid: "确认已缴费",
  reply: "答复",
  merge: "合并办理",
  assign: "分办",
  request_reasons: "要求说明理由",
  set_period: "确定延迟答复期限",
  record_delivery: "登记送达",
};

function StepForm(p: { ctx: ActionContext; action: string; children?: Children }) {
  const s = p.ctx.submitted?.action === p.action ? p.ctx.submitted : undefined;
  const c: FieldCtx = {
    prefix: p.action,
    values: s?.values ?? {},
    problems: s?.problems ?? [],
  };
  const label = ACTION_LABELS[p.action] ?? p.action;
  const onLabel =
    p.action === "register"
      ? "收到申请日期（《条例》第三十一条）"
      : p.action === "receive_correction"
        ? "收到补正申请的日期"
        : "办理日期";
  const err = c.problems.find((x) => x.field === `${p.action}-submit`)?.message;
  return (
    <form
      method="post"
      action={`/admin/applications/${p.ctx.id}/actions`}
      class="stack action-form"
      aria-labelledby={`${p.action}-title`}
      novalidate
    >
      <h3 id={`${p.action}-title`} safe>
        {label}
      </h3>
      <CsrfField token={p.ctx.csrf} />
      <input type="hidden" name="action" value={p.action} />
      {p.action === "assign" || p.action === "merge" ? (
        ""
      ) : (
        <Input
          c={{ ...c, values: { ...c.values, on: c.values.on ?? p.ctx.today } }}
          name="on"
          label={onLabel}
          type="date"
          max={p.ctx.today}
        />
      )}
      {p.children ?? ""}
      {err ? (
        <p class="field-error" safe>
          {err}
        </p>
      ) : (
        ""
      )}
      <button type="submit" id={`${p.action}-submit`} safe>
        {label}
      </button>
    </form>
  );
}

/** The handler, chosen from the eligible staff (no JavaScript needed); "不变" keeps the current one. */
const HandlerSelect = (p: { c: FieldCtx; groups: ActionContext["handlers"] }) => (
  <Select
    c={p.c}
    name="handler"
    label="承办人"
    hint="可选。只列出能办理依申请公开的本站点工作人员；所选人员须能办理所选承办单位的申请。"
    empty="不变"
    options={[]}
    groups={p.groups.map(({ org, handlers }) => ({
      label: org.name,
      choices: handlers.map((h) => ({
        value: h.username,
        label: `${org.name} — ${h.name}（${h.username}）`,
      })),
    }))}
  />
);

export function ActionForms(p: { ctx: ActionContext }) {
  const ctx = p.ctx;
  const cOf = (action: string): FieldCtx => {
    const s = ctx.submitted?.action === action ? ctx.submitted : undefined;
    return { prefix: action, values: s?.values ?? {}, problems: s?.problems ?? [] };
  };
  const forms: Record<string, () => JSX.Element> = {
    register: () => (
      <StepForm ctx={ctx} action="register">
        <p class="hint">
          当面提交以提交之日、挂号信以签收之日、平信以与申请人确认之日、网上申请和传真以双方确认之日为收到申请之日。
        </p>
      </StepForm>
    ),
    request_correction: () => (
      <StepForm ctx={ctx} action="request_correction">
        <TextArea
          c={cOf("request_correction")}
          name="items"
          label="需要补正的事项（必填）"
          hint={`《条例》第三十条：自收到申请之日起${CORRECTION_WINDOW}个工作日内一次性告知，说明需要补正的事项和合理的补正期限。`}
        />
        <Input
          c={cOf("request_correction")}
          name="deadline"
          label={`补正期限（可选，默认告知之日起${DEFAULT_CORRECTION_DAYS}个工作日）`}
          type="date"
        />
        <TextArea c={cOf("request_correction")} name="note" label="内部备注（可选）" rows={2} />
      </StepForm>
    ),
    receive_correction: () => (
      <StepForm ctx={ctx} action="receive_correction">
        <p class="hint">{`收到补正后的申请，答复期限自该日起重新计算${REPLY_LIMIT}个工作日。`}</p>
      </StepForm>
    ),
    start_consultation: () => (
      <StepForm ctx={ctx} action="start_consultation">
        <Input
          c={cOf("start_consultation")}
          name="third_party"
          label="征求意见的第三方或其他机关（必填）"
          hint={`第三方应在${CONSULTATION_DAYS}个工作日内提出意见；征求意见的时间不计入答复期限。`}
        />
        <TextArea c={cOf("start_consultation")} name="note" label="内部备注（可选）" rows={2} />
      </StepForm>
    ),
    end_consultation: () => (
      <StepForm ctx={ctx} action="end_consultation">
        <TextArea c={cOf("end_consultation")} name="note" label="第三方意见摘要（可选，内部）" rows={2} />
      </StepForm>
    ),
    extend: () => (
      <StepForm ctx={ctx} action="extend">
        <Input
          c={cOf("extend")}
          name="days"
          label="延长的工作日数（必填）"
          type="number"
          min="1"
          max={String(Math.max(1, MAX_EXTENSION - ctx.extendedDays))}
          hint={`延长期限最长不超过${MAX_EXTENSION}个工作日${ctx.extendedDays ? `（已延长 ${ctx.extendedDays} 个）` : ""}。`}
        />
        <Input c={cOf("extend")} name="approved_by" label="批准人（政府信息公开工作机构负责人，必填）" />
        <TextArea c={cOf("extend")} name="note" label="延期理由（写入延期告知书）" rows={2} />
      </StepForm>
    ),
    fee_notice: () => (
      <StepForm ctx={ctx} action="fee_notice">
        <Select
          c={cOf("fee_notice")}
          name="method"
          label="收费方式"
          empty="请选择"
          options={[
            ["pages", "按量收费（按页数）"],
            ["count", "按件收费（按申请人当月申请件数）"],
          ]}
          hint={`国办函〔2020〕109号：按件，每月${FREE_APPLICATIONS_PER_MONTH}件以内免费；按量，${FREE_PAGES}页以内免费。一件申请只能选一种方式。`}
        />
        <Input c={cOf("fee_notice")} name="pages" label="页数（按量收费时必填）" type="number" min="1" />
        <TextArea c={cOf("fee_notice")} name="note" label="内部备注（可选）" rows={2} />
      </StepForm>
    ),
    fee_paid: () => <StepForm ctx={ctx} action="fee_paid" />,
    request_reasons: () => (
      <StepForm ctx={ctx} action="request_reasons">
        <p class="hint">
          《条例》第三十五条：申请的数量、频次明显超过合理范围的，可以要求申请人说明理由；理由不合理的不予处理，理由合理但无法按期答复的，可以确定延迟答复的合理期限。
        </p>
        <Input
          c={cOf("request_reasons")}
          name="deadline"
          label={`说明理由的期限（可选，默认告知之日起${DEFAULT_REASONS_DAYS}个工作日）`}
          type="date"
        />
        <TextArea c={cOf("request_reasons")} name="note" label="内部备注（可选）" rows={2} />
      </StepForm>
    ),
    set_period: () => (
      <StepForm ctx={ctx} action="set_period">
        <Input
          c={cOf("set_period")}
          name="deadline"
          label="延迟答复的期限（新的答复日期，必填）"
          type="date"
          hint={`须晚于现行答复期限，且为工作日；不占用第三十三条的${MAX_EXTENSION}个工作日延期额度。`}
        />
        <TextArea c={cOf("set_period")} name="note" label="理由（写入延迟答复告知书）" rows={2} />
      </StepForm>
    ),
    record_delivery: () => (
      <StepForm ctx={ctx} action="record_delivery">
        <Select
          c={cOf("record_delivery")}
          name="delivered_by"
          label="送达方式"
          empty="请选择"
          options={DELIVERIES.map((d) => [d, DELIVERY_LABELS[d]!])}
        />
        <Input
          c={cOf("record_delivery")}
          name="reference"
          label="挂号信或快递单号（邮寄必填）、领取人等送达记录"
          autocomplete="off"
        />
      </StepForm>
    ),
    reply: () => {
      const c = cOf("reply");
      return (
        <StepForm ctx={ctx} action="reply">
          <Select
            c={c}
            name="outcome"
            label="答复结果（年度报告表三）"
            empty="请选择"
            options={[]}
            groups={OUTCOME_GROUPS.map(([group, outcomes]) => ({
              label: group,
              choices: outcomes.map((o, i) => ({
                value: o,
                label: outcomeOptionLabel(o, i, outcomes.length),
              })),
            }))}
          />
          <Select
            c={c}
            name="withheld_ground"
            label="部分公开：不予公开部分的依据"
            hint="答复书据此引用《条例》第三十七条及相应条款；其他答复结果不填。"
            empty="（不是部分公开）"
            options={WITHHOLD_GROUNDS.map((g) => [g, OUTCOME_LABELS[g].replace("不予公开—", "")])}
          />
          <TextArea
            c={c}
            name="note"
            label="答复说明（写入答复书：不予公开、部分公开、不予处理的理由，或其他说明）"
            rows={4}
          />
        </StepForm>
      );
    },
    assign: () => (
      <StepForm ctx={ctx} action="assign">
        <Select
          c={cOf("assign")}
          name="org"
          label="承办单位"
          empty="不变"
          options={ctx.orgs.map(({ org, depth }) => [org.code, `${"　".repeat(depth)}${org.name}`])}
        />
        <HandlerSelect c={cOf("assign")} groups={ctx.handlers} />
      </StepForm>
    ),
    merge: () => (
      <StepForm ctx={ctx} action="merge">
        <Input
          c={cOf("merge")}
          name="into"
          label="合并到的申请查询码（必填）"
          hint="同一申请人就相同内容提出的多件申请可合并办理，以被合并到的申请的答复为准。"
        />
        <TextArea c={cOf("merge")} name="note" label="内部备注（可选）" rows={2} />
      </StepForm>
    ),
  };
  const actions = actionsFor(ctx);
  if (actions.length === 0) return "";
  return (
    <section aria-labelledby="actions-title">
      <h2 id="actions-title">办理</h2>
      <div class="actions">{actions.map((a) => forms[a]?.() ?? "")}</div>
    </section>
  );
}
