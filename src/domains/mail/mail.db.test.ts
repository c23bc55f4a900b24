import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, expect, it } from "vitest";
import { bearer, buildTestApp, tokenFor } from "../../../test/helpers/app";
import { describeEachDialect } from "../../../test/helpers/db";
import { Session } from "../../../test/helpers/forms";
import { recipientsOf, startTestSmtp, type TestSmtp } from "../../../test/helpers/smtp";
import { startMailBackground } from "../../cli/mail";
import { DEMO_PASSWORD } from "../../demo/seed";
import { systemActor } from "../../deps";
import { encryptField } from "../../platform/crypto";
import { newId } from "../../platform/ids";
import { fixedClock } from "../../platform/time";
import type { AppInstance } from "../../web/types";
import { createUser, findCurrentUser } from "../accounts";
import { setUserEmail } from "../accounts/accounts.email";
import { REPLY_MAIL_TEXT } from "../applications/applications.mail";
import { remindHandlers } from "../applications/applications.reminders";
import { insertDocument } from "../applications/documents/documents.repo";
import { createOrg, createSite } from "../orgs";
import { BAD_RECIPIENT, enqueueMail, mailStorage, NOT_CONFIGURED, sendDueMail } from "./mail.service";
import { closeTransports } from "./mail.transport";

/** A promise and its resolve function. */
function gate() {
  let resolve = () => {};
  const promise = new Promise<void>((res) => {
    resolve = res;
  });
  return { promise, resolve };
}

const ID = "110101199003074514";
const ADDRESS = "固阳县金山镇阳光小区3号楼2单元501室";
const GOOD = "wxm.reply@example.com";
const BOUNCE = "bounce.applicant@example.com";
// Monday 3 March 2025, 09:00 in Beijing.
const clock = fixedClock("2025-03-03T01:00:00Z");
let smtp: TestSmtp;

beforeAll(async () => {
  smtp = await startTestSmtp();
});
afterAll(async () => {
  closeTransports();
  await smtp?.close();
});

const apply = (email: string, delivery = "email") => ({
  applicant: {
    type: "natural",
    name: "王小明",
    id_type: "resident_id",
    id_number: ID,
    phone: "13812345678",
    email,
    address: ADDRESS,
  },
  description: "申请公开固阳县2024年城乡低保资金发放情况（分镇统计表）。",
  delivery,
});

describeEachDialect(
  "mail outbox: reply by e-mail and reminders to handlers",
  (ctx) => {
    let app: AppInstance;
    let office = "";
    const ids: Record<string, { id: string; code: string; secret: string }> = {};

    beforeAll(async () => {
      clock.set("2025-03-03T01:00:00Z");
      // Start unconfigured; the tests configure SMTP when they need it.
      Object.assign(ctx.deps.config, { smtpUrl: null, mailFrom: null, mailMaxAttempts: 3 });
      app = await buildTestApp(ctx);
      office = await tokenFor(ctx, "demo-office");
    });
    afterAll(async () => app?.close());

    const configure = () =>
      Object.assign(ctx.deps.config, { smtpUrl: smtp.url, mailFrom: "固阳县政务公开办 <gk@example.gov.cn>" });
    const act = async (id: string, body: Record<string, unknown>) => {
      const res = await app.inject({
        method: "POST",
        url: `/api/v1/applications/${id}/actions`,
        headers: bearer(office),
        payload: body,
      });
      expect(res.statusCode, res.body).toBe(200);
      return res.json();
    };
    async function submit(name: string, email: string, delivery = "email") {
      const res = await app.inject({
        method: "POST",
        url: "/api/v1/applications",
        payload: apply(email, delivery),
      });
      expect(res.statusCode, res.body).toBe(201);
      const { tracking_code: code, secret } = res.json();
      const list = await app.inject({
        url: `/api/v1/applications?tracking_code=${code}`,
        headers: bearer(office),
      });
      ids[name] = { id: list.json().items[0].id, code, secret };
      return ids[name]!;
    }
    const track = async (name: string) =>
      (
        await app.inject(`/api/v1/applications/track?code=${ids[name]!.code}&secret=${ids[name]!.secret}`)
      ).json() as { steps: Array<{ text: string }> };
    const outbox = async (q = "") => {
      const res = await app.inject({ url: `/api/v1/mail/outbox${q}`, headers: bearer(office) });
      expect(res.statusCode, res.body).toBe(200);
      return res.json().items as Array<Record<string, unknown>>;
    };
    const attachmentsOf = (messageId: string) =>
      ctx.deps.db.kysely
        .selectFrom("mail_attachments")
        .selectAll()
        .where("message_id", "=", messageId)
        .orderBy("position")
        .execute();
    const mailOf = async (name: string) =>
      ctx.deps.db.kysely
        .selectFrom("mail_messages")
        .selectAll()
        .where("entity_id", "=", ids[name]!.id)
        .executeTakeFirstOrThrow();

    it("queues the reply and keeps it pending, visibly, while no SMTP server is configured", async () => {
      const a = await submit("a", GOOD);
      await act(a.id, { action: "register", on: "2025-03-03" });
      await insertDocument(ctx.deps.db.kysely, {
        id: newId(),
        application_id: a.id,
        position: 1,
        filename: "低保资金发放表.docx",
        mime: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        size: 10,
        sha256: "0".repeat(64),
        blob_sha256: null,
        extracted_text: "金山镇 低保资金 120万元 联系人张三",
        masked_text: "金山镇 低保资金 120万元 联系人张*",
        findings: "{}",
        created_by: "test",
        created_at: clock.now().toISOString(),
      });
      await act(a.id, { action: "reply", on: "2025-03-03", outcome: "disclose" });

      const r = await sendDueMail(ctx.deps);
      expect(r).toMatchObject({ configured: false, sent: 0, waiting: 1 });
      expect(smtp.rcpt).not.toContain(GOOD);
      const [item] = await outbox();
      expect(item).toMatchObject({
        status: "pending",
        state: "not_configured",
        last_error: NOT_CONFIGURED,
        recipient: "w***@example.com",
        entity_id: a.id,
      });
      expect((await track("a")).steps.map((s) => s.text)).toContain(REPLY_MAIL_TEXT.queued);

      // The attachments wait encrypted: neither the PDF nor the released text is readable in the store.
      const message = await mailOf("a");
      expect(message.site_id).toBe((await findCurrentUser(ctx.deps, "demo-office"))!.siteId);
      const stored = await attachmentsOf(message.id);
      expect(stored.map((x) => x.content_type)).toEqual(["application/pdf", "text/plain; charset=utf-8"]);
      for (const x of stored) {
        const blob = await mailStorage(ctx.deps).read(x.sha256);
        expect(blob.includes("%PDF")).toBe(false);
        expect(blob.includes(Buffer.from("王小明", "utf8"))).toBe(false);
        expect(blob.includes(Buffer.from("金山镇", "utf8"))).toBe(false);
        expect(x.purged_at).toBeNull();
      }

      const s = new Session(app);
      await s.login("demo-office", DEMO_PASSWORD);
      const page = await s.get(`/admin/applications/${a.id}`);
      expect(page.body).toContain("电子邮件送达");
      expect(page.body).toContain("未配置邮件服务");
      // The panel shows the address masked (the applicant block shows it to handlers on purpose).
      expect(page.body).toContain('<td class="mono">w***@example.com</td>');
      const box = await s.get("/admin/mail");
      expect(box.statusCode).toBe(200);
      expect(box.body).toContain(NOT_CONFIGURED);
      expect(box.body).toContain("待发送（未配置邮件服务）");
      expect(box.body).not.toContain(GOOD);
    });

    it("delivers the reply with the letter PDF and the masked documents once SMTP is configured", async () => {
      configure();
      const before = smtp.received.length;
      expect(await sendDueMail(ctx.deps)).toMatchObject({
        configured: true,
        sent: 1,
        retrying: 0,
        failed: 0,
      });
      const mine = smtp.received.slice(before);
      expect(mine).toHaveLength(1);
      const m = mine[0]!;
      expect(recipientsOf(m)).toEqual([GOOD]);
      expect(m.subject).toBe(`政府信息公开申请答复（查询码 ${ids.a!.code}）`);
      expect(m.from?.value[0]?.address).toBe("gk@example.gov.cn");
      expect(m.text).toContain("予以公开");
      expect(m.text).not.toContain(ID);
      const pdf = m.attachments.find((x) => x.contentType === "application/pdf");
      expect(pdf?.filename).toBe(`${ids.a!.code}-政府信息公开申请答复书.pdf`);
      expect(pdf?.content.subarray(0, 5).toString()).toBe("%PDF-");
      const txt = m.attachments.find((x) => x.contentType.startsWith("text/plain"));
      // The same file the applicant downloads: UTF-8 with a BOM, so Windows Notepad reads it.
      expect(txt?.content.toString("utf8")).toBe("\ufeff金山镇 低保资金 120万元 联系人张*");

      expect((await mailOf("a")).status).toBe("sent");
      expect((await track("a")).steps.map((s) => s.text)).toContain(REPLY_MAIL_TEXT.sent);
      // Sent: the bytes are deleted from the store; the rows stay as a record, marked purged.
      const stored = await attachmentsOf((await mailOf("a")).id);
      expect(stored).toHaveLength(2);
      for (const x of stored) {
        expect(await mailStorage(ctx.deps).exists(x.sha256)).toBe(false);
        expect(x.purged_at).toBe(clock.now().toISOString());
      }
      // A second pass sends nothing again.
      expect(await sendDueMail(ctx.deps)).toMatchObject({ sent: 0, retrying: 0, failed: 0 });
      expect(smtp.received.length).toBe(before + 1);
    });

    it("does not e-mail applicants who chose another delivery", async () => {
      const p = await submit("post", "post.only@example.com", "post");
      await act(p.id, { action: "register", on: "2025-03-03" });
      await act(p.id, { action: "reply", on: "2025-03-03", outcome: "unable.not_held" });
      const rows = await ctx.deps.db.kysely
        .selectFrom("mail_messages")
        .select("id")
        .where("entity_id", "=", p.id)
        .execute();
      expect(rows).toHaveLength(0);
    });

    it("retries a refused delivery with exponential backoff and marks it failed after N attempts", async () => {
      const b = await submit("b", BOUNCE);
      await act(b.id, { action: "register", on: "2025-03-03" });
      await act(b.id, { action: "reply", on: "2025-03-03", outcome: "unable.not_held" });
      const t0 = clock.now().getTime();
      expect(await sendDueMail(ctx.deps)).toMatchObject({ sent: 0, retrying: 1, failed: 0 });
      let row = await mailOf("b");
      expect(row).toMatchObject({ status: "pending", attempts: 1 });
      expect(row.next_attempt_at).toBe(new Date(t0 + 60_000).toISOString());
      expect(row.last_error).toContain("550");
      expect(row.last_error).not.toContain(BOUNCE);
      expect((await outbox("?status=pending"))[0]).toMatchObject({ state: "retrying" });

      clock.advance(30_000); // not yet due
      expect(await sendDueMail(ctx.deps)).toMatchObject({ sent: 0, retrying: 0, failed: 0 });
      clock.advance(30_000);
      expect(await sendDueMail(ctx.deps)).toMatchObject({ retrying: 1 });
      row = await mailOf("b");
      expect(row.attempts).toBe(2);
      expect(row.next_attempt_at).toBe(new Date(clock.now().getTime() + 120_000).toISOString());
      clock.advance(120_000);
      expect(await sendDueMail(ctx.deps)).toMatchObject({ retrying: 0, failed: 1 });
      row = await mailOf("b");
      expect(row).toMatchObject({ status: "failed", attempts: 3 });
      // The third attempt still read its attachment (the server refused the recipient, not a missing file),
      // and a failed message keeps it, to be resent.
      expect(row.last_error).toContain("550");
      const kept = await attachmentsOf(row.id);
      expect(kept).toHaveLength(1);
      expect(await mailStorage(ctx.deps).exists(kept[0]!.sha256)).toBe(true);
      expect(kept[0]!.purged_at).toBeNull();
      expect(smtp.rcpt.filter((a) => a === BOUNCE)).toHaveLength(3);
      expect((await track("b")).steps.map((s) => s.text)).toContain(REPLY_MAIL_TEXT.failed);
      // Failed is final: later passes leave it alone.
      clock.advance(24 * 60 * 60 * 1000);
      expect(await sendDueMail(ctx.deps)).toMatchObject({ retrying: 0, failed: 0 });
      expect(smtp.rcpt.filter((a) => a === BOUNCE)).toHaveLength(3);

      const failed = await outbox("?status=failed");
      expect(failed.map((x) => x.id)).toEqual([row.id]);
      expect(failed[0]).toMatchObject({ state: "failed", attempts: 3, max_attempts: 3 });
      const actions = (
        await ctx.deps.db.kysely
          .selectFrom("audit_log")
          .select("action")
          .where("entity_id", "=", row.id)
          .orderBy("seq")
          .execute()
      ).map((a) => a.action);
      expect(actions).toEqual([
        "mail.enqueue",
        "mail.retry_scheduled",
        "mail.retry_scheduled",
        "mail.failed",
      ]);
    });

    it("resends a failed message from the back office (CSRF) and the API, and refuses others", async () => {
      const row = await mailOf("b");
      const s = new Session(app);
      await s.login("demo-office", DEMO_PASSWORD);
      const page = await s.get(`/admin/applications/${ids.b!.id}`);
      expect(page.body).toContain(`action="/admin/mail/${row.id}/retry"`);
      expect(page.body).toContain("重新发送");
      const box = await s.get("/admin/mail?status=failed");
      expect(box.body).toContain(`action="/admin/mail/${row.id}/retry"`);
      expect(box.body).not.toContain(NOT_CONFIGURED);
      const clerkSession = new Session(app);
      await clerkSession.login("demo-clerk", DEMO_PASSWORD);
      expect((await clerkSession.get("/admin/mail")).statusCode).toBe(403);
      const noCsrf = await s.post(`/admin/mail/${row.id}/retry`, {});
      expect(noCsrf.statusCode).toBe(403);
      const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
      const res = await s.post(`/admin/mail/${row.id}/retry`, { _csrf: csrf });
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe(`/admin/applications/${ids.b!.id}`);
      expect(await mailOf("b")).toMatchObject({ status: "pending", attempts: 0 });

      const again = await app.inject({
        method: "POST",
        url: `/api/v1/mail/outbox/${row.id}/retry`,
        headers: bearer(office),
      });
      expect(again.statusCode).toBe(409);
      expect(again.json().error.code).toBe("mail_not_failed");
      const missing = await app.inject({
        method: "POST",
        url: `/api/v1/mail/outbox/${newId()}/retry`,
        headers: bearer(office),
      });
      expect(missing.statusCode).toBe(404);
      const clerk = await tokenFor(ctx, "demo-clerk");
      expect((await app.inject({ url: "/api/v1/mail/outbox", headers: bearer(clerk) })).statusCode).toBe(403);
      expect(
        (await app.inject({ url: "/api/v1/mail/outbox?status=bogus", headers: bearer(office) })).statusCode,
      ).toBe(400);

      // Through the API once it has failed again.
      await ctx.deps.db.kysely
        .updateTable("mail_messages")
        .set({ status: "failed" })
        .where("id", "=", row.id)
        .execute();
      const viaApi = await app.inject({
        method: "POST",
        url: `/api/v1/mail/outbox/${row.id}/retry`,
        headers: bearer(office),
      });
      expect(viaApi.statusCode, viaApi.body).toBe(200);
      expect(viaApi.json()).toMatchObject({ status: "pending", attempts: 0, recipient: "b***@example.com" });
      // Park it so the reminder tests' passes do not count it.
      await ctx.deps.db.kysely
        .updateTable("mail_messages")
        .set({ status: "failed" })
        .where("id", "=", row.id)
        .execute();
    });

    it("e-mails each handler one digest a day with the right applications", async () => {
      clock.set("2025-03-03T01:00:00Z");
      const actor = systemActor("test");
      const officeUser = (await findCurrentUser(ctx.deps, "demo-office"))!;
      await setUserEmail(ctx.deps, actor, officeUser.id, "office.staff@example.gov.cn");
      const handler = await createUser(ctx.deps, actor, {
        username: "mail-handler",
        name: "孙承办",
        // A handler must be eligible: the office of the department holding the application.
        orgCode: "gyx-zfb",
        roles: ["office"],
        password: "Handler-Pass-2025!",
      });
      await setUserEmail(ctx.deps, actor, handler.id, "handler@example.gov.cn");
      await expect(setUserEmail(ctx.deps, actor, handler.id, "not an address")).rejects.toMatchObject({
        status: 400,
        details: [{ field: "email", code: "invalid_email" }],
      });

      // Submitted online on 2 January, registered later with their Art. 31 dates.
      clock.set("2025-01-02T01:00:00Z");
      const soon = await submit("soon", "", "online");
      const late = await submit("late", "", "online");
      const lapsed = await submit("lapsed", "", "online");
      const fresh = await submit("fresh", "", "online");
      clock.set("2025-03-03T01:00:00Z");
      await act(soon.id, { action: "register", on: "2025-02-05" });
      await act(soon.id, { action: "assign", org: "gyx-zfb", handler: "mail-handler" });
      await act(late.id, { action: "register", on: "2025-01-02" });
      await act(lapsed.id, { action: "register", on: "2025-02-10" });
      await act(lapsed.id, {
        action: "request_correction",
        on: "2025-02-11",
        items: "请明确所需信息的年份",
        deadline: "2025-02-20",
      });
      await act(fresh.id, { action: "register", on: "2025-03-03" });

      const r = await remindHandlers(ctx.deps);
      expect(r).toMatchObject({
        date: "2025-03-03",
        working_day: true,
        applications: 3,
        recipients: 2,
        queued: 2,
      });
      const before = smtp.received.length;
      expect(await sendDueMail(ctx.deps)).toMatchObject({ sent: 2, failed: 0 });
      const got = smtp.received.slice(before);
      const to = (addr: string) => got.find((m) => recipientsOf(m).includes(addr))!;
      const h = to("handler@example.gov.cn");
      const o = to("office.staff@example.gov.cn");
      expect(h.subject).toContain("待办提醒");
      expect(h.text).toContain(soon.code);
      expect(h.text).toContain(`/admin/applications/${soon.id}`);
      expect(h.text).toContain("个工作日内到期");
      for (const other of [late, lapsed, fresh]) expect(h.text).not.toContain(other.code);
      expect(o.text).toContain(late.code);
      expect(o.text).toContain("已逾期");
      expect(o.text).toContain(lapsed.code);
      expect(o.text).toContain("补正期限 2025-02-20 已过");
      for (const other of [soon, fresh]) expect(o.text).not.toContain(other.code);
      for (const m of [h, o]) {
        expect(m.text).not.toContain(ID);
        expect(m.text).not.toContain(ADDRESS);
        expect(m.text).not.toContain("13812345678");
      }

      // Idempotent per user per day: running again queues and sends nothing.
      expect(await remindHandlers(ctx.deps)).toMatchObject({ queued: 0, already_sent: 2 });
      expect(await sendDueMail(ctx.deps)).toMatchObject({ sent: 0 });
      expect(smtp.received.length).toBe(before + 2);
    });

    it("the serve worker reminds once per working day, in the morning", async () => {
      const worker = startMailBackground(ctx.deps, { start: false });
      const reminders = async () =>
        (
          await ctx.deps.db.kysely
            .selectFrom("mail_messages")
            .select("dedupe_key")
            .where("kind", "=", "handler_reminder")
            .execute()
        ).map((x) => x.dedupe_key);
      try {
        await worker.tick(); // 09:00 on Monday 3 March: already done today
        expect(await reminders()).toHaveLength(2);
        clock.set("2025-03-03T23:00:00Z"); // 07:00 on Tuesday: too early
        await worker.tick();
        expect(await reminders()).toHaveLength(2);
        clock.set("2025-03-04T00:30:00Z"); // 08:30 on Tuesday
        const before = smtp.received.length;
        await worker.tick();
        await worker.tick();
        expect((await reminders()).filter((k) => k?.endsWith(":2025-03-04"))).toHaveLength(2);
        expect(smtp.received.length).toBe(before + 2);
        clock.set("2025-03-08T01:00:00Z"); // Saturday 8 March: not a working day
        await worker.tick();
        expect((await reminders()).filter((k) => k?.endsWith(":2025-03-08"))).toHaveLength(0);
      } finally {
        await worker.stop();
      }
    });

    // ---- Claims, leases and late results; attachments of a failed reply; sites; recipient hygiene ----

    const demoSite = async () => (await findCurrentUser(ctx.deps, "demo-office"))!.siteId;
    const enqueueTest = async (to: string, kind = "test_mail") => {
      const siteId = await demoSite();
      return (await ctx.deps.db.kysely.transaction().execute((trx) =>
        enqueueMail(ctx.deps, trx, systemActor("test"), {
          kind,
          siteId,
          to,
          subject: "测试",
          text: "测试",
        }),
      ))!;
    };
    const messageById = (id: string) =>
      ctx.deps.db.kysely
        .selectFrom("mail_messages")
        .selectAll()
        .where("id", "=", id)
        .executeTakeFirstOrThrow();
    const auditActionsOf = async (id: string) =>
      (
        await ctx.deps.db.kysely
          .selectFrom("audit_log")
          .select("action")
          .where("entity_id", "=", id)
          .orderBy("seq")
          .execute()
      ).map((a) => a.action);

    it("claims each message with a lease that runs from its own claim, not from the start of the pass", async () => {
      clock.set("2025-03-10T01:00:00Z");
      const first = await enqueueTest("lease.one@example.com");
      const second = await enqueueTest("lease.two@example.com");
      const seen: Array<{ now: string; leaseUntil: string; status: string }> = [];
      smtp.beforeAccept = async () => {
        // The first delivery is slow: ten minutes pass before the server answers it.
        if (seen.length === 0) clock.advance(10 * 60_000);
        const other = await ctx.deps.db.kysely
          .selectFrom("mail_messages")
          .select(["status", "next_attempt_at"])
          .where("id", "in", [first, second])
          .where("status", "=", "sending")
          .execute();
        seen.push({
          now: clock.now().toISOString(),
          leaseUntil: other[0]!.next_attempt_at,
          status: other[0]!.status,
        });
      };
      try {
        expect(await sendDueMail(ctx.deps)).toMatchObject({ sent: 2, retrying: 0, failed: 0 });
      } finally {
        smtp.beforeAccept = null;
      }
      expect(seen).toHaveLength(2);
      // While the second message is in flight, its claim still holds for five minutes from its claim.
      expect(seen[1]!.leaseUntil).toBe(new Date(Date.parse(seen[1]!.now) + 5 * 60_000).toISOString());
      expect((await messageById(first)).status).toBe("sent");
      expect((await messageById(second)).status).toBe("sent");
    });

    it("ignores the late result of a worker whose claim expired and was taken over", async () => {
      clock.set("2025-03-10T02:00:00Z");
      const c = await submit("c", "claim.race@example.com");
      await act(c.id, { action: "register", on: "2025-03-10" });
      await act(c.id, { action: "reply", on: "2025-03-10", outcome: "unable.not_held" });
      const id = (await mailOf("c")).id;
      const stuck = gate();
      const release = gate();
      let deliveries = 0;
      smtp.beforeAccept = async (to) => {
        if (!to.includes("claim.race@example.com")) return;
        // Worker A's delivery hangs; worker B's goes through.
        if (++deliveries === 1) {
          stuck.resolve();
          await release.promise;
        }
      };
      try {
        const workerA = sendDueMail(ctx.deps);
        await stuck.promise;
        expect(await messageById(id)).toMatchObject({ status: "sending", attempts: 1 });
        // A's claim expires; worker B takes the message over and delivers it.
        clock.advance(6 * 60_000);
        expect(await sendDueMail(ctx.deps)).toMatchObject({ sent: 1, retrying: 0, failed: 0 });
        const delivered = await messageById(id);
        expect(delivered).toMatchObject({ status: "sent", attempts: 2, claim_id: null });
        // A's result arrives late: it changes nothing and counts for nothing.
        clock.advance(60_000);
        release.resolve();
        expect(await workerA).toMatchObject({ sent: 0, retrying: 0, failed: 0 });
        expect(await messageById(id)).toEqual(delivered);
      } finally {
        release.resolve();
        smtp.beforeAccept = null;
      }
      expect(deliveries).toBe(2);
      expect(await auditActionsOf(id)).toEqual(["mail.enqueue", "mail.sent"]);
      const texts = (await track("c")).steps.map((s) => s.text);
      expect(texts.filter((t) => t === REPLY_MAIL_TEXT.sent)).toHaveLength(1);
    });

    it("deletes the stored reply attachments when the reply's transaction fails", async () => {
      clock.set("2025-03-10T03:00:00Z");
      const d = await submit("d", "rollback.reply@example.com");
      await act(d.id, { action: "register", on: "2025-03-10" });
      const db = ctx.deps.db.kysely;
      // A mail store of its own, so that only this reply's blobs can be in it.
      const dataDir = ctx.deps.config.dataDir;
      ctx.deps.config.dataDir = await mkdtemp(join(tmpdir(), "gongkai-mail-rollback-"));
      // The outbox refuses the insert: the reply's transaction fails after the letter was stored.
      if (ctx.dialect === "sqlite")
        await sql`CREATE TRIGGER mail_reject BEFORE INSERT ON mail_messages BEGIN SELECT RAISE(ABORT, 'outbox unavailable'); END`.execute(
          db,
        );
      else {
        await sql`CREATE FUNCTION mail_reject() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'outbox unavailable'; END $$`.execute(
          db,
        );
        await sql`CREATE TRIGGER mail_reject BEFORE INSERT ON mail_messages FOR EACH ROW EXECUTE FUNCTION mail_reject()`.execute(
          db,
        );
      }
      try {
        const res = await app.inject({
          method: "POST",
          url: `/api/v1/applications/${d.id}/actions`,
          headers: bearer(office),
          payload: { action: "reply", on: "2025-03-10", outcome: "unable.not_held" },
        });
        expect(res.statusCode).toBe(500);
        const files = (await readdir(join(ctx.deps.config.dataDir, "mail"), { recursive: true })).filter(
          (f) => /[0-9a-f]{64}$/.test(f),
        );
        expect(files).toEqual([]);
      } finally {
        if (ctx.dialect === "sqlite") await sql`DROP TRIGGER mail_reject`.execute(db);
        else {
          await sql`DROP TRIGGER mail_reject ON mail_messages`.execute(db);
          await sql`DROP FUNCTION mail_reject()`.execute(db);
        }
        await rm(ctx.deps.config.dataDir, { recursive: true, force: true });
        ctx.deps.config.dataDir = dataDir;
      }
      const app_ = await db
        .selectFrom("applications")
        .select("status")
        .where("id", "=", d.id)
        .executeTakeFirstOrThrow();
      expect(app_.status).not.toBe("replied");
      expect(
        await db.selectFrom("mail_messages").select("id").where("entity_id", "=", d.id).execute(),
      ).toEqual([]);
    });

    it("shows and resends only the messages of the staff member's own site", async () => {
      const actor = systemActor("test");
      const site = await createSite(ctx.deps, actor, {
        code: "mail-other",
        name: "达茂旗人民政府",
        identifier_code: "1502230001",
        division_code: "150223",
      });
      await createOrg(
        ctx.deps,
        actor,
        { code: "dmq-gk", name: "达茂旗人民政府办公室", kind: "government" },
        site.id,
      );
      await createUser(ctx.deps, actor, {
        username: "dmq-office",
        name: "达茂旗政务公开办",
        orgCode: "dmq-gk",
        roles: ["office"],
        password: "Other-Site-Pass-2025!",
      });
      const other = await tokenFor(ctx, "dmq-office");
      const mine = await outbox();
      expect(mine.length).toBeGreaterThan(0);
      // Every message so far belongs to the demo site: replies by the application, reminders by the user.
      const sites = await ctx.deps.db.kysely
        .selectFrom("mail_messages")
        .select("site_id")
        .distinct()
        .execute();
      expect(sites.map((x) => x.site_id)).toEqual([await demoSite()]);

      const theirs = await app.inject({ url: "/api/v1/mail/outbox", headers: bearer(other) });
      expect(theirs.statusCode, theirs.body).toBe(200);
      expect(theirs.json().items).toEqual([]);
      const failed = await mailOf("b");
      expect(failed.status).toBe("failed");
      const retry = await app.inject({
        method: "POST",
        url: `/api/v1/mail/outbox/${failed.id}/retry`,
        headers: bearer(other),
      });
      expect(retry.statusCode).toBe(404);
      expect(retry.json().error.code).toBe("mail_not_found");
      expect(await mailOf("b")).toMatchObject({ status: "failed", attempts: failed.attempts });
      const s = new Session(app);
      await s.login("dmq-office", "Other-Site-Pass-2025!");
      const box = await s.get("/admin/mail");
      expect(box.statusCode).toBe(200);
      expect(box.body).not.toContain(failed.id);
      expect(box.body).toContain("没有邮件。");
    });

    it("never hands a recipient that is not exactly one address to the SMTP library", async () => {
      clock.set("2025-03-10T04:00:00Z");
      const before = smtp.rcpt.length;
      // Direct enqueues: lists, display names, header injection and spaces fail at once.
      for (const bad of [
        "list.one@example.com,list.two.cn",
        "list.one@example.com;list.two@example.com",
        "王小明 <list.one@example.com>",
        '"list"@example.com',
        "list.one@example.com\r\nBcc: list.two@example.com",
        "list one@example.com",
      ]) {
        const row = await messageById(await enqueueTest(bad));
        expect(row).toMatchObject({ status: "failed", attempts: 0, last_error: BAD_RECIPIENT });
      }
      const good = await enqueueTest("single.ok@example.com");
      expect((await messageById(good)).status).toBe("pending");

      // A reply to an application whose stored address is a list (older data): failed, never sent.
      const e = await submit("e", "list.reply@example.com");
      await ctx.deps.db.kysely
        .updateTable("applications")
        .set({ email_enc: encryptField(ctx.deps.config.secretKey, "list.reply@example.com,list.cc.cn") })
        .where("id", "=", e.id)
        .execute();
      await act(e.id, { action: "register", on: "2025-03-10" });
      await act(e.id, { action: "reply", on: "2025-03-10", outcome: "unable.not_held" });
      const reply = await mailOf("e");
      expect(reply).toMatchObject({ status: "failed", attempts: 0, last_error: BAD_RECIPIENT });
      expect(await auditActionsOf(reply.id)).toEqual(["mail.enqueue"]);
      const texts = (await track("e")).steps.map((s) => s.text);
      expect(texts).toContain(REPLY_MAIL_TEXT.failed);
      expect(texts).not.toContain(REPLY_MAIL_TEXT.queued);
      const retry = await app.inject({
        method: "POST",
        url: `/api/v1/mail/outbox/${reply.id}/retry`,
        headers: bearer(office),
      });
      expect(retry.statusCode).toBe(409);
      expect(retry.json().error.code).toBe("mail_bad_recipient");

      // A queued message whose address turns out bad at send time fails there, without an SMTP attempt.
      const late = await enqueueTest("late.change@example.com");
      await ctx.deps.db.kysely
        .updateTable("mail_messages")
        .set({ recipient_enc: encryptField(ctx.deps.config.secretKey, "late.change@example.com, x@y.cn") })
        .where("id", "=", late)
        .execute();
      expect(await sendDueMail(ctx.deps)).toMatchObject({ sent: 1, failed: 1, retrying: 0 });
      expect(await messageById(late)).toMatchObject({
        status: "failed",
        attempts: 1,
        last_error: BAD_RECIPIENT,
      });
      expect(smtp.rcpt.slice(before)).toEqual(["single.ok@example.com"]);
    });

    it("never stores an applicant's address in clear, in the outbox, the steps or the audit log", async () => {
      const db = ctx.deps.db.kysely;
      const dump = JSON.stringify([
        await db.selectFrom("mail_messages").selectAll().execute(),
        await db.selectFrom("mail_attachments").selectAll().execute(),
        await db.selectFrom("application_steps").selectAll().execute(),
        await db.selectFrom("audit_log").selectAll().execute(),
        await db.selectFrom("applications").selectAll().execute(),
      ]);
      for (const address of [GOOD, BOUNCE, "handler@example.gov.cn", "office.staff@example.gov.cn"])
        expect(dump).not.toContain(address);
      expect(dump).toContain("mail.sent");
    });
  },
  { clock },
);
