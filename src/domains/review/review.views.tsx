import { Field } from "../../web/views/fields";
import { CsrfField } from "../../web/views/layout";
import { EXEMPTIONS, type FindingRow } from "./review.service";

const SEVERITY: Record<string, string> = { blocking: "禁止发布", error: "须处理", warning: "请核实" };
const STATUS: Record<string, string> = {
  open: "待处理",
  masked: "已去标识化",
  exempted: "已豁免",
  fixed: "已修改",
};

const sourceLabel = (source: string, attachments: Map<string, string>) =>
  source === "title"
    ? "标题"
    : source === "body"
      ? "正文"
      : `附件：${attachments.get(source.slice("attachment:".length)) ?? "已删除的附件"}`;

/** Splits text at code-point offsets so findings can be highlighted in place. */
function highlight(text: string, findings: FindingRow[]): Array<{ text: string; finding?: FindingRow }> {
  const chars = [...text];
  const out: Array<{ text: string; finding?: FindingRow }> = [];
  let pos = 0;
  for (const f of [...findings].sort((a, b) => a.start_at - b.start_at)) {
    if (f.start_at < pos || f.end_at > chars.length) continue;
    if (f.start_at > pos) out.push({ text: chars.slice(pos, f.start_at).join("") });
    out.push({ text: chars.slice(f.start_at, f.end_at).join(""), finding: f });
    pos = f.end_at;
  }
  if (pos < chars.length) out.push({ text: chars.slice(pos).join("") });
  return out;
}

export function ReviewPanel(p: {
  itemId: string;
  bodyText: string;
  findings: FindingRow[];
  attachments: Map<string, string>;
  csrf: string;
  canReview: boolean;
}) {
  const open = p.findings.filter((f) => f.status === "open");
  const stoppers = open.filter((f) => f.severity === "blocking" || f.severity === "error");
  const maskable = open.filter((f) => f.category === "pii" && f.severity === "error");
  const bodyOpen = open.filter((f) => f.source === "body");
  return (
    <section aria-labelledby="review-title" class="review-panel">
      <h2 id="review-title">保密审查意见</h2>
      {p.findings.length === 0 ? (
        <p class="notice ok">未发现个人信息、涉密标识或用语问题。</p>
      ) : stoppers.length ? (
        <p
          class="notice warn"
          safe
        >{`有 ${stoppers.length} 处问题须处理后方可通过审查（个人信息去标识化或说明豁免理由；涉密标识须退回修改）。`}</p>
      ) : (
        <p class="notice ok">没有待处理的阻止性问题。</p>
      )}
      {p.canReview && maskable.length ? (
        <form method="post" action={`/admin/items/${p.itemId}/review/mask`} class="stack">
          <CsrfField token={p.csrf} />
          <button type="submit" safe>{`一键去标识化（${maskable.length} 处个人信息）`}</button>
          <p class="hint">按默认规则处理标题、正文和附件文本；原件保存在内部档案中，不向公众提供。</p>
        </form>
      ) : (
        ""
      )}
      {p.canReview ? (
        <form method="post" action={`/admin/items/${p.itemId}/review/links`} class="stack">
          <CsrfField token={p.csrf} />
          <button type="submit" class="secondary">
            检查正文中的链接
          </button>
        </form>
      ) : (
        ""
      )}
      {bodyOpen.length ? (
        <div class="review-text" tabindex="0" role="region" aria-label="正文中标出的问题">
          {highlight(p.bodyText, bodyOpen).map((s) =>
            s.finding ? (
              <mark class={`sev-${s.finding.severity}`} title={s.finding.message} safe>
                {s.text}
              </mark>
            ) : (
              <span safe>{s.text}</span>
            ),
          )}
        </div>
      ) : (
        ""
      )}
      {p.findings.length ? (
        <div class="table-scroll" tabindex="0" role="region" aria-label="审查意见列表">
          <table>
            <caption class="visually-hidden">审查意见</caption>
            <thead>
              <tr>
                <th scope="col">位置</th>
                <th scope="col">问题</th>
                <th scope="col">原文</th>
                <th scope="col">建议</th>
                <th scope="col">级别</th>
                <th scope="col">状态</th>
                {p.canReview ? <th scope="col">豁免</th> : ""}
              </tr>
            </thead>
            <tbody>
              {p.findings.map((f) => (
                <tr>
                  <td safe>{sourceLabel(f.source, p.attachments)}</td>
                  <td safe>{f.message}</td>
                  <td class="mono" safe>
                    {f.text ?? "（已去标识化）"}
                  </td>
                  <td class="mono" safe>
                    {f.masked ?? f.suggestion ?? ""}
                  </td>
                  <td safe>{SEVERITY[f.severity] ?? f.severity}</td>
                  <td
                    safe
                  >{`${STATUS[f.status] ?? f.status}${f.decision ? `：${EXEMPTIONS[f.decision as keyof typeof EXEMPTIONS] ?? f.decision}（${f.decision_note ?? ""}）` : ""}`}</td>
                  {p.canReview ? (
                    <td>
                      {f.status === "open" && f.category === "pii" ? (
                        <form
                          method="post"
                          action={`/admin/items/${p.itemId}/review/findings/${f.id}/exempt`}
                          class="stack compact"
                        >
                          <CsrfField token={p.csrf} />
                          <Field
                            as="select"
                            id={`d-${f.id}`}
                            name="decision"
                            label="理由"
                            choices={Object.entries(EXEMPTIONS).map(([value, label]) => ({ value, label }))}
                          />
                          <Field id={`n-${f.id}`} name="note" label="依据" />
                          <button type="submit">豁免</button>
                        </form>
                      ) : (
                        ""
                      )}
                    </td>
                  ) : (
                    ""
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        ""
      )}
    </section>
  );
}
