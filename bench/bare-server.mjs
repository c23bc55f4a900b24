// The baseline of `npm run bench -- pages`: a bare Fastify server, in a process of its own, answering the
// bytes gongkai served (fetched once by the benchmark): the same body with the same headers (Content-Type,
// the security headers, Cache-Control, ETag), without logging, so the wire answer is the same as gongkai's.
// Usage: node bench/bare-server.mjs PAGES.json — the file maps a path to { body, contentType, headers }.
// Prints "listening PORT" once ready.
import { readFileSync } from "node:fs";
import Fastify from "fastify";

const pages = JSON.parse(readFileSync(process.argv[2], "utf8"));
const app = Fastify({ logger: false });
for (const [path, page] of Object.entries(pages)) {
  const body = Buffer.from(page.body, "utf8");
  const headers = { ...(page.headers ?? {}), "content-type": page.contentType };
  app.get(path, (_req, reply) => reply.headers(headers).send(body));
}
await app.listen({ port: 0, host: "127.0.0.1" });
console.log(`listening ${app.server.address().port}`);
process.on("SIGTERM", () => app.close().then(() => process.exit(0)));
