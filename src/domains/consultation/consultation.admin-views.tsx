// Back-office views of consultations: the new-consultation form, the actions the step table offers, the
// moderation queue and the feedback report form. Every field through the shared Field component.
import type { ErrorDetail } from "../../platform/errors";
import { ACCEPTED_EXTENSIONS } from "../../platform/files";
import { Field } from "../../web/views/fields";
import { CsrfField, ErrorSummary } from "../../web/views/layout";
import { DECISION_LABELS, DECISIONS, groupByDecision } from "./consultation.comments";
import { MAX_DOCUMENT_BYTES, MAX_DOCUMENTS } from "./consultation.documents";
import type { CommentRow, ConsultationRow } from "./consultation.repo";
import { STEPS, type StepAction } from "./consultation.steps";

type Values = Record<string, string | undefined>;

/** The draft's fields: a new consultation, or (with `action` and `submit`) the edit of a draft. */
export function NewConsultationForm(p: {
  csrf: string;
  values: Values;
  problems: readonly ErrorDetail[];
  action?: string;
  submit?: string;
}) {
  const v = p.values;
  return (
    <>
      <ErrorSummary title="征求意见未保存，请修改：" problems={[...p.problems]} />
      <form method="post" action={p.action ?? "/admin/consultations/new"} class="stack" novalidate>
        <CsrfField token={p.csrf} />
        <Field name="title" label="标题" required value={v.title} problems={p.problems} maxlength={200} />
        <Field
          name="draft"
          as="textarea"
          rows={12}
          label="征求意见稿正文"
          hint="可粘贴带格式的文本；每段一行。"
          required
          value={v.draft}
          problems={p.problems}
        />
        <Field
          name="major"
          as="checkboxes"
          label="决策类型"
          values={v.major === "yes" ? ["yes"] : []}
          choices={[{ value: "yes", label: "重大行政决策（征求意见期限一般不少于30日）" }]}
          problems={p.problems}
        />
        <Field
          name="start_on"
          type="date"
          label="开始日期"
          required
          value={v.start_on}
          problems={p.problems}
        />
        <Field
          name="end_on"
          type="date"
          label="截止日期"
          hint="期限按日计算，开始当日不计入。"
          required
          value={v.end_on}
          problems={p.problems}
        />
        <Field
          name="short_reason"
          as="textarea"
          rows={3}
          label="期限少于30日的理由"
          hint="重大行政决策征求意见期限少于30日的，须说明理由，并向社会公布（《重大行政决策程序暂行条例》第十五条）。"
          value={v.short_reason}
          problems={p.problems}
        />
        <button type="submit" safe>
          {p.submit ?? "保存草稿"}
        </button>
      </form>
    </>
  );
}

const NEEDS_NOTE: Partial<Record<StepAction, string>> = {
  reject: "退回原因",
  reject_report: "退回原因",
  close: "提前结束的原因（在截止日期前结束时必填，将向社会公布）",
};

export function StepForms(p: {
  id: string;
  csrf: string;
  actions: StepAction[];
  problems: readonly ErrorDetail[];
}) {
  if (!p.actions.length) return "";
  return (
    <section aria-labelledby="actions-title">
      <h2 id="actions-title">办理</h2>
      {p.actions.map((a) => (
        <form method="post" action={`/admin/consultations/${p.id}/actions`} class="stack step-form">
          <CsrfField token={p.csrf} />
          <input type="hidden" name="action" value={a} />
          {NEEDS_NOTE[a] ? (
            <Field
              name="note"
              id={`note-${a}`}
              as="textarea"
              rows={2}
              label={NEEDS_NOTE[a]!}
              problems={p.problems}
            />
          ) : (
            ""
          )}
          {a === "link_policy" ? (
            <Field
              name="item_id"
              id="item_id"
              label="正式政策文件的信息编号（ID）"
              hint="已发布的政策文件；其公开页面将链接回本征求意见。"
              problems={p.problems}
            />
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

export function DocumentUploadForm(p: { id: string; csrf: string; problems: readonly ErrorDetail[] }) {
  return (
    <form
      method="post"
      action={`/admin/consultations/${p.id}/documents`}
      enctype="multipart/form-data"
      class="stack"
    >
      <CsrfField token={p.csrf} />
      <ErrorSummary title="文件未上传：" problems={[...p.problems]} />
      <Field
        name="file"
        type="file"
        multiple
        required
        label="上传相关文件"
        hint={`支持 ${ACCEPTED_EXTENSIONS.join("、")}；每个文件不超过 ${MAX_DOCUMENT_BYTES / 1024 / 1024} MB，最多 ${MAX_DOCUMENTS} 个。`}
        problems={p.problems}
      />
      <button type="submit">上传</button>
    </form>
  );
}

const COMMENT_STATUS: Record<CommentRow["status"], string> = {
  pending: "待审核",
  approved: "已公开",
  hidden: "不予显示",
};

export function ModerationList(p: {
  id: string;
  csrf: string;
  comments: readonly CommentRow[];
  mayModerate: boolean;
  problems: readonly ErrorDetail[];
}) {
  return (
    <section aria-labelledby="comments-title">
      <h2 id="comments-title" safe>{`公众意见（${p.comments.length} 条）`}</h2>
      {p.comments.length === 0 ? <p>尚未收到意见。</p> : ""}
      <ol class="comments">
        {p.comments.map((c) => (
          <li id={`comment-${c.number}`}>
            <p class="meta" safe>
              {`第${c.number}条 · ${c.name ?? "匿名"} · ${COMMENT_STATUS[c.status]}${c.moderation_reason ? `（${c.moderation_reason}）` : ""}`}
            </p>
            <p class="comment-text" safe>
              {c.body}
            </p>
            {c.public_text ? (
              <p class="hint" safe>
                {`公开文本：${c.public_text}`}
              </p>
            ) : (
              ""
            )}
            {p.mayModerate ? (
              <form method="post" action={`/admin/consultations/${p.id}/comments/${c.id}`} class="stack">
                <CsrfField token={p.csrf} />
                <Field
                  name="reason"
                  id={`reason-${c.number}`}
                  label="不予显示的理由"
                  hint="选择“不予显示”时必填。"
                  problems={p.problems}
                />
                <button type="submit" name="decision" value="approve">
                  通过并公开
                </button>{" "}
                <button type="submit" name="decision" value="hide" class="danger">
                  不予显示
                </button>
              </form>
            ) : (
              ""
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}

export function ReportForm(p: {
  row: ConsultationRow;
  csrf: string;
  approved: readonly CommentRow[];
  values: Values;
  problems: readonly ErrorDetail[];
}) {
  const v = p.values;
  const choices = DECISIONS.map((d) => ({ value: d, label: DECISION_LABELS[d] }));
  return (
    <section aria-labelledby="report-title">
      <h2 id="report-title">意见采纳情况反馈报告</h2>
      <ErrorSummary title="反馈报告未保存，请修改：" problems={[...p.problems]} />
      <form method="post" action={`/admin/consultations/${p.row.id}/report`} class="stack" novalidate>
        <CsrfField token={p.csrf} />
        <Field
          name="summary"
          as="textarea"
          rows={6}
          label="采纳情况说明"
          hint="征求意见的总体情况、意见的主要内容和采纳情况，以及对未采纳意见的说明。"
          required
          value={v.summary ?? p.row.report_summary ?? ""}
          problems={p.problems}
        />
        {p.approved.map((c) => (
          <fieldset>
            <legend safe>{`第${c.number}条意见`}</legend>
            <p class="hint" safe>
              {c.public_text ?? ""}
            </p>
            <Field
              name={`decision_${c.id}`}
              id={`decision_${c.number}`}
              field={`decision_${c.number}`}
              as="select"
              label="采纳情况"
              blank="请选择"
              required
              choices={choices}
              value={v[`decision_${c.id}`] ?? c.decision ?? ""}
              problems={p.problems}
            />
            <Field
              name={`reason_${c.id}`}
              id={`reason_${c.number}`}
              field={`reason_${c.number}`}
              as="textarea"
              rows={2}
              label="理由"
              required
              value={v[`reason_${c.id}`] ?? c.decision_reason ?? ""}
              problems={p.problems}
            />
          </fieldset>
        ))}
        <button type="submit">保存反馈报告</button>
      </form>
    </section>
  );
}

/** The saved report's comments under each decision (adopted, partly, not adopted), with their reasons. */
export function ReportGroups(p: { comments: readonly CommentRow[] }) {
  return (
    <>
      {groupByDecision(p.comments).map((g) => (
        <section aria-labelledby={`report-${g.decision}`}>
          <h3
            id={`report-${g.decision}`}
            safe
          >{`${DECISION_LABELS[g.decision]}（${g.comments.length}条）`}</h3>
          {g.comments.length === 0 ? (
            <p>无。</p>
          ) : (
            <ul>
              {g.comments.map((c) => (
                <li>
                  <a href={`#comment-${c.number}`} safe>{`第${c.number}条`}</a>{" "}
                  <span safe>{`理由：${c.decision_reason ?? ""}`}</span>
                </li>
              ))}
            </ul>
          )}
        </section>
      ))}
    </>
  );
}
