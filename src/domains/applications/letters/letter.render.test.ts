import JSZip from "jszip";
import mammoth from "mammoth";
import { beforeAll, describe, expect, it } from "vitest";
import { AppError } from "../../../platform/errors";
import { TEST_LETTERHEAD, TEST_VALUES } from "./letter.fixtures";
import { LETTER_KINDS, type LetterKind } from "./letter.outcomes";
import { preloadLetterFonts } from "./letter.pdf";
import { fillTemplate, renderLetterDocx, renderLetterPdf } from "./letter.render";
import { DEFAULT_LETTER_TEMPLATES } from "./letter.templates";

const letterFor = (kind: LetterKind) => fillTemplate(DEFAULT_LETTER_TEMPLATES[kind], TEST_VALUES);

/** Who the letter is addressed to: the applicant, except the consultation letter to the third party. */
const addressee = (kind: LetterKind) =>
  kind === "consultation" ? TEST_VALUES.third_party_name : TEST_VALUES.applicant_name;

let pdfjsReady: Promise<void> | undefined;

/** Same approach as platform/files/parsers.ts: unpdf 1.0.0 needs its PDF.js registered explicitly. */
async function pdfText(data: Buffer): Promise<{ pages: number; text: string }> {
  const unpdf = await import("unpdf");
  pdfjsReady ??= unpdf.definePDFJSModule(() => import("unpdf/pdfjs"));
  await pdfjsReady;
  const doc = await unpdf.getDocumentProxy(new Uint8Array(data), {
    verbosity: 0,
    isEvalSupported: false,
    disableFontFace: true,
  });
  try {
    const { text, totalPages } = await unpdf.extractText(doc, { mergePages: true });
    return { pages: totalPages, text };
  } finally {
    void doc.destroy();
  }
}

/** PDF text comes back with a line break wherever the page wrapped. */
const unwrap = (s: string) => s.replace(/\s+/g, "");

describe("renderLetterDocx", () => {
  it.each(LETTER_KINDS)("%s: a valid Word file with the letter's text", async (kind) => {
    const letter = letterFor(kind);
    const buf = await renderLetterDocx(letter, TEST_LETTERHEAD);
    expect(buf.subarray(0, 2).toString("latin1")).toBe("PK");
    const zip = await JSZip.loadAsync(buf);
    const xml = await zip.file("word/document.xml")!.async("string");
    expect(xml).toContain(addressee(kind));
    expect(xml).toContain(letter.title);
    expect(xml).toContain(TEST_LETTERHEAD.name);
    if (letter.paragraphs.includes(TEST_VALUES.outcome_text)) expect(xml).toContain(TEST_VALUES.outcome_text);
    if (kind === "consultation") expect(xml).not.toContain(TEST_VALUES.applicant_name);
    const raw = (await mammoth.extractRawText({ buffer: buf })).value;
    for (const p of letter.paragraphs) expect(raw).toContain(p);
  });

  it("uses A4, 仿宋 body, a red letterhead and rule, indented paragraphs and page numbers", async () => {
    const buf = await renderLetterDocx(letterFor("disclose"), TEST_LETTERHEAD);
    const zip = await JSZip.loadAsync(buf);
    const xml = await zip.file("word/document.xml")!.async("string");
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(xml).toContain('w:eastAsia="仿宋"');
    expect(xml).toContain('w:eastAsia="宋体"');
    expect(xml).toContain('<w:color w:val="E60012"/>');
    expect(xml).toMatch(/<w:bottom w:val="thickThinSmallGap"[^>]*w:color="E60012"/);
    expect(xml).toMatch(/w:firstLineChars="200"/);
    expect(xml).toContain(TEST_VALUES.outcome_text);
    const footers = Object.keys(zip.files).filter((f) => /^word\/footer\d*\.xml$/.test(f));
    expect(footers.length).toBeGreaterThan(0);
    expect(await zip.file(footers[0]!)!.async("string")).toContain("PAGE");
  });

  it("keeps markup-looking values as text", async () => {
    const letter = fillTemplate(DEFAULT_LETTER_TEMPLATES.disclose, {
      ...TEST_VALUES,
      applicant_name: '<w:t>"李&四"</w:t>',
    });
    const raw = (await mammoth.extractRawText({ buffer: await renderLetterDocx(letter, TEST_LETTERHEAD) }))
      .value;
    expect(raw).toContain('<w:t>"李&四"</w:t>：');
  });
});

describe("renderLetterPdf", () => {
  beforeAll(async () => {
    await preloadLetterFonts();
  }, 20_000);

  it.each(LETTER_KINDS)("%s: a PDF whose text has the letter in it", async (kind) => {
    const letter = letterFor(kind);
    const buf = await renderLetterPdf(letter, TEST_LETTERHEAD);
    expect(buf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const { pages, text } = await pdfText(buf);
    expect(pages).toBeGreaterThanOrEqual(1);
    const flat = unwrap(text);
    expect(flat).toContain(addressee(kind));
    expect(flat).toContain(letter.title);
    expect(flat).toContain(TEST_LETTERHEAD.name);
    // Every paragraph, as the text and the Word file have it (page numbers between pages left out).
    const body = unwrap(text).replace(/—\d+—/g, "");
    for (const p of letter.paragraphs) expect(body, `${kind}: ${p}`).toContain(unwrap(p));
    if (letter.paragraphs.includes(TEST_VALUES.outcome_text))
      expect(flat).toContain(TEST_VALUES.outcome_text);
    if (kind === "consultation") expect(flat).not.toContain(TEST_VALUES.applicant_name);
    // Page numbers: — 1 — on the first page, and one per page.
    expect(flat).toContain("—1—");
    expect(flat).toContain(`—${pages}—`);
  });

  it("embeds a subset of Noto Serif CJK, not the whole font", async () => {
    const buf = await renderLetterPdf(letterFor("partial"), TEST_LETTERHEAD);
    const latin = buf.toString("latin1");
    expect(latin).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSerifCJKsc-Regular/);
    expect(latin).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSerifCJKsc-Bold/);
    expect(latin).toContain("/ToUnicode");
    expect(buf.length).toBeLessThan(600_000);
  });

  it("says which font is missing instead of failing obscurely", async () => {
    const e = await renderLetterPdf(letterFor("disclose"), TEST_LETTERHEAD, {
      regular: { path: "/nonexistent/font.ttc", postscriptName: "X" },
    }).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe("letter_font_missing");
  });
});
