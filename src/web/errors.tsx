import { randomBytes } from "node:crypto";
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { AppError, type ErrorDetail } from "../platform/errors";
import { isApiPath } from "./auth";
import { hasTranslation, type Lang, langFromPath, type MessageKey, translator } from "./i18n";
import { Doc } from "./views/layout";

interface AjvError {
  instancePath?: string;
  keyword?: string;
  message?: string;
  params?: Record<string, unknown>;
}

const fieldOf = (e: AjvError): string => {
  const path = (e.instancePath ?? "").replace(/^\//, "").replace(/\//g, ".");
  const missing = e.params?.missingProperty as string | undefined;
  const extra = e.params?.additionalProperty as string | undefined;
  return [path, missing ?? extra].filter(Boolean).join(".") || "body";
};

const TYPE_NAMES: Record<string, string> = {
  string: "文本",
  integer: "整数",
  number: "数字",
  boolean: "true 或 false",
  object: "对象",
  array: "数组",
  null: "null",
};

function describeAjv(e: AjvError): ErrorDetail {
  const field = fieldOf(e);
  switch (e.keyword) {
    case "required":
      return { field, code: "required", message: `缺少必填字段 ${field}。` };
    case "additionalProperties":
      return { field, code: "unknown_field", message: `不接受字段 ${field}。` };
    case "type":
      return {
        field,
        code: "wrong_type",
        message: `字段 ${field} 的类型不正确（应为${TYPE_NAMES[String(e.params?.type)] ?? String(e.params?.type)}）。`,
      };
    case "minLength":
    case "maxLength": {
      const limit = Number(e.params?.limit);
      return {
        field,
        code: "wrong_length",
        message:
          e.keyword === "maxLength"
            ? `字段 ${field} 过长：不能超过 ${limit} 个字符。`
            : `字段 ${field} 过短：至少 ${limit} 个字符。`,
      };
    }
    case "maxItems":
    case "minItems":
      return {
        field,
        code: "wrong_count",
        message: `字段 ${field} 的项数不符合要求（${e.keyword === "maxItems" ? "最多" : "至少"} ${Number(e.params?.limit)} 项）。`,
      };
    case "minimum":
    case "maximum":
      return {
        field,
        code: "out_of_range",
        message: `字段 ${field} 的数值${e.keyword === "maximum" ? "不能大于" : "不能小于"} ${Number(e.params?.limit)}。`,
      };
    case "enum":
    case "anyOf":
    case "const":
      return { field, code: "not_allowed", message: `字段 ${field} 的取值不在允许范围内。` };
    case "pattern":
    case "format":
      return { field, code: "wrong_format", message: `字段 ${field} 的格式不正确。` };
    default:
      return { field, code: "invalid", message: `字段 ${field} 不符合要求（${e.keyword}）。` };
  }
}

/** Maps anything thrown to a stable code, a status and a message safe to show. */
export function normaliseError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  const fe = err as FastifyError & { validation?: AjvError[] };
  if (fe.validation) {
    // Anonymous unions report one error per branch; keep one detail per field.
    const seen = new Set<string>();
    const details = fe.validation.map(describeAjv).filter((d) => {
      const key = `${d.field}:${d.code}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    return new AppError("validation_failed", 400, "提交的内容有误，请按提示修改。", details);
  }
  switch (fe.code) {
    case "FST_CSRF_MISSING_SECRET":
    case "FST_CSRF_INVALID_TOKEN":
      return new AppError("csrf_invalid", 403, "页面已过期或来源不明，请刷新页面后重新提交。");
    case "FST_ERR_CTP_BODY_TOO_LARGE":
      return new AppError("payload_too_large", 413, "提交的内容过大。");
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
      return new AppError("unsupported_media_type", 415, "不支持的内容类型。");
    case "FST_ERR_CTP_EMPTY_JSON_BODY":
    case "FST_ERR_CTP_INVALID_CONTENT_LENGTH":
      return new AppError("bad_request", 400, "请求内容为空或不完整。");
    case "FST_ERR_MAX_PARAM_LENGTH":
      return new AppError("param_too_long", 400, "网址中的参数过长。");
  }
  if (err instanceof SyntaxError) return new AppError("bad_request", 400, "请求格式不正确。");
  // Fastify's and its plugins' own refusals (@fastify/static answers 403, 412, 416…) keep their status.
  const status = typeof fe.statusCode === "number" ? fe.statusCode : 500;
  if (status >= 400 && status < 500) {
    const [code, message] = CLIENT_ERRORS[status] ?? ["bad_request", "请求无法处理。"];
    return new AppError(code, status, message);
  }
  return new AppError("internal_error", 500, "服务器内部错误，请稍后再试。");
}

/** Stable codes and Chinese messages for the 4xx statuses the framework and its plugins raise. */
const CLIENT_ERRORS: Record<number, [string, string]> = {
  400: ["bad_request", "请求格式不正确。"],
  401: ["unauthorized", "请先登录。"],
  403: ["forbidden", "不允许访问该地址。"],
  404: ["not_found", "页面不存在。"],
  405: ["method_not_allowed", "该地址不支持此请求方法。"],
  406: ["not_acceptable", "无法提供所要求的格式。"],
  408: ["request_timeout", "请求超时，请重试。"],
  409: ["conflict", "请求与当前状态冲突。"],
  411: ["length_required", "请求缺少内容长度。"],
  412: ["precondition_failed", "请求的前提条件不成立（文件已变化）。"],
  413: ["payload_too_large", "提交的内容过大。"],
  414: ["uri_too_long", "网址过长。"],
  415: ["unsupported_media_type", "不支持的内容类型。"],
  416: ["range_not_satisfiable", "请求的范围无效。"],
  417: ["expectation_failed", "无法满足请求的 Expect 要求。"],
  422: ["unprocessable", "提交的内容无法处理。"],
  429: ["rate_limited", "请求过于频繁，请稍后再试。"],
  431: ["headers_too_large", "请求头过大。"],
};

/** What a person can do next, by status: never an internal code (those stay in the JSON API and the log). */
function nextSteps(status: number, code: string, path: string, t: ReturnType<typeof translator>) {
  const admin = path.startsWith("/admin");
  const steps: Array<{ text: string; href?: string }> = [];
  if (status === 401 || code === "session_expired") {
    steps.push({ text: t("error.next.login"), href: `/admin/login?next=${encodeURIComponent(path)}` });
  } else if (code === "csrf_invalid") {
    steps.push({ text: t("error.next.refresh") });
  } else if (status === 403) {
    steps.push({ text: t("error.next.ask_admin") });
  } else if (status === 404) {
    steps.push({ text: t("error.next.check_address") });
  } else if (status === 429) {
    steps.push({ text: t("error.next.wait") });
  } else if (status >= 500) {
    steps.push({ text: t("error.next.retry_later") });
  } else {
    steps.push({ text: t("error.next.go_back") });
  }
  if (admin) steps.push({ text: t("error.next.dashboard"), href: "/admin" });
  else steps.push({ text: t("error.back_home"), href: langFromPath(path) === "mn-Mong" ? "/mn/" : "/" });
  return steps;
}

/**
 * The page's sentence: the error's own (Chinese) message on Chinese pages; on a page in another language the
 * catalog's sentence for the code (`error.code.<code>`), else one for the kind of refusal, never Chinese text.
 */
function pageMessage(
  lang: Lang,
  t: ReturnType<typeof translator>,
  p: { status: number; code: string; message: string },
): string {
  if (p.status === 404 && (p.code === "not_found" || lang !== "zh-CN")) return t("error.not_found");
  if (lang === "zh-CN") return p.message;
  const key = `error.code.${p.code}` as MessageKey;
  if (hasTranslation(lang, key)) return t(key);
  return p.status >= 500 ? t("error.server") : t("error.refused");
}

export function ErrorPage(props: {
  status: number;
  code: string;
  message: string;
  path: string;
  details?: ErrorDetail[];
  /** For a 5xx: the reference written to the log beside the error, for the administrator to find it. */
  reference?: string;
}) {
  const lang = langFromPath(props.path);
  const t = translator(lang);
  const message = pageMessage(lang, t, props);
  // The details are the checks' Chinese sentences: shown on Chinese pages only.
  const details = lang === "zh-CN" ? props.details : undefined;
  return (
    <Doc lang={lang} title={`${props.status} ${t("error.title")}`} bodyClass="admin bare">
      {/* The stable code is for programs (an attribute and a header), never shown to the person. */}
      <main id="main" class="narrow" data-error-code={props.status < 500 ? props.code : undefined}>
        <h1 safe>{t("error.title")}</h1>
        <p class="error-message" safe>
          {message}
        </p>
        {details?.some((d) => d.message !== message) ? (
          <ul class="error-details">
            {details
              .filter((d) => d.message !== message)
              .map((d) => (
                <li safe>{d.message}</li>
              ))}
          </ul>
        ) : null}
        {props.reference ? (
          <p class="meta" safe>
            {t("error.reference", { ref: props.reference })}
          </p>
        ) : null}
        <h2 safe>{t("error.next.title")}</h2>
        <ul class="error-next">
          {nextSteps(props.status, props.code, props.path, t).map((s) =>
            s.href ? (
              <li>
                <a href={s.href} safe>
                  {s.text}
                </a>
              </li>
            ) : (
              <li safe>{s.text}</li>
            ),
          )}
        </ul>
      </main>
    </Doc>
  );
}

/** A reference a person can read out on the telephone: date, time and a random part (logged with the error). */
export function newErrorReference(now = new Date()): string {
  const stamp = now.toISOString().slice(0, 19).replace(/[-:T]/g, "");
  return `${stamp.slice(0, 8)}-${stamp.slice(8)}-${randomBytes(3).toString("hex").toUpperCase()}`;
}

export function sendError(req: FastifyRequest, reply: FastifyReply, e: AppError, reference?: string) {
  if (isApiPath(req.url)) {
    return reply
      .status(e.status)
      .type("application/json; charset=utf-8")
      .send({ error: { code: e.code, message: e.message, details: e.details } });
  }
  if (e.status < 500) reply.header("x-error-code", e.code);
  return reply
    .status(e.status)
    .type("text/html; charset=utf-8")
    .send(
      ErrorPage({
        status: e.status,
        code: e.code,
        message: e.message,
        path: req.url,
        details: e.details,
        reference,
      }),
    );
}

export function installErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((err, req, reply) => {
    const e = normaliseError(err);
    if (e.status >= 500) {
      const reference = newErrorReference();
      req.log.error({ err, reference }, "request failed");
      return sendError(req, reply, e, reference);
    }
    req.log.info({ code: e.code, status: e.status }, "request refused");
    return sendError(req, reply, e);
  });
  app.setNotFoundHandler((req, reply) =>
    sendError(req, reply, new AppError("not_found", 404, "页面不存在。")),
  );
}

/**
 * Errors Fastify raises before a route runs (a malformed URL, a bad Content-Type): the same shape and
 * Chinese text as every other refusal.
 */
export function frameworkError(err: Error & { code?: string }, req: FastifyRequest, reply: FastifyReply) {
  const e =
    err.code === "FST_ERR_BAD_URL"
      ? new AppError("bad_url", 400, "网址格式不正确（含有无法解码的字符）。")
      : normaliseError(err);
  req.log.info({ code: e.code, status: e.status }, "request refused");
  return sendError(req, reply, e);
}

/** The raw HTTP parser's refusals (e.g. unencoded Chinese in a request line): same JSON shape. */
export function clientErrorHandler(err: Error & { code?: string }, socket: import("node:net").Socket): void {
  if (!socket.writable) return;
  const tooLarge = err.code === "HPE_HEADER_OVERFLOW";
  const status = tooLarge ? 431 : 400;
  const body = JSON.stringify({
    error: {
      code: tooLarge ? "headers_too_large" : "bad_request",
      message: tooLarge
        ? "请求头过大。"
        : "请求格式不正确：网址中的中文等字符须经 URL 编码（UTF-8 百分号编码）。",
      details: [],
    },
  });
  socket.end(
    `HTTP/1.1 ${status} ${tooLarge ? "Request Header Fields Too Large" : "Bad Request"}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}
