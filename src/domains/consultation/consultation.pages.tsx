// Public pages: /hd/consultations (published consultations, paged) and /hd/consultations/{id} (draft,
// documents, period and days left, comment form while open, approved comments, feedback report, final
// policy), in Chinese and at /mn in Mongolian. The comment form works without JavaScript: POST, then a 303
// back to the page; a refused comment re-renders the form with every problem and what was typed.
import { Type } from "@sinclair/typebox";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { Deps } from "../../deps";
import { AppError, type ErrorDetail, Problems } from "../../platform/errors";
import { pageRequest } from "../../platform/paging";
import { publicFormProblems } from "../../platform/tracking";
import { lengthProblems } from "../../web/form-limits";
import { LANG_PREFIX, type Lang, translator } from "../../web/i18n";
import { addSectionLink, publicPage } from "../../web/portal";
import { humanCheckIn, localiseProblems } from "../../web/public-form-text";
import type { AppInstance } from "../../web/types";
import { CursorPager, pagerParams } from "../../web/views/cursor-pager";
import { PublicLayout } from "../../web/views/layout";
import { MnHeading, MnRowTitle, mnPageTitle, mnTitlesFor, publicMnOf } from "../mongolian";
import { resolvePublicSite } from "../orgs";
import { contentDisposition } from "../publishing/attachments/attachments.filename";
import { checkComment, MIN_COMMENT_CHARS, submitComment } from "./consultation.comments";
import { publicDocument } from "./consultation.documents";
import { consultationUrl, loadPublicView, pageOf, publicPageOf } from "./consultation.present";
import { CommentBody } from "./consultation.schemas";
import { findPublic } from "./consultation.service";
import { consultationText } from "./consultation.text";
import {
  CommentForm,
  Comments,
  type CommentValues,
  Documents,
  PeriodLine,
  Report,
  statusKey,
} from "./consultation.views";

const html = "text/html; charset=utf-8";
// Generous: the comment's own limits are the API's (CommentBody), named on the form with the text kept.
const FormBody = Type.Record(Type.String({ maxLength: 40 }), Type.String({ maxLength: 50_000 }));
const Params = Type.Object({ id: Type.String({ maxLength: 40 }) });

export function registerConsultationPages(app: AppInstance, deps: Deps): void {
  addSectionLink("interaction", {
    path: "/hd/consultations",
    label: (lang) => consultationText(lang)("title"),
  });

  publicPage(
    app,
    deps,
    "/hd/consultations",
    async (c, req) => {
      const x = consultationText(c.lang);
      const q = req.query as { page?: string; cursor?: string };
      const list = await publicPageOf(
        deps,
        c.site.id,
        pageRequest({ page: pageOf(q.page), cursor: q.cursor }, 20),
      );
      const mnTitles = await mnTitlesFor(
        deps.db.kysely,
        c.lang,
        "consultation",
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
          {list.items.length === 0 ? (
            <p safe>{x("none")}</p>
          ) : (
            <ul class="list">
              {list.items.map((i) => (
                <li>
                  <a href={consultationUrl(i.id, c.prefix)}>
                    <MnRowTitle lang={c.lang} titles={mnTitles} id={i.id} title={i.title} />
                  </a>{" "}
                  <span class="tag" safe>
                    {x(statusKey({ accepting: i.accepting_comments, status: i.status }))}
                  </span>
                  <span class="meta" safe>
                    {` ${i.org.name} · ${x("period_range", { start: i.start_on, end: i.end_on, days: "" }).replace(/（.*）$/, "")}`}
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
              `${c.prefix}/hd/consultations${to.page || to.cursor ? `?${new URLSearchParams(pagerParams(to))}` : ""}`
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

  const renderDetail = async (
    req: FastifyRequest,
    reply: FastifyReply,
    lang: Lang,
    form: { values: CommentValues; problems: ErrorDetail[]; status?: number } = { values: {}, problems: [] },
  ) => {
    const site = await resolvePublicSite(deps, req);
    const id = (req.params as { id: string }).id;
    const row = await findPublic(deps.db.kysely, site.id, id);
    if (!row) {
      reply.callNotFound();
      return reply;
    }
    const v = await loadPublicView(deps, row);
    const mn = await publicMnOf(deps.db.kysely, "consultation", row.id);
    const safeDraftHtml = row.draft_html;
    const x = consultationText(lang);
    const prefix = LANG_PREFIX[lang];
    const sent = Number((req.query as { sent?: string } | undefined)?.sent);
    const check = humanCheckIn(deps.config.secretKey, deps.clock.now().getTime(), lang);
    // The checks' sentences in the page's language.
    const problems = localiseProblems(
      lang,
      form.problems,
      { body: x("body"), name: x("name"), phone: x("phone"), email: x("email") },
      { min: MIN_COMMENT_CHARS },
    );
    return reply
      .status(form.status ?? 200)
      .type(html)
      .send(
        <PublicLayout
          lang={lang}
          t={translator(lang)}
          site={site}
          title={mnPageTitle(lang, mn, row.title)}
          path={`${prefix}/hd/consultations/${encodeURIComponent(id)}`}
          section="interaction"
        >
          <p>
            <a href={`${prefix}/hd/consultations`} safe>
              {x("title")}
            </a>
          </p>
          <MnHeading
            lang={lang}
            t={translator(lang)}
            mn={mn}
            title={row.title}
            path={`/hd/consultations/${encodeURIComponent(row.id)}`}
          />
          <p>
            <span class="tag" safe>
              {x(statusKey({ accepting: v.accepting, status: row.status, notStarted: v.notStarted }))}
            </span>
          </p>
          {Number.isInteger(sent) && sent > 0 && form.problems.length === 0 ? (
            <p class="notice ok" role="status" safe>
              {x("sent", { number: sent })}
            </p>
          ) : (
            ""
          )}
          <PeriodLine lang={lang} v={v} />
          {v.finalPolicy ? (
            <p class="notice">
              <span safe>{`${x("final_policy")}：`}</span>
              <a href={`${prefix}${v.finalPolicy.url}`} rel="related" safe>
                {v.finalPolicy.title}
              </a>
            </p>
          ) : (
            ""
          )}
          <Report lang={lang} v={v} />
          <section aria-labelledby="draft-title">
            <h2 id="draft-title" safe>
              {x("draft")}
            </h2>
            {/* Sanitised when saved (publishing/rich-text.ts), as item bodies are. */}
            <div class="item-body" lang={lang === "mn-Mong" ? "zh-CN" : undefined}>
              {safeDraftHtml}
            </div>
          </section>
          <Documents lang={lang} v={v} />
          <Comments lang={lang} v={v} />
          {v.accepting ? (
            <CommentForm
              lang={lang}
              id={row.id}
              csrf={reply.generateCsrf()}
              values={form.values}
              problems={problems}
              question={check.question}
              token={check.token}
            />
          ) : (
            <p class="notice" role={form.problems.length ? "alert" : undefined} safe>
              {v.notStarted ? x("not_started", { start: row.start_on }) : x("closed_notice")}
            </p>
          )}
        </PublicLayout>,
      );
  };

  publicPage(app, deps, "/hd/consultations/:id", async (c, req, reply) => renderDetail(req, reply, c.lang), {
    querystring: Type.Object({ sent: Type.Optional(Type.String({ maxLength: 6 })) }),
  });

  for (const lang of ["zh-CN", "mn-Mong"] as const) {
    const prefix = LANG_PREFIX[lang];
    app.post(
      `${prefix}/hd/consultations/:id/comments`,
      {
        preValidation: app.csrfProtection,
        config: { clientLimit: "submissions" },
        schema: { hide: true, params: Params, body: FormBody },
      },
      async (req, reply) => {
        const v = req.body as CommentValues;
        const x = consultationText(lang);
        const problems: ErrorDetail[] = publicFormProblems(
          deps.config.secretKey,
          deps.clock.now().getTime(),
          v,
          x("check_failed"),
        );
        // The API's limits (CommentBody), named on the form with the text kept.
        const tooLong = (label: string, max: number, count: number) =>
          translator(lang)("form.too_long", { label, max, count });
        problems.push(
          ...lengthProblems(
            CommentBody,
            v,
            { body: x("body"), name: x("name"), phone: x("phone"), email: x("email") },
            tooLong,
          ),
        );
        const values = { body: v.body, name: v.name, phone: v.phone, email: v.email };
        const site = await resolvePublicSite(deps, req);
        if (problems.length) {
          // Still name the comment's own problems, so they are all fixed at once.
          const p = new Problems();
          checkComment({ body: v.body ?? "", name: v.name, phone: v.phone, email: v.email }, p);
          return renderDetail(req, reply, lang, { values, problems: [...p.list, ...problems], status: 400 });
        }
        try {
          const r = await submitComment(deps, site.id, req.params.id, {
            body: v.body ?? "",
            name: v.name,
            phone: v.phone,
            email: v.email,
          });
          return reply.redirect(
            `${consultationUrl(req.params.id, prefix)}?sent=${r.number}#comments-title`,
            303,
          );
        } catch (e) {
          if (!(e instanceof AppError) || e.status >= 500 || e.status === 404) throw e;
          const list = e.details.length ? e.details : [{ code: e.code, message: e.message }];
          return renderDetail(req, reply, lang, { values, problems: list, status: e.status });
        }
      },
    );

    app.get(
      `${prefix}/hd/consultations/:id/documents/:docId`,
      {
        schema: {
          hide: true,
          params: Type.Object({ id: Type.String({ maxLength: 40 }), docId: Type.String({ maxLength: 40 }) }),
        },
      },
      async (req, reply) => {
        const site = await resolvePublicSite(deps, req);
        const found = await publicDocument(deps, site.id, req.params.id, req.params.docId);
        if (!found) return reply.callNotFound();
        return reply
          .header("X-Content-Type-Options", "nosniff")
          .header("Cache-Control", "public, max-age=300")
          .type(found.doc.mime)
          .header("Content-Length", String(found.doc.size))
          .header("Content-Disposition", contentDisposition("attachment", found.doc.filename))
          .send(found.open());
      },
    );
  }
}
