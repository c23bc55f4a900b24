import { Type } from "@sinclair/typebox";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { Deps } from "../../deps";
import { AppError, type ErrorDetail, Problems } from "../../platform/errors";
import { newHumanCheck, publicFormProblems } from "../../platform/tracking";
import { LANG_PREFIX, type Lang, translator } from "../../web/i18n";
import { addSectionLink, publicPage } from "../../web/portal";
import type { AppInstance } from "../../web/types";
import { CsrfField, PublicLayout } from "../../web/views/layout";
import { resolvePublicSite } from "../orgs";
import {
  type BufferedFiles,
  drainUpload,
  openUpload,
  readPublicMultipartFields,
} from "../publishing/attachments/attachments.multipart";
import { checkApplicant } from "./applicant-checks";
import {
  checkApplicantFiles,
  MAX_APPLICANT_FILE_BYTES,
  MAX_APPLICANT_FILES,
} from "./applicant-files/applicant-files.service";
import { ApplyForm, type Values } from "./applications.apply-form";
import { publicText } from "./applications.public-text";
import { APPLICANT_TYPES } from "./applications.schemas";
import { submitOnline } from "./applications.service";
import { registerTrackPages } from "./applications.track-page";
import { ArchiveLinks } from "./archive/archive.public-views";

const html = "text/html; charset=utf-8";

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
        const problems: ErrorDetail[] = publicFormProblems(
          deps.config.secretKey,
          deps.clock.now().getTime(),
          v,
          x("check_failed"),
        );
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
            // Sent by a natural person, these are refused by name (checkApplicant / below), never dropped.
            credit_code: v.credit_code?.trim() || undefined,
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
        // 组织类型 always has a value (a select), so for a natural person it is ignored rather than refused.
        if (!isOrg && v.legal_rep?.trim())
          problems.push({
            field: "legal_rep",
            code: "field_not_used",
            message:
              "申请人类型为自然人时无需填写法定代表人或负责人；请清空该项，或将申请人类型改为“法人或其他组织”。",
          });
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
  }
  registerTrackPages(app, deps);
}
