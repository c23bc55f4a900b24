// The public tracking page (/hd/track): status by code and secret, the reply letter and released documents.
import { Type } from "@sinclair/typebox";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { Deps } from "../../deps";
import { AppError, type ErrorDetail } from "../../platform/errors";
import { LANG_PREFIX, type Lang, translator } from "../../web/i18n";
import { publicPage } from "../../web/portal";
import type { AppInstance } from "../../web/types";
import { Field } from "../../web/views/fields";
import { CsrfField, ErrorSummary, PublicLayout } from "../../web/views/layout";
import { formatDueDate, provisionalDueNote } from "../calendar";
import { resolvePublicSite } from "../orgs";
import { renderApplicationLetter } from "./applications.letters";
import { publicText } from "./applications.public-text";
import { findApplicationByCode, trackApplication } from "./applications.service";
import { releasedDocuments } from "./documents/documents.service";
import { ApplicantDocuments } from "./documents/documents.views";
import { OUTCOME_LABELS } from "./letters/letter.index";

const html = "text/html; charset=utf-8";

export function registerTrackPages(app: AppInstance, deps: Deps): void {
  publicPage(app, deps, "/hd/track", async (c, req, reply) => renderTrack(req, reply, c.lang, undefined, []));
  for (const lang of ["zh-CN", "mn-Mong"] as const) {
    const prefix = LANG_PREFIX[lang];
    app.post(
      `${prefix}/hd/track`,
      {
        preValidation: app.csrfProtection,
        config: { clientLimit: "track" },
        schema: {
          hide: true,
          body: Type.Object({
            code: Type.String({ maxLength: 40 }),
            secret: Type.String({ maxLength: 40 }),
            _csrf: Type.Optional(Type.String()),
          }),
        },
      },
      async (req, reply) => {
        try {
          const status = await trackApplication(deps, req.body.code, req.body.secret);
          return renderTrack(
            req,
            reply,
            lang,
            { ...status, secret: req.body.secret.trim().toUpperCase() },
            [],
          );
        } catch (e) {
          if (!(e instanceof AppError) || e.status !== 404) throw e;
          return renderTrack(
            req,
            reply,
            lang,
            undefined,
            [{ field: "code", code: e.code, message: publicText(lang)("track_failed") }],
            404,
          );
        }
      },
    );
  }

  for (const lang of ["zh-CN", "mn-Mong"] as const) {
    app.post(
      `${LANG_PREFIX[lang]}/hd/track/letter.:format`,
      {
        preValidation: app.csrfProtection,
        config: { clientLimit: "track" },
        schema: {
          hide: true,
          params: Type.Object({ format: Type.Union([Type.Literal("docx"), Type.Literal("pdf")]) }),
          body: Type.Object({
            code: Type.String({ maxLength: 40 }),
            secret: Type.String({ maxLength: 40 }),
            _csrf: Type.Optional(Type.String()),
          }),
        },
      },
      async (req, reply) => {
        const status = await trackApplication(deps, req.body.code, req.body.secret);
        if (status.status !== "replied") throw new AppError("letter_not_ready", 404, "答复书尚未出具。");
        const row = await findApplicationByCode(deps, status.tracking_code);
        const letter = await renderApplicationLetter(deps, row!, "reply", req.params.format);
        return reply
          .type(letter.contentType)
          .header(
            "Content-Disposition",
            `attachment; filename="reply.${req.params.format}"; filename*=UTF-8''${encodeURIComponent(letter.filename)}`,
          )
          .header("Cache-Control", "no-store")
          .send(letter.body);
      },
    );
  }

  async function renderTrack(
    req: FastifyRequest,
    reply: FastifyReply,
    lang: Lang,
    status: (Awaited<ReturnType<typeof trackApplication>> & { secret: string }) | undefined,
    problems: ErrorDetail[],
    code = 200,
  ) {
    const site = await resolvePublicSite(deps, req);
    const x = publicText(lang);
    const prefix = LANG_PREFIX[lang];
    const csrf = reply.generateCsrf();
    const documents = status ? await releasedDocuments(deps, status.tracking_code) : [];
    return reply
      .status(code)
      .type(html)
      .send(
        <PublicLayout
          lang={lang}
          t={translator(lang)}
          site={site}
          title={x("track_title")}
          path={req.url}
          section="interaction"
        >
          <h1 safe>{x("track_title")}</h1>
          {status ? (
            <section aria-labelledby="status-title">
              <h2 id="status-title" class="mono" safe>
                {status.tracking_code}
              </h2>
              <dl class="facts">
                <dt safe>{x("status")}</dt>
                <dd id="status" safe>
                  {status.status_label}
                </dd>
                <dt safe>{x("received_on")}</dt>
                <dd safe>{status.received_on ?? x("pending")}</dd>
                {status.replied_on ? (
                  <>
                    <dt safe>{x("replied_on")}</dt>
                    <dd safe>{status.replied_on}</dd>
                    <dt safe>{x("outcome")}</dt>
                    <dd>
                      {status.outcome
                        ? (OUTCOME_LABELS[status.outcome as keyof typeof OUTCOME_LABELS] ?? status.outcome)
                        : ""}
                    </dd>
                  </>
                ) : (
                  <>
                    <dt safe>{x("due_on")}</dt>
                    <dd id="due-on">
                      <span safe>
                        {status.due_on
                          ? formatDueDate(status.due_on, status.due_on_provisional)
                          : x("pending")}
                      </span>
                      {status.due_on && status.due_on_provisional ? (
                        <span class="meta" safe>
                          {provisionalDueNote(status.due_on)}
                        </span>
                      ) : (
                        ""
                      )}
                    </dd>
                  </>
                )}
              </dl>
              <h3 safe>{x("steps")}</h3>
              <ol class="events">
                {status.steps.map((s) => (
                  <li>
                    <span class="mono" safe>
                      {s.on}
                    </span>{" "}
                    <span safe>{s.text}</span>
                  </li>
                ))}
              </ol>
              {status.status === "replied" ? (
                <section aria-labelledby="letters-title">
                  <h3 id="letters-title" safe>
                    {x("letters")}
                  </h3>
                  <div class="actions">
                    {(["docx", "pdf"] as const).map((format) => (
                      <form method="post" action={`${prefix}/hd/track/letter.${format}`} class="inline">
                        <CsrfField token={csrf} />
                        <input type="hidden" name="code" value={status.tracking_code} />
                        <input type="hidden" name="secret" value={status.secret} />
                        <button type="submit" class="button" safe>
                          {x(format === "docx" ? "letter_docx" : "letter_pdf")}
                        </button>
                      </form>
                    ))}
                  </div>
                </section>
              ) : (
                ""
              )}
              <ApplicantDocuments
                prefix={prefix}
                csrf={csrf}
                code={status.tracking_code}
                secret={status.secret}
                documents={documents}
              />
            </section>
          ) : (
            ""
          )}
          <ErrorSummary title={x("track_failed")} problems={problems} />
          <p safe>{x("track_intro")}</p>
          <form method="post" action={`${prefix}/hd/track`} class="stack">
            <CsrfField token={csrf} />
            <Field
              name="code"
              label={x("code")}
              autocomplete="off"
              value={status?.tracking_code}
              problems={problems}
            />
            <Field name="secret" label={x("secret")} type="password" autocomplete="off" />
            <button type="submit" safe>
              {x("track_submit")}
            </button>
          </form>
        </PublicLayout>,
      );
  }
}
