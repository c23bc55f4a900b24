import type { FastifyBaseLogger, FastifyInstance } from "fastify";
import { redactQuery } from "../deps";

/**
 * One log line per request, written when the answer has gone out (Fastify's own request logging, two lines
 * per request, is turned off in app.ts):
 *   {"level":30,"time":…,"reqId":"req-1a","method":"GET","url":"/gk/items/…","status":200,"ms":1.3,
 *    "client":"203.0.113.7","msg":"request"}
 * `client` is the address resolved through the trusted proxies; query values that identify people are
 * redacted (deps.ts, redactQuery). Answers of the raw fast path (fast-path.ts), which never reach Fastify,
 * write the same line through `logRequest`, with a `fast-…` request id.
 */
export function registerRequestLog(app: FastifyInstance): void {
  const lines = requestLines(app);
  app.addHook("onResponse", (req, reply, done) => {
    logRequest(lines, req.id, req.method, req.url, reply.statusCode, reply.elapsedTime, req.ip);
    done();
  });
}

const loggers = new WeakMap<object, FastifyBaseLogger>();

/**
 * The logger request lines go through: a child of the app's logger without the path redaction the logger
 * applies to everything else (deps.ts: headers, `*.password`, `*.id_number`). A request line holds five
 * plain values, none of them a header or a nested object, and the wildcard paths cost a clone and a walk
 * of every line (a tenth of the CPU of a cached page). The line is the same bytes it was through `req.log`.
 */
export function requestLines(app: FastifyInstance): FastifyBaseLogger {
  let lines = loggers.get(app.log);
  if (!lines) {
    lines = app.log.child({}, { redact: [] });
    loggers.set(app.log, lines);
  }
  return lines;
}

export function logRequest(
  lines: FastifyBaseLogger,
  reqId: string,
  method: string,
  url: string,
  status: number,
  elapsedMs: number,
  client: string | undefined,
): void {
  lines.info(
    { reqId, method, url: redactQuery(url), status, ms: Math.round(elapsedMs * 10) / 10, client },
    "request",
  );
}
