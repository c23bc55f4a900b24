import ExcelJS from "exceljs";
import JSZip from "jszip";
import { decodePDFRawStream, PDFDocument, PDFName, PDFRawStream } from "pdf-lib";
import { afterAll, describe, expect, it } from "vitest";
import {
  docxWithSplitId,
  embeddedFont,
  ID,
  MOBILE,
  OFFICE_PHONE,
  pdfLines,
  pdfWith,
  xlsxWithNumbers,
} from "../../../test/fixtures/review/masking-files";
import { type MaskOptions, maskText } from "../pii";
import { buildPdf } from "./files.test-helpers";
import { inspectFile, maskFile } from "./inspect";
import { maskDocx, maskXlsx } from "./mask-office";
import { filePool } from "./pool";
import { type Masker, redactPdf } from "./redact-pdf";

// Masking that keeps the format: Word and Excel masked in place, PDF text removed (not covered).

afterAll(async () => filePool().close());

const OPTIONS: MaskOptions = { maskKinds: ["id_card", "mobile", "landline"], allowPhones: [OFFICE_PHONE] };
const mask: Masker = (t) => maskText(t, OPTIONS);
const textOf = async (type: "pdf" | "docx" | "xlsx", data: Buffer) =>
  (await inspectFile(type, data, { extract: true })).text ?? "";

describe("Word masked in place", () => {
  it("masks an ID split over three runs, keeps the rest of every part byte for byte", async () => {
    const input = await docxWithSplitId();
    const before = await JSZip.loadAsync(input);
    const xmlBefore = await before.file("word/document.xml")!.async("string");
    expect(xmlBefore).not.toContain(ID); // really split over runs
    const out = await maskDocx(input, mask);
    expect(out.counts).toEqual({ id_card: 1, mobile: 1 });
    const zip = await JSZip.loadAsync(out.data);
    const xml = await zip.file("word/document.xml")!.async("string");
    // Only the characters of the findings changed: the same length, the same tags in the same places.
    expect(xml.length).toBe(xmlBefore.length);
    expect(xml.replace(/[0-9*]/g, "")).toBe(xmlBefore.replace(/[0-9*]/g, ""));
    expect(xml).toContain("<w:b/>");
    for (const name of Object.keys(before.files).filter((n) => n !== "word/document.xml" && !n.endsWith("/")))
      expect(await zip.file(name)!.async("string")).toBe(await before.file(name)!.async("string"));
    const text = await textOf("docx", Buffer.from(out.data));
    expect(text).not.toContain(ID);
    expect(text).not.toContain(MOBILE);
    expect(text).toContain(`${ID.slice(0, 4)}**********${ID.slice(14)}`);
    expect(text).toContain("关于低保对象公示的通知");
    expect(text).toContain(OFFICE_PHONE); // the office's published number is not personal information
  });

  it("returns the file untouched when there is nothing to mask", async () => {
    const input = await docxWithSplitId();
    const out = await maskDocx(input, (t) => maskText(t, { maskKinds: ["passport"] }));
    expect(out.counts).toEqual({});
    expect(Buffer.from(out.data).equals(input)).toBe(true);
  });
});

describe("Excel masked in place", () => {
  it("masks a shared string and a phone number stored as a number; keeps styles and formulas", async () => {
    const out = await maskXlsx(await xlsxWithNumbers(), mask);
    expect(out.counts).toEqual({ id_card: 1, mobile: 1 });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(out.data) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet("名单")!;
    expect(ws.getCell("B2").text).toBe(`${ID.slice(0, 4)}**********${ID.slice(14)}`);
    expect(ws.getCell("C2").text).toBe("138****5678");
    expect(ws.getCell("D2").value).toBe(1200);
    expect(ws.getCell("A1").font?.bold).toBe(true);
    expect((ws.getCell("D3").value as { formula: string }).formula).toBe("SUM(D2:D2)");
    const text = await textOf("xlsx", Buffer.from(out.data));
    expect(text).not.toContain(ID);
    expect(text).not.toContain(MOBILE);
    expect(text).toContain("王某");
  });
});

describe("PDF redaction", () => {
  for (const font of ["embedded", "standard"] as const) {
    it(`removes the text of each finding (${font === "embedded" ? "CID font, Identity-H" : "WinAnsi font"})`, async () => {
      const cjk = font === "embedded" && embeddedFont().cjk;
      const lines = pdfLines(cjk);
      const input = await pdfWith(font, lines);
      const before = await textOf("pdf", input);
      expect(before).toContain(ID);
      const out = await redactPdf(input, mask);
      expect(out.counts).toEqual({ id_card: 1, mobile: 1 });
      const after = await textOf("pdf", Buffer.from(out.data));
      expect(after).not.toContain(ID);
      expect(after).not.toContain(ID.slice(6, 14)); // no part of it either
      expect(after).not.toContain(MOBILE);
      expect(after).toContain(OFFICE_PHONE);
      expect(after).toContain(lines[2]);
      // Not in the file's bytes at all (no earlier revision, no hidden copy).
      const raw = Buffer.from(out.data).toString("latin1");
      expect(raw).not.toContain(ID);
    });
  }

  it("keeps the rest of the line where it was (the removed glyphs' width becomes a TJ displacement)", async () => {
    const input = await pdfWith("standard", [`ID ${ID} end`]);
    const out = await redactPdf(input, mask);
    const doc = await PDFDocument.load(out.data);
    const stream = doc.context.lookup(doc.getPages()[0]!.node.get(PDFName.of("Contents")));
    if (!(stream instanceof PDFRawStream)) throw new Error("no content stream");
    const content = Buffer.from(decodePDFRawStream(stream).decode()).toString("latin1");
    // Helvetica digits are 556/1000 wide: 18 of them, in place of the codes.
    expect(content).toMatch(/-10008\]? ?[<\]]/);
    expect(content).not.toMatch(/3(13|23)(13|23)/);
  });

  it("refuses a PDF whose font has no ToUnicode table, through the worker (4xx, never unmasked)", async () => {
    const content = Buffer.from("BT /F1 12 Tf 72 720 Td <0001000200030004> Tj ET", "latin1");
    const pdf = buildPdf([
      "<< /Type /Catalog /Pages 2 0 R >>",
      "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
      { dict: "", stream: content },
      "<< /Type /Font /Subtype /Type0 /BaseFont /X /Encoding /Identity-H /DescendantFonts [6 0 R] >>",
      "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /X /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 1000 >>",
    ]);
    await expect(maskFile("pdf", pdf, OPTIONS)).rejects.toMatchObject({
      code: "pdf_not_redactable",
      status: 422,
      message: expect.stringContaining("请上传已去标识化"),
    });
  });

  it("masks through the file worker and drops metadata holding a finding", async () => {
    const input = await pdfWith("standard", [`Call ${MOBILE} today.`]);
    const out = await maskFile("pdf", input, OPTIONS);
    expect(out.counts).toEqual({ mobile: 1 });
    expect(await textOf("pdf", out.data)).not.toContain(MOBILE);
    const docx = await maskFile("docx", await docxWithSplitId(), OPTIONS);
    expect(await textOf("docx", docx.data)).not.toContain(ID);
  });
});
