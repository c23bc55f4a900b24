// Opinion cases, early warning and 12345 supervision on both engines (issue 17): the scan over generated
// streams with a fixed clock, a case from warning to published response, evaluation and accountability through
// the API, the clocks, every problem of bad input listed, other departments kept out, and the contended steps
// (the response draft, the judgement, closing a supervision notice) raced.
import { beforeAll, expect, it } from "vitest";
import { bearer, buildTestApp, tokenFor } from "../../../test/helpers/app";
import { describeEachDialect } from "../../../test/helpers/db";
import { systemActor } from "../../deps";
import type { AppError } from "../../platform/errors";
import { newId } from "../../platform/ids";
import { fixedClock, shanghaiDateOf } from "../../platform/time";
import type { AppInstance } from "../../web/types";
import { type CurrentUser, findCurrentUser } from "../accounts";
import { insertMessage, type MessageRow } from "../interaction/messages.repo";
import { closeSupervision, issueSupervision } from "./hotline-supervision.service";
import { findCase, insertCase } from "./opinion.repo";
import { draftResponse } from "./opinion.response";
import { scanSite } from "./opinion.scan";
import { createCase, performCaseStep } from "./opinion.service";

// 2026-12-07 10:00 in Shanghai.
const NOW = "2026-12-07T02:00:00Z";
const clock = fixedClock(NOW);
const HOUR = 3_600_000;
const HEATING = [
  "东河小区冬季供暖温度不达标，暖气片不热",
  "东河小区供暖不热，室内只有十三度，热力公司不上门",
  "暖气不热已经一周，东河小区供暖温度太低",
  "东河小区三号楼供暖温度低，热力公司电话打不通",
];

function message(siteId: string, i: number, title: string, at: Date, channel = "online"): MessageRow {
  const iso = at.toISOString();
  return {
    id: newId(),
    site_id: siteId,
    tracking_code: `TST${String(i).padStart(6, "0")}${Math.random().toString(36).slice(2, 6)}`,
    secret_hash: "x",
    type: "complain",
    channel,
    status: "received",
    title,
    body: title,
    name_enc: null,
    phone_enc: null,
    email_enc: null,
    contact_enc: null,
    wants_public: 0,
    private: 0,
    page_url: null,
    error_kind: null,
    received_on: shanghaiDateOf(at),
    reject_reason: null,
    duplicate_of_id: null,
    draft_body: null,
    draft_by_id: null,
    draft_by_label: null,
    draft_org_id: null,
    drafted_at: null,
    reply_body: null,
    reply_org_id: null,
    replied_on: null,
    published_at: null,
    qa_title: null,
    qa_question: null,
    qa_answer: null,
    rating: null,
    rated_at: null,
    follow_up: null,
    follow_up_on: null,
    created_at: iso,
    updated_at: iso,
  };
}

describeEachDialect(
  "public opinion (舆情回应) and 12345 supervision",
  (ctx) => {
    let app: AppInstance;
    const tok: Record<string, string> = {};
    let office: CurrentUser;
    let siteId: string;
    const api = (method: "GET" | "POST" | "PUT", url: string, who?: string, payload?: unknown) =>
      app.inject({
        method,
        url,
        headers: who ? bearer(tok[who]!) : {},
        ...(payload ? { payload } : {}),
      } as never);
    const codes = (r: { json(): { error: { details: { code: string }[] } } }) =>
      r.json().error.details.map((d) => d.code);

    beforeAll(async () => {
      clock.set(NOW);
      app = await buildTestApp(ctx);
      for (const u of [
        "demo-office",
        "demo-clerk",
        "demo-reviewer",
        "demo-signer",
        "demo-inspector",
        "demo-jyj-clerk",
      ])
        tok[u] = await tokenFor(ctx, u);
      office = (await findCurrentUser(ctx.deps, "demo-office"))!;
      siteId = office.siteId;
    }, 120_000);

    it("a burst of 40 messages on one topic in two days against 2 a day raises one warning listing them, once", async () => {
      clock.set(NOW);
      const now = clock.now().getTime();
      const base: MessageRow[] = [];
      for (let i = 0; i < 28; i++)
        base.push(message(siteId, i, HEATING[i % 4]!, new Date(now - (49 + i * 12) * HOUR)));
      const burst: MessageRow[] = [];
      for (let i = 0; i < 40; i++)
        burst.push(
          message(
            siteId,
            100 + i,
            HEATING[i % 4]!,
            new Date(now - (47 - i) * HOUR),
            i % 5 ? "online" : "hotline",
          ),
        );
      for (const m of [...base, ...burst]) await insertMessage(ctx.deps.db.kysely, m);

      const raised = await scanSite(ctx.deps, systemActor("test"), siteId);
      const w = raised.find(
        (x) => x.kind === "burst" && burst.every((b) => x.evidence.some((e) => e.id === b.id)),
      );
      expect(w, JSON.stringify(raised.map((x) => [x.topic, x.count]))).toBeDefined();
      expect(w!.count).toBe(40);
      expect(w!.baseline).toBe(4);
      expect(w!.window_hours).toBe(48);
      expect(w!.evidence).toHaveLength(40);
      expect(w!.evidence.filter((e) => e.type === "hotline_ticket")).toHaveLength(8);
      expect(w!.case_id).toEqual(expect.any(String));
      // The same topic is not raised again in the window.
      const again = await scanSite(ctx.deps, systemActor("test"), siteId);
      expect(again.find((x) => x.topic === w!.topic)).toBeUndefined();

      const list = await api("GET", "/api/v1/opinion/warnings", "demo-office");
      expect(list.statusCode, list.body).toBe(200);
      const item = list.json().items.find((x: { id: string }) => x.id === w!.id);
      expect(Object.keys(item).sort()).toEqual(
        [
          "baseline",
          "case_id",
          "count",
          "evidence",
          "id",
          "kind",
          "raised_at",
          "topic",
          "window_hours",
        ].sort(),
      );
      // A department's clerk does not see the site's warnings.
      expect((await api("GET", "/api/v1/opinion/warnings", "demo-clerk")).statusCode).toBe(403);
      // The draft case carries the evidence's topic, waiting to be judged.
      const c = await api("GET", `/api/v1/opinion/cases/${w!.case_id}`, "demo-office");
      expect(c.json()).toMatchObject({ status: "draft", warning_id: w!.id, clocks: [] });
      const judged = await api("POST", `/api/v1/opinion/cases/${w!.case_id}/actions`, "demo-office", {
        action: "confirm",
        level: "general",
        category: "public_interest",
        org: "gyx-zjj",
      });
      expect(judged.statusCode, judged.body).toBe(200);
      expect(judged.json().status).toBe("open");
      expect(judged.json().clocks).toEqual([
        expect.objectContaining({ kind: "response", hours: 48, state: "due" }),
      ]);
    });

    it("imports a news feed as one more stream, every bad row named, an entry kept once", async () => {
      const csv = (rows: string[]) => ["标题,内容,链接,发布时间", ...rows].join("\n");
      const bad = await api("POST", "/api/v1/opinion/feeds", "demo-office", {
        filename: "news.csv",
        content: csv([",,https://x.example/3,", "标题,内容,https://x.example/2,明天"]),
      });
      expect(bad.statusCode).toBe(400);
      expect(codes(bad)).toEqual(["entry_empty", "entry_date"]);
      const body = {
        filename: "news.csv",
        source: "包头新闻网",
        content: csv(["县城供暖不热引热议,居民反映室温低,https://x.example/1,2026-12-06 20:15"]),
      };
      const ok = await api("POST", "/api/v1/opinion/feeds", "demo-office", body);
      expect(ok.json()).toEqual({ source: "包头新闻网", imported: 1, known: 0 });
      expect((await api("POST", "/api/v1/opinion/feeds", "demo-office", body)).json()).toEqual({
        source: "包头新闻网",
        imported: 0,
        known: 1,
      });
      expect((await api("POST", "/api/v1/opinion/feeds", "demo-clerk", body)).statusCode).toBe(403);
      const keyword = await api("POST", "/api/v1/opinion/keywords", "demo-office", { word: "热议" });
      expect(keyword.statusCode, keyword.body).toBe(204);
      const raised = await scanSite(ctx.deps, systemActor("test"), siteId);
      const hit = raised.find((w) => w.kind === "keyword" && w.topic === "热议");
      expect(hit?.evidence).toEqual([{ type: "feed", id: expect.any(String) }]);
    });

    it("lists every problem of a bad case and saves nothing", async () => {
      const r = await api("POST", "/api/v1/opinion/cases", "demo-office", {
        title: "",
        level: "huge",
        category: "x",
        org: "nope",
        discovered_at: "2026-13-01T10:00",
      });
      expect(r.statusCode).toBe(400);
      expect(codes(r).sort()).toEqual(
        ["invalid_category", "invalid_instant", "invalid_level", "org_not_found", "title_required"].sort(),
      );
    });

    it("takes a case from judgement to published response, evaluation and accountability", async () => {
      clock.set(NOW);
      const created = await api("POST", "/api/v1/opinion/cases", "demo-office", {
        title: "网传县政府办门口群众聚集",
        summary: "短视频称县政府办门口有群众聚集。",
        level: "major",
        category: "hotspot",
        org: "gyx-zfb",
        discovered_at: "2026-12-07T08:00",
      });
      expect(created.statusCode, created.body).toBe(201);
      const id = created.json().id as string;
      expect(created.json().clocks.map((c: { kind: string; hours: number }) => [c.kind, c.hours])).toEqual([
        ["info", 5],
        ["press", 24],
      ]);
      // Another department's clerk neither sees nor touches it.
      expect((await api("GET", `/api/v1/opinion/cases/${id}`, "demo-jyj-clerk")).statusCode).toBe(404);
      const coordination = await api("POST", `/api/v1/opinion/cases/${id}/events`, "demo-office", {
        kind: "coordination",
        party: "police",
        text: "县公安局核实：系办事群众排队，无聚集。",
      });
      expect(coordination.statusCode, coordination.body).toBe(200);
      const noParty = await api("POST", `/api/v1/opinion/cases/${id}/events`, "demo-office", {
        kind: "coordination",
        text: "",
      });
      expect(codes(noParty).sort()).toEqual(["invalid_party", "text_required"]);
      // Not yet answered: the step table refuses with its reason.
      const early = await api("POST", `/api/v1/opinion/cases/${id}/actions`, "demo-office", {
        action: "record_response",
      });
      expect(early.statusCode).toBe(409);
      expect(codes(early)).toEqual(["response_not_published"]);
      const drafted = await api("POST", `/api/v1/opinion/cases/${id}/response`, "demo-office", {
        title: "关于网传县政府办门口群众聚集的情况说明",
        body: "经核实，系办事群众排队等候，现场秩序正常。",
      });
      expect(drafted.statusCode, drafted.body).toBe(201);
      const itemId = drafted.json().response.item_id as string;
      expect(drafted.json().response.status).toBe("draft");
      const again = await api("POST", `/api/v1/opinion/cases/${id}/response`, "demo-office", {
        title: "再起草",
        body: "x",
      });
      expect(again.statusCode).toBe(409);
      // The item is filed in the organisation's 回应关切 column and goes through the normal workflow.
      const node = await ctx.deps.db.kysely
        .selectFrom("item_catalog_nodes as l")
        .innerJoin("catalog_nodes as n", "n.id", "l.node_id")
        .select("n.code")
        .where("l.item_id", "=", itemId)
        .execute();
      expect(node.map((n) => n.code)).toContain("response");
      clock.set("2026-12-07T03:00:00Z"); // 11:00, three hours after it surfaced
      for (const [who, action] of [
        ["demo-office", "submit"],
        ["demo-reviewer", "approve"],
        ["demo-signer", "sign"],
        ["demo-signer", "publish"],
      ] as const) {
        const r = await api("POST", `/api/v1/items/${itemId}/actions`, who, { action });
        expect(r.statusCode, `${action}: ${r.body}`).toBe(200);
      }
      const responded = await api("POST", `/api/v1/opinion/cases/${id}/actions`, "demo-office", {
        action: "record_response",
      });
      expect(responded.statusCode, responded.body).toBe(200);
      expect(responded.json().status).toBe("responded");
      const info = responded.json().clocks.find((c: { kind: string }) => c.kind === "info");
      expect(info.state).toBe("done");
      expect(responded.json().response).toMatchObject({ status: "published", url: `/gk/items/${itemId}` });
      clock.set("2026-12-08T03:00:00Z"); // the next day: the press conference's 24 hours have run out
      const late = await api("GET", `/api/v1/opinion/cases/${id}`, "demo-office");
      expect(late.json().clocks.find((c: { kind: string }) => c.kind === "press").state).toBe("overdue");
      expect(late.json().late).toBe(true);
      const badEval = await api("POST", `/api/v1/opinion/cases/${id}/actions`, "demo-office", {
        action: "evaluate",
        effect: "great",
      });
      expect(codes(badEval).sort()).toEqual(["evaluation_required", "invalid_effect"]);
      const evaluated = await api("POST", `/api/v1/opinion/cases/${id}/actions`, "demo-office", {
        action: "evaluate",
        effect: "fair",
        evaluation: "澄清及时，但未按时召开新闻发布会。",
      });
      expect(evaluated.json()).toMatchObject({
        status: "evaluated",
        evaluation: { effect: "fair", effect_label: "效果一般" },
      });
      // The office may not hold to account; the inspection office does, counted in the assessment.
      const byOffice = await api("POST", `/api/v1/opinion/cases/${id}/accountability`, "demo-office", {
        kind: "criticism",
        reason: "未按时召开新闻发布会。",
        decided_on: "2026-12-08",
      });
      expect(byOffice.statusCode).toBe(403);
      const held = await api("POST", `/api/v1/opinion/cases/${id}/accountability`, "demo-inspector", {
        kind: "interview",
        reason: "未按时召开新闻发布会。",
        decided_on: "2026-12-08",
        rectify_by: "2026-12-31",
      });
      expect(held.statusCode, held.body).toBe(201);
      expect(held.json().accountability).toEqual([
        expect.objectContaining({ kind: "interview", kind_label: "约谈整改", rectify_by: "2026-12-31" }),
      ]);
      const subject = await ctx.deps.db.kysely
        .selectFrom("accountability_subjects")
        .select(["subject_type", "subject_id"])
        .where("subject_id", "=", id)
        .execute();
      expect(subject).toEqual([{ subject_type: "opinion_case", subject_id: id }]);
      const closed = await api("POST", `/api/v1/opinion/cases/${id}/actions`, "demo-office", {
        action: "close",
      });
      expect(closed.json().status).toBe("closed");
      const audit = await ctx.deps.db.kysely
        .selectFrom("audit_log")
        .select("action")
        .where("entity_id", "=", id)
        .execute();
      expect(audit.map((a) => a.action)).toEqual(
        expect.arrayContaining([
          "opinion.case_create",
          "opinion.case_event",
          "opinion.case_response_draft",
          "opinion.case_respond",
          "opinion.case_evaluate",
          "opinion.case_accountability",
          "opinion.case_close",
        ]),
      );
      clock.set(NOW);
    });

    it("serialises contended steps: one response draft, one judgement, one closing", async () => {
      clock.set(NOW);
      const c = await createCase(ctx.deps, office, {
        title: "竞争测试事件",
        level: "general",
        category: "hotspot",
        org: "gyx-zfb",
      });
      await Promise.all(
        Array.from({ length: 4 }, () => ctx.deps.db.kysely.selectFrom("sites").select("id").execute()),
      );
      const outcome = (rs: PromiseSettledResult<unknown>[]) =>
        rs
          .map((r) =>
            r.status === "fulfilled"
              ? "ok"
              : `${(r.reason as AppError).status} ${(r.reason as AppError).code}`,
          )
          .sort();
      const drafts = await Promise.allSettled([
        draftResponse(ctx.deps, office, c.id, { title: "甲", body: "甲" }),
        draftResponse(ctx.deps, office, c.id, { title: "乙", body: "乙" }),
      ]);
      expect(outcome(drafts)).toEqual(["409 response_exists", "ok"]);
      const items = await ctx.deps.db.kysely
        .selectFrom("items")
        .select("id")
        .where("title", "in", ["甲", "乙"])
        .execute();
      expect(items).toHaveLength(1); // the loser's item rolled back with it

      const warned = await scanSite(ctx.deps, systemActor("test"), siteId); // nothing new: no second draft case
      expect(warned).toEqual([]);
      // A draft as a warning opens it, judged twice at once.
      const draftId = newId();
      await insertCase(ctx.deps.db.kysely, {
        ...(await findCase(ctx.deps.db.kysely, c.id))!,
        id: draftId,
        status: "draft",
        response_item_id: null,
      });
      const judged = await Promise.allSettled([
        performCaseStep(ctx.deps, office, draftId, {
          action: "confirm",
          level: "general",
          category: "hotspot",
        }),
        performCaseStep(ctx.deps, office, draftId, { action: "dismiss", reason: "不属于政务舆情" }),
      ]);
      expect(outcome(judged)).toEqual(["409 invalid_transition", "ok"]);
      const n = await issueSupervision(ctx.deps, office, {
        org: "gyx-zjj",
        subject: "供暖工单超期",
        requirement: "限期办结",
        due_on: "2026-12-10",
      });
      const closings = await Promise.allSettled([
        closeSupervision(ctx.deps, office, n.id, { outcome: "resolved", text: "已办结" }),
        closeSupervision(ctx.deps, office, n.id, { outcome: "unresolved", text: "未办结" }),
      ]);
      expect(outcome(closings)).toEqual(["409 supervision_closed", "ok"]);
    });

    it("shows the 12345 figures by department and the supervision notices", async () => {
      const r = await api("GET", "/api/v1/hotline/supervision?from=2026-01-01&to=2026-12-31", "demo-office");
      expect(r.statusCode, r.body).toBe(200);
      const body = r.json();
      expect(body.period).toEqual({ from: "2026-01-01", to: "2026-12-31" });
      const zjj = body.items.find((i: { org_name: string }) => i.org_name === "固阳县住房和城乡建设局");
      expect(zjj).toMatchObject({ dispatched: expect.any(Number), supervisions_total: expect.any(Number) });
      // The burst's 8 hotline tickets, held by nobody yet, count for the office at the site root.
      const total = body.items.reduce((n: number, i: { dispatched: number }) => n + i.dispatched, 0);
      expect(total).toBeGreaterThanOrEqual(8);
      const bad = await api("GET", "/api/v1/hotline/supervision?from=2026-02-30", "demo-office");
      expect(bad.statusCode).toBe(400);
      const issue = await api("POST", "/api/v1/hotline/supervisions", "demo-office", {
        org: "nope",
        subject: "",
        requirement: "",
        due_on: "2026-01-01",
      });
      expect(codes(issue).sort()).toEqual(
        ["date_in_past", "org_not_found", "requirement_required", "subject_required"].sort(),
      );
      // A department's clerk sees only their own department's row.
      const mine = await api("GET", "/api/v1/hotline/supervision", "demo-clerk");
      expect(mine.statusCode, mine.body).toBe(200);
      expect(
        mine.json().items.every((i: { org_name: string }) => i.org_name === "固阳县人民政府办公室"),
      ).toBe(true);
    });

    it("issues and closes a supervision notice through the back office's forms", async () => {
      const { Session } = await import("../../../test/helpers/forms");
      const { DEMO_PASSWORD } = await import("../../demo/seed");
      const s = new Session(app);
      await s.login("demo-inspector", DEMO_PASSWORD);
      const csrf = await s.csrfFrom("/admin/hotline/supervision");
      const bad = await s.post("/admin/hotline/supervision", {
        _csrf: csrf,
        org: "gyx-scjgj",
        subject: "",
        requirement: "",
        due_on: "",
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.body).toContain("请填写督办事项。");
      expect(bad.body).toContain("办结期限应为 YYYY-MM-DD 格式的真实日期。");
      const ok = await s.post("/admin/hotline/supervision", {
        _csrf: csrf,
        org: "gyx-scjgj",
        subject: "餐饮油烟投诉反复",
        requirement: "请彻查并回访",
        due_on: "2026-12-14",
      });
      expect(ok.statusCode).toBe(303);
      const page = await s.get("/admin/hotline/supervision");
      expect(page.body).toContain("餐饮油烟投诉反复");
      const id = /action="\/admin\/hotline\/supervision\/([^/"]+)\/close"/.exec(
        page.body.slice(page.body.indexOf("餐饮油烟投诉反复")),
      )?.[1];
      expect(id).toBeDefined();
      const closed = await s.post(`/admin/hotline/supervision/${id}/close`, {
        _csrf: csrf,
        outcome: "resolved",
        text: "已查处并回访",
      });
      expect(closed.statusCode).toBe(303);
      expect((await s.get("/admin/hotline/supervision")).body).toContain("问题已解决：已查处并回访");
    });

    it("back-office pages render for the office", async () => {
      const { Session } = await import("../../../test/helpers/forms");
      const { DEMO_PASSWORD } = await import("../../demo/seed");
      const s = new Session(app);
      await s.login("demo-office", DEMO_PASSWORD);
      const cases = await ctx.deps.db.kysely.selectFrom("opinion_cases").select("id").execute();
      expect(cases.length).toBeGreaterThan(3); // the demo's and this file's
      for (const url of [
        "/admin/opinion",
        "/admin/opinion/settings",
        "/admin/opinion/cases/new",
        "/admin/hotline/supervision",
        "/admin",
        ...cases.map((c) => `/admin/opinion/cases/${c.id}`),
      ]) {
        const r = await s.get(url);
        expect(r.statusCode, `${url}: ${r.body.slice(0, 300)}`).toBe(200);
      }
    });
  },
  { clock },
);
