import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { gbkBytes } from "./files.test-helpers";
import { decodeUtf8, firstInvalidUtf8 } from "./text";

describe("strict UTF-8", () => {
  it("decodes UTF-8 text and drops a leading BOM", () => {
    expect(decodeUtf8(Buffer.from("政务公开 ᠮᠣᠩᠭᠣᠯ 😀", "utf8"))).toBe("政务公开 ᠮᠣᠩᠭᠣᠯ 😀");
    expect(decodeUtf8(Buffer.from("\ufeff第一行", "utf8"))).toBe("第一行");
  });

  it("refuses GBK (or any invalid byte) instead of replacing it with U+FFFD", () => {
    // Buffer#toString, which the CLI used, turns these bytes into replacement characters without a word.
    expect(gbkBytes().toString("utf8")).toContain("\ufffd");
    const e = (() => {
      try {
        decodeUtf8(gbkBytes(), "文件 a.txt ");
      } catch (x) {
        return x as { code: string; status: number; message: string };
      }
    })();
    expect(e).toMatchObject({ code: "invalid_utf8", status: 400 });
    expect(e?.message).toContain("文件 a.txt 不是有效的 UTF-8 编码（第 1 个字节起");
  });

  it("finds the first bad byte: truncated, overlong, surrogate and out-of-range sequences", () => {
    const at = (...bytes: number[]) => firstInvalidUtf8(Uint8Array.from(bytes));
    expect(at(0x41, 0xe6, 0x94)).toBe(1); // 政 cut short
    expect(at(0x41, 0xc0, 0x80)).toBe(1); // overlong NUL
    expect(at(0xed, 0xa0, 0x80)).toBe(0); // a UTF-16 surrogate
    expect(at(0xf4, 0x90, 0x80, 0x80)).toBe(0); // past U+10FFFF
    expect(at(0x41, 0x42)).toBe(-1);
  });

  it("agrees with the platform's own strict decoder on any bytes", () => {
    const strict = new TextDecoder("utf-8", { fatal: true });
    // Random bytes, and real UTF-8 text with one byte changed (mostly valid, sometimes subtly not).
    const mutated = fc
      .tuple(fc.string({ unit: "binary", maxLength: 12 }), fc.nat(), fc.integer({ min: 0, max: 255 }))
      .map(([text, at, byte]) => {
        const b = Buffer.from(text, "utf8");
        if (b.length) b[at % b.length] = byte;
        return new Uint8Array(b);
      });
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 24 }), mutated), (bytes) => {
        let valid = true;
        try {
          strict.decode(bytes);
        } catch {
          valid = false;
        }
        expect(firstInvalidUtf8(bytes) === -1).toBe(valid);
      }),
      { numRuns: 2000 },
    );
  });
});
