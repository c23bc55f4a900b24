import { afterAll, beforeAll, expect, it } from "vitest";
import { bearer, buildTestApp, tokenFor } from "../../../../test/helpers/app";
import { describeEachDialect } from "../../../../test/helpers/db";
import { Session } from "../../../../test/helpers/forms";
import { DEMO_PASSWORD } from "../../../demo/seed";
import { fixedClock } from "../../../platform/time";
import type { AppInstance } from "../../../web/types";

const ID = "110101199003074514";
const PHONE = "13812345678";
const NAME = "王小明";
const clock = fixedClock("2025-03-20T02:00:00Z");

const applicant = {
  type: "natural",
  name: NAME,
  id_type: "resident_id",
  id_number: ID,
  phone: PHONE,
  email: "wxm@example.com",
  address: "固阳县金山镇阳光小区3号楼2单元501室",
};
// The applicant wrote their own identity into the description, as people do.
const DESCRIPTION = `本人${NAME}，身份证号${ID}，电话${PHONE}，住固阳县金山镇阳光小区3号楼2单元501室，申请公开固阳县2024年城乡低保资金发放情况（分镇统计表）。`;

describeEachDialect(
  "public archive of answered applications",
  (ctx) => {
    let app: AppInstance;
    let office: string;
    let clerk: string;
    let s: Session;
    beforeAll(async () => {
      app = await buildTestApp(ctx);
      office = await tokenFor(ctx, "demo-office");
      clerk = await tokenFor(ctx, "demo-clerk");
      s = new Session(app);
      await s.login("demo-office", DEMO_PASSWORD);
    });
    afterAll(async () => app?.close());

    const api = (method: "POST" | "DELETE" | "GET", url: string, payload?: object, token = office) =>
      app.inject({ method, url, headers: bearer(token), ...(payload ? { payload } : {}) });

    async function intake(description = DESCRIPTION) {
      const res = await api("POST", "/api/v1/applications/intake", {
        applicant,
        description,
        delivery: "email",
        channel: "registered_post",
        on: "2025-03-03",
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().id as string;
    }
    const reply = async (id: string, outcome = "disclose") => {
      const r = await api("POST", `/api/v1/applications/${id}/actions`, {
        action: "reply",
        on: "2025-03-10",
        outcome,
      });
      expect(r.statusCode, r.body).toBe(200);
    };
    const auditOf = (action: string, entityId: string) =>
      ctx.deps.db.kysely
        .selectFrom("audit_log")
        .select(["action", "summary"])
        .where("action", "=", action)
        .where("entity_id", "=", entityId)
        .orderBy("seq")
        .execute();

    let id = "";
    let entryId = "";

    it("refuses to publish an application that is not replied, and saves nothing", async () => {
      id = await intake();
      const res = await api("POST", `/api/v1/applications/${id}/archive`, {
        summary: "申请公开低保资金发放情况。",
      });
      expect(res.statusCode).toBe(409);
      expect(res.json().error.code).toBe("application_not_replied");
      const pub = (await app.inject("/api/v1/public/archive")).json();
      expect(pub.total).toBe(0);
      expect(await auditOf("application.archive_publish", id)).toHaveLength(0);
    });

    it("pre-fills the back-office form with the description de-identified", async () => {
      await reply(id);
      const page = await s.get(`/admin/applications/${id}`);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain("公开选登");
      const textarea = /<textarea[^>]*id="summary"[^>]*>([^<]*)<\/textarea>/.exec(page.body)?.[1] ?? "";
      expect(textarea).toContain("城乡低保资金发放情况");
      expect(textarea).not.toContain(ID);
      expect(textarea).not.toContain(PHONE);
      expect(textarea).not.toContain(NAME);
      expect(textarea).not.toContain("阳光小区");
    });

    it("refuses a summary with an unmasked ID number, naming the finding, and saves nothing", async () => {
      const res = await api("POST", `/api/v1/applications/${id}/archive`, {
        summary: `申请人（身份证号${ID}）申请公开低保资金发放情况。`,
        reply_summary: `已电话告知 ${PHONE}。`,
      });
      expect(res.statusCode).toBe(422);
      const err = res.json().error;
      expect(err.code).toBe("personal_information_found");
      const messages = err.details.map((d: { message: string }) => d.message).join("\n");
      expect(messages).toContain("身份证号");
      expect(messages).toContain("手机号");
      expect([...new Set(err.details.map((d: { field: string }) => d.field))]).toEqual([
        "summary",
        "reply_summary",
      ]);
      // The refusal names the kind and the masked form, never echoes the number.
      expect(res.body).not.toContain(ID);
      expect((await app.inject("/api/v1/public/archive")).json().total).toBe(0);

      // The same through the back-office form: re-rendered with the finding and the text as typed.
      const csrf = await s.csrfFrom(`/admin/applications/${id}`);
      const form = await s.post(`/admin/applications/${id}/archive`, {
        _csrf: csrf,
        summary: `身份证号${ID}的申请人申请公开低保资金。`,
        reply_summary: "",
      });
      expect(form.statusCode).toBe(422);
      expect(form.body).toContain('class="error-summary"');
      expect(form.body).toContain("仍有未去标识化的个人信息：身份证号");
      expect(await auditOf("application.archive_publish", id)).toHaveLength(0);
    });

    it("is refused to staff who do not handle applications", async () => {
      const res = await api(
        "POST",
        `/api/v1/applications/${id}/archive`,
        { summary: "申请公开低保资金。" },
        clerk,
      );
      expect(res.statusCode).toBe(403);
    });

    it("publishes through the form; the public page and API never carry the applicant's identity", async () => {
      const page = await s.get(`/admin/applications/${id}`);
      const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
      const preview = /<textarea[^>]*id="summary"[^>]*>([^<]*)<\/textarea>/.exec(page.body)![1]!;
      const res = await s.post(`/admin/applications/${id}/archive`, {
        _csrf: csrf,
        // The pre-filled text as it is (HTML-unescaped as a browser would submit it).
        summary: preview
          .replace(/&#39;/g, "'")
          .replace(/&quot;/g, '"')
          .replace(/&amp;/g, "&"),
        reply_summary: "已提供2024年各镇低保资金发放统计表。",
      });
      expect(res.statusCode, res.body).toBe(303);

      const list = await app.inject("/hd/archive");
      expect(list.statusCode).toBe(200);
      expect(list.body).toContain("本人***，身份证号******************，电话***********");
      const href = /href="\/hd\/archive\/([^"?]+)"/.exec(list.body);
      expect(href).not.toBeNull();
      entryId = href![1]!;
      const detail = await app.inject(`/hd/archive/${entryId}`);
      expect(detail.statusCode).toBe(200);
      expect(detail.body).toContain("城乡低保资金发放情况（分镇统计表）");
      expect(detail.body).toContain("予以公开");
      expect(detail.body).toContain("自然人");
      expect(detail.body).toContain("2025-03-10");
      expect(detail.body).toContain("已提供2024年各镇低保资金发放统计表");
      const mn = await app.inject(`/mn/hd/archive/${entryId}`);
      expect(mn.statusCode).toBe(200);
      const apiList = await app.inject("/api/v1/public/archive");
      expect(apiList.json().total).toBe(1);
      const code = (await api("GET", `/api/v1/applications/${id}`)).json().tracking_code as string;
      for (const body of [list.body, detail.body, mn.body, apiList.body]) {
        for (const secret of [ID, PHONE, NAME, "wxm@example.com", "阳光小区", code])
          expect(body).not.toContain(secret);
      }
      expect(Object.keys(apiList.json().items[0]).sort()).toEqual(
        [
          "applicant_type",
          "applicant_type_label",
          "id",
          "org_name",
          "outcome",
          "outcome_label",
          "published_at",
          "received_on",
          "replied_on",
          "reply_summary",
          "summary",
        ].sort(),
      );
      // Filters: by outcome group and year.
      expect((await app.inject("/api/v1/public/archive?outcome=withhold")).json().total).toBe(0);
      expect((await app.inject("/api/v1/public/archive?outcome=disclose&year=2025")).json().total).toBe(1);
      expect((await app.inject("/api/v1/public/archive?year=2024")).json().total).toBe(0);
      expect((await app.inject("/hd/archive?outcome=withhold")).body).not.toContain(`/hd/archive/${entryId}`);
    });

    it("audits publishing without personal data", async () => {
      const rows = await auditOf("application.archive_publish", id);
      expect(rows).toHaveLength(1);
      for (const secret of [ID, PHONE, NAME]) expect(rows[0]!.summary).not.toContain(secret);
    });

    it("withdraws with a reason: gone from the public page and API, kept in the back office", async () => {
      const noReason = await api("DELETE", `/api/v1/applications/${id}/archive`, { reason: " " });
      expect(noReason.statusCode).toBe(400);
      expect((await app.inject(`/hd/archive/${entryId}`)).statusCode).toBe(200);

      const csrf = await s.csrfFrom(`/admin/applications/${id}`);
      const res = await s.post(`/admin/applications/${id}/archive/withdraw`, {
        _csrf: csrf,
        reason: `与${NAME}本人协商后撤下`,
      });
      expect(res.statusCode, res.body).toBe(303);
      expect((await app.inject(`/hd/archive/${entryId}`)).statusCode).toBe(404);
      expect((await app.inject("/hd/archive")).body).not.toContain(entryId);
      expect((await app.inject("/api/v1/public/archive")).json().total).toBe(0);
      const staff = (await api("GET", "/api/v1/applications/archive")).json().items;
      expect(staff).toHaveLength(1);
      expect(staff[0]).toMatchObject({ status: "withdrawn", application_id: id });
      const admin = await s.get("/admin/applications/archive");
      expect(admin.statusCode).toBe(200);
      expect(admin.body).toContain("已撤下");
      const audit = await auditOf("application.archive_withdraw", id);
      expect(audit).toHaveLength(1);
      expect(audit[0]!.summary).not.toContain(NAME);
      // Nothing to withdraw twice.
      const again = await api("DELETE", `/api/v1/applications/${id}/archive`, { reason: "重复" });
      expect(again.json().error.code).toBe("archive_not_published");
    });

    it("publishes again through the API after a withdrawal, as the same entry", async () => {
      const res = await api("POST", `/api/v1/applications/${id}/archive`, {
        summary: "申请公开固阳县2024年城乡低保资金发放情况（分镇统计表）。",
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ id: entryId, status: "published", withdrawn_at: null });
      expect((await app.inject(`/hd/archive/${entryId}`)).statusCode).toBe(200);
      const audit = await auditOf("application.archive_publish", id);
      expect(audit.map((a) => JSON.parse(a.summary).change)).toEqual(["publish", "republish"]);
    });

    it("masks and refuses the applicant's own name in running text, which has no shape to detect", async () => {
      const own = await intake(`申请人${NAME}要求公开其家庭2024年低保金核定标准。`);
      await reply(own);
      const page = await s.get(`/admin/applications/${own}`);
      const textarea = /<textarea[^>]*id="summary"[^>]*>([^<]*)<\/textarea>/.exec(page.body)?.[1] ?? "";
      expect(textarea).toContain("申请人***要求公开");
      const res = await api("POST", `/api/v1/applications/${own}/archive`, {
        summary: `申请人${NAME}要求公开其家庭2024年低保金核定标准。`,
        reply_summary: `已告知 ${NAME.slice(0, 1)} 先生。`,
      });
      expect(res.statusCode).toBe(422);
      expect(res.json().error.details).toEqual([
        expect.objectContaining({ field: "summary", code: "personal_information" }),
      ]);
      expect(res.body).not.toContain(NAME);
      expect(
        (
          await api("POST", `/api/v1/applications/${own}/archive`, {
            summary: "申请人要求公开其家庭低保金核定标准。",
          })
        ).statusCode,
      ).toBe(200);
    });

    it("takes two first publications at once as a publish and an edit, never a failure", async () => {
      const twice = await intake("申请公开2024年县城集中供热价格成本监审结论。");
      await reply(twice);
      const results = await Promise.all(
        ["第一稿", "第二稿"].map((v) =>
          api("POST", `/api/v1/applications/${twice}/archive`, {
            summary: `申请公开县城集中供热价格成本监审结论（${v}）。`,
          }),
        ),
      );
      expect(results.map((r) => r.statusCode)).toEqual([200, 200]);
      const rows = await ctx.deps.db.kysely
        .selectFrom("application_archive")
        .select("id")
        .where("application_id", "=", twice)
        .execute();
      expect(rows).toHaveLength(1);
    });

    it("refuses the tracking code in any case and the tracking secret, which open the applicant's status page", async () => {
      const res = await api("POST", "/api/v1/applications/intake", {
        applicant,
        description: "申请公开农村公路养护资金分配方案。",
        delivery: "email",
        channel: "registered_post",
        on: "2025-03-03",
      });
      const {
        id: own,
        tracking_code: code,
        secret,
      } = res.json() as { id: string; tracking_code: string; secret: string };
      await reply(own);
      for (const summary of [
        `申请公开农村公路养护资金分配方案（${code.toLowerCase()}）`,
        `申请公开农村公路养护资金分配方案，密码 ${secret.toLowerCase()}`,
      ]) {
        const refused = await api("POST", `/api/v1/applications/${own}/archive`, { summary });
        expect(refused.statusCode, summary).toBe(422);
        expect(refused.body).not.toContain(secret);
      }
    });
  },
  { clock },
);
