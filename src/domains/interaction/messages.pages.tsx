// Public pages of messages (互动交流) in Chinese and Mongolian: the published questions and answers (paged,
// filtered by type and answering organisation, a search box to the site search), one Q&A, and the message
// form, which works without JavaScript, re-renders with every problem named and shows the code and secret once.
// The tracking page, the error-report pages and the back office are registered from here too.

import { Type } from "@sinclair/typebox";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { Deps } from "../../deps";
import { AppError, type ErrorDetail, Problems } from "../../platform/errors";
import { pageRequest } from "../../platform/paging";
import { LANG_PREFIX, type Lang, translator } from "../../web/i18n";
import { addSectionLink, publicPage } from "../../web/portal";
import { humanCheckIn, localiseProblems } from "../../web/public-form-text";
import type { AppInstance } from "../../web/types";
import { CursorPager, type PagerTarget, pagerParams } from "../../web/views/cursor-pager";
import { Field } from "../../web/views/fields";
import { FilterSelect } from "../../web/views/filters";
import { PublicLayout } from "../../web/views/layout";
import { loadOrgTree, resolvePublicSite } from "../orgs";
import { registerErrorReportPages } from "./error-reports.pages";
import { MESSAGE_TYPES } from "./interaction.schemas";
import { sendInteractionPage } from "./interaction-public.pages";
import { registerMessageAdmin } from "./messages.admin";
import { checkMessage } from "./messages.checks";
import { getPublishedQa, listPublishedQa, QA_PAGE_SIZE } from "./messages.qa";
import { createMessage } from "./messages.service";
import {
  humanCheckProblems,
  MessageForm,
  messageFormProblems,
  messageInputOf,
  PublicFormBody,
  problemsOf,
  QaEntry,
  TrackingDone,
  typeLabel,
  type Values,
} from "./messages.views";
import { registerMessageTrackPages } from "./messages-track.pages";

const _html = "text/html; charset=utf-8";

const ListQuery = Type.Object({
  type: Type.Optional(Type.String({ maxLength: 20 })),
  org: Type.Optional(Type.String({ maxLength: 50 })),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10000 })),
  cursor: Type.Optional(Type.String({ maxLength: 300 })),
});

export function registerMessagePages(app: AppInstance, deps: Deps): void {
  addSectionLink("interaction", { path: "/hd/messages", label: (lang) => translator(lang)("msg.title") });
  addSectionLink("interaction", {
    path: "/hd/messages/new",
    label: (lang) => translator(lang)("msg.new_link"),
  });
  addSectionLink("interaction", {
    path: "/hd/messages/track",
    label: (lang) => translator(lang)("msg.track_link"),
  });

  publicPage(
    app,
    deps,
    "/hd/messages",
    async (c, req) => {
      const q = req.query as { type?: string; org?: string; page?: number; cursor?: string };
      const pageReq = pageRequest(q, QA_PAGE_SIZE);
      const type = (MESSAGE_TYPES as readonly string[]).includes(q.type ?? "") ? q.type : undefined;
      const tree = await loadOrgTree(deps, c.site.id);
      const orgs = tree.flatten(c.site.id).map(({ org }) => org);
      const org = orgs.some((o) => o.code === q.org) ? q.org : undefined;
      const list = await listPublishedQa(deps, c.site.id, { type: type as never, org }, pageReq);
      const url = (to: PagerTarget) => {
        const u = new URLSearchParams();
        if (type) u.set("type", type);
        if (org) u.set("org", org);
        for (const [k, v] of Object.entries(pagerParams(to))) u.set(k, v);
        return `${c.prefix}/hd/messages${u.size ? `?${u}` : ""}`;
      };
      return (
        <PublicLayout
          lang={c.lang}
          t={c.t}
          site={c.site}
          title={c.t("msg.title")}
          path={c.path}
          section="interaction"
        >
          <h1 safe>{c.t("msg.title")}</h1>
          <p safe>{c.t("msg.intro")}</p>
          <p class="actions">
            <a class="button" href={`${c.prefix}/hd/messages/new`} safe>
              {c.t("msg.new_link")}
            </a>{" "}
            <a href={`${c.prefix}/hd/messages/track`} safe>
              {c.t("msg.track_link")}
            </a>
          </p>
          <form
            method="get"
            action={`${c.prefix}/search`}
            class="filters"
            role="search"
            aria-label={c.t("msg.search_label")}
          >
            <div>
              <Field id="msg-q" name="q" type="search" label={c.t("msg.search_label")} maxlength={100} />
            </div>
            <div>
              <button type="submit" safe>
                {c.t("search.submit")}
              </button>
            </div>
          </form>
          <form
            method="get"
            action={`${c.prefix}/hd/messages`}
            class="filters"
            aria-label={c.t("msg.filters")}
          >
            <FilterSelect
              name="type"
              label={c.t("msg.type")}
              all={c.t("list.all")}
              selected={type}
              options={MESSAGE_TYPES.map((x) => [x, typeLabel(c.t, x)])}
            />
            <FilterSelect
              name="org"
              label={c.t("msg.org")}
              all={c.t("list.all")}
              selected={org}
              options={orgs.map((o) => [o.code, o.name])}
            />
            <div>
              <button type="submit" class="button" safe>
                {c.t("list.apply")}
              </button>
            </div>
          </form>
          <p class="meta" safe>
            {c.t(list.capped ? "list.total_capped" : "list.total", { n: list.total })}
          </p>
          {list.items.length === 0 ? (
            <p safe>{c.t("msg.empty")}</p>
          ) : (
            <ul class="item-list qa-list">
              {list.items.map((qa) => (
                <li>
                  <a href={`${c.prefix}/hd/messages/${qa.id}`} safe>
                    {qa.title}
                  </a>
                  <span class="meta" safe>
                    {[typeLabel(c.t, qa.type), qa.asked_on, qa.org_name ?? ""].filter(Boolean).join("　")}
                  </span>
                </li>
              ))}
            </ul>
          )}
          <CursorPager
            page={list.page}
            size={QA_PAGE_SIZE}
            next={list.next}
            prev={list.prev}
            total={{ n: list.total, capped: list.capped }}
            href={url}
            text={{
              label: c.t("pager.label"),
              prev: c.t("pager.prev"),
              next: c.t("pager.next"),
              page: (page, pages) =>
                pages ? c.t("pager.page", { page, pages }) : c.t("pager.page_open", { page }),
            }}
          />
        </PublicLayout>
      );
    },
    { querystring: ListQuery },
  );

  publicPage(app, deps, "/hd/messages/new", async (c, req, reply) => renderForm(req, reply, c.lang, {}, []));

  publicPage(app, deps, "/hd/messages/:id", async (c, req) => {
    const id = (req.params as { id: string }).id;
    if (id.length > 40) throw new AppError("message_not_found", 404, "留言不存在或未公开。");
    const qa = await getPublishedQa(deps, c.site.id, id);
    return (
      <PublicLayout lang={c.lang} t={c.t} site={c.site} title={qa.title} path={c.path} section="interaction">
        <p>
          <a href={`${c.prefix}/hd/messages`} safe>
            {c.t("msg.back")}
          </a>
        </p>
        <QaEntry t={c.t} qa={qa} />
      </PublicLayout>
    );
  });

  const renderForm = (
    req: FastifyRequest,
    reply: FastifyReply,
    lang: Lang,
    values: Values,
    problems: ErrorDetail[],
    status = 200,
  ) => {
    const check = humanCheckIn(deps.config.secretKey, deps.clock.now().getTime(), lang);
    const t = translator(lang);
    // The checks' sentences in the page's language.
    problems = localiseProblems(lang, problems, {
      title: t("msg.f_title"),
      body: t("msg.f_body"),
      name: t("msg.f_name"),
      phone: t("msg.f_phone"),
      email: t("msg.f_email"),
    });
    return sendInteractionPage(deps, req, reply, lang, { title: t("msg.new_title"), status }, () => (
      <>
        <p safe>{t("msg.new_intro")}</p>
        <MessageForm
          t={t}
          prefix={LANG_PREFIX[lang]}
          csrf={reply.generateCsrf()}
          values={values}
          problems={problems}
          question={check.question}
          token={check.token}
        />
      </>
    ));
  };

  for (const lang of ["zh-CN", "mn-Mong"] as const) {
    const prefix = LANG_PREFIX[lang];
    app.post(
      `${prefix}/hd/messages/new`,
      {
        preValidation: app.csrfProtection,
        config: { clientLimit: "submissions" },
        schema: { hide: true, body: PublicFormBody },
      },
      async (req, reply) => {
        // The answer may show the tracking code and secret or the asker's own message: never cached.
        reply.header("cache-control", "private, no-store");
        const v = req.body as Values;
        const t = translator(lang);
        const input = messageInputOf(v);
        // The human check and the fields together, so one submission names every problem.
        const fields = new Problems();
        if (!(MESSAGE_TYPES as readonly string[]).includes(v.type ?? ""))
          fields.add("type", "invalid_type", "请选择留言类型。");
        checkMessage(input, fields);
        const problems = [
          ...humanCheckProblems(deps.config.secretKey, deps.clock.now().getTime(), t, v),
          ...fields.list,
          ...messageFormProblems(t, v),
        ];
        try {
          if (problems.length) throw new AppError("validation_failed", 400, t("msg.error_title"), problems);
          const site = await resolvePublicSite(deps, req);
          const made = await createMessage(deps, input, { siteId: site.id });
          return sendInteractionPage(
            deps,
            req,
            reply,
            lang,
            { title: t("msg.done_title"), status: 201 },
            () => (
              <TrackingDone
                t={t}
                prefix={prefix}
                csrf={reply.generateCsrf()}
                code={made.tracking_code}
                secret={made.secret}
                intro={t("msg.done_intro")}
              />
            ),
          );
        } catch (e) {
          if (!(e instanceof AppError) || e.status >= 500) throw e;
          return renderForm(req, reply, lang, v, problemsOf(e), 400);
        }
      },
    );
  }

  registerMessageTrackPages(app, deps);
  registerErrorReportPages(app, deps);
  registerMessageAdmin(app, deps);
}
