import { Type } from "@sinclair/typebox";
import type { FastifyReply } from "fastify";
import type { Deps } from "../../deps";
import { AppError, type ErrorDetail } from "../../platform/errors";
import { formatShanghai } from "../../platform/time";
import { LANG_PREFIX, type MessageKey, type Translate, translator } from "../../web/i18n";
import { type PortalContext, publicPage } from "../../web/portal";
import type { AppInstance } from "../../web/types";
import { Field } from "../../web/views/fields";
import { ErrorSummary, PublicLayout } from "../../web/views/layout";
import { resolvePublicSite } from "../orgs";
import { chainView, parseDayRange } from "./integrity.present";
import {
  hashStream,
  parseSha256,
  VERIFY_MAX_BYTES,
  type VerifyResult,
  verifySha256,
} from "./integrity.verify";
import { Hash } from "./integrity.views";

const html = "text/html; charset=utf-8";

/** The message key for a refusal the verify page words itself (both languages). */
const PROBLEM_KEYS: Record<string, MessageKey> = {
  invalid_sha256: "verify.bad_sha256",
  verify_file_too_large: "verify.too_large",
  verify_no_file: "verify.no_file",
};

interface VerifyState {
  sha256?: string;
  typed?: string;
  file?: { name: string; size: number };
  result?: VerifyResult;
  problem?: { field: string; code: string };
}

function MatchList(p: { result: VerifyResult; prefix: string; t: Translate }) {
  const { t } = p;
  if (!p.result.found)
    return (
      <p class="notice" safe>
        {t("verify.no_match")}
      </p>
    );
  return (
    <ul class="verify-matches">
      {p.result.matches.map((m) => (
        <li>
          <span safe>
            {t(
              m.type === "item"
                ? "verify.match_item"
                : m.type === "gazette"
                  ? "verify.match_gazette"
                  : "verify.match_attachment",
            )}
          </span>
          {"："}
          <a href={`${p.prefix}${m.url}`} safe>
            {m.title}
          </a>
          {m.filename ? <span safe>{`（${m.filename}）`}</span> : ""}
          <span class="meta" safe>
            {`　${t("page.published_at", { time: m.published_at ? formatShanghai(m.published_at) : "" })}`}
          </span>
          {m.status === "withdrawn" || m.status === "superseded" ? (
            <p class="meta" safe>
              {t(m.status === "withdrawn" ? "verify.status_withdrawn" : "verify.status_superseded")}
            </p>
          ) : (
            ""
          )}
        </li>
      ))}
    </ul>
  );
}

function VerifyPage(p: {
  c: Pick<PortalContext, "lang" | "t" | "site" | "prefix" | "path">;
  s: VerifyState;
}) {
  const { c, s } = p;
  const { t, prefix } = c;
  const problems = s.problem
    ? [
        {
          field: s.problem.field,
          code: s.problem.code,
          message: t(PROBLEM_KEYS[s.problem.code] ?? "verify.bad_upload"),
        },
      ]
    : [];
  return (
    <PublicLayout
      lang={c.lang}
      t={t}
      site={c.site}
      title={t("verify.title")}
      path={c.path}
      section="disclosure"
    >
      <h1 safe>{t("verify.title")}</h1>
      <ErrorSummary title={t("verify.problems")} problems={problems} />
      <p safe>{t("verify.intro")}</p>
      <form method="get" action={`${prefix}/verify`} class="verify-form">
        <Field
          name="sha256"
          label={t("verify.sha256_label")}
          hint={t("verify.sha256_hint")}
          autocomplete="off"
          maxlength={200}
          value={s.typed ?? ""}
          problems={problems}
        />
        <button type="submit" class="button" safe>
          {t("verify.check")}
        </button>
      </form>
      <form method="post" action={`${prefix}/verify`} enctype="multipart/form-data" class="verify-form">
        <Field
          name="file"
          type="file"
          label={t("verify.file_label")}
          hint={t("verify.file_hint", { mb: VERIFY_MAX_BYTES / 1024 / 1024 })}
          problems={problems}
        />
        <button type="submit" class="button" safe>
          {t("verify.upload")}
        </button>
      </form>
      {s.result && s.sha256 ? (
        <section class="verify-result" aria-labelledby="verify-result-title" aria-live="polite">
          <h2 id="verify-result-title" safe>
            {t("verify.result")}
          </h2>
          {s.file ? <p safe>{t("verify.file_read", { name: s.file.name, size: s.file.size })}</p> : ""}
          <p>
            <span safe>{t("verify.sha256_of")}</span>
            <Hash value={s.sha256} />
          </p>
          <MatchList result={s.result} prefix={prefix} t={t} />
        </section>
      ) : (
        ""
      )}
      <p>
        <a href={`${prefix}/verify/chain`} safe>
          {t("verify.chain_link")}
        </a>
      </p>
    </PublicLayout>
  );
}

const problemOf = (e: unknown, field: string): VerifyState["problem"] => {
  if (e instanceof AppError && e.status < 500) return { field, code: e.code };
  throw e;
};

export function registerIntegrityPages(app: AppInstance, deps: Deps): void {
  publicPage(
    app,
    deps,
    "/verify",
    async (c, req, reply) => {
      const typed = (req.query as { sha256?: string }).sha256;
      if (typed === undefined || typed.trim() === "") return <VerifyPage c={c} s={{}} />;
      try {
        const sha256 = parseSha256(typed);
        const result = await verifySha256(deps, c.site.id, sha256);
        return <VerifyPage c={c} s={{ sha256, typed, result }} />;
      } catch (e) {
        reply.code(400);
        return <VerifyPage c={c} s={{ typed, problem: problemOf(e, "sha256") }} />;
      }
    },
    { querystring: Type.Object({ sha256: Type.Optional(Type.String({ maxLength: 200 })) }) },
  );

  // The upload is only hashed, never parsed or stored: a pure computation, so no CSRF token is needed
  // (nothing changes) and the page works for anyone, a script with curl included.
  for (const lang of ["zh-CN", "mn-Mong"] as const) {
    const prefix = LANG_PREFIX[lang];
    app.post(`${prefix}/verify`, { schema: { hide: true } }, async (req, reply) => {
      const site = await resolvePublicSite(deps, req);
      const c = { lang, t: translator(lang), site, prefix, path: `${prefix}/verify` };
      const send = async (s: VerifyState, status = 200): Promise<FastifyReply> =>
        reply
          .code(status)
          .type(html)
          .send(await (<VerifyPage c={c} s={s} />));
      let file: { name: string; sha256: string; size: number } | undefined;
      try {
        if (!req.isMultipart())
          throw new AppError("not_multipart", 415, "请以 multipart/form-data 方式上传文件。");
        const parts = req.parts({ limits: { fileSize: VERIFY_MAX_BYTES, files: 1, fields: 5, parts: 6 } });
        for await (const part of parts) {
          if (part.type !== "file") continue;
          if (part.fieldname !== "file" || !part.filename || file) {
            part.file.resume();
            continue;
          }
          const { sha256, size } = await hashStream(part.file);
          file = { name: part.filename, sha256, size };
        }
        if (!file || file.size === 0) throw new AppError("verify_no_file", 400, "请选择要核验的文件。");
      } catch (e) {
        const problem = problemOf(e, "file");
        return send({ problem }, e instanceof AppError ? e.status : 400);
      }
      const result = await verifySha256(deps, site.id, file.sha256);
      return send({ sha256: file.sha256, file: { name: file.name, size: file.size }, result });
    });
  }

  publicPage(
    app,
    deps,
    "/verify/chain",
    async (c, req, reply) => {
      const q = req.query as { from?: string; to?: string };
      let problems: ErrorDetail[] = [];
      let view: Awaited<ReturnType<typeof chainView>> | undefined;
      try {
        view = await chainView(deps, c.site.id, parseDayRange(q.from, q.to));
      } catch (e) {
        if (!(e instanceof AppError) || e.status >= 500) throw e;
        reply.code(400);
        problems = e.details.map((d) => ({ field: d.field, code: d.code, message: c.t("chain.bad_date") }));
      }
      const { t, prefix } = c;
      const json = `/api/v1/integrity/chain${q.from || q.to ? `?${new URLSearchParams({ ...(q.from ? { from: q.from } : {}), ...(q.to ? { to: q.to } : {}) })}` : ""}`;
      return (
        <PublicLayout
          lang={c.lang}
          t={t}
          site={c.site}
          title={t("chain.title")}
          path={c.path}
          section="disclosure"
        >
          <h1 safe>{t("chain.title")}</h1>
          <ErrorSummary title={t("verify.problems")} problems={problems} />
          <p safe>{t("chain.intro")}</p>
          <form method="get" action={`${prefix}/verify/chain`} class="filters">
            {(["from", "to"] as const).map((name) => (
              <div>
                <Field
                  name={name}
                  type="date"
                  label={t(`chain.${name}`)}
                  value={q[name] ?? ""}
                  problems={problems}
                />
              </div>
            ))}
            <div>
              <button type="submit" class="button" safe>
                {t("chain.show")}
              </button>
            </div>
          </form>
          {view && view.days.length === 0 ? <p safe>{t("chain.empty")}</p> : ""}
          {view && view.days.length > 0 ? (
            <div class="table-scroll" tabindex="0" role="region" aria-label={t("chain.title")}>
              <table class="chain">
                <thead>
                  <tr>
                    <th scope="col" safe>
                      {t("chain.day")}
                    </th>
                    <th scope="col" safe>
                      {t("chain.leaves")}
                    </th>
                    <th scope="col" safe>
                      {t("chain.hash")}
                    </th>
                    <th scope="col" safe>
                      {t("chain.prev_hash")}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {view.days.map((d) => (
                    <tr>
                      <td safe>{d.day}</td>
                      <td safe>{String(d.leaf_count)}</td>
                      <td>
                        <Hash value={d.hash} />
                      </td>
                      <td>
                        <Hash value={d.prev_hash} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            ""
          )}
          <p safe>{t("chain.recompute")}</p>
          <p>
            <a href={json} safe>
              {t("chain.json")}
            </a>
            {"　"}
            <a href={`${prefix}/verify`} safe>
              {t("verify.title")}
            </a>
          </p>
        </PublicLayout>
      );
    },
    {
      querystring: Type.Object({
        from: Type.Optional(Type.String({ maxLength: 20 })),
        to: Type.Optional(Type.String({ maxLength: 20 })),
      }),
    },
  );
}
