import ExcelJS from "exceljs";
import { afterAll, describe, expect, it } from "vitest";
import { docxOf, longDocx, plainPdf, scriptPdf, withDeclaredSize } from "./files.test-helpers";
import { inspectFile } from "./inspect";
import { EXTRACT_LIMITS, WORKER_LIMITS } from "./limits";
import { FileWorkerPool, filePool } from "./pool";

// Extraction runs in the file worker (worker-entry.mjs → worker.ts, through tsx), as the server runs it.

afterAll(async () => filePool().close());

async function xlsxOf(rows: Array<Array<string | number>>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("统计表");
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The longest the main thread's event loop went without turning, while `work` ran. */
async function longestStall<T>(work: () => Promise<T>): Promise<{ result: T; stallMs: number }> {
  let last = performance.now();
  let stallMs = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    stallMs = Math.max(stallMs, now - last);
    last = now;
  }, 5);
  try {
    const result = await work();
    return { result, stallMs: Math.max(stallMs, performance.now() - last) };
  } finally {
    clearInterval(timer);
  }
}

describe("text extraction in the file worker", () => {
  it("extracts PDF, Word and Excel text", async () => {
    expect(await inspectFile("pdf", plainPdf("Budget report 2026 (draft)"), { extract: true })).toEqual({
      text: "Budget report 2026 (draft)",
      error: null,
    });
    const docx = await docxOf(["固阳县政务公开工作要点", "联系电话：0472-1234567"]);
    expect(await inspectFile("docx", docx, { extract: true })).toEqual({
      text: "固阳县政务公开工作要点\n\n联系电话：0472-1234567",
      error: null,
    });
    const xlsx = await xlsxOf([
      ["项目", "金额"],
      ["道路维修", 120000],
    ]);
    expect(await inspectFile("xlsx", xlsx, { extract: true })).toEqual({
      text: "【统计表】\n项目\t金额\n道路维修\t120000",
      error: null,
    });
  }, 60_000);

  it("records, and does not throw, when a parser fails; types without text get none", async () => {
    const broken = Buffer.concat([plainPdf("x").subarray(0, 40), Buffer.from("garbage")]);
    const r = await inspectFile("pdf", broken, { extract: true });
    expect(r.text).toBeNull();
    expect(r.error).toMatch(/无法提取文本|没有可提取/);
    const ole = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    expect(await inspectFile("doc", ole, { extract: true })).toEqual({
      text: null,
      error: expect.stringContaining("不提取文本"),
    });
    expect(await inspectFile("png", Buffer.from([0x89, 0x50]), { extract: true })).toEqual({
      text: null,
      error: null,
    });
  }, 60_000);

  it("keeps at most maxChars characters", async () => {
    const docx = await docxOf(["一二三四五六七八九十"]);
    const cut = await inspectFile("docx", docx, { extract: true, limits: { maxChars: 4 } });
    expect(cut).toEqual({ text: "一二三四", error: expect.stringContaining("只保存了前 4 字") });
  }, 60_000);

  it("inspects before it parses: a lying ZIP and a PDF with a script are refused in the worker", async () => {
    const liar = withDeclaredSize(await docxOf(["x"]), "word/document.xml", 100);
    await expect(inspectFile("docx", liar, { extract: true })).rejects.toMatchObject({
      code: "file_corrupt",
    });
    await expect(inspectFile("pdf", scriptPdf())).rejects.toMatchObject({ code: "pdf_active_content" });
  }, 60_000);

  it("kills a worker that passes its deadline; the caller gets a 4xx and the next file a fresh worker", async () => {
    const pool = new FileWorkerPool({ ...WORKER_LIMITS, poolSize: 1 });
    try {
      const job = {
        type: "docx" as const,
        data: await docxOf(["超时"]),
        extract: true,
        limits: EXTRACT_LIMITS,
      };
      const e = await pool.run(job, 1).catch((x) => x);
      expect(e).toMatchObject({ code: "file_extraction_timeout", status: 422 });
      expect(e.message).toContain("超时");
      const next = await pool.run(job, 30_000);
      expect(next).toMatchObject({ ok: true, text: "超时" });
      expect(pool.size).toBe(1);
    } finally {
      await pool.close();
    }
  }, 60_000);

  it("kills a worker that passes its heap limit: file_too_complex, and the server goes on", async () => {
    // A long but honest document passes the ZIP caps; parsing it needs far more than 48 MB of heap.
    const pool = new FileWorkerPool({ ...WORKER_LIMITS, poolSize: 1, maxOldGenerationSizeMb: 48 });
    try {
      const docx = await longDocx(2);
      const e = await pool
        .run({ type: "docx", data: docx, extract: true, limits: EXTRACT_LIMITS }, 60_000)
        .catch((x) => x);
      expect(e).toMatchObject({ code: "file_too_complex", status: 422 });
      expect(e.message).toContain("内存");
      const small = await pool.run(
        { type: "docx", data: await docxOf(["之后"]), extract: true, limits: EXTRACT_LIMITS },
        30_000,
      );
      expect(small).toMatchObject({ ok: true, text: "之后" });
    } finally {
      await pool.close();
    }
  }, 90_000);

  it("leaves the main thread free while a heavy document is parsed", {
    retry: 2,
    timeout: 90_000,
  }, async () => {
    // On the main thread (before the worker), mammoth held the event loop for the whole parse: seconds.
    const docx = await longDocx(2);
    await inspectFile("docx", await docxOf(["warm-up"]), { extract: true }); // the worker's start-up is not the point
    const { result, stallMs } = await longestStall(() =>
      inspectFile("docx", docx, { extract: true, limits: { maxChars: 10 } }),
    );
    expect(result.text).toHaveLength(10);
    expect(stallMs).toBeLessThan(200);
  });
});
