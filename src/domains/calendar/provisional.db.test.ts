// Issue 11 item 1, end to end: an application registered on 2026-12-06 runs into 2027, which has no notice;
// its due date is provisional (暂定) on the office page, the citizen's page and in the API; importing the 2027
// notice as published (prose, through the back-office form with its confirmation) makes it final, and the
// audit log holds both the provisional computation and the recomputation.
import { afterAll, beforeAll, expect, it } from "vitest";
import { bearer, buildTestApp, tokenFor } from "../../../test/helpers/app";
import { describeEachDialect } from "../../../test/helpers/db";
import { Session } from "../../../test/helpers/forms";
import { DEMO_PASSWORD } from "../../demo/seed";
import { fixedClock } from "../../platform/time";
import type { AppInstance } from "../../web/types";
import { getClock, getClockByOwner, openClock } from "./index";

const clock = fixedClock("2026-12-06T02:00:00Z");

/** Test data, not the real 2027 arrangement (unpublished when this was written), in the notices' style. */
const NOTICE_2027_TEXT = `国务院办公厅关于2027年部分节假日安排的通知
国办发明电〔2026〕99号
各省、自治区、直辖市人民政府，国务院各部委、各直属机构：
经国务院批准，现将2027年元旦、春节放假调休日期的具体安排通知如下。
一、元旦：1月1日（周五）至3日（周日）放假，共3天。
二、春节：2月5日（农历除夕、周五）至12日（农历正月初八、周五）放假调休，共8天。2月20日（周六）上班。
节假日期间，各地区、各部门要妥善安排好值班和安全、保卫等工作。
国务院办公厅
2026年11月20日`;

const apply = {
  applicant: {
    type: "natural",
    name: "王小明",
    id_type: "resident_id",
    id_number: "110101199003074514",
    phone: "13812345678",
    email: "wxm@example.com",
  },
  description: "申请公开固阳县2026年冬季清洁取暖补贴发放情况。",
  delivery: "email",
};

describeEachDialect(
  "provisional due dates across a year without a notice",
  (ctx) => {
    let app: AppInstance;
    let office: string;
    beforeAll(async () => {
      app = await buildTestApp(ctx);
      office = await tokenFor(ctx, "demo-office");
    });
    afterAll(async () => app?.close());

    const auditOf = (entityId: string) =>
      ctx.deps.db.kysely
        .selectFrom("audit_log")
        .select(["action", "summary"])
        .where("entity_id", "=", entityId)
        .orderBy("seq")
        .execute();

    it("shows 暂定 everywhere until the notice (prose) is imported and confirmed, audited both times", async () => {
      const created = await app.inject({ method: "POST", url: "/api/v1/applications", payload: apply });
      expect(created.statusCode, created.body).toBe(201);
      const { tracking_code: code, secret } = created.json();
      const id = (
        await app.inject({ url: `/api/v1/applications?tracking_code=${code}`, headers: bearer(office) })
      ).json().items[0].id;
      const reg = await app.inject({
        method: "POST",
        url: `/api/v1/applications/${id}/actions`,
        headers: bearer(office),
        payload: { action: "register", on: "2026-12-06" },
      });
      expect(reg.statusCode, reg.body).toBe(200);

      // 12/7-11, 14-18, 21-25 (15), 28-31 (19), 1/1 元旦 (statutory), 1/4 (20).
      const api = (await app.inject({ url: `/api/v1/applications/${id}`, headers: bearer(office) })).json();
      expect(api).toMatchObject({ due_on: "2027-01-04", due_on_provisional: true });
      expect(api.clock.explanation).toContain("暂定：2027年节假日安排尚未发布，按法定节假日暂定");
      const track = (await app.inject(`/api/v1/applications/track?code=${code}&secret=${secret}`)).json();
      expect(track).toMatchObject({ due_on: "2027-01-04", due_on_provisional: true });

      const s = new Session(app);
      expect((await s.login("demo-office", DEMO_PASSWORD)).statusCode).toBe(303);
      const officePage = (await s.get(`/admin/applications/${id}`)).body;
      expect(officePage).toContain("2027-01-04（暂定）");
      expect(officePage).toContain("2027年节假日安排尚未发布，按法定节假日暂定");
      expect(officePage).not.toContain("无法计算工作日");
      const citizen = new Session(app);
      const trackCsrf = await citizen.csrfFrom("/hd/track");
      const citizenPage = (await citizen.post("/hd/track", { _csrf: trackCsrf, code, secret })).body;
      expect(citizenPage).toContain("2027-01-04（暂定）");
      expect(citizenPage).toContain("通知发布后自动重新计算");
      expect(citizenPage).not.toContain("待登记后确定");

      const replyClock = (await getClockByOwner(ctx.deps, { ownerType: "application", ownerId: id }))!;
      expect((await auditOf(replyClock.id)).map((a) => a.action)).toEqual(["clock.provisional"]);
      // A second clock whose provisional date the notice moves (春节 8 days off and a make-up Saturday).
      const other = await ctx.deps.db.kysely.transaction().execute((trx) =>
        openClock(ctx.deps, trx, {
          ownerType: "test",
          ownerId: "spring",
          limit: 20,
          events: [{ type: "start", on: "2027-01-20" }],
        }),
      );
      expect(other).toMatchObject({ dueOn: "2027-02-19", provisional: true });

      expect((await s.get("/admin/calendar")).body).toContain("暂定：按法定节假日计算（通知尚未录入）");

      // The notice as a .txt file: parsed the same way; a file that is not UTF-8 text is refused, named.
      let csrf = await s.csrfFrom("/admin/calendar");
      const upload = (filename: string, data: Buffer, token = csrf) =>
        s.postMultipart("/admin/calendar/notices/upload", [
          { name: "_csrf", value: token },
          { name: "file", filename, contentType: "text/plain", data },
        ]);
      const uploaded = await upload("2027年节假日安排.txt", Buffer.from(`\uFEFF${NOTICE_2027_TEXT}`, "utf8"));
      expect(uploaded.statusCode).toBe(200);
      expect(uploaded.body).toContain("请核对识别结果：2027年节假日安排（国办发明电〔2026〕99号）");
      const gbk = await upload("notice.txt", Buffer.from([0xb9, 0xfa, 0xce, 0xf1, 0xd4, 0xba]));
      expect(gbk.statusCode).toBe(400);
      expect(gbk.body).toContain("不是有效的 UTF-8 编码");
      const docx = await upload("notice.docx", Buffer.from("PK"));
      expect(docx.statusCode).toBe(400);
      expect(docx.body).toContain("请上传纯文本文件（.txt，UTF-8 编码）");
      expect((await upload("notice.txt", Buffer.from(NOTICE_2027_TEXT), "forged")).statusCode).toBe(403);

      // Inconsistent prose: 400, every problem named, nothing saved.
      csrf = await s.csrfFrom("/admin/calendar");
      const bad = await s.post("/admin/calendar/notices", {
        _csrf: csrf,
        notice: NOTICE_2027_TEXT.replace("（周五）至3日", "（周六）至3日").replace("共8天", "共9天"),
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.body).toContain("2027-01-01 是周五");
      expect(bad.body).toContain("通知写“共9天”");

      // The parse is shown for confirmation first; nothing is saved yet.
      csrf = await s.csrfFrom("/admin/calendar");
      const preview = await s.post("/admin/calendar/notices", { _csrf: csrf, notice: NOTICE_2027_TEXT });
      expect(preview.statusCode).toBe(200);
      expect(preview.body).toContain("请核对识别结果：2027年节假日安排（国办发明电〔2026〕99号）");
      expect(preview.body).toContain("2027-02-05、2027-02-06");
      expect(preview.body).toContain("2027-02-20");
      expect(preview.body).toContain('name="confirm" value="1"');
      expect((await getClock(ctx.deps, other.id))?.provisional).toBe(true);

      csrf = /name="_csrf" value="([^"]+)"/.exec(preview.body)![1]!;
      const saved = await s.post("/admin/calendar/notices", {
        _csrf: csrf,
        notice: NOTICE_2027_TEXT,
        confirm: "1",
      });
      expect(saved.statusCode).toBe(303);

      const after = (await app.inject({ url: `/api/v1/applications/${id}`, headers: bearer(office) })).json();
      expect(after).toMatchObject({ due_on: "2027-01-04", due_on_provisional: false });
      expect(after.clock.explanation).not.toContain("暂定");
      expect((await s.get(`/admin/applications/${id}`)).body).not.toContain("（暂定）");
      const trackAfter = (
        await app.inject(`/api/v1/applications/track?code=${code}&secret=${secret}`)
      ).json();
      expect(trackAfter.due_on_provisional).toBe(false);
      expect(await getClock(ctx.deps, other.id)).toMatchObject({ dueOn: "2027-02-24", provisional: false });

      const audit = await auditOf(replyClock.id);
      expect(audit.map((a) => a.action)).toEqual(["clock.provisional", "clock.recompute"]);
      expect(JSON.parse(audit[1]!.summary)).toMatchObject({
        old_due_on: "2027-01-04",
        new_due_on: "2027-01-04",
        old_provisional: true,
        new_provisional: false,
      });
      const moved = await auditOf(other.id);
      expect(JSON.parse(moved[1]!.summary)).toMatchObject({
        old_due_on: "2027-02-19",
        new_due_on: "2027-02-24",
      });
    });
  },
  { clock },
);
