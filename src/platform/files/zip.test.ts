import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { bombDocx, docxOf, wideBomb, withDeclaredSize } from "./files.test-helpers";
import { ZIP_LIMITS } from "./limits";
import { inspectZip, readZipDirectory } from "./zip";

const codeOf = async (p: Promise<unknown>) =>
  p.then(
    () => "accepted",
    (e: { code?: string }) => e.code ?? String(e),
  );

describe("the ZIP inspector", () => {
  it("passes a real Word file and reports the sizes it really unpacks to", async () => {
    const docx = await docxOf(["固阳县政务公开工作要点", "一、总体要求"]);
    const report = await inspectZip(docx);
    expect(report.entries.map((e) => e.name).filter((n) => !n.endsWith("/"))).toEqual([
      "[Content_Types].xml",
      "_rels/.rels",
      "word/document.xml",
    ]);
    expect(report.totalBytes).toBe(report.entries.reduce((n, e) => n + e.size, 0));
  });

  it("refuses a .docx whose document.xml unpacks to 60 MB (a few hundred KB on the wire)", async () => {
    const bomb = await bombDocx(60);
    expect(bomb.length).toBeLessThan(400 * 1024);
    const e = await inspectZip(bomb).catch((x) => x);
    expect(e).toMatchObject({ code: "file_too_complex", status: 422 });
    expect(e.message).toContain("word/document.xml");
  });

  it("counts real bytes: the same bomb declaring 1 KB is stopped by what it inflates to, not believed", async () => {
    // The old guard summed the declared sizes (1 KB + a few hundred bytes) and let this through.
    const liar = withDeclaredSize(await bombDocx(60), "word/document.xml", 1024);
    expect(readZipDirectory(liar)!.entries.reduce((n, e) => n + e.declaredSize, 0)).toBeLessThan(4096);
    const started = Date.now();
    const e = await inspectZip(liar).catch((x) => x);
    expect(e).toMatchObject({ code: "file_too_complex" });
    expect(e.message).toContain("压缩比");
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it("refuses a ZIP whose declared sizes lie, even when the real content is small", async () => {
    const docx = await docxOf(["x"]);
    expect(await codeOf(inspectZip(withDeclaredSize(docx, "word/document.xml", 100)))).toBe("file_corrupt");
    expect(await codeOf(inspectZip(withDeclaredSize(docx, "word/document.xml", 10_000)))).toBe(
      "file_corrupt",
    );
  });

  it("caps the total of all entries, and the number of entries", async () => {
    const wide = await wideBomb(5, 2);
    const small = { ...ZIP_LIMITS, maxTotalBytes: 5 * 1024 * 1024, maxRatio: 100_000 };
    const e = await inspectZip(wide, small).catch((x) => x);
    expect(e).toMatchObject({ code: "file_too_complex" });
    expect(e.message).toContain("5 MB");
    expect(await codeOf(inspectZip(wide, { ...ZIP_LIMITS, maxEntries: 4 }))).toBe("file_too_complex");
    // With the real limits, each 2 MB run of spaces is a bomb by its ratio.
    expect(await codeOf(inspectZip(wide))).toBe("file_too_complex");
  });

  it("refuses corrupt data, a wrong CRC, encryption, unknown methods, overlapping and duplicate entries", async () => {
    const stored = await new JSZip()
      .file("[Content_Types].xml", "<Types/>")
      .file("word/document.xml", "<w:document/>")
      .generateAsync({ type: "nodebuffer", compression: "STORE" });
    const at = stored.indexOf("<w:document/>");
    const flipped = Buffer.from(stored);
    flipped[at + 1] = 0x78; // same size, other bytes: only the CRC can tell
    expect(await codeOf(inspectZip(flipped))).toBe("file_corrupt");

    const dir = readZipDirectory(stored)!;
    const centralOf = (name: string) => stored.indexOf(Buffer.from(name), dir.directoryOffset) - 46;
    const patch = (fn: (b: Buffer, central: number) => void) => {
      const b = Buffer.from(stored);
      fn(b, centralOf("word/document.xml"));
      return b;
    };
    expect(await codeOf(inspectZip(patch((b, c) => b.writeUInt16LE(1, c + 8))))).toBe("file_corrupt");
    expect(await codeOf(inspectZip(patch((b, c) => b.writeUInt16LE(12, c + 10))))).toBe("file_corrupt");
    // Two directory records pointing at the same data: the second now names the first's local header.
    expect(await codeOf(inspectZip(patch((b, c) => b.writeUInt32LE(0, c + 42))))).toBe("file_corrupt");
    // The first entry's data stretched over the second's header (a "quoted" overlapping bomb).
    const first = dir.entries[0]!;
    const grow = dir.entries[1]!.localOffset + 30 + 17 - (first.localOffset + 30 + first.name.length);
    const quoted = patch((b) => {
      const c = dir.directoryOffset;
      for (const at of [c + 20, c + 24]) b.writeUInt32LE(grow, at);
      for (const at of [first.localOffset + 18, first.localOffset + 22]) b.writeUInt32LE(grow, at);
    });
    const overlap = await inspectZip(quoted).catch((x) => x);
    expect(overlap).toMatchObject({ code: "file_corrupt" });
    expect(overlap.message).toContain("重叠");
    expect(await codeOf(inspectZip(Buffer.from("PK\x03\x04 not really a zip", "latin1")))).toBe(
      "file_corrupt",
    );

    const deflated = await docxOf(["正文"]);
    const broken = Buffer.from(deflated);
    const d = readZipDirectory(deflated)!.entries.find((e) => e.name === "word/document.xml")!;
    broken.fill(0xff, d.localOffset + 30 + d.name.length, d.localOffset + 30 + d.name.length + 8);
    expect(await codeOf(inspectZip(broken))).toBe("file_corrupt");
  });
});
