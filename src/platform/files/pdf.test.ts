import { deflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { buildPdf, encryptedPdf, objectStreamScriptPdf, plainPdf, scriptPdf } from "./files.test-helpers";
import { screenPdf } from "./pdf";

const codeOf = async (b: Buffer) =>
  screenPdf(b).then(
    () => "accepted",
    (e: { code?: string }) => e.code ?? String(e),
  );

const catalog = (extra: string) => `<< /Type /Catalog /Pages 2 0 R ${extra}>>`;
const pages = "<< /Type /Pages /Kids [3 0 R] /Count 1 >>";
const pageWith = (extra: string) => `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] ${extra}>>`;

describe("PDF screening for active content", () => {
  it("passes ordinary PDFs, including one that opens at a page (an /OpenAction destination)", async () => {
    expect(await codeOf(plainPdf("Budget 2026"))).toBe("accepted");
    expect(await codeOf(plainPdf("Budget 2026", "/OpenAction [3 0 R /Fit] "))).toBe("accepted");
    // Words in the text itself are not names: a page that talks about JavaScript is fine.
    expect(await codeOf(plainPdf("JS JavaScript /AA is only text"))).toBe("accepted");
  });

  it("refuses JavaScript run on opening, with a clear message", async () => {
    const e = await screenPdf(scriptPdf()).catch((x) => x);
    expect(e).toMatchObject({ code: "pdf_active_content", status: 422 });
    expect(e.message).toContain("/JavaScript");
    expect(e.message).toContain("不能上传");
  });

  it("sees through #xx escapes in names and into compressed object streams", async () => {
    expect(await codeOf(scriptPdf({ escaped: true }))).toBe("pdf_active_content");
    expect(await codeOf(objectStreamScriptPdf())).toBe("pdf_active_content");
    // An object stream that does not say /Type /ObjStm is still read as one (a reader goes by /N and /First).
    const untyped = buildPdf([
      catalog("/OpenAction 4 0 R "),
      pages,
      pageWith(""),
      { dict: "/N 1 /First 4 /Filter /FlateDecode", stream: deflateSync("5 0 << /S /JavaScript /JS (x) >>") },
    ]);
    expect(await codeOf(untyped)).toBe("pdf_active_content");
  });

  it("refuses additional actions (/AA), /Launch and XFA forms", async () => {
    expect(
      await codeOf(buildPdf([catalog(""), pages, pageWith("/AA << /O 4 0 R >> "), "<< /S /Named >>"])),
    ).toBe("pdf_active_content");
    expect(
      await codeOf(
        buildPdf([catalog("/OpenAction 4 0 R "), pages, pageWith(""), "<< /S /Launch /F (cmd.exe) >>"]),
      ),
    ).toBe("pdf_active_content");
    expect(await codeOf(buildPdf([catalog("/AcroForm << /XFA 4 0 R >> "), pages, pageWith(""), "[]"]))).toBe(
      "pdf_active_content",
    );
  });

  it("refuses what it cannot read: encrypted PDFs, object streams with unusual filters", async () => {
    expect(await codeOf(encryptedPdf())).toBe("pdf_unscannable");
    const hex = buildPdf([
      catalog(""),
      pages,
      pageWith(""),
      { dict: "/Type /ObjStm /N 1 /First 4 /Filter /ASCIIHexDecode", stream: Buffer.from("3520303c3c3e3e>") },
    ]);
    expect(await codeOf(hex)).toBe("pdf_unscannable");
  });

  it("bounds the real size of its streams: a content stream inflating past 64 MB is refused", async () => {
    const huge = deflateSync(Buffer.alloc(65 * 1024 * 1024, 0x20));
    expect(huge.length).toBeLessThan(200 * 1024);
    const bomb = buildPdf([
      catalog(""),
      pages,
      pageWith("/Contents 4 0 R "),
      { dict: "/Filter /FlateDecode", stream: huge },
    ]);
    expect(await codeOf(bomb)).toBe("file_too_complex");
    // An image is not inflated by a text extractor, so it is not counted.
    const image = buildPdf([
      catalog(""),
      pages,
      pageWith(""),
      { dict: "/Type /XObject /Subtype /Image /Width 1 /Height 1 /Filter /FlateDecode", stream: huge },
    ]);
    expect(await codeOf(image)).toBe("accepted");
  });
});
