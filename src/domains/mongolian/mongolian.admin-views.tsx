// The 蒙古文版本 page of an item in the back office: the approved translation, the revision being drafted or
// reviewed with its form and the review's buttons (read from MN_WORKFLOW), and every revision.
import type { ErrorDetail } from "../../platform/errors";
import { formatShanghai } from "../../platform/time";
import { Field } from "../../web/views/fields";
import { CsrfField, ErrorSummary } from "../../web/views/layout";
import type { CurrentUser } from "../accounts";
import { MN_STATUS_LABELS, type MnAction } from "./mongolian.schemas";
import type { MnState } from "./mongolian.service";
import type { MnStatus } from "./mongolian.tables";
import { MN_WORKFLOW } from "./mongolian.workflow";

export const statusLabel = (s: string) => MN_STATUS_LABELS[s as MnStatus] ?? s;
export const pageUrl = (id: string) => `/admin/items/${id}/mn`;

/** Where a subject's Mongolian editor is and the back-office page of the Chinese it translates. */
export interface EditorPaths {
  editor(id: string): string;
  back(id: string): string;
}
export const ITEM_PATHS: EditorPaths = { editor: pageUrl, back: (id) => `/admin/items/${id}` };
export const CATALOG_PATHS: EditorPaths = {
  editor: (id) => `/admin/catalog/nodes/${id}/mn`,
  back: (id) => `/admin/catalog/nodes/${id}`,
};

/** What a subject is, in the back office (信息, 目录栏目, or a later domain's label). */
export const subjectLabel = (s: { type: string; kind?: { label: string } }) =>
  s.kind?.label ?? (s.type === "catalog_node" ? "目录栏目" : "信息");

export function MnPage(p: {
  state: MnState;
  paths: EditorPaths;
  user: CurrentUser;
  mayDraft: boolean;
  offered: MnAction[];
  csrf: string;
  problems: ErrorDetail[];
  values?: Record<string, string | undefined>;
}) {
  const { state } = p;
  const s = state.subject;
  const open = state.open;
  const editable = p.mayDraft && open?.status !== "submitted";
  // Sanitised when saved (publishing's rich-text rules), so shown as HTML.
  const safeDraftHtml = open?.body_html ?? "";
  const v = {
    title: p.values?.title ?? open?.title ?? state.approved?.title ?? "",
    summary: p.values?.summary ?? open?.summary ?? state.approved?.summary ?? "",
    body: p.values?.body ?? open?.body_html ?? state.approved?.body_html ?? "",
  };
  return (
    <>
      <ErrorSummary title="蒙古文版本未能保存，请修改以下问题：" problems={p.problems} />
      <p>
        <a href={p.paths.back(s.id)} safe>{`返回${subjectLabel(s)}：${s.chineseTitle}`}</a>
      </p>
      <section aria-labelledby="mn-approved">
        <h2 id="mn-approved">已审核的蒙古文版本</h2>
        {state.approved ? (
          <>
            <p
              safe
            >{`第 ${state.approved.revision} 稿，译自中文第 ${state.approved.source_version ?? "—"} 版，${formatShanghai(state.approved.approved_at ?? state.approved.updated_at)} 审核通过。`}</p>
            {state.outdated ? (
              <p class="notice warn" role="note">
                中文内容在翻译后已修改：门户上的蒙古文版本已标注“译文所依据的中文已更新”。请按最新中文更新译文并提交审核。
              </p>
            ) : (
              ""
            )}
            <div class="mn-preview" lang="mn-Mong">
              <p class="mn-preview-title" safe>
                {state.approved.title}
              </p>
            </div>
          </>
        ) : (
          <p>尚无已审核的蒙古文版本：蒙古文门户显示中文原文，并注明暂无蒙古文版本。</p>
        )}
      </section>
      <section aria-labelledby="mn-draft">
        <h2 id="mn-draft">
          {open ? `正在办理：第 ${open.revision} 稿（${statusLabel(open.status)}）` : "起草蒙古文版本"}
        </h2>
        {open?.last_note ? <p class="notice" role="note" safe>{`审核意见：${open.last_note}`}</p> : ""}
        {open && open.source_sha256 !== s.sourceSha ? (
          <p class="notice warn" role="note">
            此稿保存后中文内容又有修改，请对照最新中文修改译文后再保存。
          </p>
        ) : (
          ""
        )}
        {editable ? (
          <form method="post" action={p.paths.editor(s.id)} class="stack" novalidate>
            <CsrfField token={p.csrf} />
            <Field
              name="title"
              label={s.hasBody ? "蒙古文标题" : "蒙古文名称"}
              required
              value={v.title}
              lang="mn-Mong"
              problems={p.problems}
            />
            {/* A catalogue column's translation is its name alone. */}
            {s.hasBody ? (
              <>
                <Field
                  as="textarea"
                  name="summary"
                  label="蒙古文摘要（可选）"
                  rows={3}
                  lang="mn-Mong"
                  value={v.summary}
                  problems={p.problems}
                />
                <Field
                  as="textarea"
                  name="body"
                  label="蒙古文正文"
                  hint="用传统蒙古文书写；可使用与中文正文相同的格式（段落、标题、列表、表格）。"
                  required
                  rows={12}
                  lang="mn-Mong"
                  value={v.body}
                  problems={p.problems}
                />
              </>
            ) : (
              ""
            )}
            <button type="submit">保存蒙古文草稿</button>
          </form>
        ) : open ? (
          <div class="mn-preview" lang="mn-Mong">
            <p class="mn-preview-title" safe>
              {open.title}
            </p>
            <div class="mn-preview-body">{safeDraftHtml}</div>
          </div>
        ) : (
          <p>您的角色不能起草蒙古文版本。</p>
        )}
        {p.offered.map((a) => (
          <form method="post" action={`${p.paths.editor(s.id)}/actions`} class="stack inline-action">
            <CsrfField token={p.csrf} />
            <input type="hidden" name="action" value={a} />
            {a === "reject" ? (
              <Field name="note" label="退回原因" required value={p.values?.note} problems={p.problems} />
            ) : (
              ""
            )}
            <button type="submit" class={a === "reject" ? "danger" : undefined} safe>
              {MN_WORKFLOW[a].label}
            </button>
          </form>
        ))}
      </section>
      <section aria-labelledby="mn-history">
        <h2 id="mn-history">历次译稿</h2>
        <div class="table-scroll" tabindex="0" role="region" aria-label="历次译稿">
          <table>
            <caption class="visually-hidden">历次译稿</caption>
            <thead>
              <tr>
                <th scope="col">稿次</th>
                <th scope="col">状态</th>
                <th scope="col">所译中文版本</th>
                <th scope="col">更新时间</th>
              </tr>
            </thead>
            <tbody>
              {state.revisions.map((r) => (
                <tr>
                  <td safe>{`第 ${r.revision} 稿`}</td>
                  <td safe>{statusLabel(r.status)}</td>
                  <td>{r.source_version ? `第 ${r.source_version} 版` : "—"}</td>
                  <td safe>{formatShanghai(r.updated_at)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}
