import { sql } from "kysely";
import { beforeAll, expect, it } from "vitest";
import { describeEachDialect } from "../../test/helpers/db";
import { systemActor } from "../deps";
import { verifyAuditChain } from "../domains/audit";
import { submitComment } from "../domains/consultation/consultation.comments";
import { periodDays } from "../domains/consultation/consultation.service";
import { listPublishedQa } from "../domains/interaction";
import { shanghaiDateOf } from "../platform/time";
import { seedDemoApplications } from "./applications";
import { expectsContent } from "./items/column-fill";
import { ALL_PROFILES } from "./items/profiles";
import { seedDemo } from "./seed";

// `seed demo` and `serve --demo`: the county as it looks after six years on the platform.

const PLACEHOLDERS = ["……", "...", "XXX", "xxx", "TODO", "待补充", "占位", "〔〕", "undefined", "NaN"];

describeEachDialect("demo county history (seed demo)", (ctx) => {
  const thisYear = Number(shanghaiDateOf(new Date()).slice(0, 4));
  let seconds = 0;
  beforeAll(async () => {
    const t = Date.now();
    const r = await seedDemo(ctx.deps, systemActor("test"), { history: true });
    expect(r.created).toBe(true);
    expect(await seedDemoApplications(ctx.deps)).toBe(9);
    seconds = (Date.now() - t) / 1000;
  }, 1_800_000);

  const db = () => ctx.deps.db.kysely;
  const published = () =>
    db()
      .selectFrom("items")
      .innerJoin("orgs", "orgs.id", "items.org_id")
      .where("items.status", "=", "published")
      .select([
        "items.id",
        "items.title",
        "items.kind",
        "items.body_text",
        "items.formed_on",
        "items.published_on",
        "items.published_at",
        "items.created_at",
        "items.index_number",
        "items.submitted_by",
        "items.reviewed_by",
        "items.signed_by",
        "items.created_by",
        "orgs.code as org",
      ])
      .execute();
  /** Published items filed in a column of an organisation. */
  const inColumn = (org: string, column: string) =>
    db()
      .selectFrom("items")
      .innerJoin("item_catalog_nodes", "item_catalog_nodes.item_id", "items.id")
      .innerJoin("catalog_nodes", "catalog_nodes.id", "item_catalog_nodes.node_id")
      .innerJoin("orgs", "orgs.id", "items.org_id")
      .where("orgs.code", "=", org)
      .where("catalog_nodes.code", "=", column)
      .where("items.status", "=", "published")
      .select(["items.title", "items.body_html", "items.published_on"])
      .execute();

  it("publishes over the years from 2020 to this year, each step in order and by four eyes", async () => {
    console.log(`demo history seeded in ${seconds.toFixed(1)} s on ${ctx.dialect}`);
    const items = await published();
    expect(items.length).toBeGreaterThan(500);
    const years = new Set(items.map((i) => Number(i.published_on!.slice(0, 4))));
    for (let y = 2020; y <= thisYear; y++) expect(years, `items published in ${y}`).toContain(y);
    for (const i of items) {
      expect(i.formed_on <= i.published_on!, i.title).toBe(true);
      expect(i.created_at < i.published_at!, i.title).toBe(true);
      expect(i.index_number, i.title).toContain(`/${i.published_on!.slice(0, 4)}-`);
      expect(new Set([i.created_by, i.reviewed_by, i.signed_by]).size, i.title).toBe(3);
    }
    // The item history reads in time order.
    const events = await db()
      .selectFrom("item_events")
      .select(["item_id", "at", "action"])
      .orderBy("at")
      .execute();
    // An item begins with `create`, or with `revise` when it is a new version of a published one.
    const firstCreate = new Map<string, string>();
    for (const e of events)
      if ((e.action === "create" || e.action === "revise") && !firstCreate.has(e.item_id))
        firstCreate.set(e.item_id, e.at);
    for (const e of events) expect(e.at >= firstCreate.get(e.item_id)!).toBe(true);
    expect(await verifyAuditChain(ctx.deps)).toMatchObject({ ok: true });
  });

  it("has complete bodies: no ellipsis or placeholder anywhere", async () => {
    for (const i of await published())
      for (const p of PLACEHOLDERS)
        expect(`${i.title}\n${i.body_text}`, `${i.title} contains ${p}`).not.toContain(p);
  });

  it("files the county's guide, rules and annual reports 2020 to last year in their columns", async () => {
    const guide = await inColumn("gyx", "guide");
    expect(guide.map((g) => g.title)).toContain("固阳县人民政府政府信息公开指南（2024年修订）");
    expect(guide.some((g) => g.body_html.includes("0472-8121234") && g.body_html.includes("办公时间"))).toBe(
      true,
    );
    const rules = (await inColumn("gyx", "rules")).map((r) => r.title);
    for (const name of ["保密审查制度", "发布协调制度", "依申请公开政府信息办理制度"])
      expect(
        rules.some((r) => r.includes(name)),
        name,
      ).toBe(true);
    const reports = await inColumn("gyx", "annual-report");
    for (let y = 2020; y < thisYear; y++) {
      const report = reports.find((r) => r.title === `固阳县人民政府${y}年政府信息公开工作年度报告`);
      expect(report, `annual report ${y}`).toBeDefined();
      for (const section of [
        "一、总体情况",
        "二、主动公开政府信息情况",
        "三、收到和处理",
        "四、政府信息公开行政复议",
        "五、存在的主要问题",
        "六、其他需要报告的事项",
      ])
        expect(report!.body_html, `${y} ${section}`).toContain(section);
      expect(report!.published_on! > `${y}-12-31`).toBe(true);
    }
  });

  it("writes the annual reports' application figures from the applications actually on record", async () => {
    const apps = await db().selectFrom("applications").select(["received_on", "replied_on"]).execute();
    const reports = await inColumn("gyx", "annual-report");
    for (let y = 2020; y < thisYear; y++) {
      const received = apps.filter((a) => a.received_on?.startsWith(String(y))).length;
      const carriedOut = apps.filter(
        (a) => a.received_on! <= `${y}-12-31` && (!a.replied_on || a.replied_on > `${y}-12-31`),
      ).length;
      const html = reports.find((r) => r.title.includes(`${y}年`))!.body_html;
      const total = (label: string) => {
        const row = html
          .split("<tr>")
          .find((r) => r.includes(label))!
          .split("</tr>")[0]!;
        // the report made in gongkai marks its cells up (<td class="num"><span>…</span></td>)
        const plain = row.replace(/<(?!\/?td\b)[^>]*>/g, "").replace(/<td\b[^>]*>/g, "<td>");
        return Number([...plain.matchAll(/<td>(\d+)<\/td>/g)].at(-1)?.[1]);
      };
      expect(total("一、本年新收"), `${y} received`).toBe(received);
      expect(total("四、结转下年度"), `${y} carried out`).toBe(carriedOut);
    }
  });

  it("fills the key columns of every department and town", async () => {
    for (const p of ALL_PROFILES)
      for (const column of ["guide", "art20-02", "art20-03", "art20-07", "annual-report"])
        expect((await inColumn(p.code, column)).length, `${p.name} ${column}`).toBeGreaterThan(0);
    // A department's budgets: one a year since 2020.
    const budgets = await inColumn("gyx-czj", "art20-07");
    for (let y = 2020; y <= thisYear; y++)
      expect(
        budgets.some((b) => b.title.includes(`${y}年部门预算`)),
        `budget ${y}`,
      ).toBe(true);
  });

  it("fills every catalogue column a reader expects content in: at least 900 of the 1,015", async () => {
    const columns = await db()
      .selectFrom("catalog_nodes")
      .innerJoin("orgs", "orgs.id", "catalog_nodes.org_id")
      .where("catalog_nodes.kind", "=", "column")
      .where("catalog_nodes.archived", "=", 0)
      .select(["catalog_nodes.id", "catalog_nodes.code", "orgs.code as org", "orgs.name", "orgs.kind"])
      .execute();
    const filled = new Set(
      (
        await db()
          .selectFrom("item_catalog_nodes")
          .innerJoin("items", "items.id", "item_catalog_nodes.item_id")
          .where("items.status", "=", "published")
          .select("item_catalog_nodes.node_id")
          .distinct()
          .execute()
      ).map((r) => r.node_id),
    );
    const empty = columns.filter((c) => !filled.has(c.id));
    console.log(`demo catalogue: ${columns.length - empty.length} of ${columns.length} columns filled`);
    expect(columns.length).toBeGreaterThanOrEqual(1000);
    expect(columns.length - empty.length).toBeGreaterThanOrEqual(900);
    const missing = empty
      .filter((c) => expectsContent({ code: c.org, name: c.name, kind: c.kind }, c.code))
      .map((c) => `${c.name} ${c.code}`);
    expect(missing).toEqual([]);
  });

  it("has applications received in several years, replied with several outcomes, some disputed", async () => {
    const rows = await db()
      .selectFrom("applications")
      .select(["received_on", "outcome", "status"])
      .where("received_on", "is not", null)
      .execute();
    const years = new Set(rows.map((r) => r.received_on!.slice(0, 4)));
    expect(years.size).toBeGreaterThanOrEqual(4);
    expect(new Set(rows.map((r) => r.outcome).filter(Boolean)).size).toBeGreaterThanOrEqual(5);
    const disputes = await db()
      .selectFrom("application_disputes")
      .select((eb) => eb.fn.countAll().as("n"))
      .executeTakeFirstOrThrow();
    expect(Number(disputes.n)).toBeGreaterThanOrEqual(2);
  });

  it("answers residents' messages: published Q&A, a return, ratings, rejections, and open work today", async () => {
    const siteId = (await db().selectFrom("sites").select("id").executeTakeFirstOrThrow()).id;
    const qa = await listPublishedQa(ctx.deps, siteId, {});
    expect(qa.total).toBeGreaterThanOrEqual(30);
    for (const item of qa.items) expect(item.answer.length).toBeGreaterThan(20);
    const years = new Set(qa.items.map((i) => i.asked_on.slice(0, 4)));
    expect(years.size).toBeGreaterThanOrEqual(3);
    const steps = await db().selectFrom("message_steps").select(["action", "message_id"]).execute();
    expect(steps.some((s) => s.action === "return")).toBe(true);
    const all = await db()
      .selectFrom("messages")
      .select(["status", "rating", "type", "private", "channel"])
      .execute();
    // 12345 tickets are messages too (channel hotline): ten, three of them still with the departments today.
    const tickets = all.filter((r) => r.channel === "hotline");
    expect(tickets.length).toBe(10);
    expect(tickets.filter((r) => ["received", "transferred", "drafted"].includes(r.status)).length).toBe(3);
    const rows = all.filter((r) => r.channel !== "hotline");
    expect(rows.filter((r) => r.status === "rejected").length).toBe(2);
    expect(rows.filter((r) => r.type === "error_report" && r.status === "answered").length).toBe(3);
    expect(new Set(rows.map((r) => r.rating).filter(Boolean)).size).toBe(3);
    expect(rows.filter((r) => ["received", "transferred", "drafted"].includes(r.status)).length).toBe(4);
    expect(rows.some((r) => r.private && r.status === "answered")).toBe(true);
  });

  it("holds consultations: one open with moderated comments, two closed with reports, one linked to its policy", async () => {
    const siteId = (await db().selectFrom("sites").select("id").executeTakeFirstOrThrow()).id;
    const rows = await db().selectFrom("consultations").selectAll().orderBy("start_on").execute();
    expect(rows.map((r) => r.status)).toEqual(["reported", "reported", "open"]);
    const [heating, , open] = rows;
    expect(heating!.report_summary).toContain("采纳");
    const policy = await db()
      .selectFrom("items")
      .select(["title", "status"])
      .where("id", "=", heating!.final_item_id!)
      .executeTakeFirstOrThrow();
    expect(policy).toEqual({ title: "固阳县城区集中供热管理办法", status: "published" });
    const comments = await db()
      .selectFrom("consultation_comments")
      .select("status")
      .where("consultation_id", "=", open!.id)
      .execute();
    expect(comments.filter((c) => c.status === "approved").length).toBe(3);
    expect(comments.filter((c) => c.status === "hidden").length).toBe(1);
    expect(open!.major).toBe(1);
    expect(periodDays(open!.start_on, open!.end_on)).toBeGreaterThanOrEqual(30);
    // The open one still takes a comment from the public; the closed one refuses.
    expect(
      (await submitComment(ctx.deps, siteId, open!.id, { body: "建议把大件垃圾的预约清运电话写进办法。" }))
        .number,
    ).toBe(5);
    await expect(
      submitComment(ctx.deps, siteId, heating!.id, { body: "还能提意见吗？供热办法很好。" }),
    ).rejects.toThrow();
  });

  it("is idempotent", async () => {
    const before = await db()
      .selectFrom("items")
      .select(sql<number>`count(*)`.as("n"))
      .executeTakeFirstOrThrow();
    expect((await seedDemo(ctx.deps, systemActor("test"), { history: true })).created).toBe(false);
    expect(await seedDemoApplications(ctx.deps)).toBe(0);
    const after = await db()
      .selectFrom("items")
      .select(sql<number>`count(*)`.as("n"))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });
});
