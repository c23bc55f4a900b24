import { afterAll, beforeAll, expect, it } from "vitest";
import { bearer, buildTestApp, tokenFor } from "../../../test/helpers/app";
import { describeEachDialect } from "../../../test/helpers/db";
import { Session } from "../../../test/helpers/forms";
import { systemActor } from "../../deps";
import type { AppInstance } from "../../web/types";
import { actorOf, createUser } from "../accounts";
import { createOrg, createSiteWithRoot, findOrgByCodeAnySite, getSite } from "../orgs";
import { recordAudit } from "./index";

// Who reads which audit entries (audit.policy.ts): a department's office user reads its department's only;
// the county office its whole county; a second site's staff nothing of the first.
const PASSWORD = "Audit-Scope-2026!";

interface Entry {
  seq: number;
  action: string;
  summary: Record<string, unknown>;
}

describeEachDialect("audit log scope", (ctx) => {
  let app: AppInstance;
  const actor = systemActor("test");
  const seqs: Record<string, number> = {};

  beforeAll(async () => {
    app = await buildTestApp(ctx);
    const siteA = await getSite(ctx.deps, "guyang");
    const { site: siteB } = await createSiteWithRoot(ctx.deps, actor, {
      code: "damao",
      name: "达茂旗人民政府",
      division_code: "150223",
      identifier_code: "1502230001",
      root: { code: "dmq", name: "达尔罕茂明安联合旗人民政府", short_name: "旗政府" },
    });
    await createOrg(
      ctx.deps,
      actor,
      { parent_code: "dmq", code: "dmq-jyj", name: "达尔罕茂明安联合旗教育局", kind: "department" },
      siteB.id,
    );
    const user = (username: string, orgCode: string, roles: string[], siteId: string) =>
      createUser(ctx.deps, actor, { username, name: username, orgCode, roles, password: PASSWORD, siteId });
    await user("office-jyj", "gyx-jyj", ["office"], siteA.id);
    await user("office-czj", "gyx-czj", ["office"], siteA.id);
    const clerkJyj = await user("clerk-jyj", "gyx-jyj", ["clerk"], siteA.id);
    await user("dm-admin", "dmq", ["admin"], siteB.id);
    await user("dm-office", "dmq", ["office"], siteB.id);

    const jyj = await findOrgByCodeAnySite(ctx.deps, "gyx-jyj");
    const czj = await findOrgByCodeAnySite(ctx.deps, "gyx-czj");
    const dmqJyj = await findOrgByCodeAnySite(ctx.deps, "dmq-jyj");
    const record = (key: string, a: typeof actor, input: Parameters<typeof recordAudit>[3]) =>
      ctx.deps.db.kysely.transaction().execute(async (trx) => {
        seqs[key] = await recordAudit(trx, ctx.deps.clock, a, input);
      });
    // A draft of the education bureau, its attachment named; one of the finance bureau; one of site B.
    await record("jyj", actor, {
      action: "item.create",
      entityType: "item",
      entityId: "jyj-1",
      orgId: jyj.id,
      summary: { title: "教育局未公开草稿", attachment: "学生名单.xlsx" },
    });
    await record("czj", actor, {
      action: "item.create",
      entityType: "item",
      entityId: "czj-1",
      orgId: czj.id,
      summary: { title: "财政局未公开草稿" },
    });
    await record("siteB", actor, {
      action: "item.create",
      entityType: "item",
      entityId: "dm-1",
      orgId: dmqJyj.id,
      summary: { title: "达茂旗草稿" },
    });
    // No organisation given: the acting user's (the education bureau's clerk).
    await record("byActor", actorOf(clerkJyj), {
      action: "item.update",
      entityType: "item",
      entityId: "jyj-1",
    });
    // An application not yet assigned to a department: the site as a whole.
    await record("siteLevel", actor, {
      action: "application.create",
      entityType: "application",
      entityId: "app-1",
      orgId: null,
      siteId: siteA.id,
    });
  });
  afterAll(async () => app?.close());

  const apiEntries = async (username: string): Promise<Entry[]> => {
    const res = await app.inject({
      url: "/api/v1/audit?limit=500",
      headers: bearer(await tokenFor(ctx, username)),
    });
    expect(res.statusCode, username).toBe(200);
    return res.json().items;
  };
  const seen = (entries: Entry[]) => new Set(entries.map((e) => e.seq));

  it("stores the entity's site and organisation with each entry", async () => {
    const rows = await ctx.deps.db.kysely
      .selectFrom("audit_log")
      .innerJoin("orgs", "orgs.id", "audit_log.org_id")
      .select(["audit_log.seq", "orgs.code", "audit_log.site_id", "orgs.site_id as org_site"])
      .where("audit_log.seq", "in", [seqs.jyj!, seqs.siteB!, seqs.byActor!])
      .orderBy("audit_log.seq")
      .execute();
    expect(rows.map((r) => r.code)).toEqual(["gyx-jyj", "dmq-jyj", "gyx-jyj"]);
    for (const r of rows) expect(r.site_id).toBe(r.org_site);
  });

  it("a department's office user reads its own department's entries, not another department's", async () => {
    const jyj = seen(await apiEntries("office-jyj"));
    expect(jyj.has(seqs.jyj!)).toBe(true);
    expect(jyj.has(seqs.byActor!)).toBe(true);
    expect(jyj.has(seqs.czj!)).toBe(false);
    expect(jyj.has(seqs.siteLevel!)).toBe(false);
    expect(jyj.has(seqs.siteB!)).toBe(false);
    const czj = seen(await apiEntries("office-czj"));
    expect(czj.has(seqs.czj!)).toBe(true);
    expect(czj.has(seqs.jyj!)).toBe(false);

    // The page too: no other department's draft title or attachment name, and no dashboard line of it.
    const s = new Session(app);
    expect((await s.login("office-czj", PASSWORD)).statusCode).toBe(303);
    const page = await s.get("/admin/audit?action=item.");
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("财政局未公开草稿");
    expect(page.body).not.toContain("教育局未公开草稿");
    expect(page.body).not.toContain("学生名单");
    expect(page.body).toContain("哈希链校验通过");
  });

  it("the county office reads every department of its county and the county's own entries", async () => {
    const all = seen(await apiEntries("demo-office"));
    for (const k of ["jyj", "czj", "byActor", "siteLevel"]) expect(all.has(seqs[k]!), k).toBe(true);
    expect(all.has(seqs.siteB!)).toBe(false);
  });

  it("a user of site B reads none of site A's entries, even as site B's admin", async () => {
    const siteB = await getSite(ctx.deps, "damao");
    for (const username of ["dm-admin", "dm-office"]) {
      const entries = await apiEntries(username);
      expect(seen(entries).has(seqs.siteB!)).toBe(true);
      const rows = await ctx.deps.db.kysely
        .selectFrom("audit_log")
        .select(["seq", "site_id"])
        .where(
          "seq",
          "in",
          entries.map((e) => e.seq),
        )
        .execute();
      // Only site B's own: not site A's, and not the platform's (with two sites nobody can tell whose).
      expect(rows.every((r) => r.site_id === siteB.id)).toBe(true);
    }
    const s = new Session(app);
    expect((await s.login("dm-office", PASSWORD)).statusCode).toBe(303);
    const page = await s.get("/admin/audit");
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("达茂旗草稿");
    expect(page.body).not.toContain("固阳");
    expect(page.body).not.toContain("未公开草稿");
  });

  it("a clerk reads no audit log at all", async () => {
    const res = await app.inject({
      url: "/api/v1/audit",
      headers: bearer(await tokenFor(ctx, "clerk-jyj")),
    });
    expect(res.statusCode).toBe(403);
  });
});
