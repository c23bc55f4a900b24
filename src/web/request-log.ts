import type { FastifyInstance } from "fastify";
import { redactQuery } from "../deps";

/**
 * One log line per request, written when the answer has gone out (Fastify's own request logging, two lines
 * per request, is turned off in app.ts):
 *   {"level":30,"time":…,"reqId":"req-1a","method":"GET","url":"/gk/items/…","status":200,"ms":1.3,
 *    "client":"203.0.113.7","msg":"request"}
 * `client` is the address resolved through the trusted proxies; query values that identify people are
 * redacted (deps.ts, redactQuery).
 */
export function registerRequestLog(app: FastifyInstance): void {
  app.addHook("onResponse", (req, reply, done) => {
    req.log.info(
      {
        method: req.method,
        url: redactQuery(req.url),
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime * 10) / 10,
        client: req.ip,
      },
      "request",
    );
    done();
  });
}
