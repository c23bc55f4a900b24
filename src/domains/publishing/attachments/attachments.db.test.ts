import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bearer, buildTestApp, tokenFor } from "../../../../test/helpers/app";
import { describeEachDialect } from "../../../../test/helpers/db";
import { Session } from "../../../../test/helpers/forms";
import { DEMO_PASSWORD } from "../../../demo/seed";
import { systemActor } from "../../../deps";
import type { AppInstance } from "../../../web/types";
import { createUser } from "../../accounts";
import {
  fakeExe,
  minimalDocx,
  minimalPdf,
  minimalPng,
  minimalXlsx,
  multipartBody,
  type Part,
} from "./attachments.test-helpers";
import { attachmentTexts, copyAttachments, listAttachments, storeMaskedText } from "./index";

const dataDir = mkdtempSync(join(tmpdir(), "gk-attachments-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const sha = (b: Buffer) => createHash("sha256").update(b).digest("hex");
const filesRoot = join(dataDir, "files");
/** Every stored blob (not temp files). */
function blobs(): string[] {
  if (!existsSync(filesRoot)) return [];
  return readdirSync(filesRoot, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile() && !d.parentPath.includes(`${join(filesRoot, "tmp")}`))
    .map((d) => d.name)
    .sort();
}
const temps = () => (existsSync(join(filesRoot, "tmp")) ? readdirSync(join(filesRoot, "tmp")) : []);

const PDF_TEXT = "Guyang county budget 2026";
const file = (filename: string, data: Buffer, contentType = "application/octet-stream"): Part => ({
  name: "file",
  filename,
  data,
  contentType,
});

describeEachDialect(
  "item attachments",
  (ctx) => {
    let app: AppInstance;
    const tok: Record<string, string> = {};
    let pdf: Buffer;
    let docx: Buffer;
    let xlsx: Buffer;
    const png = minimalPng();

    beforeAll(async () => {
      app = await buildTestApp(ctx);
      await createUser(ctx.deps, systemActor("test"), {
        username: "jyj-clerk",
        name: "教育局信息员",
        orgCode: "gyx-jyj",
        roles: ["clerk"],
        password: "Jyj-Clerk-Pass-2026",
      });
      for (const u of ["demo-clerk", "demo-reviewer", "demo-signer", "jyj-clerk"])
        tok[u] = await tokenFor(ctx, u);
      pdf = minimalPdf(PDF_TEXT);
      docx = await minimalDocx(["固阳县2026年政务公开工作要点", "一、总体要求"]);
      xlsx = await minimalXlsx([
        ["项目", "金额"],
        ["道路维修", 120000],
      ]);
    });
    afterAll(async () => app?.close());

    const draft = async (title = "关于公布2026年预算的通知") => {
      const res = await app.inject({
        method: "POST",
        url: "/api/v1/items",
        headers: bearer(tok["demo-clerk"]!),
        payload: { title, body: "详见附件。", kind: "other" },
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().id as string;
    };
    const act = async (id: string, who: string, action: string, note?: string) => {
      const res = await app.inject({
        method: "POST",
        url: `/api/v1/items/${id}/actions`,
        headers: bearer(tok[who]!),
        payload: { action, ...(note ? { note } : {}) },
      });
      expect(res.statusCode, res.body).toBe(200);
    };
    const upload = (id: string, who: string | null, parts: Part[]) => {
      const body = multipartBody(parts);
      return app.inject({
        method: "POST",
        url: `/api/v1/items/${id}/attachments`,
        headers: { ...body.headers, ...(who ? bearer(tok[who]!) : {}) },
        payload: body.payload,
      });
    };
    const rowsOf = async (id: string) => (await listAttachments(ctx.deps, id)).length;

    let item: string;
    let atts: Array<{ id: string; filename: string; mime: string; sha256: string; url: string }>;

    describe("uploading", () => {
      it("stores a PDF, a Word file, an Excel file and an image, typed by content, with their text", async () => {
        item = await draft();
        // The demo county stores files of its own (the service guides' blank forms).
        const seeded = blobs();
        const res = await upload(item, "demo-clerk", [
          file("2026年预算.pdf", pdf, "text/plain"), // the client's type is ignored
          file("工作要点.docx", docx),
          file("预算表.xlsx", xlsx),
          file("现场照片", png),
        ]);
        expect(res.statusCode, res.body).toBe(201);
        atts = res.json().attachments;
        expect(atts.map((a) => [a.filename, a.mime])).toEqual([
          ["2026年预算.pdf", "application/pdf"],
          ["工作要点.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"],
          ["预算表.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"],
          ["现场照片.png", "image/png"],
        ]);
        expect(res.json().attachments[0]).toMatchObject({
          position: 1,
          size: pdf.length,
          sha256: sha(pdf),
          extract_error: null,
          url: `/admin/items/${item}/attachments/${atts[0]!.id}`,
        });
        expect(blobs()).toEqual([...seeded, sha(pdf), sha(docx), sha(xlsx), sha(png)].sort());
        expect(temps()).toEqual([]);

        const texts = await attachmentTexts(ctx.deps, item);
        expect(texts.map((t) => t.text)).toEqual([
          PDF_TEXT,
          "固阳县2026年政务公开工作要点\n\n一、总体要求",
          "【Sheet1】\n项目\t金额\n道路维修\t120000".replace("Sheet1", "统计表"),
          null,
        ]);
        const text = await app.inject({
          url: `/api/v1/items/${item}/attachments/${atts[1]!.id}/text`,
          headers: bearer(tok["demo-reviewer"]!),
        });
        expect(text.json()).toMatchObject({
          filename: "工作要点.docx",
          text: texts[1]!.text,
          extract_error: null,
        });
      });

      it("audits each upload with name, size, hash and type, never the text", async () => {
        const rows = await ctx.deps.db.kysely
          .selectFrom("audit_log")
          .select(["action", "entity_id", "summary"])
          .where("action", "=", "item.attachment_add")
          .where("entity_id", "=", item)
          .orderBy("seq")
          .execute();
        expect(rows).toHaveLength(4);
        expect(JSON.parse(rows[0]!.summary)).toEqual({
          attachment: atts[0]!.id,
          filename: "2026年预算.pdf",
          size: pdf.length,
          sha256: sha(pdf),
          mime: "application/pdf",
          item_status: "draft",
        });
        expect(rows.map((r) => r.summary).join()).not.toContain("Guyang");
      });

      it("refuses an .exe renamed .pdf and an image named .pdf (415), storing nothing from the batch", async () => {
        const before = blobs();
        const other = minimalPdf("this one is fine");
        const res = await upload(item, "demo-clerk", [
          file("fine.pdf", other),
          file("报告.pdf", fakeExe()),
          file("图.pdf", minimalPng()),
        ]);
        expect(res.statusCode).toBe(415);
        expect(res.json().error.details.map((d: { code: string }) => d.code)).toEqual([
          "unsupported_type",
          "type_mismatch",
        ]);
        expect(await rowsOf(item)).toBe(4);
        expect(blobs()).toEqual(before);
        expect(temps()).toEqual([]);
      });

      it("refuses a file over 20 MB (413), storing nothing", async () => {
        const before = blobs();
        const big = Buffer.concat([minimalPdf("big"), Buffer.alloc(20 * 1024 * 1024, 0x20)]);
        const res = await upload(item, "demo-clerk", [
          file("small.png", minimalPng()),
          file("大文件.pdf", big),
        ]);
        expect(res.statusCode).toBe(413);
        expect(res.json().error).toMatchObject({ code: "file_too_large" });
        expect(res.json().error.details[0].message).toContain("大文件.pdf");
        expect(await rowsOf(item)).toBe(4);
        expect(blobs()).toEqual(before);
        expect(temps()).toEqual([]);
      });

      it("refuses more than 20 attachments on an item, and an upload with no file", async () => {
        const many = Array.from({ length: 17 }, (_, i) => file(`图${i}.png`, png));
        const res = await upload(item, "demo-clerk", many);
        expect(res.statusCode).toBe(400);
        expect(res.json().error.details.map((d: { code: string }) => d.code)).toEqual([
          "too_many_attachments",
        ]);
        const tooMany = await upload(
          item,
          "demo-clerk",
          Array.from({ length: 21 }, (_, i) => file(`图${i}.png`, png)),
        );
        expect(tooMany.statusCode).toBe(413);
        expect(tooMany.json().error.code).toBe("too_many_files");
        const none = await upload(item, "demo-clerk", [{ name: "note", value: "x" }]);
        expect(none.statusCode).toBe(400);
        expect(none.json().error.details[0].code).toBe("no_file");
        const notMultipart = await app.inject({
          method: "POST",
          url: `/api/v1/items/${item}/attachments`,
          headers: bearer(tok["demo-clerk"]!),
          payload: { file: "x" },
        });
        expect(notMultipart.statusCode).toBe(415);
        expect(await rowsOf(item)).toBe(4);
        expect(temps()).toEqual([]);
      });

      it("documents the routes in the OpenAPI document", async () => {
        const doc = (await app.inject("/api/v1/openapi.json")).json();
        const paths = doc.paths as Record<string, Record<string, { tags?: string[] }>>;
        expect(paths["/api/v1/items/{id}/attachments"]?.post?.tags).toEqual(["publishing"]);
        expect(paths["/api/v1/items/{id}/attachments"]?.get).toBeDefined();
        expect(paths["/api/v1/items/{id}/attachments/{attId}"]?.delete).toBeDefined();
        expect(paths["/api/v1/items/{id}/attachments/{attId}/text"]?.get).toBeDefined();
      });

      it("refuses other organisations (as if the item did not exist), other roles and anonymous callers", async () => {
        const other = await upload(item, "jyj-clerk", [file("a.png", png)]);
        expect(other.statusCode).toBe(404);
        expect(other.json().error.code).toBe("item_not_found");
        const reviewer = await upload(item, "demo-reviewer", [file("a.png", png)]);
        expect(reviewer.statusCode).toBe(403);
        expect((await upload(item, null, [file("a.png", png)])).statusCode).toBe(401);
        const del = await app.inject({
          method: "DELETE",
          url: `/api/v1/items/${item}/attachments/${atts[3]!.id}`,
          headers: bearer(tok["jyj-clerk"]!),
        });
        expect(del.statusCode).toBe(404);
        const text = await app.inject({
          url: `/api/v1/items/${item}/attachments/${atts[0]!.id}/text`,
          headers: bearer(tok["jyj-clerk"]!),
        });
        expect(text.statusCode).toBe(404);
        expect(await rowsOf(item)).toBe(4);
      });
    });

    describe("while in review and after", () => {
      it("lets the reviewer replace a file during review, and no one else", async () => {
        await act(item, "demo-clerk", "submit");
        const clerk = await upload(item, "demo-clerk", [file("a.png", png)]);
        expect(clerk.statusCode).toBe(409);
        expect(clerk.json().error.code).toBe("attachments_locked");
        const del = await app.inject({
          method: "DELETE",
          url: `/api/v1/items/${item}/attachments/${atts[3]!.id}`,
          headers: bearer(tok["demo-reviewer"]!),
        });
        expect(del.statusCode, del.body).toBe(200);
        expect(del.json().attachments).toHaveLength(3);
        const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1]);
        const res = await upload(item, "demo-reviewer", [file("现场照片（已打码）.jpg", jpeg)]);
        expect(res.statusCode, res.body).toBe(201);
        expect(res.json().attachments.map((a: { position: number }) => a.position)).toEqual([1, 2, 3, 4]);
        atts = res.json().attachments;
        expect(blobs()).not.toContain(sha(png)); // the only row naming it is gone
        await act(item, "demo-reviewer", "approve");
        expect((await upload(item, "demo-reviewer", [file("a.png", png)])).statusCode).toBe(409);
      });

      it("serves nothing publicly before publication; staff download with private caching", async () => {
        const pub = await app.inject(`/gk/items/${item}/attachments/${atts[0]!.id}/x.pdf`);
        expect(pub.statusCode).toBe(404);
        expect((await app.inject(`/api/v1/items/${item}/attachments`)).statusCode).toBe(404);
        const s = new Session(app);
        await s.login("demo-reviewer", DEMO_PASSWORD);
        const staff = await s.get(`/admin/items/${item}/attachments/${atts[0]!.id}`);
        expect(staff.statusCode).toBe(200);
        expect(staff.headers["cache-control"]).toBe("private, no-cache");
        expect(staff.rawPayload.equals(pdf)).toBe(true);
        const anon = await app.inject(`/admin/items/${item}/attachments/${atts[0]!.id}`);
        expect(anon.statusCode).toBe(303);
      });

      it("serves published attachments with exact headers, as downloads (a PDF may carry scripts: never inline)", async () => {
        await act(item, "demo-signer", "sign");
        await act(item, "demo-signer", "publish");
        const list = (await app.inject(`/api/v1/items/${item}/attachments`)).json().attachments;
        expect(list[0]).not.toHaveProperty("extract_error");
        expect(list[0].url).toBe(
          `/gk/items/${item}/attachments/${atts[0]!.id}/${encodeURIComponent("2026年预算.pdf")}`,
        );
        const res = await app.inject(list[0].url);
        expect(res.statusCode).toBe(200);
        expect(res.headers["content-type"]).toBe("application/pdf");
        expect(res.headers["content-disposition"]).toBe(
          `attachment; filename="2026___.pdf"; filename*=UTF-8''${encodeURIComponent("2026年预算.pdf")}`,
        );
        expect(res.headers["x-content-type-options"]).toBe("nosniff");
        expect(res.headers.etag).toBe(`"${sha(pdf)}"`);
        expect(res.headers["cache-control"]).toBe("public, max-age=300");
        expect(res.headers["content-length"]).toBe(String(pdf.length));
        expect(res.rawPayload.equals(pdf)).toBe(true);

        const word = await app.inject(list[1].url);
        expect(word.headers["content-disposition"]).toMatch(/^attachment; /);
        expect(word.headers["content-type"]).toBe(
          "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        );
        const again = await app.inject({ url: list[0].url, headers: { "if-none-match": `"${sha(pdf)}"` } });
        expect(again.statusCode).toBe(304);
        expect(again.body).toBe("");
        expect((await app.inject(`/gk/items/${item}/attachments/nope/x.pdf`)).statusCode).toBe(404);
      });

      it("stops serving attachments once the item is withdrawn", async () => {
        await act(item, "demo-signer", "withdraw", "内容有误");
        const res = await app.inject(`/gk/items/${item}/attachments/${atts[0]!.id}/x.pdf`);
        expect(res.statusCode).toBe(404);
        expect((await app.inject(`/api/v1/items/${item}/attachments`)).statusCode).toBe(404);
      });
    });

    it("copies attachments to a revision, sharing blobs, and keeps a masked copy of the text", async () => {
      const to = await draft("修订版");
      const before = blobs();
      const n = await ctx.deps.db.kysely
        .transaction()
        .execute((trx) => copyAttachments(trx, item, to, { userId: "u", at: new Date().toISOString() }));
      expect(n).toBe(4);
      const copied = await attachmentTexts(ctx.deps, to);
      expect(copied.map((c) => c.sha256)).toEqual(
        (await attachmentTexts(ctx.deps, item)).map((c) => c.sha256),
      );
      expect(copied[0]!.text).toBe(PDF_TEXT);
      expect(blobs()).toEqual(before);
      await storeMaskedText(ctx.deps.db.kysely, copied[0]!.id, "Guyang county budget ****");
      expect((await attachmentTexts(ctx.deps, to))[0]!.masked_text).toBe("Guyang county budget ****");
    });

    describe("back-office forms", () => {
      let id: string;
      let s: Session;
      let token: string;
      const cookieAfter = (base: string, setCookie: string | string[] | undefined) => {
        const jar = new Map(base.split("; ").map((c) => c.split("=", 2) as [string, string]));
        for (const c of ([] as string[]).concat(setCookie ?? [])) {
          const [pair] = c.split(";");
          const eq = pair!.indexOf("=");
          jar.set(pair!.slice(0, eq), pair!.slice(eq + 1));
        }
        return [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
      };
      let cookie: string;
      const postForm = async (parts: Part[]) => {
        const body = multipartBody(parts);
        const res = await app.inject({
          method: "POST",
          url: `/admin/items/${id}/attachments`,
          headers: { ...body.headers, cookie },
          payload: body.payload,
        });
        cookie = cookieAfter(cookie, res.headers["set-cookie"]);
        return res;
      };

      beforeAll(async () => {
        id = await draft("表单上传测试");
        s = new Session(app);
        await s.login("demo-clerk", DEMO_PASSWORD);
        token = await s.csrfFrom(`/admin/items/${id}`);
        cookie = s.cookieHeader;
      });

      it("uploads through the multipart form with the CSRF token, then shows a flash", async () => {
        const res = await postForm([{ name: "_csrf", value: token }, file("通知.pdf", pdf)]);
        expect(res.statusCode, res.body).toBe(303);
        expect(res.headers.location).toBe(`/admin/items/${id}`);
        expect(await rowsOf(id)).toBe(1);
        const page = await app.inject({ url: `/admin/items/${id}`, headers: { cookie } });
        expect(page.body).toContain("已上传附件，共 1 个。");
      });

      it("refuses the form without a token, or with the token after the file (403), storing nothing", async () => {
        const before = blobs();
        const none = await postForm([file("a.docx", docx)]);
        expect(none.statusCode).toBe(403);
        expect(none.body).toContain("页面已过期或来源不明"); // the CSRF refusal (csrf_invalid), in words
        const late = await postForm([file("a.docx", docx), { name: "_csrf", value: token }]);
        expect(late.statusCode).toBe(403);
        const forged = await postForm([{ name: "_csrf", value: "forged" }, file("a.docx", docx)]);
        expect(forged.statusCode).toBe(403);
        expect(await rowsOf(id)).toBe(1);
        expect(blobs()).toEqual(before);
        expect(temps()).toEqual([]);
      });

      it("re-renders the form listing every problem", async () => {
        const res = await postForm([
          { name: "_csrf", value: token },
          file("a.pdf", fakeExe()),
          file("b.docx", minimalPng()),
        ]);
        expect(res.statusCode).toBe(415);
        expect(res.headers["content-type"]).toContain("text/html");
        expect(res.body).toContain("附件未上传");
        expect(res.body).toContain("“a.pdf”");
        expect(res.body).toContain("“b.docx”：扩展名 .docx 与文件内容（PNG）不符");
        expect(res.body).toContain('enctype="multipart/form-data"');
      });

      it("answers another organisation's clerk as if the item did not exist (404)", async () => {
        const other = new Session(app);
        await other.login("jyj-clerk", "Jyj-Clerk-Pass-2026");
        const t = await other.csrfFrom("/admin");
        const body = multipartBody([{ name: "_csrf", value: t }, file("a.png", png)]);
        const res = await app.inject({
          method: "POST",
          url: `/admin/items/${id}/attachments`,
          headers: { ...body.headers, cookie: other.cookieHeader },
          payload: body.payload,
        });
        expect(res.statusCode).toBe(404);
        const get = await other.get(
          `/admin/items/${id}/attachments/${(await listAttachments(ctx.deps, id))[0]!.id}`,
        );
        expect(get.statusCode).toBe(404);
      });

      it("deletes through the form with a flash", async () => {
        const [att] = await listAttachments(ctx.deps, id);
        const res = await app.inject({
          method: "POST",
          url: `/admin/items/${id}/attachments/${att!.id}/delete`,
          headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
          payload: new URLSearchParams({ _csrf: token }).toString(),
        });
        expect(res.statusCode).toBe(303);
        cookie = cookieAfter(cookie, res.headers["set-cookie"]);
        expect(await rowsOf(id)).toBe(0);
        const page = await app.inject({ url: `/admin/items/${id}`, headers: { cookie } });
        expect(page.body).toContain("已删除附件：通知.pdf");
        // The PDF is still attached to the first item, so its blob stays.
        expect(blobs()).toContain(sha(pdf));
      });
    });
  },
  { config: { dataDir } },
);
