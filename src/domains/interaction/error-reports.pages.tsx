// 我为政府网站找错: the form every public page links to (the footer pre-fills the page's address in `page`),
// in Chinese and Mongolian. Kind, description and an optional contact; the same human check as the message
// form; the code and secret shown once, tracked on /hd/messages/track.

import { Type } from "@sinclair/typebox";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { Deps } from "../../deps";
import { AppError, type ErrorDetail, Problems } from "../../platform/errors";
import { LANG_PREFIX, type Lang, translator } from "../../web/i18n";
import { publicPage } from "../../web/portal";
import { humanCheckIn, localiseProblems } from "../../web/public-form-text";
import type { AppInstance } from "../../web/types";
import { resolvePublicSite } from "../orgs";
import { ERROR_KINDS } from "./interaction.schemas";
import { sendInteractionPage } from "./interaction-public.pages";
import { checkErrorReport } from "./messages.checks";
import { createErrorReport } from "./messages.service";
import {
  ErrorReportForm,
  errorReportFormProblems,
  humanCheckProblems,
  PublicFormBody,
  problemsOf,
  TrackingDone,
  type Values,
} from "./messages.views";

const _html = "text/html; charset=utf-8";
const FormQuery = Type.Object({ page: Type.Optional(Type.String({ maxLength: 2000 })) });

export function registerErrorReportPages(app: AppInstance, deps: Deps): void {
  publicPage(
    app,
    deps,
    "/hd/error-report",
    async (c, req, reply) =>
      render(req, reply, c.lang, { page_url: (req.query as { page?: string }).page }, []),
    { querystring: FormQuery },
  );

  for (const lang of ["zh-CN", "mn-Mong"] as const) {
    const prefix = LANG_PREFIX[lang];
    app.post(
      `${prefix}/hd/error-report`,
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
        const input = {
          page_url: v.page_url ?? "",
          kind: v.kind as never,
          description: v.description ?? "",
          contact: v.contact?.trim() || undefined,
        };
        const fields = new Problems();
        if (!(ERROR_KINDS as readonly string[]).includes(v.kind ?? ""))
          fields.add("kind", "invalid_kind", "请选择错误类型。");
        checkErrorReport(input, fields);
        const problems = [
          ...humanCheckProblems(deps.config.secretKey, deps.clock.now().getTime(), t, v),
          ...fields.list,
          ...errorReportFormProblems(t, v),
        ];
        try {
          if (problems.length)
            throw new AppError("validation_failed", 400, t("errrep.error_title"), problems);
          const site = await resolvePublicSite(deps, req);
          const made = await createErrorReport(deps, input, site.id);
          return sendInteractionPage(
            deps,
            req,
            reply,
            lang,
            { title: t("errrep.done_title"), status: 201 },
            () => (
              <TrackingDone
                t={t}
                prefix={prefix}
                csrf={reply.generateCsrf()}
                code={made.tracking_code}
                secret={made.secret}
                intro={t("errrep.done_intro")}
              />
            ),
          );
        } catch (e) {
          if (!(e instanceof AppError) || e.status >= 500) throw e;
          return render(req, reply, lang, v, problemsOf(e), 400);
        }
      },
    );
  }

  function render(
    req: FastifyRequest,
    reply: FastifyReply,
    lang: Lang,
    values: Values,
    problems: ErrorDetail[],
    status = 200,
  ) {
    const check = humanCheckIn(deps.config.secretKey, deps.clock.now().getTime(), lang);
    const t = translator(lang);
    // The checks' sentences in the page's language.
    problems = localiseProblems(lang, problems, {
      page_url: t("errrep.f_page"),
      description: t("errrep.f_description"),
      contact: t("errrep.f_contact"),
    });
    return sendInteractionPage(deps, req, reply, lang, { title: t("errrep.title"), status }, () => (
      <>
        <p safe>{t("errrep.intro")}</p>
        <ErrorReportForm
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
  }
}
