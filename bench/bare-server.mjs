// The baseline of `npm run bench -- pages`: a bare Fastify server, in a process of its own, answering the
// bytes gongkai served (fetched once by the benchmark) with the same Content-Type, without logging.
// Usage: node bench/bare-server.mjs PAGES.json — the file maps a path to { body, contentType }.
// Prints "listening PORT" once ready.
import { readFileSync } from "node:fs";
import Fastify from "fastify";

const pages = JSON.parse(readFileSync(process.argv[2], "utf8"));
const app = Fastify({ logger: false });
for (const [path, page] of Object.entries(pages)) {
  const body = Buffer.from(page.body, "utf8");
  app.get(path, (_req, reply) => reply.type(page.contentType).send(body));
}
await app.listen({ port: 0, host: "127.0.0.1" });
console.log(`listening ${app.server.address().port}`);
process.on("SIGTERM", () => app.close().then(() => process.exit(0)));
