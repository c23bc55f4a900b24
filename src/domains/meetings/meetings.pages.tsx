// Public pages: /hd/meetings (announced meetings, paged, counts only), /hd/meetings/{id} (notice, agenda,
// stream, minutes, the application form while applications are taken) and /hd/meetings/track, in Chinese and
// at /mn in Mongolian. The forms work without JavaScript: a refused application re-renders the page with every
// problem and what was typed; an accepted one shows the code and secret once (never in a URL).
import { Type } from "@sinclair/typebox";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { Deps } from "../../deps";
import { AppError, type ErrorDetail, Problems } from "../../platform/errors";
import { pageRequest } from "../../platform/paging";
import { publicFormProblems } from "../../platform/tracking";
import { problemsOf } from "../../web/form-problems";
import { LANG_PREFIX, type Lang, translator } from "../../web/i18n";
import { addSectionLink, publicPage } from "../../web/portal";
import { humanCheckIn, localiseProblems } from "../../web/public-form-text";
import type { AppInstance } from "../../web/types";
import { CursorPager, pagerParams } from "../../web/views/cursor-pager";
import { ErrorSummary, PublicLayout } from "../../web/views/layout";
import { MnHeading, MnRowTitle, mnPageTitle, mnTitlesFor, publicMnOf } from "../mongolian";
import { resolvePublicSite } from "../orgs";
import { type AttendanceTrack, applyToAttend, checkAttendance, trackAttendance } from "./meetings.attendance";
import { loadPublicView, meetingUrl, pageOf, publicPageOf, whenOf } from "./meetings.present";
import { findPublic } from "./meetings.service";
import { type MeetingKey, meetingText } from "./meetings.text";
import {
  Agenda,
  AttendanceDone,
  AttendanceForm,
  type FormValues,
  MeetingFacts,
  Minutes,
  Stream,
  statusKey,
  TrackForm,
  TrackResult,
} from "./meetings.views";

const html = "text/html; charset=utf-8";
// Generous: the application's own limits (checkAttendance) are named on the form with the text kept.
const FormBody = Type.Record(Type.String({ maxLength: 40 }), Type.String({ maxLength: 50_000 }));
const Params = Type.Object({ id: Type.String({ maxLength: 40 }) });

export function registerMeetingPages(app: AppInstance, deps: Deps): void {
  addSectionLink("interaction", { path: "/hd/meetings", label: (lang) => meetingText(lang)("title") });

  publicPage(
    app,
    deps,
    "/hd/meetings",
    async (c, req) => {
      const x = meetingText(c.lang);
      const q = req.query as { page?: string; cursor?: string };
      const list = await publicPageOf(
        deps,
        c.site.id,
        pageRequest({ page: pageOf(q.page), cursor: q.cursor }, 20),
      );
      const mnTitles = await mnTitlesFor(
        deps.db.kysely,
        c.lang,
        "meeting",
        list.items.map((i) => i.id),
      );
      return (
        <PublicLayout
          lang={c.lang}
          t={c.t}
          site={c.site}
          title={x("title")}
          path={c.path}
          section="interaction"
        >
          <h1 safe>{x("title")}</h1>
          <p safe>{x("intro")}</p>
          <p>
            <a href={`${c.prefix}/hd/meetings/track`} safe>
              {x("track_link")}
            </a>
          </p>
          {list.items.length === 0 ? (
            <p safe>{x("none")}</p>
          ) : (
            <ul class="list">
              {list.items.map((i) => (
                <li>
                  <a href={meetingUrl(i.id, c.prefix)}>
                    <MnRowTitle lang={c.lang} titles={mnTitles} id={i.id} title={i.title} />
                  </a>{" "}
                  <span class="tag" safe>
                    {x(statusKey({ status: i.status, accepting: i.accepting_applications }))}
                  </span>
                  <span class="meta" safe>
                    {` ${x(`kind_${i.kind}` as MeetingKey)} · ${i.org.name} · ${whenOf(i.starts_at)} · ${x("counts", i.counts)}`}
                  </span>
                </li>
              ))}
            </ul>
          )}
          <CursorPager
            page={list.found.page}
            size={20}
            next={list.found.next}
            prev={list.found.prev}
            total={list.total}
            href={(to) =>
              `${c.prefix}/hd/meetings${to.page || to.cursor ? `?${new URLSearchParams(pagerParams(to))}` : ""}`
            }
            text={{
              label: c.t("pager.label"),
              prev: x("previous"),
              next: x("next"),
              page: (page, pages) =>
                pages ? x("page_of", { page, pages }) : c.t("pager.page_open", { page }),
            }}
          />
        </PublicLayout>
      );
    },
    {
      querystring: Type.Object({
        page: Type.Optional(Type.String({ maxLength: 6 })),
        cursor: Type.Optional(Type.String({ maxLength: 300 })),
      }),
    },
  );

  /** The tracking page: the form, and the result once a code and secret match. */
  const renderTrack = async (
    req: FastifyRequest,
    reply: FastifyReply,
    lang: Lang,
    p: { result?: AttendanceTrack; code?: string; problems?: ErrorDetail[] } = {},
    status = 200,
  ) => {
    const site = await resolvePublicSite(deps, req);
    const x = meetingText(lang);
    const prefix = LANG_PREFIX[lang];
    return reply
      .status(status)
      .type(html)
      .send(
        <PublicLayout
          lang={lang}
          t={translator(lang)}
          site={site}
          title={x("track_title")}
          path={`${prefix}/hd/meetings/track`}
          section="interaction"
        >
          <p>
            <a href={`${prefix}/hd/meetings`} safe>
              {x("back")}
            </a>
          </p>
          <h1 safe>{x("track_title")}</h1>
          {p.result ? <TrackResult lang={lang} s={p.result} /> : ""}
          <TrackForm
            lang={lang}
            csrf={reply.generateCsrf()}
            code={p.result?.tracking_code ?? p.code}
            problems={p.problems ?? []}
          />
        </PublicLayout>,
      );
  };

  publicPage(app, deps, "/hd/meetings/track", async (c, req, reply) => renderTrack(req, reply, c.lang));

  const renderDetail = async (
    req: FastifyRequest,
    reply: FastifyReply,
    lang: Lang,
    form: { values: FormValues; problems: ErrorDetail[]; status?: number } = { values: {}, problems: [] },
  ) => {
    const site = await resolvePublicSite(deps, req);
    const id = (req.params as { id: string }).id;
    const row = await findPublic(deps.db.kysely, site.id, id);
    if (!row) {
      reply.callNotFound();
      return reply;
    }
    const v = await loadPublicView(deps, row);
    const mn = await publicMnOf(deps.db.kysely, "meeting", row.id);
    const x = meetingText(lang);
    const prefix = LANG_PREFIX[lang];
    const check = humanCheckIn(deps.config.secretKey, deps.clock.now().getTime(), lang);
    // The checks' sentences in the page's language where the catalog has them.
    const problems = localiseProblems(lang, form.problems, {
      name: x("f_name"),
      phone: x("f_phone"),
      identity: x("f_identity"),
      reason: x("f_reason"),
    });
    const notice =
      row.status === "cancelled"
        ? x("cancelled_notice")
        : v.notOpenYet
          ? x("not_open", { start: row.apply_opens_on })
          : row.status === "announced" || row.status === "applications_closed"
            ? x("closed_notice")
            : "";
    return reply
      .status(form.status ?? 200)
      .type(html)
      .send(
        <PublicLayout
          lang={lang}
          t={translator(lang)}
          site={site}
          title={mnPageTitle(lang, mn, row.title)}
          path={`${prefix}/hd/meetings/${encodeURIComponent(id)}`}
          section="interaction"
        >
          <p>
            <a href={`${prefix}/hd/meetings`} safe>
              {x("back")}
            </a>
          </p>
          <MnHeading
            lang={lang}
            t={translator(lang)}
            mn={mn}
            title={row.title}
            path={`/hd/meetings/${encodeURIComponent(row.id)}`}
          />
          <p>
            <span class="tag" safe>
              {x(statusKey({ status: row.status, accepting: v.accepting }))}
            </span>
          </p>
          <MeetingFacts lang={lang} v={v} />
          <Agenda lang={lang} v={v} />
          <Stream lang={lang} v={v} />
          <Minutes lang={lang} v={v} />
          {v.accepting ? (
            <AttendanceForm
              lang={lang}
              id={row.id}
              csrf={reply.generateCsrf()}
              values={form.values}
              problems={problems}
              question={check.question}
              token={check.token}
            />
          ) : notice ? (
            <>
              <ErrorSummary title={x("errors")} problems={problems} />
              <p class="notice" safe>
                {notice}
              </p>
            </>
          ) : (
            ""
          )}
          <p>
            <a href={`${prefix}/hd/meetings/track`} safe>
              {x("track_link")}
            </a>
          </p>
        </PublicLayout>,
      );
  };

  publicPage(app, deps, "/hd/meetings/:id", async (c, req, reply) => renderDetail(req, reply, c.lang));

  for (const lang of ["zh-CN", "mn-Mong"] as const) {
    const prefix = LANG_PREFIX[lang];
    app.post(
      `${prefix}/hd/meetings/:id/attendance`,
      {
        preValidation: app.csrfProtection,
        config: { clientLimit: "submissions" },
        schema: { hide: true, params: Params, body: FormBody },
      },
      async (req, reply) => {
        const v = req.body as FormValues;
        const x = meetingText(lang);
        const values = { name: v.name, phone: v.phone, identity: v.identity, reason: v.reason };
        const problems: ErrorDetail[] = publicFormProblems(
          deps.config.secretKey,
          deps.clock.now().getTime(),
          v,
          x("check_failed"),
        );
        if (problems.length) {
          // Still name the application's own problems, so they are all fixed at once.
          const p = new Problems();
          checkAttendance(values, p);
          return renderDetail(req, reply, lang, { values, problems: [...p.list, ...problems], status: 400 });
        }
        try {
          const site = await resolvePublicSite(deps, req);
          const made = await applyToAttend(deps, site.id, req.params.id, values);
          const t = translator(lang);
          return reply
            .status(201)
            .type(html)
            .send(
              <PublicLayout
                lang={lang}
                t={t}
                site={site}
                title={x("done_title")}
                path={`${prefix}/hd/meetings/${encodeURIComponent(req.params.id)}`}
                section="interaction"
              >
                <h1 safe>{x("done_title")}</h1>
                <AttendanceDone
                  lang={lang}
                  code={made.tracking_code}
                  secret={made.secret}
                  meetingId={req.params.id}
                />
              </PublicLayout>,
            );
        } catch (e) {
          if (!(e instanceof AppError) || e.status >= 500 || e.status === 404) throw e;
          return renderDetail(req, reply, lang, { values, problems: problemsOf(e), status: e.status });
        }
      },
    );

    app.post(
      `${prefix}/hd/meetings/track`,
      {
        preValidation: app.csrfProtection,
        config: { clientLimit: "track" },
        schema: {
          hide: true,
          body: Type.Object({
            code: Type.String({ maxLength: 40 }),
            secret: Type.String({ maxLength: 40 }),
            _csrf: Type.Optional(Type.String({ maxLength: 200 })),
          }),
        },
      },
      async (req, reply) => {
        try {
          const result = await trackAttendance(deps, req.body.code, req.body.secret);
          return renderTrack(req, reply, lang, { result });
        } catch (e) {
          if (!(e instanceof AppError) || e.status !== 404) throw e;
          const message = meetingText(lang)("track_failed");
          return renderTrack(
            req,
            reply,
            lang,
            { code: req.body.code, problems: [{ field: "code", code: e.code, message }] },
            404,
          );
        }
      },
    );
  }
}
