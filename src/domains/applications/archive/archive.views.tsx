// Back-office views of the public archive (申请公开答复选登): the section on the application's page with the
// de-identified preview and the publish / withdraw forms, and the list of entries.
import type { ErrorDetail } from "../../../platform/errors";
import type { Total } from "../../../platform/paging";
import { formatShanghai } from "../../../platform/time";
import { Field } from "../../../web/views/fields";
import { CsrfField, ErrorSummary } from "../../../web/views/layout";
import type { SuggestionRow } from "./archive.repo";
import {
  APPLICANT_TYPE_LABELS,
  type ArchiveRow,
  MAX_REASON,
  MAX_SUMMARY,
  outcomeLabel,
} from "./archive.service";
import { MAX_SUGGESTION } from "./repeats.service";

export const archiveAdminUrl = (applicationId: string) => `/admin/applications/${applicationId}/archive`;

export interface ArchivePanel {
  id: string;
  status: string;
  entry?: ArchiveRow;
  /** The description masked by the review engine: the publish form's starting text. */
  preview: string;
  /** Art. 44 para. 2: the applicant's suggestion, once recorded. */
  suggestion?: SuggestionRow;
}

export interface ArchiveFormState {
  values: { summary?: string; reply_summary?: string; reason?: string; suggestion?: string };
  problems: ErrorDetail[];
  /** Which form was refused. */
  form: "publish" | "withdraw" | "suggest";
}

const STATUS_TEXT: Record<string, string> = { published: "已公开", withdrawn: "已撤下" };

/** The publish (or edit) form: the summary starts as the de-identified description. */
export function ArchivePublishForm(p: { panel: ArchivePanel; csrf: string; state?: ArchiveFormState }) {
  const s = p.state?.form === "publish" ? p.state : undefined;
  const entry = p.panel.entry;
  const live = entry?.status === "published";
  const summary = s?.values.summary ?? (live ? entry!.summary : p.panel.preview);
  const replySummary = s?.values.reply_summary ?? (live ? (entry!.reply_summary ?? "") : "");
  return (
    <form method="post" action={archiveAdminUrl(p.panel.id)} class="stack archive-publish">
      <CsrfField token={p.csrf} />
      <ErrorSummary title="未发布：" problems={s?.problems ?? []} />
      <Field
        as="textarea"
        name="summary"
        label="申请内容摘要（公开）"
        hint="已按申请描述自动去标识化（姓名、身份证号、电话、电子邮箱、住址等）。请核对并改写为概括性的表述；保存前会再次检查，仍含个人信息的不能发布。申请人的姓名、证件号码、联系方式、地址和查询码一律不公开，只公开申请人类型。"
        required
        rows={5}
        maxlength={MAX_SUMMARY}
        value={summary}
        problems={s?.problems}
      />
      <Field
        as="textarea"
        name="reply_summary"
        label="答复摘要（公开，选填）"
        rows={3}
        maxlength={MAX_SUMMARY}
        value={replySummary}
        problems={s?.problems}
      />
      <button type="submit" id="archive-submit">
        {live ? "保存修改" : "发布到答复选登"}
      </button>
    </form>
  );
}

export function ArchiveWithdrawForm(p: { id: string; csrf: string; state?: ArchiveFormState }) {
  const s = p.state?.form === "withdraw" ? p.state : undefined;
  return (
    <form method="post" action={`${archiveAdminUrl(p.id)}/withdraw`} class="stack archive-withdraw">
      <CsrfField token={p.csrf} />
      <ErrorSummary title="未撤下：" problems={s?.problems ?? []} />
      <Field
        name="reason"
        label="撤下理由"
        required
        maxlength={MAX_REASON}
        value={s?.values.reason}
        problems={s?.problems}
      />
      <button type="submit" class="danger" id="archive-withdraw">
        撤下
      </button>
    </form>
  );
}

/**
 * On the application's page, for handlers: "公开选登", shown once the application is replied (or when it has
 * an entry): the state of the entry, the publish form and, while published, the withdraw form. Then the
 * applicant's Art. 44 para. 2 suggestion, at any stage but merged.
 */
/** Art. 44 para. 2: the applicant's suggestion to disclose proactively, recorded by the office. */
export function SuggestionSection(p: { panel: ArchivePanel; csrf: string; state?: ArchiveFormState }) {
  const s = p.state?.form === "suggest" ? p.state : undefined;
  const sug = p.panel.suggestion;
  return (
    <section aria-labelledby="suggestion-title">
      <h2 id="suggestion-title">申请人建议纳入主动公开</h2>
      {sug ? (
        <p>
          <span safe>{`${formatShanghai(sug.recorded_at)} 已记录，理由：${sug.reason}`}</span>{" "}
          <a href="/admin/applications/repeated">见“多次申请的政府信息”</a>
        </p>
      ) : (
        <form method="post" action={`${archiveAdminUrl(p.panel.id)}/suggestion`} class="stack">
          <CsrfField token={p.csrf} />
          <ErrorSummary title="未记录：" problems={s?.problems ?? []} />
          <Field
            as="textarea"
            name="suggestion"
            label="申请人认为涉及公众利益调整、需要公众广泛知晓或者需要公众参与决策的理由"
            hint="《政府信息公开条例》第四十四条第二款：申请人可以建议将所申请的信息纳入主动公开的范围。记录后，该申请列入“多次申请的政府信息”，由本机关决定是否纳入。"
            required
            rows={2}
            maxlength={MAX_SUGGESTION}
            value={s?.values.suggestion}
            problems={s?.problems}
          />
          <button type="submit" id="suggestion-submit">
            记录申请人的建议
          </button>
        </form>
      )}
    </section>
  );
}

export function ArchiveSection(p: {
  panel: ArchivePanel;
  csrf: string;
  handles: boolean;
  state?: ArchiveFormState;
}) {
  if (!p.handles) return "";
  const archivable = p.panel.status === "replied" || !!p.panel.entry;
  return (
    <>
      {archivable ? <ArchiveState panel={p.panel} csrf={p.csrf} state={p.state} /> : ""}
      {p.panel.status !== "merged" || p.panel.suggestion ? (
        <SuggestionSection panel={p.panel} csrf={p.csrf} state={p.state} />
      ) : (
        ""
      )}
    </>
  );
}

function ArchiveState(p: { panel: ArchivePanel; csrf: string; state?: ArchiveFormState }) {
  const entry = p.panel.entry;
  return (
    <section aria-labelledby="archive-title">
      <h2 id="archive-title">公开选登</h2>
      {entry ? (
        <p>
          <span safe>{`${STATUS_TEXT[entry.status] ?? entry.status}：`}</span>
          {entry.status === "published" ? (
            <a href={`/hd/archive/${entry.id}`} safe>
              {`${formatShanghai(entry.published_at)} 发布`}
            </a>
          ) : (
            <span
              safe
            >{`${formatShanghai(entry.withdrawn_at ?? entry.updated_at)} 撤下，理由：${entry.withdraw_reason ?? ""}`}</span>
          )}
        </p>
      ) : (
        <p>可将本申请去标识化后选登到网站“申请公开答复选登”栏目，供公众查阅。</p>
      )}
      {p.panel.status === "replied" ? (
        <ArchivePublishForm panel={p.panel} csrf={p.csrf} state={p.state} />
      ) : (
        ""
      )}
      {entry?.status === "published" ? (
        <ArchiveWithdrawForm id={p.panel.id} csrf={p.csrf} state={p.state} />
      ) : (
        ""
      )}
    </section>
  );
}

/** Back office: every entry of the site, published and withdrawn. */
export function AdminArchiveList(p: { rows: ArchiveRow[]; total: Total; status?: string }) {
  return (
    <>
      <nav class="tabs" aria-label="选登状态">
        <ul>
          {(
            [
              ["", "全部"],
              ["published", "已公开"],
              ["withdrawn", "已撤下"],
            ] as const
          ).map(([v, label]) => (
            <li>
              <a
                href={v ? `/admin/applications/archive?status=${v}` : "/admin/applications/archive"}
                aria-current={(p.status ?? "") === v ? "page" : undefined}
              >
                {label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <p class="meta" safe>{`共 ${p.total.n} 条${p.total.capped ? "以上" : ""}`}</p>
      {p.rows.length === 0 ? (
        <p>暂无选登的答复。在已答复申请的页面中可选择“公开选登”。</p>
      ) : (
        <div class="table-scroll" tabindex="0" role="region" aria-label="申请公开答复选登">
          <table>
            <caption class="visually-hidden">申请公开答复选登</caption>
            <thead>
              <tr>
                <th scope="col">申请内容摘要</th>
                <th scope="col">申请人类型</th>
                <th scope="col">答复日期</th>
                <th scope="col">答复结果</th>
                <th scope="col">状态</th>
                <th scope="col">申请</th>
              </tr>
            </thead>
            <tbody>
              {p.rows.map((r) => (
                <tr>
                  <td>
                    {r.status === "published" ? (
                      <a href={`/hd/archive/${r.id}`} safe>
                        {clip(r.summary)}
                      </a>
                    ) : (
                      <span safe>{clip(r.summary)}</span>
                    )}
                  </td>
                  <td safe>{APPLICANT_TYPE_LABELS[r.applicant_type] ?? r.applicant_type}</td>
                  <td safe>{r.replied_on}</td>
                  <td safe>{outcomeLabel(r.outcome)}</td>
                  <td>
                    <span safe>{STATUS_TEXT[r.status] ?? r.status}</span>
                    {r.status === "withdrawn" ? (
                      <span class="meta" safe>{`（${r.withdraw_reason ?? ""}）`}</span>
                    ) : (
                      ""
                    )}
                  </td>
                  <td>
                    <a href={`/admin/applications/${r.application_id}`}>查看</a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

export const clip = (s: string, n = 60) => (s.length > n ? `${s.slice(0, n)}…` : s);
