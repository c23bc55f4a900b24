import { afterAll, describe, expect, it } from "vitest";
import { FILE_TYPES, servesInline } from "./file-types";
import { bombDocx, docxOf, scriptPdf } from "./files.test-helpers";
import { checkUpload } from "./inspect";
import { uploadRefusal } from "./limits";
import { filePool } from "./pool";

afterAll(async () => filePool().close());

describe("checking an upload", () => {
  it("accepts a real file, typed by content, with its text", async () => {
    const r = await checkUpload("要点", await docxOf(["固阳县"]), { extract: true });
    expect(r).toEqual({
      ok: true,
      type: "docx",
      filename: "要点.docx",
      extracted: { text: "固阳县", error: null },
    });
  }, 60_000);

  it("turns every refusal into a problem naming the file", async () => {
    expect(await checkUpload("a.pdf", Buffer.from("MZ\x90\x00"))).toMatchObject({
      ok: false,
      problem: { field: "file", code: "unsupported_type" },
    });
    expect(await checkUpload("脚本.pdf", scriptPdf())).toMatchObject({
      ok: false,
      problem: {
        field: "file",
        code: "pdf_active_content",
        message: expect.stringMatching(/^“脚本.pdf”：PDF/),
      },
    });
    expect(await checkUpload("炸弹.docx", await bombDocx(60), { extract: true })).toMatchObject({
      ok: false,
      problem: { code: "file_too_complex" },
    });
  }, 60_000);
});

describe("refusals and serving", () => {
  const p = (code: string) => ({ field: "file", code, message: code });

  it("gives the module's own code and status when every problem is that one", () => {
    expect(uploadRefusal([p("pdf_active_content")], "m")).toMatchObject({
      code: "pdf_active_content",
      status: 422,
    });
    expect(uploadRefusal([p("file_too_complex"), p("file_too_complex")], "m")).toMatchObject({
      code: "file_too_complex",
      status: 422,
    });
    expect(uploadRefusal([p("file_too_large"), p("file_too_complex")], "m")).toMatchObject({ status: 413 });
    expect(uploadRefusal([p("type_mismatch"), p("unsupported_type")], "m")).toMatchObject({
      code: "unsupported_type",
      status: 415,
    });
    expect(uploadRefusal([p("file_corrupt"), p("no_text")], "m")).toMatchObject({
      code: "validation_failed",
      status: 400,
    });
  });

  it("serves images inline and PDFs (which may carry scripts) as downloads", () => {
    expect(servesInline(FILE_TYPES.png.mime)).toBe(true);
    expect(servesInline(FILE_TYPES.pdf.mime)).toBe(false);
    expect(servesInline("text/html")).toBe(false);
  });
});
