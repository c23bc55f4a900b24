import { Type } from "@sinclair/typebox";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { Deps } from "../../deps";
import { AppError, type ErrorDetail, Problems } from "../../platform/errors";
import { LANG_PREFIX, type Lang, translator } from "../../web/i18n";
import { addSectionLink, publicPage } from "../../web/portal";
import type { AppInstance } from "../../web/types";
import { CsrfField, ErrorSummary, PublicLayout } from "../../web/views/layout";
import { resolvePublicSite } from "../orgs";
import {
  type BufferedFiles,
  drainUpload,
  openUpload,
  readPublicMultipartFields,
} from "../publishing/attachments/attachments.multipart";
import { checkApplicant } from "./applicant-checks";
import {
  ACCEPT_APPLICANT_FILES,
  checkApplicantFiles,
  MAX_APPLICANT_FILE_BYTES,
  MAX_APPLICANT_FILES,
} from "./applicant-files/applicant-files.service";
import { renderApplicationLetter } from "./applications.letters";
import { publicText } from "./applications.public-text";
import {
  APPLICANT_TYPE_LABELS,
  APPLICANT_TYPES,
  DELIVERIES,
  DELIVERY_LABELS,
  ID_TYPE_LABELS,
  ID_TYPES,
} from "./applications.schemas";
import { findApplicationByCode, submitOnline, trackApplication } from "./applications.service";
import { ArchiveLinks } from "./archive/archive.public-views";
import { releasedDocuments } from "./documents/documents.service";
import { ApplicantDocuments } from "./documents/documents.views";
import { checkHumanAnswer, newHumanCheck } from "./human-check";
import { OUTCOME_LABELS } from "./letters/letter.index";

const html = "text/html; charset=utf-8";
type Values = Record<string, string | undefined>;

function Field(p: {
  id: string;
  label: string;
  values: Values;
  problems: ErrorDetail[];
  hint?: string;
  type?: string;
  autocomplete?: string;
  field?: string;
}) {
  const err = p.problems.find((x) => x.field === (p.field ?? p.id))?.message;
  return (
    <>
      <label for={p.id} safe>
        {p.label}
      </label>
      {p.hint ? (
        <p class="hint" safe>
          {p.hint}
        </p>
      ) : (
        ""
      )}
      {err ? (
        <p class="field-error" id={`${p.id}-error`} safe>
          {err}
        </p>
      ) : (
        ""
      )}
      <input
        id={p.id}
        name={p.id}
        type={p.type ?? "text"}
        value={p.values[p.id] ?? ""}
        autocomplete={p.autocomplete}
        aria-invalid={err ? "true" : undefined}
        aria-describedby={err ? `${p.id}-error` : undefined}
      />
    </>
  );
}

function ApplyForm(p: {
  lang: Lang;
  csrf: string;
  values: Values;
  problems: ErrorDetail[];
  question: string;
  token: string;
  /** Files came with a refused submission: they are not kept, so the form asks for them again. */
  filesSent?: boolean;
}) {
  const x = publicText(p.lang);
  const prefix = LANG_PREFIX[p.lang];
  const v = p.values;
  const err = (f: string) => p.problems.find((e) => e.field === f)?.message;
  const isOrg = v.kind === "org";
  return (
    <>
      <ErrorSummary title={x("error_title")} problems={p.problems} />
      <form
        method="post"
        action={`${prefix}/hd/apply`}
        class="stack"
        enctype="multipart/form-data"
        novalidate
      >
        <CsrfField token={p.csrf} />
        <input type="hidden" name="check_token" value={p.token} />
        <fieldset>
          <legend safe>{x("applicant")}</legend>
          <fieldset>
            <legend safe>{x("type")}</legend>
            <label class="checkbox">
              <input type="radio" name="kind" value="natural" checked={!isOrg} />{" "}
              <span safe>{x("type_natural")}</span>
            </label>
            <label class="checkbox">
              <input type="radio" name="kind" value="org" checked={isOrg} /> <span safe>{x("type_org")}</span>
            </label>
          </fieldset>
          <label for="org_type" safe>
            {x("org_kind")}
          </label>
          <select id="org_type" name="org_type">
            {APPLICANT_TYPES.filter((t) => t !== "natural").map((t) => (
              <option value={t} selected={v.org_type === t} safe>
                {APPLICANT_TYPE_LABELS[t]!}
              </option>
            ))}
          </select>
          <Field
            id="name"
            field="applicant.name"
            label={`${x("name_natural")} / ${x("name_org")}`}
            values={v}
            problems={p.problems}
            autocomplete="name"
          />
          <label for="id_type" safe>
            {x("id_type")}
          </label>
          <select id="id_type" name="id_type">
            {ID_TYPES.map((t) => (
              <option value={t} selected={(v.id_type ?? "resident_id") === t} safe>
                {ID_TYPE_LABELS[t]!}
              </option>
            ))}
          </select>
          <Field
            id="id_number"
            field="applicant.id_number"
            label={x("id_number")}
            values={v}
            problems={p.problems}
            autocomplete="off"
          />
          <Field
            id="credit_code"
            field="applicant.credit_code"
            label={x("credit_code")}
            values={v}
            problems={p.problems}
            autocomplete="off"
          />
          <Field
            id="legal_rep"
            label={`${x("legal_rep")}${x("optional")}`}
            values={v}
            problems={p.problems}
          />
        </fieldset>
        <fieldset>
          <legend safe>{x("contact")}</legend>
          <Field
            id="phone"
            field="applicant.phone"
            label={x("phone")}
            values={v}
            problems={p.problems}
            type="tel"
            autocomplete="tel"
          />
          <Field
            id="email"
            field="applicant.email"
            label={x("email")}
            values={v}
            problems={p.problems}
            type="email"
            autocomplete="email"
          />
          <Field
            id="address"
            field="applicant.address"
            label={x("address")}
            values={v}
            problems={p.problems}
            autocomplete="street-address"
          />
        </fieldset>
        <fieldset>
          <legend safe>{x("wanted")}</legend>
          <label for="description" safe>
            {x("description")}
          </label>
          <p class="hint" safe>
            {x("description_hint")}
          </p>
          {err("description") ? (
            <p class="field-error" id="description-error" safe>
              {err("description")!}
            </p>
          ) : (
            ""
          )}
          <textarea
            id="description"
            name="description"
            rows="6"
            aria-invalid={err("description") ? "true" : undefined}
            safe
          >
            {v.description ?? ""}
          </textarea>
          <fieldset>
            <legend safe>{x("delivery")}</legend>
            {DELIVERIES.map((d) => (
              <label class="checkbox">
                <input type="radio" name="delivery" value={d} checked={(v.delivery ?? "online") === d} />{" "}
                <span safe>{DELIVERY_LABELS[d]!}</span>
              </label>
            ))}
          </fieldset>
          <fieldset>
            <legend safe>{x("carrier")}</legend>
            <label class="checkbox">
              <input type="radio" name="carrier" value="electronic" checked={v.carrier !== "paper"} />{" "}
              <span safe>{x("carrier_electronic")}</span>
            </label>
            <label class="checkbox">
              <input type="radio" name="carrier" value="paper" checked={v.carrier === "paper"} />{" "}
              <span safe>{x("carrier_paper")}</span>
            </label>
          </fieldset>
        </fieldset>
        <fieldset>
          <legend safe>{x("files")}</legend>
          <label for="file" class="visually-hidden" safe>
            {x("files")}
          </label>
          <p class="hint" id="file-hint" safe>
            {x("files_hint")}
          </p>
          {err("file") || p.filesSent ? (
            <p class="field-error" id="file-error" safe>
              {[
                ...p.problems.filter((e) => e.field === "file").map((e) => e.message),
                p.filesSent ? x("files_reselect") : "",
              ]
                .filter(Boolean)
                .join(" ")}
            </p>
          ) : (
            ""
          )}
          <input
            id="file"
            name="file"
            type="file"
            multiple
            accept={ACCEPT_APPLICANT_FILES}
            aria-describedby={err("file") || p.filesSent ? "file-hint file-error" : "file-hint"}
            aria-invalid={err("file") ? "true" : undefined}
          />
        </fieldset>
        {/* A field people never see: automated submissions that fill it are refused. */}
        <div class="visually-hidden" aria-hidden="true">
          <label for="website">网址</label>
          <input id="website" name="website" type="text" tabindex="-1" autocomplete="off" />
        </div>
        <Field
          id="check_answer"
          label={x("check", { question: p.question })}
          values={{}}
          problems={p.problems}
          autocomplete="off"
        />
        {err("declaration") ? (
          <p class="field-error" safe>
            {err("declaration")!}
          </p>
        ) : (
          ""
        )}
        <label class="checkbox">
          <input type="checkbox" name="declaration" value="yes" checked={v.declaration === "yes"} />{" "}
          <span safe>{x("declaration")}</span>
        </label>
        <button type="submit" safe>
          {x("submit")}
        </button>
      </form>
    </>
  );
}

const ApplyFormBody = Type.Record(Type.String({ maxLength: 40 }), Type.String({ maxLength: 6000 }));

export function registerApplicationPages(app: AppInstance, deps: Deps): void {
  addSectionLink("interaction", { path: "/hd/apply", label: (lang) => publicText(lang)("apply_title") });
  addSectionLink("interaction", { path: "/hd/track", label: (lang) => publicText(lang)("track_title") });

  const renderForm = async (
    req: FastifyRequest,
    reply: FastifyReply,
    lang: Lang,
    values: Values,
    problems: ErrorDetail[],
    status = 200,
    filesSent = false,
  ) => {
    const site = await resolvePublicSite(deps, req);
    const check = newHumanCheck(deps.config.secretKey, deps.clock.now().getTime());
    const x = publicText(lang);
    return reply
      .status(status)
      .type(html)
      .send(
        <PublicLayout
          lang={lang}
          t={translator(lang)}
          site={site}
          title={x("apply_title")}
          path={req.url}
          section="interaction"
        >
          <h1 safe>{x("apply_title")}</h1>
          <p safe>{x("apply_intro")}</p>
          <ArchiveLinks lang={lang} />
          <ApplyForm
            lang={lang}
            csrf={reply.generateCsrf()}
            values={values}
            problems={problems}
            question={check.question}
            token={check.token}
            filesSent={filesSent}
          />
        </PublicLayout>,
      );
  };

  publicPage(app, deps, "/hd/apply", async (c, req, reply) => renderForm(req, reply, c.lang, {}, []));
  publicPage(app, deps, "/hd/track", async (c, req, reply) => renderTrack(req, reply, c.lang, undefined, []));

  for (const lang of ["zh-CN", "mn-Mong"] as const) {
    const prefix = LANG_PREFIX[lang];
    app.post(
      `${prefix}/hd/apply`,
      {
        // Multipart (with files) or urlencoded; the CSRF token is read before any file.
        preValidation: [readPublicMultipartFields, app.csrfProtection],
        onResponse: async (req) => drainUpload(req),
        config: { clientLimit: "applications" },
        schema: { hide: true, body: ApplyFormBody },
      },
      async (req, reply) => {
        let v = req.body as Values;
        let files: BufferedFiles = { files: [], dropped: 0 };
        if (req.isMultipart()) {
          const upload = await openUpload(req);
          try {
            files = await upload.bufferFiles({
              maxBytes: MAX_APPLICANT_FILE_BYTES,
              maxFiles: MAX_APPLICANT_FILES,
            });
          } catch (e) {
            // Too many parts, an over-long field, a broken body: the form again, with what was typed.
            if (!(e instanceof AppError) || e.status >= 500) throw e;
            await upload.drain();
            const problem = e.details[0] ?? { field: "file", code: e.code, message: e.message };
            return renderForm(req, reply, lang, { ...upload.fields }, [problem], e.status, true);
          }
          v = { ...upload.fields };
        }
        const filesSent = files.files.length + files.dropped > 0;
        const x = publicText(lang);
        const problems: ErrorDetail[] = [];
        if (v.website) problems.push({ code: "rejected", message: x("check_failed") });
        if (
          !checkHumanAnswer(
            deps.config.secretKey,
            v.check_token ?? "",
            v.check_answer ?? "",
            deps.clock.now().getTime(),
          )
        ) {
          problems.push({ field: "check_answer", code: "human_check_failed", message: x("check_failed") });
        }
        if (v.declaration !== "yes")
          problems.push({
            field: "declaration",
            code: "declaration_required",
            message: x("declaration_required"),
          });
        const isOrg = v.kind === "org";
        const input = {
          applicant: {
            type: (isOrg ? v.org_type : "natural") as never,
            name: v.name ?? "",
            id_type: (v.id_type || undefined) as never,
            id_number: v.id_number || undefined,
            credit_code: isOrg ? v.credit_code || undefined : undefined,
            legal_rep: v.legal_rep || undefined,
            phone: v.phone || undefined,
            email: v.email || undefined,
            address: v.address || undefined,
          },
          description: v.description ?? "",
          // Checked by checkApplicant with the rest: an unknown value is named, never replaced.
          delivery: (v.delivery || "online") as never,
          carrier: (v.carrier || undefined) as never,
        };
        if (isOrg && !(APPLICANT_TYPES as readonly string[]).includes(v.org_type ?? "")) {
          problems.push({ field: "org_type", code: "not_allowed", message: "请选择组织类型。" });
        }
        // The applicant's fields are checked here too, so one submission names every problem at once.
        const fieldProblems = new Problems();
        checkApplicant(input, fieldProblems);
        await checkApplicantFiles(files.files, fieldProblems, { dropped: files.dropped });
        problems.push(...fieldProblems.list);
        try {
          if (problems.length) throw new AppError("validation_failed", 400, x("error_title"), problems);
          const site = await resolvePublicSite(deps, req);
          const { row, secret } = await submitOnline(
            deps,
            input,
            { uploads: files.files, dropped: files.dropped },
            site.id,
          );
          return reply
            .status(201)
            .type(html)
            .send(
              <PublicLayout
                lang={lang}
                t={translator(lang)}
                site={site}
                title={x("done_title")}
                path={req.url}
                section="interaction"
              >
                <h1 safe>{x("done_title")}</h1>
                <p class="notice ok" role="status" safe>
                  {x("done_intro")}
                </p>
                <dl class="facts big">
                  <dt safe>{x("code")}</dt>
                  <dd class="mono" id="tracking-code" safe>
                    {row.tracking_code}
                  </dd>
                  <dt safe>{x("secret")}</dt>
                  <dd class="mono" id="tracking-secret" safe>
                    {secret}
                  </dd>
                </dl>
                <form method="post" action={`${prefix}/hd/track`} class="stack">
                  <CsrfField token={reply.generateCsrf()} />
                  <input type="hidden" name="code" value={row.tracking_code} />
                  <input type="hidden" name="secret" value={secret} />
                  <button type="submit" safe>
                    {x("to_track")}
                  </button>
                </form>
              </PublicLayout>,
            );
        } catch (e) {
          if (!(e instanceof AppError) || e.status >= 500) throw e;
          return renderForm(
            req,
            reply,
            lang,
            v,
            e.details.length ? e.details : [{ code: e.code, message: e.message }],
            400,
            filesSent,
          );
        }
      },
    );

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

  // The applicant downloads the reply letter with the same code and secret (POST, so the secret stays out of URLs).
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
                    <dd id="due-on" safe>
                      {status.due_on ?? x("pending")}
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
            <label for="code" safe>
              {x("code")}
            </label>
            <input id="code" name="code" type="text" autocomplete="off" value={status?.tracking_code ?? ""} />
            <label for="secret" safe>
              {x("secret")}
            </label>
            <input id="secret" name="secret" type="password" autocomplete="off" />
            <button type="submit" safe>
              {x("track_submit")}
            </button>
          </form>
        </PublicLayout>,
      );
  }
}
