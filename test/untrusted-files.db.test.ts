import { existsSync, readdirSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, expect, it } from "vitest";
import { multipartBody, type Part } from "../src/domains/publishing/attachments/attachments.test-helpers";
import { filePool } from "../src/platform/files";
import {
  bombDocx,
  docxOf,
  plainPdf,
  scriptPdf,
  withDeclaredSize,
} from "../src/platform/files/files.test-helpers";
import type { AppInstance } from "../src/web/types";
import { bearer, buildTestApp, tokenFor } from "./helpers/app";
import { describeEachDialect } from "./helpers/db";

// Untrusted files through the real upload routes (issue 10, defect 5 and the file parts of 11): a 175 KB
// .docx that unpacked to 60–190 MB used to be parsed on the main thread, holding /healthz for 30 s, growing
// to 4.4 GB and leaving a staging file; PDFs with scripts were accepted and served inline.

const file = (filename: string, data: Buffer): Part => ({ name: "file", filename, data });

/** Files left in a storage's staging folder. */
const staged = (root: string) => (existsSync(join(root, "tmp")) ? readdirSync(join(root, "tmp")) : []);

describeEachDialect("untrusted files on the upload routes", (ctx) => {
  let app: AppInstance;
  let base: string;
  let clerk: string;
  let office: string;
  let bomb: Buffer;
  let attachmentsRoot: string;
  let documentsRoot: string;

  beforeAll(async () => {
    app = await buildTestApp(ctx);
    await app.listen({ port: 0, host: "127.0.0.1" });
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    clerk = await tokenFor(ctx, "demo-clerk");
    office = await tokenFor(ctx, "demo-office");
    bomb = await bombDocx(60);
    attachmentsRoot = join(ctx.deps.config.dataDir, "files");
    documentsRoot = join(ctx.deps.config.dataDir, "application-documents", "files");
  }, 60_000);
  afterAll(async () => app?.close());

  const draft = async () => {
    const res = await app.inject({
      method: "POST",
      url: "/api/v1/items",
      headers: bearer(clerk),
      payload: { title: "关于公布2026年预算的通知", body: "详见附件。", kind: "other" },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };
  const attach = (item: string, parts: Part[]) => {
    const body = multipartBody(parts);
    return app.inject({
      method: "POST",
      url: `/api/v1/items/${item}/attachments`,
      headers: { ...body.headers, ...bearer(clerk) },
      payload: body.payload,
    });
  };
  const attachmentCount = async (item: string) =>
    (await app.inject({ url: `/api/v1/items/${item}/attachments`, headers: bearer(clerk) })).json()
      .attachments.length;

  // Retried: the latency also depends on the other suites sharing the 2-core CI machine, not only on gongkai.
  it("answers /healthz within 200 ms all through a 60 MB-unpacked .docx upload, refuses it, keeps no staging file", {
    retry: 2,
    timeout: 60_000,
  }, async () => {
    expect(bomb.length).toBeLessThan(400 * 1024);
    const item = await draft();
    // The steady state of a running server: its file workers started, its connections open.
    await filePool().warm();
    for (let i = 0; i < 3; i++) await (await fetch(`${base}/healthz`)).arrayBuffer();
    const health: Array<{ status: number; ms: number }> = [];
    let uploading = true;
    const poller = (async () => {
      while (uploading) {
        const started = performance.now();
        const r = await fetch(`${base}/healthz`);
        await r.arrayBuffer();
        health.push({ status: r.status, ms: performance.now() - started });
        await sleep(20);
      }
    })();
    // The bomb as it is, then the same bomb declaring 1 KB (stopped by the bytes it really inflates to).
    const post = (data: Buffer) => {
      const body = multipartBody([file("2026年工作要点.docx", data)]);
      return fetch(`${base}/api/v1/items/${item}/attachments`, {
        method: "POST",
        headers: { ...body.headers, authorization: `Bearer ${clerk}` },
        body: body.payload,
      });
    };
    const answers: Array<{ status: number; code: string; message: string }> = [];
    try {
      for (const data of [bomb, withDeclaredSize(bomb, "word/document.xml", 1024)]) {
        const res = await post(data);
        const { error } = (await res.json()) as {
          error: { code: string; details: Array<{ code: string; message: string }> };
        };
        answers.push({ status: res.status, code: error.code, message: error.details[0]!.message });
      }
    } finally {
      uploading = false;
    }
    await poller;
    for (const a of answers) {
      expect(a).toMatchObject({ status: 422, code: "file_too_complex" });
      expect(a.message).toContain("2026年工作要点.docx");
    }
    expect(health.length).toBeGreaterThan(0);
    expect(health.every((h) => h.status === 200)).toBe(true);
    expect(Math.max(...health.map((h) => h.ms))).toBeLessThan(200);
    expect(staged(attachmentsRoot)).toEqual([]);
    expect(await attachmentCount(item)).toBe(0);
  });

  it("counts real bytes: the same bomb declaring 1 KB is refused too, and so is a small file whose header lies", async () => {
    const item = await draft();
    const liar = withDeclaredSize(bomb, "word/document.xml", 1024);
    const res = await attach(item, [file("通知.docx", liar)]);
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json().error.code).toBe("file_too_complex");
    const lying = withDeclaredSize(await docxOf(["正文"]), "word/document.xml", 5);
    const res2 = await attach(item, [file("通知.docx", lying)]);
    expect(res2.statusCode, res2.body).toBe(422);
    expect(res2.json().error.code).toBe("file_corrupt");
    expect(staged(attachmentsRoot)).toEqual([]);
    expect(await attachmentCount(item)).toBe(0);
  }, 60_000);

  it("refuses a PDF carrying JavaScript (and the whole upload with it); an ordinary PDF is stored", async () => {
    const item = await draft();
    const res = await attach(item, [file("预算.pdf", plainPdf("Budget")), file("通知.pdf", scriptPdf())]);
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json().error).toMatchObject({
      code: "pdf_active_content",
      details: [
        { field: "file", code: "pdf_active_content", message: expect.stringContaining("“通知.pdf”") },
      ],
    });
    expect(await attachmentCount(item)).toBe(0);
    const ok = await attach(item, [file("预算.pdf", plainPdf("Budget"))]);
    expect(ok.statusCode, ok.body).toBe(201);
    expect(staged(attachmentsRoot)).toEqual([]);
  }, 60_000);

  it("released documents: a lying ZIP and a scripted PDF are refused with their codes, nothing staged", async () => {
    const intake = await app.inject({
      method: "POST",
      url: "/api/v1/applications/intake",
      headers: bearer(office),
      payload: {
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
      },
    });
    expect(intake.statusCode, intake.body).toBe(201);
    const id = intake.json().id as string;
    const send = (parts: Part[], url = `/api/v1/applications/${id}/documents`) => {
      const body = multipartBody(parts);
      return app.inject({
        method: "POST",
        url,
        headers: { ...bearer(office), ...body.headers },
        payload: body.payload,
      });
    };
    const lying = withDeclaredSize(await docxOf(["低保资金发放情况"]), "word/document.xml", 5);
    const r1 = await send([file("发放情况.docx", lying)]);
    expect(r1.statusCode, r1.body).toBe(422);
    expect(r1.json().error.code).toBe("file_corrupt");
    const r2 = await send([file("发放情况.pdf", scriptPdf())]);
    expect(r2.statusCode, r2.body).toBe(422);
    expect(r2.json().error.code).toBe("pdf_active_content");
    const r3 = await send([file("发放情况.docx", bomb)]);
    expect(r3.statusCode, r3.body).toBe(422);
    expect(r3.json().error.code).toBe("file_too_complex");
    expect(staged(documentsRoot)).toEqual([]);

    // The applicant's supporting files: a scripted PDF is refused; an ordinary one is stored and downloads.
    const r4 = await send([file("身份证.pdf", scriptPdf())], `/api/v1/applications/${id}/files`);
    expect(r4.statusCode, r4.body).toBe(422);
    expect(r4.json().error.details[0].code).toBe("pdf_active_content");
    const r5 = await send([file("身份证.pdf", plainPdf("ID"))], `/api/v1/applications/${id}/files`);
    expect(r5.statusCode, r5.body).toBe(201);
    const fileId = r5.json().files[0].id as string;
    const dl = await app.inject({
      url: `/api/v1/applications/${id}/files/${fileId}`,
      headers: bearer(office),
    });
    expect(dl.statusCode).toBe(200);
    expect(dl.headers["content-type"]).toBe("application/pdf");
    expect(dl.headers["content-disposition"]).toMatch(/^attachment; /);
    expect(dl.headers["x-content-type-options"]).toBe("nosniff");
  }, 60_000);
});
