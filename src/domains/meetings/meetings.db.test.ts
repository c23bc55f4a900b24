import { beforeAll, expect, it } from "vitest";
import { bearer, buildTestApp, tokenFor } from "../../../test/helpers/app";
import { describeEachDialect } from "../../../test/helpers/db";
import { Session } from "../../../test/helpers/forms";
import { createOtherSite } from "../../../test/helpers/sites";
import { DEMO_PASSWORD } from "../../demo/seed";
import { systemActor } from "../../deps";
import type { AppError } from "../../platform/errors";
import { fixedClock } from "../../platform/time";
import type { AppInstance } from "../../web/types";
import { type CurrentUser, createUser, findCurrentUser } from "../accounts";
import { applyToAttend, decideAttendance } from "./meetings.attendance";

// 2026-12-07 10:00 in Shanghai.
const clock = fixedClock("2026-12-07T02:00:00Z");
const PHONE = "13912345678";
const NAME = "欧阳明远";
const PAYLOAD = `<script>alert("x")</script><img src=x onerror=alert(1)>`;
const NUM: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

const notice = (over: Record<string, unknown> = {}) => ({
  title: "固阳县人民政府第12次常务会议",
  kind: "executive",
  starts_at: "2026-12-20T09:00",
  place: "县政府三楼第一会议室",
  agenda: [{ topic: "研究城乡生活垃圾分类管理办法" }, { topic: "听取民生实事完成情况汇报" }],
  apply_opens_on: "2026-12-07",
  apply_closes_on: "2026-12-15",
  seats: 2,
  stream_url: "https://live.example.gov.cn/gyx/12",
  ...over,
});

describeEachDialect(
  "government meetings (政府会议)",
  (ctx) => {
    let app: AppInstance;
    const tok: Record<string, string> = {};
    let office: CurrentUser;
    let office2: CurrentUser;

    const api = (method: "GET" | "POST" | "PATCH", url: string, who?: string, payload?: unknown) =>
      app.inject({
        method,
        url,
        headers: who ? bearer(tok[who]!) : {},
        ...(payload ? { payload } : {}),
      } as never);
    const codes = (r: { json(): { error: { details: { code: string }[] } } }) =>
      r.json().error.details.map((d) => d.code);

    async function announced(over: Record<string, unknown> = {}): Promise<string> {
      clock.set("2026-12-07T02:00:00Z");
      const created = await api("POST", "/api/v1/meetings", "demo-clerk", notice(over));
      expect(created.statusCode, created.body).toBe(201);
      const id = created.json().id as string;
      const a = await api("POST", `/api/v1/meetings/${id}/actions`, "demo-clerk", { action: "announce" });
      expect(a.statusCode, a.body).toBe(200);
      return id;
    }
    const apply = (id: string, extra: Record<string, string> = {}) =>
      api("POST", `/api/v1/meetings/${id}/attendance`, undefined, {
        name: NAME,
        phone: PHONE,
        identity: "stakeholder",
        reason: "我是阳光小区居民，关心垃圾分类投放点设置。",
        ...extra,
      });

    beforeAll(async () => {
      app = await buildTestApp(ctx);
      const actor = systemActor("test");
      await createOtherSite(ctx, [
        { username: "site-b-office", roles: ["office", "clerk"], password: "Site-B-Pw-2026!" },
      ]);
      await createUser(ctx.deps, actor, {
        username: "dept-y-clerk",
        name: "财政信息员",
        orgCode: "gyx-czj",
        roles: ["clerk"],
        password: "Dept-Y-Pw-2026!",
      });
      await createUser(ctx.deps, actor, {
        username: "office-2",
        name: "另一位公开办",
        orgCode: "gyx",
        roles: ["office"],
        password: "Office-2-Pw-2026!",
      });
      for (const u of ["demo-clerk", "demo-office", "demo-reviewer", "dept-y-clerk", "site-b-office"])
        tok[u] = await tokenFor(ctx, u);
      office = (await findCurrentUser(ctx.deps, "demo-office"))!;
      office2 = (await findCurrentUser(ctx.deps, "office-2"))!;
    });

    it("names every problem of a notice at once and stores nothing", async () => {
      clock.set("2026-12-07T02:00:00Z");
      const bad = await api("POST", "/api/v1/meetings", "demo-clerk", {
        ...notice(),
        title: " ",
        kind: "party",
        starts_at: "2026-02-30T09:00",
        place: "",
        agenda: [{ topic: "" }, { topic: "议题", item_id: "no-such-item" }],
        apply_closes_on: "2026-12-06",
        seats: 0,
        stream_url: "http://live.example.gov.cn/x",
      });
      expect(bad.statusCode).toBe(400);
      expect(codes(bad).sort()).toEqual(
        [
          "title_required",
          "invalid_kind",
          "invalid_starts_at",
          "place_required",
          "apply_closes_in_past",
          "apply_period_reversed",
          "invalid_seats",
          "invalid_stream_url",
          "item_not_found",
        ].sort(),
      );
      const late = await api(
        "POST",
        "/api/v1/meetings",
        "demo-clerk",
        notice({ apply_closes_on: "2026-12-20" }),
      );
      expect(codes(late)).toEqual(["apply_closes_too_late"]);
      // The back office's form: free text, so the API's lengths are checked by the service and named on the
      // page again (one heading: the layout's).
      const session = new Session(app);
      expect((await session.login("demo-clerk", DEMO_PASSWORD)).statusCode).toBe(303);
      const long = await session.post("/admin/meetings/new", {
        _csrf: await session.csrfFrom("/admin/meetings/new"),
        ...Object.fromEntries(Object.entries(notice()).filter(([, v]) => typeof v === "string")),
        title: "长".repeat(201),
        agenda_1_topic: "议".repeat(301),
        seats: "2",
      });
      expect(long.statusCode).toBe(400);
      expect(long.body).toContain("会议名称不能超过 200 个字（现为 201 个字）");
      expect(long.body).toContain("第1项议题不能超过 300 个字");
      expect(long.body.match(/<h1[\s>]/g)).toHaveLength(1);
      const none = await ctx.deps.db.kysely.selectFrom("meetings").select("id").execute();
      expect(none).toEqual([]);
    });

    it("runs a meeting from notice to minutes: apply, decide within the seats, held, minutes public", async () => {
      clock.set("2026-12-07T02:00:00Z");
      const created = await api(
        "POST",
        "/api/v1/meetings",
        "demo-clerk",
        notice({ title: `常务会议${PAYLOAD}` }),
      );
      expect(created.statusCode, created.body).toBe(201);
      const id = created.json().id as string;
      // A draft is not public, and is edited as a whole.
      expect((await api("GET", `/api/v1/meetings/${id}`)).statusCode).toBe(404);
      expect((await apply(id)).statusCode).toBe(404);
      // The form always sends the organising organisation: naming it must not wait on the open transaction.
      const edited = await api("PATCH", `/api/v1/meetings/${id}`, "demo-clerk", {
        org: "gyx-zfb",
        place: "县政府五楼大会议室",
        seats: 1,
      });
      expect(edited.statusCode, edited.body).toBe(200);
      expect(edited.json()).toMatchObject({ place: "县政府五楼大会议室", seats: 1, status: "draft" });
      expect(codes(await api("PATCH", `/api/v1/meetings/${id}`, "demo-clerk", { seats: 9999 }))).toEqual([
        "invalid_seats",
      ]);
      expect(
        (await api("POST", `/api/v1/meetings/${id}/actions`, "demo-clerk", { action: "announce" }))
          .statusCode,
      ).toBe(200);
      const locked = await api("PATCH", `/api/v1/meetings/${id}`, "demo-clerk", { place: "改" });
      expect(locked.statusCode).toBe(409);
      expect(locked.json().error.code).toBe("meeting_locked");

      // Applications: every problem named, then two good ones.
      const wrong = await api("POST", `/api/v1/meetings/${id}/attendance`, undefined, {
        name: "",
        phone: "12345",
        identity: "boss",
        reason: "想",
      });
      // The API takes applications as JSON only: another site's page cannot post a form to it.
      const formPost = await app.inject({
        method: "POST",
        url: `/api/v1/meetings/${id}/attendance`,
        headers: { "content-type": "application/x-www-form-urlencoded" },
        payload: `name=${encodeURIComponent(NAME)}&phone=${PHONE}&identity=citizen&reason=${encodeURIComponent("跨站提交的申请理由")}`,
      });
      expect(formPost.statusCode).toBe(415);
      expect(formPost.json().error.code).toBe("json_required");
      expect(codes(wrong).sort()).toEqual([
        "invalid_identity",
        "invalid_phone",
        "name_required",
        "reason_required",
      ]);
      const first = await apply(id, { reason: `理由${PAYLOAD}` });
      expect(first.statusCode, first.body).toBe(201);
      const { tracking_code, secret } = first.json();
      expect(tracking_code).toMatch(/^LX20261207/);
      const second = await apply(id, { name: "张三丰", phone: "0472-8123456" });
      expect(second.statusCode).toBe(201);
      const track = (code: string, s: string) =>
        api("GET", `/api/v1/meetings/attendance/track?code=${code}&secret=${s}`);
      expect((await track(tracking_code, secret)).json()).toMatchObject({ status: "pending" });
      expect((await track(tracking_code, "WRONGWRONG")).statusCode).toBe(404);

      const list = await api("GET", `/api/v1/meetings/${id}/attendance`, "demo-office");
      expect(list.statusCode).toBe(200);
      expect(list.json().items.map((a: { name: string }) => a.name)).toEqual([NAME, "张三丰"]);
      // The organising department sees the applications, but the applicants' contacts are the office's alone.
      const forClerk = await api("GET", `/api/v1/meetings/${id}/attendance`, "demo-clerk");
      expect(forClerk.statusCode).toBe(200);
      expect(forClerk.json().items.map((a: { name: unknown; phone: unknown }) => [a.name, a.phone])).toEqual([
        [null, null],
        [null, null],
      ]);
      const [a1, a2] = list.json().items as { id: string }[];
      const decide = (aid: string, who: string, body: Record<string, string>) =>
        api("POST", `/api/v1/meetings/${id}/attendance/${aid}/decision`, who, body);
      // The organising department's clerk may not decide; a decline needs a reason.
      expect((await decide(a1!.id, "demo-clerk", { decision: "approve" })).statusCode).toBe(403);
      expect((await decide(a1!.id, "demo-office", { decision: "approve" })).json().status).toBe("approved");
      const again = await decide(a1!.id, "demo-office", { decision: "decline", reason: "x" });
      expect(again.json().error.code).toBe("attendance_already_decided");
      const full = await decide(a2!.id, "demo-office", { decision: "approve" });
      expect(full.statusCode).toBe(409);
      expect(full.json().error.code).toBe("seats_full");
      expect(codes(await decide(a2!.id, "demo-office", { decision: "decline" }))).toEqual([
        "reason_required",
      ]);
      // In the back office the problem is shown with that application's own reason field, not the cancel form's.
      const office = new Session(app);
      expect((await office.login("demo-office", DEMO_PASSWORD)).statusCode).toBe(303);
      const refusedDecline = await office.post(`/admin/meetings/${id}/attendance/${a2!.id}`, {
        _csrf: await office.csrfFrom(`/admin/meetings/${id}`),
        decision: "decline",
        reason: "",
      });
      expect(refusedDecline.statusCode).toBe(400);
      expect(refusedDecline.body).toContain(`id="reason-${a2!.id}-error"`);
      expect(refusedDecline.body).not.toContain('id="reason-error"');
      expect(
        (await decide(a2!.id, "demo-office", { decision: "decline", reason: "名额已满" })).statusCode,
      ).toBe(200);
      expect((await track(tracking_code, secret)).json()).toMatchObject({
        status: "approved",
        decision_reason: null,
      });

      // After the period: refused with a clear 409; held only on its day.
      clock.set("2026-12-16T02:00:00Z");
      const lateApply = await apply(id);
      expect(lateApply.statusCode).toBe(409);
      expect(lateApply.json().error.code).toBe("attendance_closed");
      await api("POST", `/api/v1/meetings/${id}/actions`, "demo-clerk", { action: "close_applications" });
      const early = await api("POST", `/api/v1/meetings/${id}/actions`, "demo-clerk", {
        action: "mark_held",
      });
      expect(early.statusCode).toBe(409);
      expect(early.json().error.details[0].code).toBe("meeting_not_yet");
      clock.set("2026-12-20T04:00:00Z");
      expect(
        (await api("POST", `/api/v1/meetings/${id}/actions`, "demo-clerk", { action: "mark_held" }))
          .statusCode,
      ).toBe(200);
      expect(
        codes(
          await api("POST", `/api/v1/meetings/${id}/actions`, "demo-clerk", { action: "publish_minutes" }),
        ),
      ).toEqual(["minutes_required"]);
      const minuted = await api("POST", `/api/v1/meetings/${id}/actions`, "demo-clerk", {
        action: "publish_minutes",
        minutes: `会议原则通过《固阳县城乡生活垃圾分类管理办法》。\n${PAYLOAD}`,
      });
      expect(minuted.statusCode, minuted.body).toBe(200);

      const pub = await api("GET", `/api/v1/meetings/${id}`);
      expect(pub.json()).toMatchObject({
        status: "minutes_published",
        counts: { seats: 1, applications: 2, approved: 1 },
        stream_url: "https://live.example.gov.cn/gyx/12",
      });
      expect(pub.json().minutes).toContain("原则通过");
      const found = await api("GET", `/api/v1/search?q=${encodeURIComponent("垃圾分类管理办法")}`);
      expect(found.json().items.map((i: { url: string }) => i.url)).toContain(`/hd/meetings/${id}`);
      for (const url of [`/hd/meetings/${id}`, "/hd/meetings", `/mn/hd/meetings/${id}`]) {
        const page = await app.inject({ url });
        expect(page.statusCode, url).toBe(200);
        expect(page.body).not.toContain(NAME);
        expect(page.body).not.toContain(PHONE);
        expect(page.body).not.toContain("<script>alert");
        expect(page.body).not.toContain("<img src=x");
      }
      const page = await app.inject({ url: `/hd/meetings/${id}` });
      expect(page.body).toContain("&lt;script>");
      expect(page.body).toContain("原则通过");
      expect(page.body).toContain('href="https://live.example.gov.cn/gyx/12"');

      // Every step is in the audit log; the applicant's name and phone are nowhere in clear.
      const audit = await ctx.deps.db.kysely
        .selectFrom("audit_log")
        .selectAll()
        .where("entity_id", "=", id)
        .execute();
      expect(new Set(audit.map((a) => a.action))).toEqual(
        new Set([
          "meeting.create",
          "meeting.update",
          "meeting.announce",
          "meeting.attendance_apply",
          "meeting.attendance_approve",
          "meeting.attendance_decline",
          "meeting.close_applications",
          "meeting.mark_held",
          "meeting.publish_minutes",
        ]),
      );
      const stored = JSON.stringify([
        await ctx.deps.db.kysely.selectFrom("meeting_attendance").selectAll().execute(),
        audit,
      ]);
      expect(stored).not.toContain(PHONE);
      expect(stored).not.toContain("8123456");
      expect(stored).not.toContain(NAME);
    });

    it("takes the public form without JavaScript and refuses outside the period and when cancelled", async () => {
      const id = await announced({
        title: "听证会：城区供水价格调整",
        kind: "hearing",
        apply_opens_on: "2026-12-08",
      });
      const s = new Session(app);
      let html = (await s.get(`/hd/meetings/${id}`)).body;
      expect(html).not.toContain('name="check_token"');
      expect(html).toContain("列席报名将于 2026-12-08 开始");
      expect((await apply(id)).json().error.code).toBe("attendance_not_open");

      clock.set("2026-12-08T02:00:00Z");
      // In Mongolian the human check's sum and the required marks are worded in Mongolian too.
      const mn = (await app.inject({ url: `/mn/hd/meetings/${id}` })).body;
      expect(mn).toContain('name="check_token"');
      expect(mn).not.toContain("等于几");
      expect(mn).not.toContain("（必填）");
      html = (await s.get(`/hd/meetings/${id}`)).body;
      const form = () => {
        const m = /(.)加(.)等于几/.exec(html)!;
        return {
          _csrf: /name="_csrf" value="([^"]+)"/.exec(html)![1]!,
          check_token: /name="check_token" value="([^"]+)"/.exec(html)![1]!,
          check_answer: String(NUM[m[1]!]! + NUM[m[2]!]!),
        };
      };
      const refused = await s.post(`/hd/meetings/${id}/attendance`, {
        ...form(),
        check_answer: "99",
        name: NAME,
      });
      expect(refused.statusCode).toBe(400);
      expect(refused.body).toContain('href="#check_answer"');
      expect(refused.body).toContain('href="#phone"');
      expect(refused.body).toContain(`value="${NAME}"`);
      html = refused.body;
      const done = await s.post(`/hd/meetings/${id}/attendance`, {
        ...form(),
        name: NAME,
        phone: PHONE,
        identity: "citizen",
        reason: "关心水价调整，希望列席听证。",
      });
      expect(done.statusCode).toBe(201);
      const code = /(LX\d{8}[A-Z2-9]{6})/.exec(done.body)![1]!;
      const tracked = await s.post("/hd/meetings/track", {
        _csrf: await s.csrfFrom("/hd/meetings/track"),
        code,
        secret: "WRONGWRONG",
      });
      expect(tracked.statusCode).toBe(404);

      // Cancelled with a public reason: the page says so and no longer takes applications.
      expect(
        codes(await api("POST", `/api/v1/meetings/${id}/actions`, "demo-clerk", { action: "cancel" })),
      ).toEqual(["reason_required"]);
      await api("POST", `/api/v1/meetings/${id}/actions`, "demo-clerk", {
        action: "cancel",
        reason: "议题另行安排",
      });
      expect((await apply(id)).json().error.code).toBe("meeting_cancelled");
      expect((await app.inject({ url: `/hd/meetings/${id}` })).body).toContain("议题另行安排");
    });

    it("answers another department and another site 404, a role without the permission 403", async () => {
      const id = await announced({ title: "哨兵会议" });
      const draft = (
        await api("POST", "/api/v1/meetings", "demo-clerk", notice({ title: "未发布的会议" }))
      ).json().id;
      for (const who of ["dept-y-clerk", "site-b-office"]) {
        for (const [method, url, body] of [
          ["PATCH", `/api/v1/meetings/${draft}`, { place: "x" }],
          ["POST", `/api/v1/meetings/${id}/actions`, { action: "cancel", reason: "x" }],
          ["GET", `/api/v1/meetings/${id}/attendance`, undefined],
        ] as const) {
          const r = await api(method, url, who, body);
          expect(r.statusCode, `${who} ${method} ${url}`).toBe(404);
        }
      }
      expect((await api("POST", "/api/v1/meetings", "demo-reviewer", notice())).statusCode).toBe(403);
      expect(
        (await api("POST", "/api/v1/meetings", "demo-clerk", notice({ org: "gyx-czj" }))).statusCode,
      ).toBe(403);
      expect(
        (await api("GET", "/api/v1/meetings")).json().items.map((i: { id: string }) => i.id),
      ).not.toContain(draft);
      // Staff the policy lets see it read the draft (with a staff part); anyone else as if it did not exist.
      const mine = await api("GET", `/api/v1/meetings/${draft}`, "demo-clerk");
      expect(mine.statusCode, mine.body).toBe(200);
      expect(mine.json()).toMatchObject({
        status: "draft",
        title: "未发布的会议",
        staff: {
          admin_url: `/admin/meetings/${draft}`,
          actions: ["announce", "cancel"],
          editable: true,
          pending_applications: 0,
          stream_url: "https://live.example.gov.cn/gyx/12",
        },
      });
      expect(mine.json().stream_url).toBeNull();
      for (const who of ["dept-y-clerk", "site-b-office", undefined])
        expect((await api("GET", `/api/v1/meetings/${draft}`, who)).statusCode, String(who)).toBe(404);
      // An announced one: the public view for the public, with the pending applications for its staff.
      expect((await apply(id)).statusCode).toBe(201);
      expect((await api("GET", `/api/v1/meetings/${id}`)).json().staff).toBeUndefined();
      expect((await api("GET", `/api/v1/meetings/${id}`, "dept-y-clerk")).json().staff).toBeUndefined();
      expect((await api("GET", `/api/v1/meetings/${id}`, "demo-office")).json().staff).toMatchObject({
        editable: false,
        pending_applications: 1,
      });
    });

    it("never approves two applications for the last seat at once", async () => {
      const id = await announced({ title: "最后一个名额", seats: 1 });
      const site = (
        await ctx.deps.db.kysely
          .selectFrom("meetings")
          .select("site_id")
          .where("id", "=", id)
          .executeTakeFirstOrThrow()
      ).site_id;
      const a = await applyToAttend(ctx.deps, site, id, {
        name: "甲",
        phone: "13800000001",
        identity: "citizen",
        reason: "希望列席会议。",
      });
      const b = await applyToAttend(ctx.deps, site, id, {
        name: "乙",
        phone: "13800000002",
        identity: "citizen",
        reason: "希望列席会议。",
      });
      const rows = await ctx.deps.db.kysely
        .selectFrom("meeting_attendance")
        .select(["id", "tracking_code"])
        .where("meeting_id", "=", id)
        .execute();
      const idOf = (code: string) => rows.find((r) => r.tracking_code === code)!.id;
      // Warm the pool so both run on their own connection.
      await Promise.all(
        Array.from({ length: 4 }, () => ctx.deps.db.kysely.selectFrom("sites").select("id").execute()),
      );
      const results = await Promise.allSettled([
        decideAttendance(ctx.deps, office, id, idOf(a.tracking_code), { decision: "approve" }),
        decideAttendance(ctx.deps, office2, id, idOf(b.tracking_code), { decision: "approve" }),
      ]);
      const outcomes = results
        .map((r) =>
          r.status === "fulfilled"
            ? "200"
            : `${(r.reason as AppError).status} ${(r.reason as AppError).code}`,
        )
        .sort();
      expect(outcomes).toEqual(["200", "409 seats_full"]);
      const m = await ctx.deps.db.kysely
        .selectFrom("meetings")
        .select("approved_count")
        .where("id", "=", id)
        .executeTakeFirstOrThrow();
      expect(Number(m.approved_count)).toBe(1);
      const approved = await ctx.deps.db.kysely
        .selectFrom("meeting_attendance")
        .select("id")
        .where("meeting_id", "=", id)
        .where("status", "=", "approved")
        .execute();
      expect(approved).toHaveLength(1);
    });
  },
  { clock },
);
