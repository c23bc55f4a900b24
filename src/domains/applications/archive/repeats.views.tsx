// Back office: the Art. 44 list (多次申请的政府信息) with a decision form per group.
import { formatShanghai } from "../../../platform/time";
import { CsrfField, ErrorSummary } from "../../../web/views/layout";
import { KIND_LABELS } from "../../publishing";
import { clip } from "./archive.views";
import { REPEAT_ITEM_KINDS, type RepeatGroup } from "./repeats.service";

export interface DecisionFormState {
  key: string;
  values: Record<string, string>;
  problems: Array<{ field?: string; message: string }>;
}

const PERIOD_HINT =
  "同一或相近内容、由 2 个以上不同申请人（按身份证件号码区分，无证件号码的按姓名或名称）提出的申请，以及申请人建议纳入主动公开的申请；已合并办理的申请不计。";

export function PeriodForm(p: { from: string; to: string }) {
  return (
    <form method="get" action="/admin/applications/repeated" class="filters" aria-label="统计期间">
      <div>
        <label for="from">收到申请日期自</label>
        <input id="from" name="from" type="date" value={p.from} />
      </div>
      <div>
        <label for="to">至</label>
        <input id="to" name="to" type="date" value={p.to} />
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
          <label for={id("title")}>信息标题</label>
          <input
            id={id("title")}
            name="title"
            type="text"
            required
            maxlength="200"
            value={v("title", clip(p.g.summary, 100))}
          />
          <label for={id("org")}>掌握该信息的机关（草稿的发布机构）</label>
          <select id={id("org")} name="org">
            {p.orgs.map((o) => (
              <option value={o.code} selected={v("org", holding ?? "") === o.code} safe>
                {`${"　".repeat(o.depth)}${o.name}`}
              </option>
            ))}
          </select>
          <label for={id("kind")}>信息类别</label>
          <select id={id("kind")} name="kind">
            {REPEAT_ITEM_KINDS.map((k) => (
              <option value={k} selected={v("kind", "other") === k} safe>
                {KIND_LABELS[k]}
              </option>
            ))}
          </select>
          <label for={id("body")}>正文（生成草稿后可继续编辑，须经保密审查和审签后发布）</label>
          <textarea id={id("body")} name="body" rows="4" required safe>
            {v("body", body)}
          </textarea>
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
          <label for={id("reason")}>不纳入的理由</label>
          <input id={id("reason")} name="reason" type="text" required maxlength="1000" value={v("reason")} />
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
  return (
    <>
      <p class="hint">
        《政府信息公开条例》第四十四条：多个申请人就相同政府信息向同一行政机关提出公开申请，且该政府信息属于可以公开的，行政机关可以纳入主动公开的范围。
      </p>
      <PeriodForm from={p.from} to={p.to} />
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
