import { lookup as dnsLookup } from "node:dns/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDialect, testConfig } from "../../../test/helpers/db";
import { createOtherSite, OTHER_SITE_ROOT } from "../../../test/helpers/sites";
import { createDeps, type Deps } from "../../deps";
import { newId } from "../../platform/ids";
import { createSafeLinkProbe } from "../../platform/net";
import { findOrgInSite } from "../orgs";
import { REFUSED, runLinkPass } from "./health.links";

// The site-health link pass with the production link client (createDeps' default, no test fake): links on a
// published page to 127.0.0.1, to localhost, to the cloud metadata address and to a host that resolves to a
// private address are recorded as refused, and the server listening on 127.0.0.1 is never asked.
describeEachDialect("site health: links to private or loopback addresses are refused (SSRF)", (ctx) => {
  let server: Server;
  let port: number;
  const hits: string[] = [];
  let siteId: string;
  let deps: Deps;

  beforeAll(async () => {
    server = createServer((req, res) => {
      hits.push(req.url ?? "");
      res.writeHead(200).end("internal");
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    port = (server.address() as AddressInfo).port;
    const created = await createOtherSite(ctx);
    siteId = created.site.id;
    const rootId = (await findOrgInSite(ctx.deps, siteId, OTHER_SITE_ROOT))!.id;
    const id = newId();
    const now = new Date().toISOString();
    await ctx.deps.db.kysely
      .insertInto("items")
      .values({
        id,
        site_id: siteId,
        org_id: rootId,
        lineage_id: id,
        version: 1,
        kind: "notice",
        status: "published",
        title: "内部链接测试",
        body_html: [
          `<a href="http://127.0.0.1:${port}/admin">本机</a>`,
          `<a href="http://localhost:${port}/admin">本机名</a>`,
          `<a href="http://169.254.169.254/latest/meta-data/">元数据</a>`,
          `<a href="http://intranet.gov.test/oa">内网系统</a>`,
        ].join(""),
        body_text: "内部链接测试",
        formed_on: now.slice(0, 10),
        published_at: now,
        published_on: now.slice(0, 10),
        created_by: "test",
        created_at: now,
        updated_at: now,
      } as never)
      .execute();
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it("records each as refused, not fetched, under the production configuration", async () => {
    // The production default (no linkProbe override) with the machine's own resolver: 127.0.0.1, localhost
    // (hosts file) and 169.254.169.254 need no DNS server.
    const config = { ...testConfig(ctx.testDb.url), nodeEnv: "production" as const };
    deps = createDeps(config, { db: ctx.deps.db, clock: ctx.deps.clock, logger: ctx.deps.logger });
    // The same client, only told that intranet.gov.test resolves to 10.20.30.40 (no DNS server here to say so).
    const base = deps.linkProbe;
    const intranet = createSafeLinkProbe({
      lookup: async (host) =>
        host === "intranet.gov.test"
          ? [{ address: "10.20.30.40", family: 4 }]
          : dnsLookup(host, { all: true }),
    });
    deps.linkProbe = (url, init) =>
      url.includes("intranet.gov.test") ? intranet(url, init) : base(url, init);

    const r = await runLinkPass(deps, siteId, { maxLinks: 50 });
    expect(r.checked).toBe(4);
    const rows = await ctx.deps.db.kysely
      .selectFrom("health_links")
      .select(["url", "ok", "status", "problem"])
      .where("site_id", "=", siteId)
      .orderBy("url")
      .execute();
    expect(rows).toHaveLength(4);
    for (const row of rows) {
      expect(row.ok, row.url).toBe(0);
      expect(row.status, row.url).toBeNull();
      expect(row.problem, row.url).toContain(REFUSED);
    }
    const problemOf = (part: string) => rows.find((x) => x.url.includes(part))!.problem;
    expect(problemOf("127.0.0.1")).toContain("本机回环地址");
    expect(problemOf("localhost")).toContain("本机回环地址");
    expect(problemOf("169.254.169.254")).toContain("云服务器元数据地址");
    expect(problemOf("intranet.gov.test")).toContain("内网地址");
    expect(hits).toEqual([]);
  });

  it("a test that allows private targets does reach the server on 127.0.0.1", async () => {
    deps.linkProbe = createSafeLinkProbe({ allowPrivateTargets: true });
    await ctx.deps.db.kysely
      .updateTable("health_links")
      .set({ checked_at: null })
      .where("site_id", "=", siteId)
      .execute();
    await runLinkPass(deps, siteId, { maxLinks: 1 });
    expect(hits).toEqual(["/admin"]);
  });
});
