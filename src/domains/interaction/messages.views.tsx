// Public views of messages (互动交流): the message form, the error-report form (我为政府网站找错), the code and
// secret shown once, the tracking page with its rating form, and the published questions and answers.
// Every text a person typed is rendered escaped (`safe`); texts come from the i18n catalogs.

import { Type } from "@sinclair/typebox";
import type { AppError, ErrorDetail } from "../../platform/errors";
import { publicFormProblems } from "../../platform/tracking";
import { lengthProblems } from "../../web/form-limits";
import { hasTranslation, langFromPath, type MessageKey, type Translate } from "../../web/i18n";
import { type Choice, Field } from "../../web/views/fields";
import { CsrfField, ErrorSummary } from "../../web/views/layout";
import { provisionalDueNote } from "../calendar";
import {
  ERROR_KINDS,
  ErrorReportBody,
  MESSAGE_TYPES,
  MessageBody,
  RATING_LABELS,
  RATINGS,
} from "./interaction.schemas";

export type Values = Record<string, string | undefined>;

/** What the tracking page shows (trackMessage's result). */
export interface TrackView {
  tracking_code: string;
  type: string;
  title: string;
  body: string;
  status: string;
  status_label: string;
  received_on: string | null;
  due_on: string | null;
  due_on_provisional: boolean;
  steps: Array<{ on: string; action?: string; label: string; text: string }>;
  reply: { body: string; on: string } | null;
  rating: string | null;
  follow_up: string | null;
  can_rate: boolean;
  can_follow_up: boolean;
  page_url: string | null;
  error_kind: string | null;
}

/** The catalog's text for `key` on a page in another language than Chinese, else the stored Chinese text. */
function localLabel(prefix: string, t: Translate, key: string, chinese: string): string {
  const lang = langFromPath(`${prefix}/`);
  return lang !== "zh-CN" && hasTranslation(lang, key as MessageKey) ? t(key as MessageKey) : chinese;
}

/**
 * A tracking step as the asker reads it: the stored Chinese text on Chinese pages; elsewhere the catalog's
 * sentence for the step (the rating named in that language, the asker's own follow-up kept as typed).
 */
function stepText(prefix: string, t: Translate, x: { action?: string; label: string; text: string }): string {
  const chinese = x.text || x.label;
  const lang = langFromPath(`${prefix}/`);
  const key = `msg.step.${x.action}` as MessageKey;
  if (lang === "zh-CN" || !x.action || !hasTranslation(lang, key)) return chinese;
  if (x.action === "follow_up") return t(key, { text: x.text.replace(/^追问：/, "") });
  if (x.action === "rate") {
    // "评价：不满意。": the longest label first (不满意 and 基本满意 contain 满意).
    const rating = (["unsatisfied", "basic", "satisfied"] as const).find((r) =>
      x.text.includes(RATING_LABELS[r]),
    );
    return rating ? t(key, { rating: t(`msg.rating.${rating}`) }) : chinese;
  }
  return t(key);
}

/** A published question and answer (listPublishedQa's item): de-identified texts only. */
export interface QaView {
  id: string;
  type: string;
  title: string;
  question: string;
  answer: string;
  org_name: string | null;
  asked_on: string;
  answered_on: string | null;
}

/**
 * The body of a public form: named strings (the CSRF token, the human check and the fields). The cap is
 * generous: the fields' own limits are those of the API (formLengthProblems), named on the form again.
 */
export const PublicFormBody = Type.Record(Type.String({ maxLength: 40 }), Type.String({ maxLength: 50_000 }));

/** The "too long" message of a form, in the page's language. */
export const tooLongIn =
  (t: Translate) =>
  (label: string, max: number, count: number): string =>
    t("form.too_long", { label, max, count });

/** Fields of the message form longer than the API allows (MessageBody), and a made-up "public" choice. */
export function messageFormProblems(t: Translate, v: Values): ErrorDetail[] {
  const out = lengthProblems(
    MessageBody,
    v,
    {
      title: t("msg.f_title"),
      body: t("msg.f_body"),
      name: t("msg.f_name"),
      phone: t("msg.f_phone"),
      email: t("msg.f_email"),
    },
    tooLongIn(t),
  );
  if (v.public !== undefined && v.public !== "yes" && v.public !== "no")
    out.push({
      field: "public",
      code: "invalid_choice",
      message: t("form.invalid_choice", { label: t("msg.f_public") }),
    });
  return out;
}

/** Fields of the error-report form longer than the API allows (ErrorReportBody). */
export function errorReportFormProblems(t: Translate, v: Values): ErrorDetail[] {
  return lengthProblems(
    ErrorReportBody,
    v,
    { page_url: t("errrep.f_page"), description: t("errrep.f_description"), contact: t("errrep.f_contact") },
    tooLongIn(t),
  );
}

/** The human check and the honeypot of a public form: the problems they raise, in the page's language. */
export function humanCheckProblems(secretKey: Buffer, now: number, t: Translate, v: Values): ErrorDetail[] {
  return publicFormProblems(secretKey, now, v, t("msg.check_failed"));
}

/** The message form's values as createMessage's input (the office's form adds channel and date). */
export function messageInputOf(v: Values) {
  return {
    type: v.type as never,
    title: v.title ?? "",
    body: v.body ?? "",
    name: v.name ?? "",
    phone: v.phone?.trim() || undefined,
    email: v.email?.trim() || undefined,
    public: v.public !== "no",
  };
}

/** An AppError's problems, or the error itself as one problem. */
export const problemsOf = (e: AppError): ErrorDetail[] =>
  e.details.length ? e.details : [{ code: e.code, message: e.message }];

export const typeLabel = (t: Translate, type: string) => t(`msg.type.${type}` as MessageKey);

/** Text typed by a person, one paragraph per line, escaped. */
export const Paragraphs = (p: { text: string }) => (
  <>
    {p.text
      .split("\n")
      .filter((l) => l.trim() !== "")
      .map((l) => (
        <p safe>{l}</p>
      ))}
  </>
);

/** The public message form (/hd/messages/new). */
export function MessageForm(p: {
  t: Translate;
  prefix: string;
  csrf: string;
  values: Values;
  problems: ErrorDetail[];
  question: string;
  token: string;
}) {
  const { t, values: v } = p;
  const types: Choice[] = MESSAGE_TYPES.map((x) => ({ value: x, label: typeLabel(t, x) }));
  return (
    <>
      <ErrorSummary title={t("msg.error_title")} problems={p.problems} />
      <form method="post" action={`${p.prefix}/hd/messages/new`} class="stack" novalidate>
        <CsrfField token={p.csrf} />
        <input type="hidden" name="check_token" value={p.token} />
        <Field
          as="radios"
          name="type"
          label={t("msg.f_type")}
          required
          requiredMark={t("form.required_mark")}
          value={v.type ?? "consult"}
          choices={types}
          problems={p.problems}
        />
        <Field
          name="title"
          label={t("msg.f_title")}
          required
          requiredMark={t("form.required_mark")}
          value={v.title}
          maxlength={100}
          problems={p.problems}
        />
        <Field
          as="textarea"
          name="body"
          label={t("msg.f_body")}
          hint={t("msg.f_body_hint")}
          required
          requiredMark={t("form.required_mark")}
          rows={8}
          value={v.body}
          problems={p.problems}
        />
        <Field
          name="name"
          label={t("msg.f_name")}
          required
          requiredMark={t("form.required_mark")}
          value={v.name}
          autocomplete="name"
          maxlength={50}
          problems={p.problems}
        />
        <fieldset id="contact">
          <legend safe>{t("msg.f_contact")}</legend>
          {p.problems
            .filter((e) => e.field === "contact")
            .map((e) => (
              <p class="field-error" safe>
                {e.message}
              </p>
            ))}
          <Field
            name="phone"
            type="tel"
            label={t("msg.f_phone")}
            value={v.phone}
            autocomplete="tel"
            inputmode="tel"
            maxlength={30}
            problems={p.problems}
          />
          <Field
            name="email"
            type="email"
            label={t("msg.f_email")}
            value={v.email}
            autocomplete="email"
            maxlength={120}
            problems={p.problems}
          />
        </fieldset>
        <Field
          as="radios"
          name="public"
          label={t("msg.f_public")}
          value={v.public === "no" ? "no" : "yes"}
          choices={[
            { value: "yes", label: t("msg.f_public_yes") },
            { value: "no", label: t("msg.f_public_no") },
          ]}
          problems={p.problems}
        />
        <HumanCheck t={t} question={p.question} problems={p.problems} />
        <button type="submit" safe>
          {t("msg.submit")}
        </button>
      </form>
    </>
  );
}

/** The human check, and a field people never see: automated submissions that fill it are refused. */
const HumanCheck = (p: { t: Translate; question: string; problems: ErrorDetail[] }) => (
  <>
    <div class="visually-hidden" aria-hidden="true">
      <label for="website">网址</label>
      <input id="website" name="website" type="text" tabindex="-1" autocomplete="off" />
    </div>
    <Field
      name="check_answer"
      label={p.t("msg.f_check", { question: p.question })}
      required
      requiredMark={p.t("form.required_mark")}
      inputmode="numeric"
      autocomplete="off"
      problems={p.problems}
    />
  </>
);

/** The error-report form (/hd/error-report), the page address pre-filled from the link. */
export function ErrorReportForm(p: {
  t: Translate;
  prefix: string;
  csrf: string;
  values: Values;
  problems: ErrorDetail[];
  question: string;
  token: string;
}) {
  const { t, values: v } = p;
  const kinds: Choice[] = ERROR_KINDS.map((k) => ({ value: k, label: t(`errrep.kind.${k}` as MessageKey) }));
  return (
    <>
      <ErrorSummary title={t("errrep.error_title")} problems={p.problems} />
      <form method="post" action={`${p.prefix}/hd/error-report`} class="stack" novalidate>
        <CsrfField token={p.csrf} />
        <input type="hidden" name="check_token" value={p.token} />
        <Field
          name="page_url"
          label={t("errrep.f_page")}
          hint={t("errrep.f_page_hint")}
          required
          requiredMark={t("form.required_mark")}
          value={v.page_url}
          maxlength={2000}
          problems={p.problems}
        />
        <Field
          as="radios"
          name="kind"
          label={t("errrep.f_kind")}
          required
          requiredMark={t("form.required_mark")}
          value={v.kind ?? "content_error"}
          choices={kinds}
          problems={p.problems}
        />
        <Field
          as="textarea"
          name="description"
          label={t("errrep.f_description")}
          required
          requiredMark={t("form.required_mark")}
          rows={6}
          value={v.description}
          problems={p.problems}
        />
        <Field
          name="contact"
          label={t("errrep.f_contact")}
          value={v.contact}
          maxlength={120}
          autocomplete="email"
          problems={p.problems}
        />
        <HumanCheck t={t} question={p.question} problems={p.problems} />
        <button type="submit" safe>
          {t("errrep.submit")}
        </button>
      </form>
    </>
  );
}

/** The code and secret, shown once after a message or error report, with a button to the tracking page. */
export function TrackingDone(p: {
  t: Translate;
  prefix: string;
  csrf: string;
  code: string;
  secret: string;
  intro: string;
}) {
  return (
    <>
      <p class="notice ok" role="status" safe>
        {p.intro}
      </p>
      <dl class="facts big">
        <dt safe>{p.t("msg.code")}</dt>
        <dd class="mono" id="tracking-code" safe>
          {p.code}
        </dd>
        <dt safe>{p.t("msg.secret")}</dt>
        <dd class="mono" id="tracking-secret" safe>
          {p.secret}
        </dd>
      </dl>
      <form method="post" action={`${p.prefix}/hd/messages/track`} class="stack">
        <CsrfField token={p.csrf} />
        <input type="hidden" name="code" value={p.code} />
        <input type="hidden" name="secret" value={p.secret} />
        <button type="submit" safe>
          {p.t("msg.to_track")}
        </button>
      </form>
    </>
  );
}

/** The code-and-secret form of the tracking page. */
export function TrackForm(p: {
  t: Translate;
  prefix: string;
  csrf: string;
  code?: string;
  problems: ErrorDetail[];
}) {
  return (
    <>
      <ErrorSummary title={p.t("msg.track_failed")} problems={p.problems} />
      <p safe>{p.t("msg.track_intro")}</p>
      <form method="post" action={`${p.prefix}/hd/messages/track`} class="stack">
        <CsrfField token={p.csrf} />
        <Field name="code" label={p.t("msg.code")} value={p.code} autocomplete="off" maxlength={40} />
        <Field name="secret" type="password" label={p.t("msg.secret")} autocomplete="off" maxlength={40} />
        <button type="submit" safe>
          {p.t("msg.track_submit")}
        </button>
      </form>
    </>
  );
}

/** One message as its asker sees it: status, due date (暂定 where provisional), every step, the reply, the rating. */
export function TrackStatus(p: {
  t: Translate;
  prefix: string;
  csrf: string;
  s: TrackView;
  secret: string;
  problems: ErrorDetail[];
  notice?: string;
  /** The follow-up as typed, when the rating form is shown again with problems. */
  followUp?: string;
}) {
  const { t, s } = p;
  const open = !["answered", "rejected"].includes(s.status);
  return (
    <section aria-labelledby="status-title">
      <h2 id="status-title" class="mono" safe>
        {s.tracking_code}
      </h2>
      {p.notice ? (
        <p class="notice ok" role="status" safe>
          {p.notice}
        </p>
      ) : (
        ""
      )}
      <dl class="facts">
        <dt safe>{t("msg.type")}</dt>
        <dd safe>{typeLabel(t, s.type)}</dd>
        <dt safe>{t("msg.f_title")}</dt>
        <dd safe>{s.title}</dd>
        {s.page_url ? (
          <>
            <dt safe>{t("msg.page_url")}</dt>
            <dd class="mono" safe>
              {s.page_url}
            </dd>
          </>
        ) : (
          ""
        )}
        {s.error_kind ? (
          <>
            <dt safe>{t("msg.error_kind")}</dt>
            <dd safe>{t(`errrep.kind.${s.error_kind}` as MessageKey)}</dd>
          </>
        ) : (
          ""
        )}
        <dt safe>{t("msg.status")}</dt>
        <dd id="status" safe>
          {localLabel(p.prefix, t, `msg.status.${s.status}`, s.status_label)}
        </dd>
        <dt safe>{t("msg.received_on")}</dt>
        <dd safe>{s.received_on ?? "—"}</dd>
        {open && s.due_on ? (
          <>
            <dt safe>{t("msg.due_on")}</dt>
            <dd id="due-on">
              <span safe>{s.due_on}</span>
              {s.due_on_provisional ? (
                <>
                  {" "}
                  <span class="tag" safe>
                    {t("msg.provisional")}
                  </span>{" "}
                  <span class="meta" safe>
                    {provisionalDueNote(s.due_on)}
                  </span>
                </>
              ) : (
                ""
              )}
            </dd>
          </>
        ) : (
          ""
        )}
      </dl>
      <h3 safe>{t("msg.question")}</h3>
      <Paragraphs text={s.body} />
      <h3 safe>{t("msg.steps")}</h3>
      <ol class="events" id="steps">
        {s.steps.map((x) => (
          <li>
            <span class="mono" safe>
              {x.on}
            </span>{" "}
            <span safe>{stepText(p.prefix, t, x)}</span>
          </li>
        ))}
      </ol>
      <h3 safe>{t("msg.reply")}</h3>
      {s.reply ? (
        <div id="reply">
          <p class="meta" safe>
            {`${t("msg.answered_on")}：${s.reply.on}`}
          </p>
          <Paragraphs text={s.reply.body} />
        </div>
      ) : (
        <p safe>{t("msg.no_reply")}</p>
      )}
      {s.rating ? (
        <p id="rating" safe>
          {t("msg.rated", { rating: t(`msg.rating.${s.rating}` as MessageKey) })}
        </p>
      ) : (
        ""
      )}
      {s.follow_up ? <p safe>{t("msg.followed_up", { text: s.follow_up })}</p> : ""}
      {s.can_rate ? <RatingForm {...p} /> : ""}
    </section>
  );
}

function RatingForm(p: {
  t: Translate;
  prefix: string;
  csrf: string;
  s: TrackView;
  secret: string;
  problems: ErrorDetail[];
  followUp?: string;
}) {
  const { t } = p;
  return (
    <section aria-labelledby="rate-title">
      <h3 id="rate-title" safe>
        {t("msg.rate_title")}
      </h3>
      <ErrorSummary title={t("msg.rate_error")} problems={p.problems} />
      <form method="post" action={`${p.prefix}/hd/messages/track/rating`} class="stack" novalidate>
        <CsrfField token={p.csrf} />
        <input type="hidden" name="code" value={p.s.tracking_code} />
        <input type="hidden" name="secret" value={p.secret} />
        <Field
          as="radios"
          name="rating"
          label={t("msg.rating")}
          required
          requiredMark={t("form.required_mark")}
          choices={RATINGS.map((r) => ({ value: r, label: t(`msg.rating.${r}` as MessageKey) }))}
          problems={p.problems}
        />
        {p.s.can_follow_up ? (
          <Field
            as="textarea"
            name="follow_up"
            label={t("msg.follow_up")}
            hint={t("msg.follow_up_hint")}
            rows={4}
            value={p.followUp}
            problems={p.problems}
          />
        ) : (
          ""
        )}
        <button type="submit" safe>
          {t("msg.rate_submit")}
        </button>
      </form>
    </section>
  );
}

/** One published question and answer. */
export function QaEntry(p: { t: Translate; qa: QaView }) {
  const { t, qa } = p;
  return (
    <article>
      <h1 safe>{qa.title}</h1>
      <dl class="facts">
        <dt safe>{t("msg.type")}</dt>
        <dd safe>{typeLabel(t, qa.type)}</dd>
        <dt safe>{t("msg.asked_on")}</dt>
        <dd safe>{qa.asked_on}</dd>
        {qa.org_name ? (
          <>
            <dt safe>{t("msg.org")}</dt>
            <dd safe>{qa.org_name}</dd>
          </>
        ) : (
          ""
        )}
        {qa.answered_on ? (
          <>
            <dt safe>{t("msg.answered_on")}</dt>
            <dd safe>{qa.answered_on}</dd>
          </>
        ) : (
          ""
        )}
      </dl>
      <section aria-labelledby="qa-question">
        <h2 id="qa-question" safe>
          {t("msg.question")}
        </h2>
        <Paragraphs text={qa.question} />
      </section>
      <section aria-labelledby="qa-answer">
        <h2 id="qa-answer" safe>
          {t("msg.answer")}
        </h2>
        <Paragraphs text={qa.answer} />
      </section>
    </article>
  );
}
