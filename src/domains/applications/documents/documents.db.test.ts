import mammoth from "mammoth";
import { afterAll, beforeAll, expect, it } from "vitest";
import { bearer, buildTestApp, tokenFor } from "../../../../test/helpers/app";
import { describeEachDialect } from "../../../../test/helpers/db";
import { Session } from "../../../../test/helpers/forms";
import { DEMO_PASSWORD } from "../../../demo/seed";
import { fixedClock } from "../../../platform/time";
import type { AppInstance } from "../../../web/types";
import {
  minimalDocx,
  minimalPng,
  multipartBody,
} from "../../publishing/attachments/attachments.test-helpers";
import { documentStorage } from "./documents.service";

const ID = "110101199003074514";
const MASKED_ID = "1101**********4514";
const PHONE = "13912345678";
const clock = fixedClock("2025-03-20T02:00:00Z");

const intake = {
  channel: "registered_post",
  on: "2025-03-18",
  applicant: {
    type: "natural",
    name: "王小明",
    id_type: "resident_id",
    id_number: "110101199001011237",
    phone: "13812345678",
  },
  description: "申请公开固阳县2024年城乡低保资金发放情况（分镇统计表）。",
  delivery: "online",
};

describeEachDialect(
  "documents released with the reply to an application",
  (ctx) => {
    let app: AppInstance;
    let office: string;
    let clerk: string;
    let id = "";
    let code = "";
    let secret = "";
    let docId = "";
    let docx: Buffer;
    let citizen: Session;

    beforeAll(async () => {
      app = await buildTestApp(ctx);
      office = await tokenFor(ctx, "demo-office");
      clerk = await tokenFor(ctx, "demo-clerk");
      docx = await minimalDocx([
        "金山镇2024年低保资金发放情况",
        `经办人身份证号：${ID}，联系电话：${PHONE}。`,
        "全镇共发放低保资金128万元。",
      ]);
      const res = await app.inject({
        method: "POST",
        url: "/api/v1/applications/intake",
        headers: bearer(office),
        payload: intake,
      });
      expect(res.statusCode, res.body).toBe(201);
      ({ id, tracking_code: code, secret } = res.json());
      citizen = new Session(app);
    });
    afterAll(async () => app?.close());

    const upload = (file: { filename: string; data: Buffer }, token = office, appId = id) => {
      const body = multipartBody([{ name: "file", filename: file.filename, data: file.data }]);
      return app.inject({
        method: "POST",
        url: `/api/v1/applications/${appId}/documents`,
        headers: { ...bearer(token), ...body.headers },
        payload: body.payload,
      });
    };

    /** The applicant's download from the status page, with code and secret (and the page's CSRF token). */
    const download = async (documentId: string, s = secret) => {
      const csrf = await citizen.csrfFrom("/hd/track");
      return citizen.post(`/hd/track/documents/${documentId}`, { _csrf: csrf, code, secret: s });
    };

    it("de-identifies an uploaded Word document and counts what it masked, auditing no text", async () => {
      const res = await upload({ filename: "低保发放情况.docx", data: docx });
      expect(res.statusCode, res.body).toBe(201);
      const [doc] = res.json().documents;
      docId = doc.id;
      expect(doc).toMatchObject({
        filename: "低保发放情况.docx",
        mime: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        masked: { id_card: 1, mobile: 1 },
        masked_summary: "身份证号 1 处、手机号 1 处",
      });
      const audit = await ctx.deps.db.kysely
        .selectFrom("audit_log")
        .select("summary")
        .where("action", "=", "application.document_add")
        .execute();
      expect(audit).toHaveLength(1);
      expect(audit[0]!.summary).toContain(doc.sha256);
      expect(audit[0]!.summary).not.toContain(ID);
      expect(audit[0]!.summary).not.toContain(PHONE);
      // At rest: the original is stored encrypted under its own address, the extracted text encrypted too.
      const row = await ctx.deps.db.kysely
        .selectFrom("application_documents")
        .selectAll()
        .where("id", "=", doc.id)
        .executeTakeFirstOrThrow();
      expect(row.blob_sha256).not.toBe(row.sha256);
      expect(row.extracted_text).toMatch(/^v1:/);
      expect(JSON.stringify(row)).not.toContain(ID.slice(6, 14)); // the birth date: masked or encrypted everywhere
      const blob = await documentStorage(ctx.deps).read(row.blob_sha256!);
      expect(blob.subarray(0, 4).toString("latin1")).toBe("GKE1");
      expect(await documentStorage(ctx.deps).exists(row.sha256)).toBe(false);
    });

    it("refuses files without text, and a clerk", async () => {
      const png = await upload({ filename: "扫描件.png", data: minimalPng() });
      expect(png.statusCode).toBe(400);
      expect(png.json().error.details[0].code).toBe("no_text");
      const byClerk = await upload({ filename: "a.docx", data: docx }, clerk);
      expect(byClerk.statusCode).toBe(403);
      expect(
        (await app.inject({ url: `/api/v1/applications/${id}/documents`, headers: bearer(clerk) }))
          .statusCode,
      ).toBe(403);
    });

    it("shows the back office what was masked, and serves the original only to handlers", async () => {
      const s = new Session(app);
      await s.login("demo-office", DEMO_PASSWORD);
      const page = await s.get(`/admin/applications/${id}`);
      expect(page.body).toContain("已去标识化：身份证号 1 处、手机号 1 处");
      expect(page.body).toContain(`/admin/applications/${id}/documents/${docId}/delete`);
      const original = await s.get(`/admin/applications/${id}/documents/${docId}`);
      expect(original.statusCode).toBe(200);
      expect(original.rawPayload.equals(docx)).toBe(true);
      expect(original.headers["content-disposition"]).toMatch(/^attachment;/);

      const c = new Session(app);
      await c.login("demo-clerk", DEMO_PASSWORD);
      expect((await c.get(`/admin/applications/${id}/documents/${docId}`)).statusCode).toBe(403);
    });

    it("uploads through the back-office form (token first) and deletes before the reply", async () => {
      const s = new Session(app);
      await s.login("demo-office", DEMO_PASSWORD);
      const csrf = await s.csrfFrom(`/admin/applications/${id}`);
      const body = multipartBody([
        { name: "_csrf", value: csrf },
        { name: "file", filename: "第二份.docx", data: await minimalDocx(["联系人：13700001111"]) },
      ]);
      const res = await app.inject({
        method: "POST",
        url: `/admin/applications/${id}/documents`,
        headers: { cookie: s.cookieHeader, ...body.headers },
        payload: body.payload,
      });
      expect(res.statusCode, res.body).toBe(303);
      const list = (
        await app.inject({ url: `/api/v1/applications/${id}/documents`, headers: bearer(office) })
      ).json().documents;
      expect(list).toHaveLength(2);
      const second = list[1].id;
      const csrf2 = await s.csrfFrom(`/admin/applications/${id}`);
      const del = await s.post(`/admin/applications/${id}/documents/${second}/delete`, { _csrf: csrf2 });
      expect(del.statusCode).toBe(303);
      const after = (
        await app.inject({ url: `/api/v1/applications/${id}/documents`, headers: bearer(office) })
      ).json().documents;
      expect(after.map((d: { id: string }) => d.id)).toEqual([docId]);
    });

    it("gives the applicant nothing before the reply", async () => {
      expect((await download(docId)).statusCode).toBe(404);
    });

    it("after a partial reply the applicant downloads the masked Word file only; a wrong secret finds nothing", async () => {
      const reply = await app.inject({
        method: "POST",
        url: `/api/v1/applications/${id}/actions`,
        headers: bearer(office),
        payload: { action: "reply", on: "2025-03-20", outcome: "partial" },
      });
      expect(reply.statusCode, reply.body).toBe(200);

      const csrf = await citizen.csrfFrom("/hd/track");
      const page = await citizen.post("/hd/track", { _csrf: csrf, code, secret });
      expect(page.body).toContain(`/hd/track/documents/${docId}`);
      expect(page.body).toContain("低保发放情况（去标识化）.docx");

      const res = await download(docId);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers["content-type"]).toContain("wordprocessingml.document");
      expect(res.headers["content-disposition"]).toContain(
        `filename*=UTF-8''${encodeURIComponent("低保发放情况（去标识化）.docx")}`,
      );
      // Still a Word document, masked in place.
      const text = (await mammoth.extractRawText({ buffer: res.rawPayload })).value;
      expect(text).toContain(MASKED_ID);
      expect(text).toContain("全镇共发放低保资金128万元");
      expect(text).not.toContain(ID);
      expect(text).not.toContain(PHONE);
      expect(res.rawPayload.includes(Buffer.from(ID))).toBe(false);

      expect((await download(docId, "WRONGSECRET")).statusCode).toBe(404);
      expect((await download("nosuchdocument")).statusCode).toBe(404);
    });

    it("refuses changes after the reply (409)", async () => {
      const res = await upload({ filename: "补充.docx", data: docx });
      expect(res.statusCode).toBe(409);
      expect(res.json().error.code).toBe("documents_locked");
      const s = new Session(app);
      await s.login("demo-office", DEMO_PASSWORD);
      const page = await s.get(`/admin/applications/${id}`);
      expect(page.body).not.toContain(`/documents/${docId}/delete`);
      const csrf = await s.csrfFrom(`/admin/applications/${id}`);
      expect(
        (await s.post(`/admin/applications/${id}/documents/${docId}/delete`, { _csrf: csrf })).statusCode,
      ).toBe(409);
    });

    it("gives nothing after a reply that withholds", async () => {
      const other = await app.inject({
        method: "POST",
        url: "/api/v1/applications/intake",
        headers: bearer(office),
        payload: intake,
      });
      const o = other.json();
      expect((await upload({ filename: "x.docx", data: docx }, office, o.id)).statusCode).toBe(201);
      await app.inject({
        method: "POST",
        url: `/api/v1/applications/${o.id}/actions`,
        headers: bearer(office),
        payload: { action: "reply", on: "2025-03-20", outcome: "withhold.third_party" },
      });
      const [doc] = (
        await app.inject({ url: `/api/v1/applications/${o.id}/documents`, headers: bearer(office) })
      ).json().documents;
      const csrf = await citizen.csrfFrom("/hd/track");
      const res = await citizen.post(`/hd/track/documents/${doc.id}`, {
        _csrf: csrf,
        code: o.tracking_code,
        secret: o.secret,
      });
      expect(res.statusCode).toBe(404);
      // Nor through another application's code.
      expect((await download(doc.id)).statusCode).toBe(404);
    });
  },
  { clock },
);
