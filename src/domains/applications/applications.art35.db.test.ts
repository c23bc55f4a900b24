import JSZip from "jszip";
import { afterAll, beforeAll, expect, it } from "vitest";
import { bearer, buildTestApp, tokenFor } from "../../../test/helpers/app";
import { describeEachDialect } from "../../../test/helpers/db";
import { Session } from "../../../test/helpers/forms";
import { DEMO_PASSWORD } from "../../demo/seed";
import { fixedClock } from "../../platform/time";
import type { AppInstance } from "../../web/types";

const clock = fixedClock("2025-03-20T02:00:00Z");

const apply = (name: string) => ({
  applicant: {
    type: "natural",
    name,
    id_number: "110101199003074514",
    phone: "13812345678",
    address: "固阳县金山镇团结路1号",
  },
  description: "申请公开固阳县2015年至2024年每月每个村的全部财务凭证。",
  delivery: "post",
});

const codes = (res: { json(): { error: { details: Array<{ code: string }> } } }) =>
  res.json().error.details.map((d) => d.code);

describeEachDialect(
  "Art. 35 (excessive applications) and the record of how the reply was delivered",
  (ctx) => {
    let app: AppInstance;
    let office: string;
    beforeAll(async () => {
      app = await buildTestApp(ctx);
      office = await tokenFor(ctx, "demo-office");
    });
    afterAll(async () => app?.close());

    const act = (id: string, body: Record<string, unknown>) =>
      app.inject({
        method: "POST",
        url: `/api/v1/applications/${id}/actions`,
        headers: bearer(office),
        payload: body,
      });
    const intake = async (name: string) => {
      const res = await app.inject({
        method: "POST",
        url: "/api/v1/applications/intake",
        headers: bearer(office),
        payload: { ...apply(name), channel: "letter", on: "2025-03-03" },
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json() as { id: string; tracking_code: string; secret: string };
    };
    const docText = async (s: Session, url: string) => {
      const res = await s.get(url);
      expect(res.statusCode, url).toBe(200);
      return (await JSZip.loadAsync(res.rawPayload)).file("word/document.xml")!.async("string");
    };

    it("refuses 不予处理 as excessive until the applicant was asked for reasons", async () => {
      const { id } = await intake("甲");
      const res = await act(id, { action: "reply", on: "2025-03-10", outcome: "not_handled.excessive" });
      expect(res.statusCode).toBe(400);
      expect(codes(res)).toEqual(["reasons_not_requested"]);
      const early = await act(id, { action: "set_period", on: "2025-03-10", deadline: "2025-04-15" });
      expect(codes(early)).toEqual(["reasons_not_requested"]);
    });

    it("asks for reasons, sets a longer stated period, then replies; each with its letter", async () => {
      const { id, tracking_code, secret } = await intake("乙");
      // Received 3 March 2025: 20 working days → 31 March.
      const asked = await act(id, { action: "request_reasons", on: "2025-03-05" });
      expect(asked.statusCode, asked.body).toBe(200);
      expect(asked.json()).toMatchObject({ status: "handling", due_on: "2025-03-31" });

      // An Art. 33 extension the same day: its own letter must keep its own days and date.
      const extended = await act(id, {
        action: "extend",
        on: "2025-03-20",
        days: 3,
        approved_by: "县政府办主任",
      });
      expect(extended.json()).toMatchObject({ due_on: "2025-04-03", extended_days: 3 });
      const same = await act(id, { action: "set_period", on: "2025-03-20", deadline: "2025-04-03" });
      expect(codes(same)).toEqual(["deadline_too_early"]);
      const holiday = await act(id, { action: "set_period", on: "2025-03-20", deadline: "2025-04-04" });
      expect(codes(holiday)).toEqual(["not_working_day"]);
      const missing = await act(id, { action: "set_period", on: "2025-03-20" });
      expect(codes(missing)).toEqual(["required"]);
      const set = await act(id, {
        action: "set_period",
        on: "2025-03-20",
        deadline: "2025-04-15",
        note: "所申请的凭证涉及十年、六十余个村，需逐一调取档案",
      });
      expect(set.statusCode, set.body).toBe(200);
      expect(set.json()).toMatchObject({ due_on: "2025-04-15", extended_days: 3 });
      expect(set.json().clock.explanation).toContain("第三十五条");

      const s = new Session(app);
      await s.login("demo-office", DEMO_PASSWORD);
      const page = (await s.get(`/admin/applications/${id}`)).body;
      expect(page).toContain("说明理由通知书");
      expect(page).toContain("延迟答复告知书");
      const reasons = await docText(s, `/admin/applications/${id}/letters/reasons_request.docx`);
      for (const t of ["说明理由通知书", "第三十五条", "2025年3月19日前"]) expect(reasons).toContain(t);
      const delayed = await docText(s, `/admin/applications/${id}/letters/delayed_reply.docx`);
      for (const t of ["延迟答复告知书", "2025年4月15日前作出答复", "需逐一调取档案"])
        expect(delayed).toContain(t);
      const extension = await docText(s, `/admin/applications/${id}/letters/extension.docx`);
      for (const t of ["延长3个工作日", "2025年4月3日前作出答复"]) expect(extension).toContain(t);

      const track = (
        await app.inject(`/api/v1/applications/track?code=${tracking_code}&secret=${secret}`)
      ).json();
      expect(track.due_on).toBe("2025-04-15");
      expect(track.steps.map((x: { action: string }) => x.action)).toEqual([
        "submit",
        "register",
        "request_reasons",
        "extend",
        "set_period",
      ]);
    });

    it("records delivery after the reply only, by the chosen channel, with the post number for post", async () => {
      const { id, tracking_code, secret } = await intake("丙");
      expect(
        (await act(id, { action: "record_delivery", on: "2025-03-10", delivered_by: "post" })).statusCode,
      ).toBe(409);
      await act(id, { action: "request_reasons", on: "2025-03-04" });
      const replied = await act(id, {
        action: "reply",
        on: "2025-03-18",
        outcome: "not_handled.excessive",
        note: "申请人未说明理由",
      });
      expect(replied.statusCode, replied.body).toBe(200);
      const s = new Session(app);
      await s.login("demo-office", DEMO_PASSWORD);
      expect((await s.get(`/admin/applications/${id}`)).body).toContain('id="record_delivery-submit"');
      const noRef = await act(id, { action: "record_delivery", on: "2025-03-19", delivered_by: "post" });
      expect(codes(noRef)).toEqual(["required"]);
      const before = await act(id, {
        action: "record_delivery",
        on: "2025-03-17",
        delivered_by: "post",
        reference: "X",
      });
      expect(codes(before)).toContain("before_last_step");
      const ok = await act(id, {
        action: "record_delivery",
        on: "2025-03-19",
        delivered_by: "post",
        reference: "XA123456789CN",
      });
      expect(ok.statusCode, ok.body).toBe(200);
      expect(ok.json().status).toBe("replied");
      const track = (
        await app.inject(`/api/v1/applications/track?code=${tracking_code}&secret=${secret}`)
      ).json();
      expect(track.steps.at(-1)).toMatchObject({
        action: "record_delivery",
        on: "2025-03-19",
        text: "答复已通过邮寄送达（邮件号 XA123456789CN）。",
      });
      const audit = await ctx.deps.db.kysely
        .selectFrom("audit_log")
        .select("action")
        .where("entity_id", "=", id)
        .orderBy("seq")
        .execute();
      expect(audit.map((a) => a.action)).toContain("application.record_delivery");
    });

    it("refuses steps out of order, impossible dates, a closed merge target and a second delivery record", async () => {
      const { id } = await intake("丁");
      expect((await act(id, { action: "extend", on: "2025-03-12", days: 2 })).statusCode).toBe(200);
      const backdated = await act(id, { action: "request_correction", on: "2025-03-05" });
      expect(codes(backdated)).toEqual(["before_last_step"]);
      expect(codes(await act(id, { action: "request_reasons", on: "2025-02-30" }))).toEqual(["invalid_date"]);
      expect(
        codes(await act(id, { action: "request_reasons", on: "2025-03-13", deadline: "2025-03-32" })),
      ).toEqual(["invalid_date"]);

      const { id: done, tracking_code: doneCode } = await intake("戊");
      await act(done, { action: "reply", on: "2025-03-14", outcome: "unable.not_held" });
      const merged = await act(id, { action: "merge", into: doneCode });
      expect(codes(merged)).toEqual(["merge_target_closed"]);

      const first = await act(done, { action: "record_delivery", on: "2025-03-17", delivered_by: "pickup" });
      expect(first.statusCode, first.body).toBe(200);
      const again = await act(done, { action: "record_delivery", on: "2025-03-18", delivered_by: "pickup" });
      expect(codes(again)).toEqual(["already_delivered"]);
      const dispute = await app.inject({
        method: "POST",
        url: `/api/v1/applications/${done}/disputes`,
        headers: bearer(office),
        payload: { kind: "review", filed_on: "2025-03-31", result: "pending" },
      });
      expect(codes(dispute)).toEqual(["future_date"]);
      const impossible = await app.inject({
        method: "POST",
        url: `/api/v1/applications/${done}/disputes`,
        headers: bearer(office),
        payload: { kind: "review", filed_on: "2025-02-30", result: "pending" },
      });
      expect(codes(impossible)).toContain("invalid_date");
    });

    it("keeps a reason found sound: no 不予处理 as excessive after a longer period was set", async () => {
      const { id } = await intake("己");
      await act(id, { action: "request_reasons", on: "2025-03-04" });
      await act(id, { action: "set_period", on: "2025-03-10", deadline: "2025-04-15" });
      const res = await act(id, { action: "reply", on: "2025-03-11", outcome: "not_handled.excessive" });
      expect(codes(res)).toEqual(["reasons_accepted"]);
    });

    it("refuses JSON values of the wrong type instead of converting them, naming each", async () => {
      const res = await app.inject({
        method: "POST",
        url: "/api/v1/applications",
        payload: { ...apply("庚"), applicant: { ...apply("庚").applicant, name: true, phone: 13812345678 } },
      });
      expect(res.statusCode).toBe(400);
      const fields = (res.json().error.details as Array<{ field: string }>).map((d) => d.field).sort();
      expect(fields).toEqual(["applicant.name", "applicant.phone"]);
      const { id } = await intake("辛");
      const days = await act(id, { action: "extend", on: "2025-03-10", days: "5" });
      expect(days.statusCode).toBe(400);
      expect(codes(days)[0]).toBeTruthy();
      expect(
        (await app.inject({ url: `/api/v1/applications/${id}`, headers: bearer(office) })).json()
          .extended_days,
      ).toBe(0);
    });

    it("asks a reason of 其他处理, a correction before 补正后仍不明确, and explains an unregistered clock", async () => {
      const { id } = await intake("壬");
      expect(codes(await act(id, { action: "reply", on: "2025-03-10", outcome: "other.other" }))).toEqual([
        "required",
      ]);
      expect(
        codes(await act(id, { action: "reply", on: "2025-03-10", outcome: "unable.still_unclear" })),
      ).toEqual(["correction_not_requested"]);
      const online = await app.inject({ method: "POST", url: "/api/v1/applications", payload: apply("癸") });
      const [row] = (
        await app.inject({
          url: `/api/v1/applications?tracking_code=${online.json().tracking_code}`,
          headers: bearer(office),
        })
      ).json().items as Array<{ id: string }>;
      const detail = (
        await app.inject({ url: `/api/v1/applications/${row!.id}`, headers: bearer(office) })
      ).json();
      expect(detail).toMatchObject({ status: "submitted", due_on: null, clock: { due_on: null } });
      expect(detail.clock.explanation).toContain("尚未登记受理");
    });
  },
  { clock },
);
