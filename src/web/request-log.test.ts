import { Writable } from "node:stream";
import Fastify, { type FastifyBaseLogger, LogController } from "fastify";
import pino from "pino";
import { expect, it } from "vitest";
import { registerRequestLog } from "./request-log";

it("writes one line per request on completion, with the client and no personal query values", async () => {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      for (const l of String(chunk).split("\n")) if (l) lines.push(JSON.parse(l));
      done();
    },
  });
  // As app.ts builds it: Fastify's own two lines per request turned off.
  const app = Fastify({
    loggerInstance: pino({ level: "info" }, sink) as FastifyBaseLogger,
    logController: new LogController({ disableRequestLogging: true }),
  });
  registerRequestLog(app);
  app.get("/x", async (_req, reply) => reply.status(201).send("ok"));
  await app.inject({ url: "/x?id_number=150222199001011231&page=2", remoteAddress: "203.0.113.7" });
  await app.close();
  const requests = lines.filter((l) => l.reqId !== undefined);
  expect(requests).toHaveLength(1);
  expect(requests[0]).toMatchObject({
    msg: "request",
    method: "GET",
    url: "/x?id_number=[redacted]&page=2",
    status: 201,
    client: "203.0.113.7",
  });
  expect(typeof requests[0]!.ms).toBe("number");
  expect(JSON.stringify(lines)).not.toContain("150222199001011231");
});
