// Back-office views of the assessment: the indicators and the run form (/admin/assessment), a run's ranking,
// one organisation's scores with the evidence of each, and an indicator's edit form with its hand-entered values.
import type { ErrorDetail } from "../../platform/errors";
import { formatShanghai } from "../../platform/time";
import { Field } from "../../web/views/fields";
import { CsrfField, ErrorSummary } from "../../web/views/layout";
import { type IndicatorView, ORG_KIND_LABELS } from "./assessment.config";
import { PERIOD_KIND_LABELS, PERIOD_KINDS } from "./assessment.periods";
import type { OrgRunView, RunSummary, RunView } from "./assessment.present";

const kinds = Object.entries(ORG_KIND_LABELS).map(([value, label]) => ({ value, label }));
const periodChoices = PERIOD_KINDS.map((k) => ({ value: k, label: PERIOD_KIND_LABELS[k] }));
export type FormValues = Record<string, string | string[] | undefined>;
const str = (v: string | string[] | undefined) => (Array.isArray(v) ? v.join(",") : (v ?? ""));
const arr = (v: string | string[] | undefined) => (Array.isArray(v) ? v : v ? [v] : []);
const pct = (v: number | null) => (v === null ? "—" : `${Math.round(v * 1000) / 10}%`);

function appliesTo(i: IndicatorView) {
  return [...i.org_kinds.map((k) => ORG_KIND_LABELS[k] ?? k), ...i.orgs.map((o) => o.name)].join("、");
}

export function RunsTable(p: { runs: RunSummary[] }) {
  if (p.runs.length === 0) return <p>尚未开展考核。</p>;
  return (
    <table>
      <caption>考核记录（新的在前）</caption>
      <thead>
        <tr>
          <th scope="col">考核期</th>
          <th scope="col">计算次数</th>
          <th scope="col">状态</th>
          <th scope="col">计算时间</th>
          <th scope="col">计算人</th>
        </tr>
      </thead>
      <tbody>
        {p.runs.map((r) => (
          <tr>
            <td>
              <a href={r.url} safe>
                {`${r.period_label}（${r.from_on} 至 ${r.to_on}）`}
              </a>
            </td>
            <td safe>{`第${r.version}次`}</td>
            <td safe>{r.status_label}</td>
            <td safe>{formatShanghai(r.computed_at)}</td>
            <td safe>{r.computed_by}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function IndicatorsTable(p: { items: IndicatorView[]; mayManage: boolean }) {
  if (p.items.length === 0) return <p>尚未设置考核指标。</p>;
  return (
    <table>
      <caption>考核指标</caption>
      <thead>
        <tr>
          <th scope="col">指标</th>
          <th scope="col">来源</th>
          <th scope="col">分值</th>
          <th scope="col">周期</th>
          <th scope="col">考核对象</th>
          <th scope="col">状态</th>
        </tr>
      </thead>
      <tbody>
        {p.items.map((i) => (
          <tr>
            <td>
              {p.mayManage || i.source === "manual" ? (
                <a href={`/admin/assessment/indicators/${i.id}`} safe>
                  {i.name}
                </a>
              ) : (
                <span safe>{i.name}</span>
              )}
              <p class="hint" safe>
                {i.description}
              </p>
            </td>
            <td>{i.source === "computed" ? "系统计算" : "手工录入"}</td>
            <td safe>{String(i.points)}</td>
            <td safe>{i.period_label}</td>
            <td safe>{appliesTo(i)}</td>
            <td>{i.active ? "启用" : "停用"}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function IndicatorForm(p: {
  csrf: string;
  action: string;
  submit: string;
  values: FormValues;
  problems: ErrorDetail[];
  available?: Array<{ key: string; name: string }>;
  isNew: boolean;
}) {
  const v = p.values;
  return (
    <form method="post" action={p.action} class="stack" novalidate>
      <CsrfField token={p.csrf} />
      {p.problems.length ? <ErrorSummary title="指标未保存，请修改：" problems={p.problems} /> : ""}
      {p.isNew ? (
        <>
          <Field
            as="radios"
            name="source"
            label="指标来源"
            required
            value={str(v.source) || "computed"}
            choices={[
              { value: "computed", label: "系统计算（按系统中的数据自动计算）" },
              { value: "manual", label: "手工录入（逐单位录入得分并注明依据）" },
            ]}
            problems={p.problems}
          />
          <Field
            as="select"
            name="key"
            label="系统计算的指标"
            hint="来源为系统计算时选择。"
            value={str(v.key)}
            blank="（请选择）"
            choices={(p.available ?? []).map((a) => ({ value: a.key, label: a.name }))}
            problems={p.problems}
          />
        </>
      ) : (
        ""
      )}
      <Field
        name="name"
        label="指标名称"
        hint={p.isNew ? "系统计算的指标可不填，默认使用指标的标准名称。" : undefined}
        value={str(v.name)}
        maxlength={100}
        problems={p.problems}
      />
      <Field
        name="points"
        label="分值"
        required
        inputmode="text"
        value={str(v.points)}
        hint="大于0、不超过100，最多两位小数。"
        problems={p.problems}
      />
      <Field
        as="select"
        name="period_kind"
        label="考核周期"
        required
        value={str(v.period_kind) || "year"}
        choices={periodChoices}
        problems={p.problems}
      />
      <Field
        as="checkboxes"
        name="org_kinds"
        label="考核对象类型"
        values={arr(v.org_kinds)}
        choices={kinds}
        problems={p.problems}
      />
      <Field
        name="orgs"
        label="另加考核单位（单位代码，以逗号分隔）"
        value={str(v.orgs)}
        problems={p.problems}
      />
      {p.isNew ? (
        ""
      ) : (
        <Field
          as="radios"
          name="active"
          label="状态"
          value={str(v.active) || "1"}
          choices={[
            { value: "1", label: "启用" },
            { value: "0", label: "停用" },
          ]}
          problems={p.problems}
        />
      )}
      <button type="submit" safe>
        {p.submit}
      </button>
    </form>
  );
}

export function Ranking(p: { run: RunView }) {
  const r = p.run;
  return (
    <div class="table-scroll">
      <table>
        <caption safe>{`${r.period_label}考核排名`}</caption>
        <thead>
          <tr>
            <th scope="col">名次</th>
            <th scope="col">单位</th>
            {r.indicators.map((i) => (
              <th scope="col" safe>{`${i.name}（${i.points}分）`}</th>
            ))}
            <th scope="col">指标得分</th>
            <th scope="col">问责扣分</th>
            <th scope="col">总分</th>
          </tr>
        </thead>
        <tbody>
          {r.ranking.map((row) => (
            <tr>
              <td safe>{String(row.rank)}</td>
              <th scope="row">
                <a href={row.url} safe>
                  {row.org.name}
                </a>
              </th>
              {r.indicators.map((i) => {
                const c = row.scores.find((s) => s.indicator_id === i.id);
                return c ? (
                  <td>
                    <a href={`${row.url}#ind-${i.id}`} safe>
                      {String(c.points)}
                    </a>
                  </td>
                ) : (
                  <td>不考核</td>
                );
              })}
              <td safe>{`${row.score}/${row.max_score}`}</td>
              <td>{row.deduction ? `-${row.deduction}` : "0"}</td>
              <td safe>{String(row.total)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function OrgScores(p: { view: OrgRunView; mayRecord: boolean }) {
  const v = p.view;
  return (
    <>
      {v.total ? (
        <p
          class="notice"
          safe
        >{`第${v.total.rank}名：指标得分 ${v.total.score}/${v.total.max_score}，问责扣分 ${v.total.deduction}，总分 ${v.total.total}。`}</p>
      ) : (
        ""
      )}
      {v.total?.deductions.length ? (
        <section aria-labelledby="h-deductions">
          <h2 id="h-deductions">问责扣分</h2>
          <ul>
            {v.total.deductions.map((d) => (
              <li>
                <a href={`/admin/accountability/${d.record_id}`} safe>
                  {`${d.decided_on} ${d.kind_label}，扣${d.points}分`}
                </a>
              </li>
            ))}
          </ul>
        </section>
      ) : (
        ""
      )}
      {v.scores.map((s) => (
        <section aria-labelledby={`ind-${s.indicator_id}-h`} id={`ind-${s.indicator_id}`}>
          <h2 id={`ind-${s.indicator_id}-h`} safe>{`${s.indicator.name}：${s.points}/${s.max_points}分`}</h2>
          <p safe>
            {s.denominator !== null
              ? `达标 ${s.numerator}/${s.denominator}（${pct(s.value)}）。${s.note && !/^\d+\/\d+$/.test(s.note) ? s.note : ""}`
              : (s.note ?? "")}
          </p>
          {s.evidence.length ? (
            <table>
              <caption safe>{`评分依据（${s.evidence.length}条）`}</caption>
              <thead>
                <tr>
                  <th scope="col">记录</th>
                  <th scope="col">结果</th>
                  <th scope="col">说明</th>
                </tr>
              </thead>
              <tbody>
                {s.evidence.map((e) => (
                  <tr>
                    <td>
                      <a href={e.url} safe>
                        {e.label}
                      </a>
                    </td>
                    <td>{e.ok === undefined ? "" : e.ok ? "达标" : <strong>未达标</strong>}</td>
                    <td safe>{e.note ?? ""}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            ""
          )}
          {p.mayRecord ? (
            <p>
              <a
                href={`/admin/accountability/new?org=${encodeURIComponent(v.org.code)}&subject=${encodeURIComponent(`${s.subject.type}:${s.subject.id}`)}`}
                safe
              >{`就此项登记问责（${s.indicator.name}）`}</a>
            </p>
          ) : (
            ""
          )}
        </section>
      ))}
      {v.accountability.length ? (
        <section aria-labelledby="h-acc">
          <h2 id="h-acc">关联的问责记录</h2>
          <ul>
            {v.accountability.map((a) => (
              <li>
                <a href={a.url} safe>
                  {`${a.decided_on} ${a.kind === "interview" ? "约谈整改" : "通报批评"}`}
                </a>
              </li>
            ))}
          </ul>
        </section>
      ) : (
        ""
      )}
    </>
  );
}
