import type { FastifyRequest } from "fastify";
import { AppError } from "../platform/errors";
import type { AppInstance } from "./types";

// The public API's submission endpoints (new messages, error reports, consultation comments, applications,
// requests to attend meetings: every /api route in the "submissions" or "applications" rate-limit class)
// accept only `application/json`. A JSON body cannot be sent cross-site without a CORS preflight, which the
// server does not answer, so another site's page cannot make its visitors' browsers file submissions with an
// auto-submitted <form> (urlencoded, multipart or text/plain are "simple" requests). The public HTML forms
// under /hd/… keep their own CSRF-protected form posts; uploads (routes declaring multipart `consumes`) are
// staff or tracking-secret routes in other classes and are not touched.

const BODY_METHODS = new Set(["POST", "PUT", "PATCH"]);
const JSON_ONLY_CLASSES = new Set(["submissions", "applications"]);
// The bodies a page of another site can send without a preflight (and none at all: a Blob without a type).
// Any other type is left to the body parsers (JSON parsed; the rest 415 unsupported_media_type).
const CROSS_SITE_TYPES = new Set([
  "application/x-www-form-urlencoded",
  "multipart/form-data",
  "text/plain",
  "",
]);

export const JSON_REQUIRED_MESSAGE =
  "该接口只接受 JSON 格式的提交（Content-Type: application/json）；网页表单请在网站的相应页面填写。";

/** True when the request is a body-carrying call of a public submission endpoint of the API. */
export function isJsonOnlyRoute(req: FastifyRequest): boolean {
  if (!BODY_METHODS.has(req.method)) return false;
  const path = req.url.split("?", 1)[0]!;
  if (path !== "/api" && !path.startsWith("/api/")) return false;
  const cls = req.routeOptions.config?.clientLimit;
  return cls !== undefined && JSON_ONLY_CLASSES.has(cls);
}

/** The media type of a Content-Type header, lower case and without parameters ("" when absent). */
export function mediaTypeOf(header: string | undefined): string {
  return (header ?? "").split(";", 1)[0]!.trim().toLowerCase();
}

const hasBody = (req: FastifyRequest): boolean =>
  req.headers["transfer-encoding"] !== undefined || Number(req.headers["content-length"] ?? 0) > 0;

/** Registers the check as an onRequest hook: refused before the body is read or a limit is counted. */
export function registerJsonOnlySubmissions(app: AppInstance): void {
  app.addHook("onRequest", async (req) => {
    if (!isJsonOnlyRoute(req)) return;
    const type = mediaTypeOf(req.headers["content-type"]);
    if (!CROSS_SITE_TYPES.has(type)) return;
    if (type === "" && !hasBody(req)) return; // nothing sent: the schema names the missing fields
    throw new AppError("json_required", 415, JSON_REQUIRED_MESSAGE);
  });
}
