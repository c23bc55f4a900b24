// The asker's tracking page (/hd/messages/track, and /mn/…): code and secret → every public step, the due
// date (暂定 where provisional), the reply, and the rating form (满意 / 基本满意 / 不满意, one follow-up).
// Error reports (我为政府网站找错) are messages too and are tracked here. The secret travels in POST bodies only.

import { Type } from "@sinclair/typebox";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { Deps } from "../../deps";
import { AppError, type ErrorDetail } from "../../platform/errors";
import { lengthProblems } from "../../web/form-limits";
import { LANG_PREFIX, type Lang, translator } from "../../web/i18n";
import { publicPage } from "../../web/portal";
import type { AppInstance } from "../../web/types";
import { RATINGS, RatingBody } from "./interaction.schemas";
import { sendInteractionPage } from "./interaction-public.pages";
import { trackMessage } from "./messages.service";
import { problemsOf, TrackForm, TrackStatus, type TrackView, tooLongIn } from "./messages.views";
import { rateMessage } from "./messages.workflow";

const _html = "text/html; charset=utf-8";
const CodeAndSecret = {
  code: Type.String({ maxLength: 40 }),
  secret: Type.String({ maxLength: 40 }),
  _csrf: Type.Optional(Type.String({ maxLength: 200 })),
};

export function registerMessageTrackPages(app: AppInstance, deps: Deps): void {
  publicPage(app, deps, "/hd/messages/track", async (c, req, reply) => render(req, reply, c.lang, {}));

  for (const lang of ["zh-CN", "mn-Mong"] as const) {
    const prefix = LANG_PREFIX[lang];
    app.post(
      `${prefix}/hd/messages/track`,
      {
        preValidation: app.csrfProtection,
        config: { clientLimit: "track" },
        schema: { hide: true, body: Type.Object(CodeAndSecret) },
      },
      async (req, reply) => {
        // The answer may show the tracking code and secret or the asker's own message: never cached.
        reply.header("cache-control", "private, no-store");
        try {
          const status = await trackMessage(deps, req.body.code, req.body.secret);
          return render(req, reply, lang, { status, secret: req.body.secret });
        } catch (e) {
          if (!(e instanceof AppError) || e.status !== 404) throw e;
          const message = translator(lang)("msg.track_failed");
          return render(
            req,
            reply,
            lang,
            { code: req.body.code, problems: [{ field: "code", code: e.code, message }] },
            404,
          );
        }
      },
    );

    app.post(
      `${prefix}/hd/messages/track/rating`,
      {
        preValidation: app.csrfProtection,
        config: { clientLimit: "track" },
        schema: {
          hide: true,
          body: Type.Object({
            ...CodeAndSecret,
            rating: Type.Optional(Type.String({ maxLength: 20 })),
            // Generous: the API's limit (RatingBody) is named on the form with the text kept.
            follow_up: Type.Optional(Type.String({ maxLength: 50_000 })),
          }),
        },
      },
      async (req, reply) => {
        // The answer may show the tracking code and secret or the asker's own message: never cached.
        reply.header("cache-control", "private, no-store");
        const t = translator(lang);
        const { code, secret, rating } = req.body;
        const followUp = req.body.follow_up?.trim() || undefined;
        try {
          const problems = lengthProblems(
            RatingBody,
            req.body,
            { follow_up: t("msg.follow_up") },
            tooLongIn(t),
          );
          if (!(RATINGS as readonly string[]).includes(rating ?? ""))
            problems.unshift({ field: "rating", code: "required", message: t("msg.rate_required") });
          if (problems.length) throw new AppError("validation_failed", 400, t("msg.rate_error"), problems);
          const status = await rateMessage(deps, code, {
            code,
            secret,
            rating: rating as never,
            ...(followUp ? { follow_up: followUp } : {}),
          });
          return render(req, reply, lang, { status, secret, notice: t("msg.rate_done") });
        } catch (e) {
          if (!(e instanceof AppError) || e.status >= 500) throw e;
          if (e.status === 404)
            return render(
              req,
              reply,
              lang,
              { code, problems: [{ field: "code", code: e.code, message: t("msg.track_failed") }] },
              404,
            );
          // The page again with the message as it stands and every problem with the rating named.
          const status = await trackMessage(deps, code, secret);
          return render(
            req,
            reply,
            lang,
            { status, secret, rateProblems: problemsOf(e), followUp: req.body.follow_up },
            e.status,
          );
        }
      },
    );
  }

  function render(
    req: FastifyRequest,
    reply: FastifyReply,
    lang: Lang,
    p: {
      status?: TrackView;
      secret?: string;
      code?: string;
      problems?: ErrorDetail[];
      rateProblems?: ErrorDetail[];
      notice?: string;
      followUp?: string;
    },
    code = 200,
  ) {
    const t = translator(lang);
    const prefix = LANG_PREFIX[lang];
    const csrf = reply.generateCsrf();
    return sendInteractionPage(deps, req, reply, lang, { title: t("msg.track_title"), status: code }, () => (
      <>
        {p.status ? (
          <TrackStatus
            t={t}
            prefix={prefix}
            csrf={csrf}
            s={p.status}
            secret={p.secret ?? ""}
            problems={p.rateProblems ?? []}
            notice={p.notice}
            followUp={p.followUp}
          />
        ) : (
          ""
        )}
        <TrackForm
          t={t}
          prefix={prefix}
          csrf={csrf}
          code={p.status?.tracking_code ?? p.code}
          problems={p.problems ?? []}
        />
      </>
    ));
  }
}
