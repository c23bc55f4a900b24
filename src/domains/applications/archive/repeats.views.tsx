// Back office: the Art. 44 list (多次申请的政府信息) with a decision form per group.
import type { ErrorDetail } from "../../../platform/errors";
import { formatShanghai } from "../../../platform/time";
import { Field } from "../../../web/views/fields";
import { CsrfField, ErrorSummary } from "../../../web/views/layout";
import { KIND_LABELS } from "../../publishing";
import { clip } from "./archive.views";
import { REPEAT_ITEM_KINDS, type RepeatGroup } from "./repeats.service";

export interface DecisionFormState {
  key: string;
  values: Record<string, string>;
  problems: ErrorDetail[];
}

const PERIOD_HINT =
  "同一或相近内容、由 2 个以上不同申请人（按身份证件号码区分，无证件号码的按姓名或名称）提出的申请，以及申请人建议纳入主动公开的申请；已合并办理的申请不计。";

export function PeriodForm(p: { from: string; to: string; problems?: readonly ErrorDetail[] }) {
  return (
    <form method="get" action="/admin/applications/repeated" class="filters" aria-label="统计期间">
      <div>
        <Field name="from" label="收到申请日期自" type="date" value={p.from} problems={p.problems} />
      </div>
      <div>
        <Field name="to" label="至" type="date" value={p.to} problems={p.problems} />
      </div>
      <div>
        <button type="submit" class="button">
          查询
        </button>
      </div>
    </form>
  );
}

function DecisionForms(p: {
  g: RepeatGroup;
  csrf: string;
  from: string;
  to: string;
  orgs: Array<{ code: string; id: string; name: string; depth: number }>;
  state?: DecisionFormState;
}) {
  const s = p.state?.key === p.g.key ? p.state : undefined;
  const v = (f: string, dflt = "") => s?.values[f] ?? dflt;
  const id = (f: string) => `g-${p.g.key}-${f}`;
  const problems = (s?.problems ?? []).map((x) => ({ ...x, field: x.field ? id(x.field) : undefined }));
  // The group's fields: ids prefixed by the group, and the problems renamed to them (the summary links there).
  const bind = (name: string) => ({ name, id: id(name), field: id(name), problems });
  const holding = p.orgs.find((o) => o.id === p.g.holding_org_id)?.code;
  const body = `根据《中华人民共和国政府信息公开条例》第四十四条，本机关收到多个申请人就下列政府信息提出的公开申请（${p.g.count} 件），决定纳入主动公开范围：\n${p.g.summary}`;
  return (
    <div class="stack">
      <ErrorSummary title="未记录决定：" problems={problems} />
      <details open={s?.values.decision === "include" ? true : undefined}>
        <summary>纳入主动公开</summary>
        <form method="post" action="/admin/applications/repeated/decide" class="stack">
          <CsrfField token={p.csrf} />
          <input type="hidden" name="key" value={p.g.key} />
          <input type="hidden" name="from" value={p.from} />
          <input type="hidden" name="to" value={p.to} />
          <input type="hidden" name="decision" value="include" />
          <Field
            {...bind("title")}
            label="信息标题"
            required
            maxlength={200}
            value={v("title", clip(p.g.summary, 100))}
          />
          <Field
            {...bind("org")}
            as="select"
            label="掌握该信息的机关（草稿的发布机构）"
            value={v("org", holding ?? "")}
            choices={p.orgs.map((o) => ({ value: o.code, label: `${"　".repeat(o.depth)}${o.name}` }))}
          />
          <Field
            {...bind("kind")}
            as="select"
            label="信息类别"
            value={v("kind", "other")}
            choices={REPEAT_ITEM_KINDS.map((k) => ({ value: k, label: KIND_LABELS[k] }))}
          />
          <Field
            {...bind("body")}
            as="textarea"
            label="正文（生成草稿后可继续编辑，须经保密审查和审签后发布）"
            required
            rows={4}
            value={v("body", body)}
          />
          <button type="submit" id={id("submit")}>
            纳入主动公开并生成草稿
          </button>
        </form>
      </details>
      <details open={s?.values.decision === "exclude" ? true : undefined}>
        <summary>不纳入</summary>
        <form method="post" action="/admin/applications/repeated/decide" class="stack">
          <CsrfField token={p.csrf} />
          <input type="hidden" name="key" value={p.g.key} />
          <input type="hidden" name="from" value={p.from} />
          <input type="hidden" name="to" value={p.to} />
          <input type="hidden" name="decision" value="exclude" />
          <Field {...bind("reason")} label="不纳入的理由" required maxlength={1000} value={v("reason")} />
          <button type="submit">记录“不纳入”</button>
        </form>
      </details>
    </div>
  );
}

const orgNames = (g: RepeatGroup): string =>
  g.orgs.length ? g.orgs.map((o) => o.name).join("、") : "未分办";

function DecisionText(p: { d: NonNullable<RepeatGroup["decision"]> }) {
  const when = formatShanghai(p.d.decided_at);
  return p.d.decision === "include" ? (
    <p>
      <span safe>{`${when} 决定纳入主动公开：`}</span>
      {p.d.item_id ? (
        <a href={`/admin/items/${p.d.item_id}`} safe>
          {p.d.title}
        </a>
      ) : (
        <span safe>{p.d.title}</span>
      )}
      {p.d.covers_all ? "" : <span class="tag warn">此后又有新的申请</span>}
    </p>
  ) : (
    <p>
      <span safe>{`${when} 决定不纳入，理由：${p.d.reason ?? ""}`}</span>
      {p.d.covers_all ? "" : <span class="tag warn">此后又有新的申请</span>}
    </p>
  );
}

export function RepeatedGroups(p: {
  groups: RepeatGroup[];
  from: string;
  to: string;
  csrf: string;
  handles: boolean;
  orgs: Array<{ code: string; id: string; name: string; depth: number }>;
  state?: DecisionFormState;
}) {
  // A refused period (the GET's from/to) comes back as the state of no group.
  const periodProblems = p.state?.key === "" ? p.state.problems : undefined;
  return (
    <>
      <p class="hint">
        《政府信息公开条例》第四十四条：多个申请人就相同政府信息向同一行政机关提出公开申请，且该政府信息属于可以公开的，行政机关可以纳入主动公开的范围。
      </p>
      {periodProblems ? <ErrorSummary title="统计期间有误：" problems={periodProblems} /> : ""}
      <PeriodForm from={p.from} to={p.to} problems={periodProblems} />
      <p class="meta" safe>{`${p.from} 至 ${p.to}：共 ${p.groups.length} 组。${PERIOD_HINT}`}</p>
      {p.groups.length === 0 ? (
        <p>该期间没有多个申请人申请相同政府信息的情况。</p>
      ) : (
        p.groups.map((g, i) => (
          <section class="repeat-group" aria-labelledby={`group-${i}`}>
            <h2 id={`group-${i}`} safe>
              {clip(g.summary, 80)}
            </h2>
            <dl class="facts">
              <dt>申请</dt>
              <dd safe>{`${g.count} 件，${g.applicants} 个不同申请人`}</dd>
              {g.suggestions ? (
                <>
                  <dt>申请人建议</dt>
                  <dd safe>{`${g.suggestions} 件申请的申请人建议纳入主动公开（第四十四条第二款）`}</dd>
                </>
              ) : (
                ""
              )}
              <dt>最近收到</dt>
              <dd safe>{g.latest_on}</dd>
              <dt>答复结果</dt>
              <dd safe>{g.outcomes.map((o) => `${o.label} ${o.count} 件`).join("；")}</dd>
              <dt>承办单位</dt>
              <dd safe>{orgNames(g)}</dd>
              <dt>申请查询码</dt>
              <dd>
                {g.applications.map((a) => (
                  <>
                    <a href={`/admin/applications/${a.id}`} class="mono" safe>
                      {a.tracking_code}
                    </a>{" "}
                  </>
                ))}
              </dd>
            </dl>
            {g.decision ? <DecisionText d={g.decision} /> : ""}
            {p.handles && !g.decision?.covers_all ? (
              <DecisionForms g={g} csrf={p.csrf} from={p.from} to={p.to} orgs={p.orgs} state={p.state} />
            ) : (
              ""
            )}
          </section>
        ))
      )}
    </>
  );
}
