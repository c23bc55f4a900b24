import { describe, expect, it } from "vitest";
import { cfbNames } from "./cfb";
import { checkFile, sniffType } from "./sniff";

/** A minimal, valid compound file (MS-CFB v3): sector 0 is the FAT, sector 1 the directory with `names`. */
function compoundFile(names: Array<[string, number]>): Buffer {
  const header = Buffer.alloc(512);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header, 0);
  header.writeUInt16LE(0x3e, 0x18);
  header.writeUInt16LE(3, 0x1a);
  header.writeUInt16LE(0xfffe, 0x1c);
  header.writeUInt16LE(9, 0x1e);
  header.writeUInt16LE(6, 0x20);
  header.writeUInt32LE(1, 0x2c); // one FAT sector
  header.writeUInt32LE(1, 0x30); // the directory starts at sector 1
  header.writeUInt32LE(4096, 0x38);
  header.writeUInt32LE(0xfffffffe, 0x3c);
  header.writeUInt32LE(0xfffffffe, 0x44);
  for (let i = 0; i < 109; i++) header.writeUInt32LE(i === 0 ? 0 : 0xffffffff, 0x4c + i * 4);
  const fat = Buffer.alloc(512, 0xff);
  fat.writeUInt32LE(0xfffffffd, 0); // sector 0: the FAT itself
  fat.writeUInt32LE(0xfffffffe, 4); // sector 1: the directory, one sector
  const dir = Buffer.alloc(512);
  [["Root Entry", 5] as [string, number], ...names].forEach(([name, type], i) => {
    const e = i * 128;
    dir.write(name, e, "utf16le");
    dir.writeUInt16LE((name.length + 1) * 2, e + 64);
    dir[e + 66] = type;
  });
  return Buffer.concat([header, fat, dir]);
}

describe("compound files (.doc, .xls)", () => {
  it("reads the directory's names", () => {
    expect(
      cfbNames(
        compoundFile([
          ["WordDocument", 2],
          ["1Table", 2],
        ]),
      ),
    ).toEqual(["Root Entry", "WordDocument", "1Table"]);
  });

  it("tells Word from Excel and refuses VBA macros in either", () => {
    expect(sniffType(compoundFile([["WordDocument", 2]]))).toEqual({ ok: true, type: "doc" });
    expect(sniffType(compoundFile([["Workbook", 2]]))).toEqual({ ok: true, type: "xls" });
    for (const macro of ["Macros", "_VBA_PROJECT_CUR"]) {
      const r = sniffType(
        compoundFile([
          ["WordDocument", 2],
          [macro, 1],
        ]),
      );
      expect(r).toMatchObject({ ok: false, code: "macro_not_allowed" });
      expect(
        checkFile(
          "通知.doc",
          compoundFile([
            ["Workbook", 2],
            [macro, 1],
          ]),
        ),
      ).toMatchObject({
        ok: false,
        code: "macro_not_allowed",
      });
    }
  });

  it("does not take a document's text for a macro storage", () => {
    // "Macros" written in the body (UTF-16, as Word stores text) is not a directory entry.
    const file = Buffer.concat([
      compoundFile([["WordDocument", 2]]),
      Buffer.from("Macros _VBA_PROJECT_CUR", "utf16le"),
    ]);
    expect(sniffType(file)).toEqual({ ok: true, type: "doc" });
  });

  it("falls back to the names anywhere in a damaged file, macros included, and survives loops", () => {
    const head = Buffer.alloc(600);
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(head, 0);
    const damaged = Buffer.concat([head, Buffer.from("WordDocument\u0000Macros\u0000", "utf16le")]);
    expect(cfbNames(damaged)).toBeUndefined();
    expect(sniffType(damaged)).toMatchObject({ ok: false, code: "macro_not_allowed" });
    const loop = compoundFile([["WordDocument", 2]]);
    loop.writeUInt32LE(1, 512 + 4); // the directory's next sector is itself
    expect(cfbNames(loop)).toBeUndefined();
  });
});
