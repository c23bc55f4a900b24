import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bearer, buildTestApp, countRows, tokenFor } from "../../../test/helpers/app";
import { describeEachDialect } from "../../../test/helpers/db";
import { fixedClock } from "../../platform/time";
import type { AppInstance } from "../../web/types";

const ID = "110101199003074514";
const clock = fixedClock("2025-03-20T02:00:00Z");

const apply = {
  applicant: {
    type: "natural",
    name: "王小明",
    id_type: "resident_id",
    id_number: ID,
    phone: "13812345678",
    email: "wxm@example.com",
    address: "固阳县金山镇阳光小区3号楼2单元501室",
  },
  description: "申请公开固阳县2024年城乡低保资金发放情况（分镇统计表）。",
  delivery: "email",
};

describeEachDialect(
  "information-disclosure applications",
  (ctx) => {
    let app: AppInstance;
    let office: string;
    let clerk: string;
    beforeAll(async () => {
      app = await buildTestApp(ctx);
      office = await tokenFor(ctx, "demo-office");
      clerk = await tokenFor(ctx, "demo-clerk");
    });
    afterAll(async () => app?.close());

    const actOn = (id: string, body: Record<string, unknown>, token = office) =>
      app.inject({
        method: "POST",
        url: `/api/v1/applications/${id}/actions`,
        headers: bearer(token),
        payload: body,
      });

    describe("the statutory clock through every event (CONTRACT.md convention)", () => {
      let code = "";
      let secret = "";
      let id = "";

      it("takes an online application without login and gives a tracking code and secret", async () => {
        clock.set("2024-12-16T01:00:00Z");
        const res = await app.inject({ method: "POST", url: "/api/v1/applications", payload: apply });
        expect(res.statusCode, res.body).toBe(201);
        ({ tracking_code: code, secret } = res.json());
        expect(code).toMatch(/^YS\d{8}[A-Z2-9]{6}$/);
        const track = (await app.inject(`/api/v1/applications/track?code=${code}&secret=${secret}`)).json();
        expect(track).toMatchObject({ status: "submitted", received_on: null, due_on: null });
        expect((await app.inject(`/api/v1/applications/track?code=${code}&secret=WRONG`)).statusCode).toBe(
          404,
        );
        id = (
          await app.inject({ url: `/api/v1/applications?tracking_code=${code}`, headers: bearer(office) })
        ).json().items[0].id;
      });

      it("registers with the Art. 31 date and counts 20 working days, the receipt day not counted", async () => {
        const r = (await actOn(id, { action: "register", on: "2024-12-16" })).json();
        clock.set("2025-03-20T02:00:00Z");
        expect(r).toMatchObject({ status: "handling", received_on: "2024-12-16", due_on: "2025-01-14" });
        expect(r.clock.explanation).toContain("2024-12-16");
      });

      it("asks for a correction once within 7 working days; the corrected application restarts the count", async () => {
        expect(
          (await actOn(id, { action: "request_correction", on: "2024-12-32" })).json().error.details[0].code,
        ).toBe("invalid_date");
        const req = (
          await actOn(id, {
            action: "request_correction",
            on: "2024-12-18",
            items: "请明确所需信息的年份和统计口径",
          })
        ).json();
        expect(req).toMatchObject({ status: "correction", correction_deadline: "2025-01-09" });
        const track = (await app.inject(`/api/v1/applications/track?code=${code}&secret=${secret}`)).json();
        expect(track.status).toBe("correction");
        expect(track.steps.map((s: { text: string }) => s.text).join("\n")).toContain(
          "请明确所需信息的年份和统计口径",
        );
        const got = (await actOn(id, { action: "receive_correction", on: "2024-12-20" })).json();
        expect(got).toMatchObject({ status: "handling", due_on: "2025-01-20" });
        const again = await actOn(id, { action: "request_correction", on: "2024-12-23", items: "再次补正" });
        expect(again.json().error.details.map((d: { code: string }) => d.code)).toContain("correction_used");
      });

      it("pauses for a 15-working-day consultation and extends by 20 working days", async () => {
        // 15 working days from 6 January 2025 end on Sunday 26 January, a make-up working day for Spring Festival.
        expect(
          (
            await actOn(id, { action: "start_consultation", on: "2025-01-06", third_party: "某供热公司" })
          ).json(),
        ).toMatchObject({ status: "consulting", consult_deadline: "2025-01-26" });
        const resumed = (await actOn(id, { action: "end_consultation", on: "2025-01-26" })).json();
        expect(resumed.status).toBe("handling");
        const tooLong = await actOn(id, {
          action: "extend",
          on: "2025-02-10",
          days: 21,
          approved_by: "张主任",
        });
        expect(tooLong.statusCode).toBe(400);
        // Exactly as CONTRACT.md writes it: `extend` with `days`; the approver defaults to the recorder.
        const extended = (await actOn(id, { action: "extend", on: "2025-02-10", days: 20 })).json();
        // Worked by hand in src/platform/calendar/clock.test.ts: 2025-03-14.
        expect(extended.due_on).toBe("2025-03-14");
        const lines = extended.clock.explanation.split("\n");
        expect(lines[0]).toContain("2024-12-16 收到申请");
        expect(extended.clock.explanation).toContain("重新计算");
        expect(extended.clock.explanation).toContain("2025-01-06");
        expect(extended.clock.explanation).toContain("+20个工作日");
        expect(lines.at(-1)).toContain("2025-03-14");
      });

      it("computes the fee notice by volume, pauses until payment, then replies", async () => {
        const fee = (
          await actOn(id, { action: "fee_notice", on: "2025-02-12", method: "pages", pages: 250 })
        ).json();
        expect(fee).toMatchObject({ status: "fee_pending", fee_yuan: 4700 });
        const early = await actOn(id, { action: "reply", on: "2025-02-13", outcome: "other.fee_unpaid" });
        expect(early.json().error.details.map((d: { code: string }) => d.code)).toContain("fee_not_overdue");
        expect((await actOn(id, { action: "fee_paid", on: "2025-02-14" })).json().status).toBe("handling");
        const replied = (
          await actOn(id, {
            action: "reply",
            on: "2025-03-10",
            outcome: "partial",
            note: "部分涉及第三方个人信息，依法不予公开。",
          })
        ).json();
        expect(replied).toMatchObject({
          status: "replied",
          outcome: "partial",
          replied_on: "2025-03-10",
          due_on: null,
        });
        const track = (await app.inject(`/api/v1/applications/track?code=${code}&secret=${secret}`)).json();
        expect(track.status).toBe("replied");
        expect(track.steps.map((s: { action: string }) => s.action)).toEqual([
          "submit",
          "register",
          "request_correction",
          "receive_correction",
          "start_consultation",
          "end_consultation",
          "extend",
          "fee_notice",
          "fee_paid",
          "reply",
          // delivery "email": the reply is queued for e-mail (src/domains/applications/applications.mail.ts)
          "email_queued",
        ]);
      });

      it("records an administrative review against the reply, with every problem of a bad record", async () => {
        const bad = await app.inject({
          method: "POST",
          url: `/api/v1/applications/${id}/disputes`,
          headers: bearer(office),
          payload: { kind: "review", filed_on: "2025-03-01", result: "upheld" },
        });
        expect(bad.statusCode).toBe(400);
        expect(
          bad
            .json()
            .error.details.map((d: { code: string }) => d.code)
            .sort(),
        ).toEqual(["before_reply", "required"]);
        const ok = await app.inject({
          method: "POST",
          url: `/api/v1/applications/${id}/disputes`,
          headers: bearer(office),
          payload: { kind: "review", filed_on: "2025-03-15", result: "pending" },
        });
        expect(ok.statusCode, ok.body).toBe(201);
        const staff = (
          await app.inject({ url: `/api/v1/applications/${id}`, headers: bearer(office) })
        ).json();
        expect(staff.disputes).toHaveLength(1);
        expect(staff.disputes[0]).toMatchObject({ kind: "review", result: "pending" });
      });

      it("keeps the applicant's ID number out of the database in clear, the audit log and the public view", async () => {
        const rows = await ctx.deps.db.kysely.selectFrom("applications").selectAll().execute();
        expect(JSON.stringify(rows)).not.toContain(ID);
        expect(JSON.stringify(rows)).not.toContain("13812345678");
        const audit = await ctx.deps.db.kysely.selectFrom("audit_log").select("summary").execute();
        expect(JSON.stringify(audit)).not.toContain(ID);
        const track = await app.inject(`/api/v1/applications/track?code=${code}&secret=${secret}`);
        expect(track.body).not.toContain(ID);
        const staff = (
          await app.inject({ url: `/api/v1/applications/${id}`, headers: bearer(office) })
        ).json();
        expect(staff.applicant.id_number).toBe(ID);
        const inspector = await tokenFor(ctx, "demo-inspector");
        const insp = (
          await app.inject({ url: `/api/v1/applications/${id}`, headers: bearer(inspector) })
        ).json();
        expect(insp.applicant.id_number).toBeNull();
        const found = (
          await app.inject({ url: `/api/v1/applications?id_number=${ID}`, headers: bearer(office) })
        ).json();
        expect(found.items.map((x: { id: string }) => x.id)).toContain(id);
      });
    });

    describe("refusals", () => {
      it("lists every problem of a bad application and stores nothing", async () => {
        const before = await countRows(ctx, "audit_log");
        const res = await app.inject({
          method: "POST",
          url: "/api/v1/applications",
          payload: {
            applicant: { type: "natural", name: "李四", id_number: "110101199003074515" },
            description: "要",
            delivery: "email",
          },
        });
        expect(res.statusCode).toBe(400);
        const codes = res.json().error.details.map((d: { code: string }) => d.code);
        expect(codes).toEqual(
          expect.arrayContaining([
            "invalid_id_number",
            "contact_required",
            "required_for_delivery",
            "too_short",
          ]),
        );
        const orgBad = await app.inject({
          method: "POST",
          url: "/api/v1/applications",
          payload: {
            applicant: { type: "commercial", name: "某公司", credit_code: "123" },
            description: "申请某项信息内容",
            delivery: "pickup",
          },
        });
        expect(orgBad.json().error.details.map((d: { code: string }) => d.code)).toEqual(
          expect.arrayContaining(["invalid_credit_code", "contact_required"]),
        );
        const unknown = await app.inject({
          method: "POST",
          url: "/api/v1/applications",
          payload: { ...apply, extra: 1 },
        });
        expect(unknown.statusCode).toBe(400);
        expect(await countRows(ctx, "audit_log")).toBe(before);
      });

      it("refuses handling to a clerk, a correction after 7 working days, unknown actions and the wrong state", async () => {
        const intake = await app.inject({
          method: "POST",
          url: "/api/v1/applications/intake",
          headers: bearer(office),
          payload: { ...apply, channel: "registered_post", on: "2025-03-03" },
        });
        expect(intake.statusCode, intake.body).toBe(201);
        const id = intake.json().id;
        expect((await actOn(id, { action: "register", on: "2025-03-03" }, clerk)).json().error.code).toBe(
          "role_not_allowed",
        );
        expect((await actOn(id, { action: "register", on: "2025-03-03" })).json().error.code).toBe(
          "invalid_transition",
        );
        const late = await actOn(id, { action: "request_correction", on: "2025-03-13", items: "补充" });
        expect(late.json().error.details.map((d: { code: string }) => d.code)).toContain(
          "correction_too_late",
        );
        expect((await actOn(id, { action: "fly" })).statusCode).toBe(400);
        expect(
          (await actOn(id, { action: "reply", on: "2025-03-04", outcome: "other.no_correction" })).json()
            .error.details[0].code,
        ).toBe("correction_not_overdue");
        const future = await actOn(id, { action: "reply", on: "2099-01-01", outcome: "disclose" });
        expect(future.json().error.details[0].code).toBe("future_date");
        const byCount = await actOn(id, { action: "fee_notice", on: "2025-03-04", method: "count" });
        expect(byCount.json().error.details.map((d: { code: string }) => d.code)).toContain("no_fee");
      });
    });
  },
  { clock },
);
