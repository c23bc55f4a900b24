// The public consultation page's parts: period with days left, the draft, documents, approved comments
// (de-identified), the comment form, the feedback report and the link to the final policy.
import type { ErrorDetail } from "../../platform/errors";
import { LANG_PREFIX, type Lang, translator } from "../../web/i18n";
import { Field } from "../../web/views/fields";
import { HumanCheckFields } from "../../web/views/human-check";
import { CsrfField, ErrorSummary } from "../../web/views/layout";
import { groupByDecision } from "./consultation.comments";
import { documentUrl, type PublicView } from "./consultation.present";
import { type ConsultationKey, consultationText } from "./consultation.text";

export type CommentValues = Record<string, string | undefined>;

const size = (n: number) =>
  n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(n / 1024)} KB`;

export function statusKey(v: { accepting: boolean; status: string; notStarted?: boolean }): ConsultationKey {
  if (v.status === "reported") return "status_reported";
  return v.accepting || v.notStarted ? "status_open" : "status_closed";
}

export function PeriodLine(p: { lang: Lang; v: PublicView }) {
  const x = consultationText(p.lang);
  const { v } = p;
  const left = v.notStarted
    ? x("not_started", { start: v.row.start_on })
    : v.daysLeft === null
      ? x("ended")
      : v.daysLeft === 0
        ? x("last_day")
        : x("days_left", { days: v.daysLeft });
  return (
    <dl class="meta-table">
      <dt safe>{x("org")}</dt>
      <dd safe>{v.org.name}</dd>
      <dt safe>{x("period")}</dt>
      <dd>
        <span safe>{x("period_range", { start: v.row.start_on, end: v.row.end_on, days: v.days })}</span>{" "}
        <strong class="tag" safe>
          {left}
        </strong>
      </dd>
      {v.row.major === 1 ? (
        <>
          <dt safe>{x("major")}</dt>
          <dd>✓</dd>
        </>
      ) : (
        ""
      )}
      {v.row.short_reason ? (
        <>
          <dt safe>{x("short_reason")}</dt>
          <dd safe>{v.row.short_reason}</dd>
        </>
      ) : (
        ""
      )}
      {v.row.close_note ? (
        <>
          <dt safe>{x("close_note")}</dt>
          <dd safe>{v.row.close_note}</dd>
        </>
      ) : (
        ""
      )}
    </dl>
  );
}

export function Documents(p: { lang: Lang; v: PublicView }) {
  const x = consultationText(p.lang);
  if (!p.v.documents.length) return "";
  return (
    <section aria-labelledby="documents-title">
      <h2 id="documents-title" safe>
        {x("documents")}
      </h2>
      <ul>
        {p.v.documents.map((d) => (
          <li>
            <a href={documentUrl(d, LANG_PREFIX[p.lang])} safe>
              {d.filename}
            </a>{" "}
            <span class="meta" safe>
              {size(d.size)}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function Comments(p: { lang: Lang; v: PublicView }) {
  const x = consultationText(p.lang);
  return (
    <section aria-labelledby="comments-title">
      <h2 id="comments-title" safe>
        {x("comments")}
      </h2>
      {p.v.comments.length === 0 ? (
        <p safe>{x("no_comments")}</p>
      ) : (
        <ol class="comments">
          {p.v.comments.map((c) => (
            <li id={`comment-${c.number}`}>
              <p class="meta">
                <span safe>{x("comment_number", { number: c.number })}</span>{" "}
                <span safe>{c.name ?? x("anonymous")}</span>
              </p>
              <p class="comment-text" safe>
                {c.text}
              </p>
              {c.decision ? (
                <p>
                  <strong
                    safe
                  >{`${x("decision")}：${x(`decision_${c.decision}` as ConsultationKey)}`}</strong>{" "}
                  <span safe>{`${x("reason")}：${c.decision_reason ?? ""}`}</span>
                </p>
              ) : (
                ""
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

export function Report(p: { lang: Lang; v: PublicView }) {
  const x = consultationText(p.lang);
  if (!p.v.report) return "";
  return (
    <section aria-labelledby="report-title" id="report">
      <h2 id="report-title" safe>
        {x("report")}
      </h2>
      <p class="report-summary" safe>
        {p.v.report.summary}
      </p>
      <ReportGroups lang={p.lang} v={p.v} />
    </section>
  );
}

/** The approved comments under each decision, with the reason given for each (art. 29, 32). */
function ReportGroups(p: { lang: Lang; v: PublicView }) {
  const x = consultationText(p.lang);
  const counts = p.v.report?.counts;
  if (!counts) return "";
  const total = counts.adopted + counts.partly + counts.not_adopted;
  return (
    <>
      <p safe>{x("report_counts", { total, ...counts })}</p>
      {groupByDecision(p.v.comments).map((g) => (
        <section aria-labelledby={`report-${g.decision}`}>
          <h3 id={`report-${g.decision}`} safe>
            {x("report_group", {
              decision: x(`decision_${g.decision}` as ConsultationKey),
              count: g.comments.length,
            })}
          </h3>
          {g.comments.length === 0 ? (
            <p safe>{x("report_none")}</p>
          ) : (
            <ul class="report-group">
              {g.comments.map((c) => (
                <li>
                  <a href={`#comment-${c.number}`} safe>
                    {x("comment_number", { number: c.number })}
                  </a>{" "}
                  <span safe>{`${x("reason")}：${c.decision_reason ?? ""}`}</span>
                </li>
              ))}
            </ul>
          )}
        </section>
      ))}
    </>
  );
}

export function CommentForm(p: {
  lang: Lang;
  id: string;
  csrf: string;
  values: CommentValues;
  problems: readonly ErrorDetail[];
  question: string;
  token: string;
}) {
  const x = consultationText(p.lang);
  const v = p.values;
  return (
    <section aria-labelledby="form-title">
      <h2 id="form-title" safe>
        {x("form_title")}
      </h2>
      <p safe>{x("form_intro")}</p>
      <ErrorSummary title={x("errors")} problems={[...p.problems]} />
      <form
        method="post"
        action={`${LANG_PREFIX[p.lang]}/hd/consultations/${p.id}/comments`}
        class="stack"
        novalidate
      >
        <CsrfField token={p.csrf} />
        <Field
          name="body"
          as="textarea"
          rows={6}
          label={x("body")}
          required
          requiredMark={translator(p.lang)("form.required_mark")}
          value={v.body}
          problems={p.problems}
          maxlength={5000}
        />
        <Field
          name="name"
          label={x("name")}
          value={v.name}
          autocomplete="name"
          problems={p.problems}
          maxlength={40}
        />
        <Field
          name="phone"
          type="tel"
          label={x("phone")}
          value={v.phone}
          autocomplete="tel"
          inputmode="tel"
          problems={p.problems}
          maxlength={30}
        />
        <Field
          name="email"
          type="email"
          label={x("email")}
          value={v.email}
          autocomplete="email"
          problems={p.problems}
          maxlength={120}
        />
        <HumanCheckFields
          token={p.token}
          label={x("check", { question: p.question })}
          problems={p.problems}
        />
        <button type="submit" safe>
          {x("submit")}
        </button>
      </form>
    </section>
  );
}
