import { describe, expect, it } from "vitest";
import { checkFile, sniffType } from "../../../platform/files";
import { contentDisposition, MAX_FILENAME_CHARS, sanitiseFilename } from "./attachments.filename";
import {
  fakeExe,
  fakeOle,
  minimalDocx,
  minimalPdf,
  minimalPng,
  minimalXlsx,
  plainZip,
} from "./attachments.test-helpers";

describe("file type by content", () => {
  it("recognises every accepted type by its bytes", async () => {
    expect(sniffType(minimalPdf("x"))).toEqual({ ok: true, type: "pdf" });
    expect(sniffType(await minimalDocx(["x"]))).toEqual({ ok: true, type: "docx" });
    expect(sniffType(await minimalXlsx([["x"]]))).toEqual({ ok: true, type: "xlsx" });
    expect(sniffType(fakeOle("WordDocument"))).toEqual({ ok: true, type: "doc" });
    expect(sniffType(fakeOle("Workbook"))).toEqual({ ok: true, type: "xls" });
    expect(sniffType(minimalPng())).toEqual({ ok: true, type: "png" });
    expect(sniffType(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]))).toEqual({ ok: true, type: "jpeg" });
    expect(sniffType(Buffer.from("GIF89a\x01\x00", "latin1"))).toEqual({ ok: true, type: "gif" });
    expect(sniffType(Buffer.from("RIFF\x10\x00\x00\x00WEBPVP8 ", "latin1"))).toEqual({
      ok: true,
      type: "webp",
    });
  });

  it("refuses everything else: executables, plain zips, other OLE files, macros, empty files, SVG", async () => {
    expect(sniffType(fakeExe())).toMatchObject({ ok: false, code: "unsupported_type" });
    expect(sniffType(await plainZip())).toMatchObject({ ok: false, code: "unsupported_type" });
    expect(sniffType(fakeOle("Foo"))).toMatchObject({ ok: false, code: "unsupported_type" });
    expect(sniffType(await minimalDocx(["x"], { macro: true }))).toMatchObject({
      ok: false,
      code: "macro_not_allowed",
    });
    expect(sniffType(Buffer.alloc(0))).toMatchObject({ ok: false, code: "empty_file" });
    expect(sniffType(Buffer.from("<svg xmlns='http://www.w3.org/2000/svg'/>"))).toMatchObject({ ok: false });
    expect(sniffType(Buffer.from("PK\x03\x04 truncated", "latin1"))).toMatchObject({ ok: false });
  });

  it("requires the extension to agree with the content", () => {
    expect(checkFile("通知.pdf", minimalPdf("x"))).toEqual({ ok: true, type: "pdf", filename: "通知.pdf" });
    expect(checkFile("照片.JPG", Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toMatchObject({ ok: true });
    expect(checkFile("setup.pdf", fakeExe())).toMatchObject({ ok: false, code: "unsupported_type" });
    expect(checkFile("图.pdf", minimalPng())).toMatchObject({ ok: false, code: "type_mismatch" });
    expect(checkFile("图.exe", minimalPng())).toMatchObject({ ok: false, code: "unsupported_type" });
    // No extension: the content decides it.
    expect(checkFile("扫描件", minimalPng())).toEqual({ ok: true, type: "png", filename: "扫描件.png" });
  });
});

describe("file names", () => {
  it("keeps Chinese names, drops paths, control and bidi characters", () => {
    expect(sanitiseFilename("关于2026年预算的通知.pdf")).toBe("关于2026年预算的通知.pdf");
    expect(sanitiseFilename("C:\\Users\\李\\桌面\\表.xlsx")).toBe("表.xlsx");
    expect(sanitiseFilename("../../etc/passwd")).toBe("passwd");
    expect(sanitiseFilename("invoice\u202Efdp.exe")).toBe("invoicefdp.exe");
    expect(sanitiseFilename('a\u0000b\r\n"c".pdf')).toBe("ab _c_.pdf");
    expect(sanitiseFilename("  ...  ")).toBe("附件");
  });

  it("shortens long names to 120 characters, keeping the extension", () => {
    const long = `${"很长的文件名".repeat(40)}.docx`;
    const out = sanitiseFilename(long);
    expect(Array.from(out)).toHaveLength(MAX_FILENAME_CHARS);
    expect(out.endsWith(".docx")).toBe(true);
  });

  it("writes Content-Disposition with an ASCII fallback and RFC 5987 filename*", () => {
    expect(contentDisposition("attachment", "2026年 预算(草案).xlsx")).toBe(
      "attachment; filename=\"2026_ __(__).xlsx\"; filename*=UTF-8''2026%E5%B9%B4%20%E9%A2%84%E7%AE%97%28%E8%8D%89%E6%A1%88%29.xlsx",
    );
    expect(contentDisposition("inline", 'a"b\\c%.pdf')).toBe(
      "inline; filename=\"a_b_c_.pdf\"; filename*=UTF-8''a%22b%5Cc%25.pdf",
    );
  });
});

// Text extraction (in the file worker) is tested in src/platform/files/extract.test.ts.
