import { createHash } from "node:crypto";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, expect, it } from "vitest";
import { bearer, buildTestApp, tokenFor } from "../../../test/helpers/app";
import { type DialectContext, describeEachDialect } from "../../../test/helpers/db";
import { systemActor } from "../../deps";
import type { AppError } from "../../platform/errors";
import { newId } from "../../platform/ids";
import { fixedClock } from "../../platform/time";
import type { AppInstance } from "../../web/types";
import { type CurrentUser, findCurrentUser } from "../accounts";
import { importBackIssues } from "./gazette.import";
import { renderGazettePdf } from "./gazette.pdf";
import { performStep } from "./gazette.service";

// 2026-12-07 10:00 in Shanghai.
const clock = fixedClock("2026-12-07T02:00:00Z");
const sha = (b: Buffer) => createHash("sha256").update(b).digest("hex");

/** A published item of `org` made from a published one (the workflow is publishing's, tested there). */
async function publishedCopy(
  ctx: DialectContext,
  over: { org: string; kind: string; title: string; doc: string; body: string; status?: string },
): Promise<string> {
  const db = ctx.deps.db.kysely;
  const src = await db
    .selectFrom("items")
    .selectAll()
    .where("status", "=", "published")
    .where("kind", "=", "normative")
    .executeTakeFirstOrThrow();
  const org = await db.selectFrom("orgs").select("id").where("code", "=", over.org).executeTakeFirstOrThrow();
  const id = newId();
  await db
    .insertInto("items")
    .values({
      ...src,
      id,
      lineage_id: id,
      org_id: org.id,
      kind: over.kind,
      title: over.title,
      doc_number: over.doc,
      body_text: over.body,
      body_html: `<p>${over.body}</p>`,
      index_number: null,
      status: over.status ?? "published",
      supersedes_id: null,
      replaced_by_id: null,
      interprets_id: null,
    } as never)
    .execute();
  return id;
}

describeEachDialect(
  "the government gazette (政府公报)",
  (ctx) => {
    let app: AppInstance;
    const tok: Record<string, string> = {};
    const docs: string[] = [];
    let office: CurrentUser;
    let signer: CurrentUser;
    let firstId = "";
    let firstSha = "";

    const api = (method: "GET" | "POST" | "PATCH", url: string, who?: string, payload?: unknown) =>
      app.inject({
        method,
        url,
        headers: who ? bearer(tok[who]!) : {},
        ...(payload ? { payload } : {}),
      } as never);
    const codes = (r: { json(): { error: { details: { code: string }[] } } }) =>
      r.json().error.details.map((d) => d.code);
    const step = async (id: string, action: string, who: string, status = 200) => {
      const r = await api("POST", `/api/v1/gazette/issues/${id}/actions`, who, { action });
      expect(r.statusCode, r.body).toBe(status);
      return r.json();
    };
    beforeAll(async () => {
      app = await buildTestApp(ctx);
      for (const u of ["demo-office", "demo-county-signer", "demo-clerk", "demo-inspector"])
        tok[u] = await tokenFor(ctx, u);
      office = (await findCurrentUser(ctx.deps, "demo-office"))!;
      signer = (await findCurrentUser(ctx.deps, "demo-county-signer"))!;
      docs.push(
        await publishedCopy(ctx, {
          org: "gyx",
          kind: "normative",
          title: "固阳县人民政府关于印发《固阳县城区停车管理办法》的通知",
          doc: "固政发〔2026〕21号",
          body: "第一条　为规范城区机动车停放秩序，制定本办法。\n第二条　停车泊位实行分时段收费。",
        }),
        await publishedCopy(ctx, {
          org: "gyx-jyj",
          kind: "normative",
          title: "固阳县教育局关于校外培训机构监管的规定",
          doc: "固教规〔2026〕2号",
          body: "第一条　校外培训机构应当公示收费项目和标准。",
        }),
        await publishedCopy(ctx, {
          org: "gyx-zfb",
          kind: "policy",
          title: "固阳县人民政府办公室关于印发农牧民技能培训补贴办法的通知",
          doc: "固政办发〔2026〕30号",
          body: "第一条　农牧民参加职业技能培训并取得证书的，给予培训补贴。",
        }),
        await publishedCopy(ctx, {
          org: "gyx",
          kind: "normative",
          title: "固阳县人民政府关于规范行政事业性收费的通知",
          doc: "固政发〔2024〕9号",
          body: "第一条　行政事业性收费实行目录清单管理。",
        }),
      );
    }, 180_000);

    it("names every problem of an issue at once and stores nothing", async () => {
      const town = await publishedCopy(ctx, {
        org: "gyx-jsz",
        kind: "normative",
        title: "金山镇关于村庄保洁的通知",
        doc: "金政发〔2026〕1号",
        body: "保洁。",
      });
      const notice = await publishedCopy(ctx, {
        org: "gyx",
        kind: "notice",
        title: "关于元旦放假的通知",
        doc: "固政办发〔2026〕99号",
        body: "放假。",
      });
      const draft = await publishedCopy(ctx, {
        org: "gyx",
        kind: "normative",
        title: "未发布的规范性文件",
        doc: "固政发〔2026〕98号",
        body: "草稿。",
        status: "draft",
      });
      // The city bureau's county branch (包头市生态环境局固阳县分局): a higher level's organ, not the county's.
      const branch = await publishedCopy(ctx, {
        org: "gyx-sthjj",
        kind: "normative",
        title: "关于建设项目环评审批的通知",
        doc: "固环分发〔2026〕3号",
        body: "环评。",
      });
      const before = await ctx.deps.db.kysely.selectFrom("gazette_issues").select("id").execute();
      const bad = await api("POST", "/api/v1/gazette/issues", "demo-office", {
        year: 1800,
        entries: [
          { item_id: town },
          { item_id: branch },
          { item_id: notice },
          { item_id: draft },
          { item_id: "no-such-item" },
          { item_id: docs[0]!, category: "advert" },
          { item_id: docs[0]! },
        ],
      });
      expect(bad.statusCode, bad.body).toBe(400);
      expect(codes(bad).sort()).toEqual(
        [
          "invalid_year",
          "item_org_not_allowed",
          "item_org_not_allowed",
          "item_kind_not_allowed",
          "item_not_published",
          "item_not_found",
          "invalid_category",
          "duplicate_item",
        ].sort(),
      );
      const after = await ctx.deps.db.kysely.selectFrom("gazette_issues").select("id").execute();
      expect(after.length).toBe(before.length);
      // A clerk of a department may not compile the county's gazette.
      const clerk = await api("POST", "/api/v1/gazette/issues", "demo-clerk", { entries: [] });
      expect(clerk.statusCode).toBe(403);
    });

    it("compiles, reviews with four eyes and releases an issue: numbered, PDF stored, hash published", async () => {
      const created = await api("POST", "/api/v1/gazette/issues", "demo-office", {
        entries: [{ item_id: docs[1]! }, { item_id: docs[0]! }, { item_id: docs[2]!, category: "other" }],
      });
      expect(created.statusCode, created.body).toBe(201);
      const c = created.json();
      expect(c.status).toBe("draft");
      expect(c.staff.editable).toBe(true);
      expect(
        c.documents.map((d: { position: number; category: string }) => [d.position, d.category]),
      ).toEqual([
        [1, "department_normative"],
        [2, "government_normative"],
        [3, "other"],
      ]);
      // Not public while a draft.
      expect((await api("GET", `/api/v1/gazette/issues/${c.id}`)).statusCode).toBe(404);
      expect((await app.inject({ url: `/gb/issues/${c.id}` })).statusCode).toBe(404);
      await step(c.id, "submit", "demo-office");
      // Editing is refused once submitted; the submitter cannot review it.
      const locked = await api("PATCH", `/api/v1/gazette/issues/${c.id}`, "demo-office", { entries: [] });
      expect(locked.statusCode).toBe(409);
      expect(locked.json().error.code).toBe("issue_locked");
      const own = await api("POST", `/api/v1/gazette/issues/${c.id}/actions`, "demo-office", {
        action: "review",
      });
      expect(own.statusCode).toBe(409);
      expect(codes(own)).toContain("four_eyes");
      const early = await api("POST", `/api/v1/gazette/issues/${c.id}/actions`, "demo-office", {
        action: "release",
      });
      expect(early.json().error.code).toBe("invalid_transition");
      await step(c.id, "review", "demo-county-signer");
      const rel = await step(c.id, "release", "demo-office");
      expect(rel.status).toBe("released");
      expect([rel.year, rel.number, rel.total_number, rel.published_on]).toEqual([2026, 1, 1, "2026-12-07"]);
      expect(rel.pdf_sha256).toMatch(/^[0-9a-f]{64}$/);
      firstId = c.id;
      firstSha = rel.pdf_sha256;

      // The public list as the contract says.
      const list = await api("GET", "/api/v1/gazette/issues?year=2026");
      expect(list.json().items).toEqual([
        {
          id: c.id,
          year: 2026,
          number: 1,
          total_number: 1,
          published_on: "2026-12-07",
          url: `/gb/issues/${c.id}`,
          pdf_url: `/gb/issues/${c.id}/file`,
          pdf_sha256: firstSha,
        },
      ]);
      expect((await api("GET", "/api/v1/gazette/issues?year=2025")).json().items).toEqual([]);
      // The file downloaded is the one whose hash is published.
      const file = await app.inject({ url: `/gb/issues/${c.id}/file` });
      expect(file.statusCode).toBe(200);
      expect(file.headers["content-type"]).toContain("application/pdf");
      expect(file.rawPayload.subarray(0, 5).toString()).toBe("%PDF-");
      expect(sha(file.rawPayload)).toBe(firstSha);
      // The page shows the hash, the table of contents by category and each document.
      const page = await app.inject({ url: `/gb/issues/${c.id}` });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain(firstSha);
      expect(page.body).toContain("2026年第1期（总第1期）");
      expect(page.body).toContain("县政府规范性文件");
      expect(page.body).toContain("固教规〔2026〕2号");
      expect((await app.inject({ url: `/mn/gb/issues/${c.id}` })).statusCode).toBe(200);
      // /verify finds the PDF by its hash.
      const v = await api("GET", `/api/v1/verify?sha256=${firstSha}`);
      expect(v.statusCode, v.body).toBe(200);
      expect(v.json().matches.map((m: { type: string; id: string }) => [m.type, m.id])).toEqual([
        ["gazette", c.id],
      ]);
      // The release is audited.
      const audit = await ctx.deps.db.kysely
        .selectFrom("audit_log")
        .select("action")
        .where("entity_id", "=", c.id)
        .execute();
      expect(audit.map((a) => a.action)).toEqual(
        expect.arrayContaining(["gazette.create", "gazette.submit", "gazette.review", "gazette.release"]),
      );
      // A document already in a released issue cannot go in another.
      const again = await api("POST", "/api/v1/gazette/issues", "demo-office", {
        entries: [{ item_id: docs[0]! }],
      });
      expect(codes(again)).toEqual(["item_in_other_issue"]);
    });

    it("finds the gazette's documents by year, issue, issuing body, 文号 and full text (site search too)", async () => {
      const byNumber = await app.inject({ url: `/gb?doc_number=${encodeURIComponent("固教规〔2026〕2号")}` });
      expect(byNumber.statusCode).toBe(200);
      expect(byNumber.body).toContain("校外培训机构监管");
      expect(byNumber.body).not.toContain("城区停车管理办法</a>");
      const text = await app.inject({
        url: `/gb?q=${encodeURIComponent("分时段收费")}&year=2026&issue=${firstId}`,
      });
      expect(text.body).toContain("城区停车管理办法");
      const byOrg = await app.inject({ url: "/gb?org=gyx-jyj" });
      expect(byOrg.body).toContain("校外培训机构监管");
      expect(byOrg.body).not.toContain("农牧民技能培训补贴");
      const none = await app.inject({ url: `/gb?q=${encodeURIComponent("分时段收费")}&year=2025` });
      expect(none.body).toContain("检索结果：共 0 篇");
      const bad = await app.inject({ url: "/gb?year=19&org=nope" });
      expect(bad.statusCode).toBe(400);
      expect(bad.body).toContain("年份应为");
      expect(bad.body).toContain("发布机关不存在");
      const site = await api("GET", `/api/v1/search?q=${encodeURIComponent("农牧民技能培训补贴")}`);
      expect(site.json().items.some((h: { url: string }) => h.url === `/gb/issues/${firstId}#doc-3`)).toBe(
        true,
      );
    });

    it("numbers issues per year and in total; two releases at once never share a number", async () => {
      const a = await api("POST", "/api/v1/gazette/issues", "demo-office", {
        year: 2024,
        entries: [{ item_id: docs[3]! }],
      });
      const extra = await publishedCopy(ctx, {
        org: "gyx-jyj",
        kind: "normative",
        title: "固阳县教育局关于学生资助资金管理的规定",
        doc: "固教规〔2026〕5号",
        body: "资助资金专款专用。",
      });
      const b = await api("POST", "/api/v1/gazette/issues", "demo-office", { entries: [{ item_id: extra }] });
      const ids = [a.json().id as string, b.json().id as string];
      for (const id of ids) {
        await step(id, "submit", "demo-office");
        await step(id, "review", "demo-county-signer");
      }
      // Warm the pool so both run on their own connection.
      await Promise.all(
        Array.from({ length: 4 }, () => ctx.deps.db.kysely.selectFrom("sites").select("id").execute()),
      );
      const results = await Promise.allSettled([
        performStep(ctx.deps, office, ids[0]!, { action: "release" }),
        performStep(ctx.deps, office, ids[1]!, { action: "release" }),
        performStep(ctx.deps, office, ids[1]!, { action: "release" }),
      ]);
      const outcomes = results.map((r) => (r.status === "fulfilled" ? "ok" : (r.reason as AppError).code));
      expect(outcomes.filter((o) => o === "ok")).toHaveLength(2);
      expect(outcomes.filter((o) => o === "invalid_transition")).toHaveLength(1);
      const rows = await ctx.deps.db.kysely
        .selectFrom("gazette_issues")
        .select(["id", "year", "number", "total_number"])
        .where("id", "in", ids)
        .execute();
      const byId = new Map(rows.map((r) => [r.id, r]));
      expect(Number(byId.get(ids[0]!)!.number)).toBe(1);
      expect(Number(byId.get(ids[1]!)!.number)).toBe(2);
      expect(new Set(rows.map((r) => Number(r.total_number)))).toEqual(new Set([2, 3]));
      expect(signer.id).toBeTruthy();
    });

    it("publishes a correction linked both ways with the corrected document", async () => {
      const issue = (await api("GET", `/api/v1/gazette/issues/${firstId}`)).json();
      const docId = issue.documents[1].id as string;
      const bad = await api("POST", `/api/v1/gazette/issues/${firstId}/corrections`, "demo-office", {
        text: " ",
        entry_id: "nope",
      });
      expect(bad.statusCode).toBe(400);
      expect(codes(bad).sort()).toEqual(["entry_not_found", "text_required"]);
      const r = await api("POST", `/api/v1/gazette/issues/${firstId}/corrections`, "demo-office", {
        text: "第二条“分时段收费”应为“分时段、分区域收费”。特此更正。",
        entry_id: docId,
      });
      expect(r.statusCode, r.body).toBe(201);
      const c = r.json();
      expect(c.corrects_url).toBe(`/gb/issues/${firstId}#doc-2`);
      const after = (await api("GET", `/api/v1/gazette/issues/${firstId}`)).json();
      expect(after.documents[1].corrections).toEqual([c.id]);
      expect(after.pdf_sha256).toBe(firstSha);
      const page = await app.inject({ url: `/gb/issues/${firstId}` });
      expect(page.body).toContain(`href="#correction-${c.id}"`);
      expect(page.body).toContain(`id="correction-${c.id}"`);
      expect(page.body).toContain('href="#doc-2"');
      const found = await api("GET", `/api/v1/search?q=${encodeURIComponent("分区域收费")}`);
      expect(found.json().items.some((h: { url: string }) => h.url.endsWith(`#correction-${c.id}`))).toBe(
        true,
      );
    });

    it("exports the whole database as CSV (UTF-8 with BOM) and JSON, listed with the open data", async () => {
      const csv = await app.inject({ url: "/gb/database.csv" });
      expect(csv.statusCode).toBe(200);
      expect(csv.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
      expect(csv.body).toContain("固教规〔2026〕2号");
      const json = (await app.inject({ url: "/gb/database.json" })).json();
      expect(json.total).toBe(3);
      expect(json.items[0].documents.length).toBeGreaterThan(0);
      const od = await app.inject({ url: "/gk/opendata" });
      expect(od.body).toContain("/gb/database.csv");
    });

    it("imports back issues from a folder once (idempotent by file hash), their text searchable", async () => {
      const dir = await mkdtemp(join(tmpdir(), "gazette-import-"));
      const pdf = await renderGazettePdf({
        government: "固阳县人民政府",
        compiler: "固阳县人民政府办公室",
        year: 2019,
        number: 3,
        total_number: 9,
        published_on: "2019-06-30",
        entries: [
          {
            position: 1,
            category: "government_normative",
            title: "固阳县人民政府关于草原生态保护补助奖励的实施意见",
            doc_number: "固政发〔2019〕8号",
            org_name: "固阳县人民政府",
            body_text: "禁牧补助和草畜平衡奖励资金按户发放。",
          },
        ],
        at: new Date("2019-06-30T00:00:00Z"),
      });
      await writeFile(join(dir, "2019-03-009-20190630.pdf"), pdf);
      const bad = await mkdtemp(join(tmpdir(), "gazette-import-bad-"));
      await writeFile(join(bad, "scan.pdf"), pdf);
      await expect(importBackIssues(ctx.deps, systemActor("test"), office.siteId, bad)).rejects.toMatchObject(
        {
          code: "gazette_import_failed",
        },
      );
      const seen: number[] = [];
      const first = await importBackIssues(ctx.deps, systemActor("test"), office.siteId, dir, (p) =>
        seen.push(p.done),
      );
      expect(first).toEqual({ imported: 1, skipped: 0, failed: [] });
      expect(seen.at(-1)).toBe(1);
      const second = await importBackIssues(ctx.deps, systemActor("test"), office.siteId, dir);
      expect(second).toEqual({ imported: 0, skipped: 1, failed: [] });
      const list = (await api("GET", "/api/v1/gazette/issues?year=2019")).json().items;
      expect(list).toHaveLength(1);
      expect([list[0].number, list[0].total_number, list[0].pdf_sha256]).toEqual([3, 9, sha(pdf)]);
      const found = await api("GET", `/api/v1/search?q=${encodeURIComponent("草畜平衡奖励")}`);
      expect(found.json().items.some((h: { url: string }) => h.url === `/gb/issues/${list[0].id}`)).toBe(
        true,
      );
    });
  },
  { clock },
);
