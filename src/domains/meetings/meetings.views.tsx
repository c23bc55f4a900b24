// The public meeting pages' parts: the notice (time, place, organiser, application period and counts), the
// agenda with its links, the stream, the minutes, the application form, the code and secret shown once, and
// the tracking form and result. Every text a person typed is rendered escaped (`safe`).
import type { ErrorDetail } from "../../platform/errors";
import { LANG_PREFIX, type Lang, translator } from "../../web/i18n";
import { Field } from "../../web/views/fields";
import { HumanCheckFields } from "../../web/views/human-check";
import { CsrfField, ErrorSummary } from "../../web/views/layout";
import { Paragraphs } from "../../web/views/paragraphs";
import type { AttendanceTrack } from "./meetings.attendance";
import { type PublicView, whenOf } from "./meetings.present";
import { IDENTITIES } from "./meetings.steps";
import { type MeetingKey, meetingText } from "./meetings.text";

export type FormValues = Record<string, string | undefined>;

/** The public status tag of a meeting. */
export function statusKey(v: { status: string; accepting: boolean }): MeetingKey {
  if (v.status === "announced") return v.accepting ? "status_open" : "status_upcoming";
  return `status_${v.status}` as MeetingKey;
}

export function MeetingFacts(p: { lang: Lang; v: PublicView }) {
  const x = meetingText(p.lang);
  const { v } = p;
  const r = v.row;
  return (
    <dl class="meta-table">
      <dt safe>{x("kind")}</dt>
      <dd safe>{x(`kind_${r.kind}` as MeetingKey)}</dd>
      <dt safe>{x("org")}</dt>
      <dd safe>{v.org.name}</dd>
      <dt safe>{x("when")}</dt>
      <dd safe>{whenOf(r.starts_at)}</dd>
      <dt safe>{x("place")}</dt>
      <dd safe>{r.place}</dd>
      <dt safe>{x("apply_period")}</dt>
      <dd safe>{x("apply_range", { start: r.apply_opens_on, end: r.apply_closes_on })}</dd>
      <dt safe>{x("counts_label")}</dt>
      <dd safe>{x("counts", v.counts)}</dd>
      {r.cancel_reason ? (
        <>
          <dt safe>{x("cancel_reason")}</dt>
          <dd safe>{r.cancel_reason}</dd>
        </>
      ) : (
        ""
      )}
    </dl>
  );
}

export function Agenda(p: { lang: Lang; v: PublicView }) {
  const x = meetingText(p.lang);
  const prefix = LANG_PREFIX[p.lang];
  return (
    <section aria-labelledby="agenda-title">
      <h2 id="agenda-title" safe>
        {x("agenda")}
      </h2>
      <ol class="agenda">
        {p.v.agenda.map((a) => (
          <li>
            <span safe>{a.topic}</span>
            {a.item ? (
              <span class="meta">
                {" "}
                <span safe>{`${x("related_item")}：`}</span>
                <a href={`${prefix}${a.item.url}`} safe>
                  {a.item.title}
                </a>
              </span>
            ) : (
              ""
            )}
            {a.consultation ? (
              <span class="meta">
                {" "}
                <span safe>{`${x("related_consultation")}：`}</span>
                <a href={`${prefix}${a.consultation.url}`} safe>
                  {a.consultation.title}
                </a>
              </span>
            ) : (
              ""
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}

export function Stream(p: { lang: Lang; v: PublicView }) {
  const x = meetingText(p.lang);
  if (!p.v.streamUrl && !p.v.streamLater) return "";
  return (
    <section aria-labelledby="stream-title">
      <h2 id="stream-title" safe>
        {x("stream")}
      </h2>
      {p.v.streamUrl ? (
        <p>
          <a href={p.v.streamUrl} rel="noopener noreferrer external" safe>
            {x("stream_watch")}
          </a>
        </p>
      ) : (
        <p safe>{x("stream_later")}</p>
      )}
    </section>
  );
}

export function Minutes(p: { lang: Lang; v: PublicView }) {
  const x = meetingText(p.lang);
  if (!p.v.minutes) return "";
  return (
    <section aria-labelledby="minutes-title" id="minutes">
      <h2 id="minutes-title" safe>
        {x("minutes")}
      </h2>
      <div class="minutes">
        <Paragraphs text={p.v.minutes} />
      </div>
      {p.v.decision ? (
        <p>
          <span safe>{`${x("decision")}：`}</span>
          <a href={`${LANG_PREFIX[p.lang]}${p.v.decision.url}`} rel="related" safe>
            {p.v.decision.title}
          </a>
        </p>
      ) : (
        ""
      )}
    </section>
  );
}

export function AttendanceForm(p: {
  lang: Lang;
  id: string;
  csrf: string;
  values: FormValues;
  problems: readonly ErrorDetail[];
  question: string;
  token: string;
}) {
  const x = meetingText(p.lang);
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
        action={`${LANG_PREFIX[p.lang]}/hd/meetings/${p.id}/attendance`}
        class="stack"
        novalidate
      >
        <CsrfField token={p.csrf} />
        <Field
          name="name"
          label={x("f_name")}
          required
          requiredMark={translator(p.lang)("form.required_mark")}
          value={v.name}
          autocomplete="name"
          maxlength={50}
          problems={p.problems}
        />
        <Field
          name="phone"
          type="tel"
          label={x("f_phone")}
          required
          requiredMark={translator(p.lang)("form.required_mark")}
          value={v.phone}
          autocomplete="tel"
          inputmode="tel"
          maxlength={30}
          problems={p.problems}
        />
        <Field
          as="radios"
          name="identity"
          label={x("f_identity")}
          required
          requiredMark={translator(p.lang)("form.required_mark")}
          value={v.identity}
          choices={IDENTITIES.map((i) => ({ value: i, label: x(`identity_${i}` as MeetingKey) }))}
          problems={p.problems}
        />
        <Field
          as="textarea"
          name="reason"
          label={x("f_reason")}
          required
          requiredMark={translator(p.lang)("form.required_mark")}
          rows={5}
          maxlength={2000}
          value={v.reason}
          problems={p.problems}
        />
        <HumanCheckFields
          token={p.token}
          label={x("check", { question: p.question })}
          requiredMark={translator(p.lang)("form.required_mark")}
          problems={p.problems}
        />
        <button type="submit" safe>
          {x("submit")}
        </button>
      </form>
    </section>
  );
}

/** The code and secret, shown once after an application. */
export function AttendanceDone(p: { lang: Lang; code: string; secret: string; meetingId: string }) {
  const x = meetingText(p.lang);
  const prefix = LANG_PREFIX[p.lang];
  return (
    <>
      <p class="notice ok" role="status" safe>
        {x("done_intro")}
      </p>
      <dl class="meta-table tracking">
        <dt safe>{x("code")}</dt>
        <dd>
          <strong safe>{p.code}</strong>
        </dd>
        <dt safe>{x("secret")}</dt>
        <dd>
          <strong safe>{p.secret}</strong>
        </dd>
      </dl>
      <p>
        <a href={`${prefix}/hd/meetings/track`} safe>
          {x("track_link")}
        </a>{" "}
        <a href={`${prefix}/hd/meetings/${p.meetingId}`} safe>
          {x("back")}
        </a>
      </p>
    </>
  );
}

export function TrackForm(p: { lang: Lang; csrf: string; code?: string; problems: readonly ErrorDetail[] }) {
  const x = meetingText(p.lang);
  return (
    <>
      <p safe>{x("track_intro")}</p>
      <ErrorSummary title={x("track_failed")} problems={[...p.problems]} />
      <form method="post" action={`${LANG_PREFIX[p.lang]}/hd/meetings/track`} class="stack" novalidate>
        <CsrfField token={p.csrf} />
        <Field
          name="code"
          label={x("code")}
          required
          requiredMark={translator(p.lang)("form.required_mark")}
          value={p.code}
          autocomplete="off"
          maxlength={40}
          problems={p.problems}
        />
        <Field
          name="secret"
          label={x("secret")}
          required
          requiredMark={translator(p.lang)("form.required_mark")}
          autocomplete="off"
          maxlength={40}
          problems={p.problems}
        />
        <button type="submit" safe>
          {x("track_submit")}
        </button>
      </form>
    </>
  );
}

export function TrackResult(p: { lang: Lang; s: AttendanceTrack }) {
  const x = meetingText(p.lang);
  const prefix = LANG_PREFIX[p.lang];
  return (
    <section aria-labelledby="result-title">
      <h2 id="result-title" safe>
        {x("result")}
      </h2>
      <dl class="meta-table">
        <dt safe>{x("code")}</dt>
        <dd safe>{p.s.tracking_code}</dd>
        <dt safe>{x("meeting")}</dt>
        <dd>
          <a href={`${prefix}${p.s.meeting.url}`} safe>
            {p.s.meeting.title}
          </a>
        </dd>
        <dt safe>{x("when")}</dt>
        <dd safe>{whenOf(p.s.meeting.starts_at)}</dd>
        <dt safe>{x("place")}</dt>
        <dd safe>{p.s.meeting.place}</dd>
        <dt safe>{x("result")}</dt>
        <dd>
          <strong class="tag" safe>
            {x(`att_${p.s.status}` as MeetingKey)}
          </strong>
        </dd>
        {p.s.decision_reason ? (
          <>
            <dt safe>{x("reason")}</dt>
            <dd safe>{p.s.decision_reason}</dd>
          </>
        ) : (
          ""
        )}
      </dl>
    </section>
  );
}
