// Back-office views of opinion work: the case page's parts (facts, clocks, response, events, accountability)
// and its forms. Every field through the shared Field; each form names its own problems.
import type { ErrorDetail } from "../../platform/errors";
import { formatShanghai } from "../../platform/time";
import { type Choice, Field } from "../../web/views/fields";
import { CsrfField } from "../../web/views/layout";
import { ACCOUNTABILITY_KIND_LABELS } from "../assessment";
import type { CaseView, WarningView } from "./opinion.present";
import { EVENT_LABELS, type EventKind } from "./opinion.service";
import {
  CATEGORIES,
  CATEGORY_LABELS,
  EFFECT_LABELS,
  EFFECTS,
  LEVEL_LABELS,
  LEVELS,
  PARTIES,
  PARTY_LABELS,
  type Party,
  STEPS,
  type StepAction,
} from "./opinion.steps";

export type Values = Record<string, string | undefined>;

export const levelChoices: Choice[] = LEVELS.map((l) => ({ value: l, label: LEVEL_LABELS[l] }));
export const categoryChoices: Choice[] = CATEGORIES.map((c) => ({ value: c, label: CATEGORY_LABELS[c] }));
const when = (iso: string | null) => (iso ? formatShanghai(iso) : "—");

export const EVIDENCE_LABELS: Record<string, string> = {
  message: "留言",
  hotline_ticket: "12345工单",
  application: "依申请公开",
  comment: "征求意见",
  feed: "新闻舆情",
};

export const evidenceUrl = (e: { type: string; id: string }) =>
  e.type === "message" || e.type === "hotline_ticket"
    ? `/admin/messages/${e.id}`
    : e.type === "application"
      ? `/admin/applications/${e.id}`
      : null;

export function WarningTable(p: { items: readonly WarningView[] }) {
  if (!p.items.length) return <p>暂无预警。</p>;
  return (
    <table class="table">
      <caption>预警</caption>
      <thead>
        <tr>
          <th scope="col">话题</th>
          <th scope="col">类型</th>
          <th scope="col">条数</th>
          <th scope="col">基线</th>
          <th scope="col">时段</th>
          <th scope="col">预警时间</th>
          <th scope="col">舆情事件</th>
        </tr>
      </thead>
      <tbody>
        {p.items.map((w) => (
          <tr>
            <td safe>{w.topic}</td>
            <td>{w.kind === "keyword" ? "关键词" : "突增"}</td>
            <td safe>{String(w.count)}</td>
            <td safe>{String(w.baseline)}</td>
            <td safe>{`${w.window_hours} 小时`}</td>
            <td safe>{when(w.raised_at)}</td>
            <td>{w.case_id ? <a href={`/admin/opinion/cases/${w.case_id}`}>查看事件</a> : "—"}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function CaseFacts(p: { c: CaseView }) {
  const c = p.c;
  return (
    <dl class="meta-table">
      <dt>状态</dt>
      <dd safe>{c.status_label}</dd>
      <dt>级别</dt>
      <dd safe>{c.level_label}</dd>
      <dt>类别</dt>
      <dd safe>{c.category_label}</dd>
      <dt>第一责任单位</dt>
      <dd safe>{c.org.name}</dd>
      <dt>发现时间</dt>
      <dd safe>{when(c.discovered_at)}</dd>
      <dt>事件概要</dt>
      <dd class="pre-wrap" safe>
        {c.summary || "—"}
      </dd>
      {c.dismiss_reason ? (
        <>
          <dt>不予立案理由</dt>
          <dd safe>{c.dismiss_reason}</dd>
        </>
      ) : (
        ""
      )}
    </dl>
  );
}

export function ClockTable(p: { c: CaseView }) {
  if (!p.c.clocks.length) return <p>研判立案后开始计时。</p>;
  return (
    <table class="table">
      <caption>回应时限</caption>
      <thead>
        <tr>
          <th scope="col">事项</th>
          <th scope="col">时限</th>
          <th scope="col">截止时间</th>
          <th scope="col">完成时间</th>
          <th scope="col">状态</th>
        </tr>
      </thead>
      <tbody>
        {p.c.clocks.map((k) => (
          <tr class={k.state === "overdue" || k.state === "done_late" ? "overdue" : undefined}>
            <td safe>{k.label}</td>
            <td safe>{`${k.hours} 小时内`}</td>
            <td safe>{when(k.due_at)}</td>
            <td safe>{when(k.done_at)}</td>
            <td>
              <strong safe>
                {k.state === "due" && k.hours_left !== null
                  ? `${k.state_label}（剩余约 ${k.hours_left} 小时）`
                  : k.state_label}
              </strong>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ResponseSection(p: { c: CaseView }) {
  const r = p.c.response;
  return (
    <section aria-labelledby="response-title">
      <h2 id="response-title">权威回应</h2>
      {r ? (
        <dl class="meta-table">
          <dt>回应稿</dt>
          <dd>
            <a href={`/admin/items/${r.item_id}`} safe>
              {r.title}
            </a>
          </dd>
          <dt>发布状态</dt>
          <dd>
            {r.status === "published"
              ? `已发布（${when(r.published_at)}）`
              : "未发布（在信息发布中审查、审签、发布）"}
          </dd>
          {r.url ? (
            <>
              <dt>公开页面</dt>
              <dd>
                <a href={r.url} safe>
                  {r.url}
                </a>
              </dd>
            </>
          ) : (
            ""
          )}
        </dl>
      ) : (
        <p>尚未起草回应稿。</p>
      )}
      {p.c.evaluation ? (
        <dl class="meta-table">
          <dt>回应效果</dt>
          <dd safe>{p.c.evaluation.effect_label}</dd>
          <dt>评估意见</dt>
          <dd class="pre-wrap" safe>
            {p.c.evaluation.text}
          </dd>
        </dl>
      ) : (
        ""
      )}
    </section>
  );
}

export function EventList(p: { c: CaseView }) {
  return (
    <section aria-labelledby="events-title">
      <h2 id="events-title">会商、跟进和办理记录</h2>
      {p.c.events.length ? (
        <ol class="timeline">
          {p.c.events.map((e) => (
            <li>
              <span safe>{`${when(e.at)} ${EVENT_LABELS[e.kind as EventKind] ?? EVENT_LABELS.step}`}</span>
              {e.party ? <span safe>{`（${PARTY_LABELS[e.party as Party] ?? e.party}）`}</span> : ""}
              <span safe>{`：${e.text}（${e.actor}）`}</span>
            </li>
          ))}
        </ol>
      ) : (
        <p>暂无记录。</p>
      )}
    </section>
  );
}

export function AccountabilityList(p: { c: CaseView }) {
  return (
    <section aria-labelledby="acc-title">
      <h2 id="acc-title">问责</h2>
      {p.c.accountability.length ? (
        <ul>
          {p.c.accountability.map((a) => (
            <li
              safe
            >{`${a.decided_on} ${a.kind_label}：${a.reason}${a.rectify_by ? `（整改期限 ${a.rectify_by}）` : ""}`}</li>
          ))}
        </ul>
      ) : (
        <p>暂无问责记录。</p>
      )}
    </section>
  );
}

type FormProps = { id: string; csrf: string; problems: readonly ErrorDetail[]; values: Values };

export function StepForms(p: FormProps & { actions: StepAction[]; orgs: Choice[]; c: CaseView }) {
  if (!p.actions.length) return "";
  return (
    <section aria-labelledby="actions-title">
      <h2 id="actions-title">办理</h2>
      {p.actions.map((a) => (
        <form method="post" action={`/admin/opinion/cases/${p.id}/actions`} class="stack step-form">
          <CsrfField token={p.csrf} />
          <input type="hidden" name="action" value={a} />
          {a === "confirm" ? (
            <>
              <Field
                name="level"
                id="confirm-level"
                as="select"
                label="舆情级别"
                choices={levelChoices}
                value={p.values.level ?? p.c.level}
                problems={p.problems}
              />
              <Field
                name="category"
                id="confirm-category"
                as="select"
                label="舆情类别"
                choices={categoryChoices}
                value={p.values.category ?? p.c.category}
                problems={p.problems}
              />
              <Field
                name="org"
                id="confirm-org"
                as="select"
                label="第一责任单位"
                hint="谁主管谁负责：事项的主管部门为第一责任单位。"
                choices={p.orgs}
                value={p.values.org ?? p.c.org.code}
                problems={p.problems}
              />
            </>
          ) : (
            ""
          )}
          {a === "dismiss" ? (
            <Field
              name="reason"
              id="dismiss-reason"
              as="textarea"
              rows={2}
              label="不予立案理由"
              problems={p.problems}
            />
          ) : (
            ""
          )}
          {a === "evaluate" ? (
            <>
              <Field
                name="effect"
                id="evaluate-effect"
                as="radios"
                label="回应效果"
                choices={EFFECTS.map((e) => ({ value: e, label: EFFECT_LABELS[e] }))}
                value={p.values.effect}
                problems={p.problems}
              />
              <Field
                name="evaluation"
                id="evaluate-text"
                as="textarea"
                rows={3}
                label="评估意见"
                hint="舆论是否平息、公众是否认可、还需做什么。"
                value={p.values.evaluation}
                problems={p.problems}
              />
            </>
          ) : (
            ""
          )}
          <button type="submit" safe>
            {STEPS[a].label}
          </button>
        </form>
      ))}
    </section>
  );
}

export function EventForm(p: FormProps) {
  return (
    <form method="post" action={`/admin/opinion/cases/${p.id}/events`} class="stack">
      <h2>添加记录</h2>
      <CsrfField token={p.csrf} />
      <Field
        name="kind"
        id="event-kind"
        as="select"
        label="记录类型"
        choices={(["coordination", "follow_up", "info_released", "press_held"] as const).map((k) => ({
          value: k,
          label: EVENT_LABELS[k],
        }))}
        value={p.values.kind}
        problems={p.problems}
      />
      <Field
        name="party"
        id="event-party"
        as="select"
        label="会商单位（会商时填写）"
        blank="—"
        choices={PARTIES.map((x) => ({ value: x, label: PARTY_LABELS[x] }))}
        value={p.values.party}
        problems={p.problems}
      />
      <Field
        name="text"
        id="event-text"
        as="textarea"
        rows={3}
        label="内容"
        value={p.values.text}
        problems={p.problems}
      />
      <Field
        name="at"
        id="event-at"
        type="datetime-local"
        label="发布或召开时间（登记发布权威信息、新闻发布会时填写，默认现在）"
        value={p.values.at}
        problems={p.problems}
      />
      <button type="submit">保存记录</button>
    </form>
  );
}

export function ResponseForm(p: FormProps) {
  return (
    <form method="post" action={`/admin/opinion/cases/${p.id}/response`} class="stack">
      <h2>起草回应稿</h2>
      <p class="hint">回应稿作为第一责任单位“回应关切”栏目的信息草稿，经审查、审签后发布。</p>
      <CsrfField token={p.csrf} />
      <Field
        name="title"
        id="response-title-field"
        label="回应稿标题"
        value={p.values.title}
        problems={p.problems}
      />
      <Field
        name="body"
        id="response-body"
        as="textarea"
        rows={8}
        label="回应稿正文"
        value={p.values.body}
        problems={p.problems}
      />
      <button type="submit">起草回应稿</button>
    </form>
  );
}

export function AccountabilityForm(p: FormProps & { today: string }) {
  return (
    <form method="post" action={`/admin/opinion/cases/${p.id}/accountability`} class="stack">
      <h2>问责</h2>
      <CsrfField token={p.csrf} />
      <Field
        name="kind"
        id="acc-kind"
        as="radios"
        label="问责方式"
        choices={Object.entries(ACCOUNTABILITY_KIND_LABELS).map(([value, label]) => ({ value, label }))}
        value={p.values.kind}
        problems={p.problems}
      />
      <Field
        name="reason"
        id="acc-reason"
        as="textarea"
        rows={3}
        label="问责事由"
        hint="处置、回应或报告哪里不到位。"
        value={p.values.reason}
        problems={p.problems}
      />
      <Field
        name="decided_on"
        id="acc-decided"
        type="date"
        label="决定日期"
        value={p.values.decided_on ?? p.today}
        problems={p.problems}
      />
      <Field
        name="rectify_by"
        id="acc-rectify"
        type="date"
        label="整改期限（约谈整改必填）"
        value={p.values.rectify_by}
        problems={p.problems}
      />
      <button type="submit">记录问责</button>
    </form>
  );
}
