import { describe, expect, it } from "vitest";
import { foldMongolian } from "./mongolian";
import { parseQuery } from "./query";
import { matchRanges } from "./snippets";
import { normalise, normaliseWithMap, textTokens } from "./tokens";

const FVS1 = "\u180B";
const FVS2 = "\u180C";
const FVS3 = "\u180D";
const FVS4 = "\u180F";
const MVS = "\u180E";
const ZWJ = "\u200D";
const ZWNJ = "\u200C";
const NNBSP = "\u202F";

describe("Mongolian folding (search normaliser)", () => {
  it("removes the free variation selectors FVS1–FVS4", () => {
    const plain = "ᠭᠠᠵᠠᠷ";
    for (const fvs of [FVS1, FVS2, FVS3, FVS4])
      expect(foldMongolian(`ᠭ${fvs}ᠠᠵᠠᠷ`)).toBe(foldMongolian(plain));
    expect(foldMongolian(`ᠭ${FVS1}ᠠᠵ${FVS2}ᠠᠷ${FVS3}`)).not.toMatch(/[\u180B-\u180F]/);
  });

  it("removes MVS, ZWJ and ZWNJ, so a final vowel written apart or attached matches", () => {
    expect(foldMongolian(`ᠪᠣᠳᠣᠯᠭ${MVS}ᠠ`)).toBe(foldMongolian("ᠪᠣᠳᠣᠯᠭᠠ"));
    expect(foldMongolian(`ᠮᠡᠳᠡ${ZWJ}ᠭᠡ`)).toBe(foldMongolian("ᠮᠡᠳᠡᠭᠡ"));
    expect(foldMongolian(`ᠮᠡᠳᠡ${ZWNJ}ᠭᠡ`)).toBe(foldMongolian("ᠮᠡᠳᠡᠭᠡ"));
  });

  it("turns NNBSP before a suffix into a space, as a typed space", () => {
    expect(foldMongolian(`ᠵᠠᠰᠠᠭ${NNBSP}ᠤᠨ`)).toBe(foldMongolian("ᠵᠠᠰᠠᠭ ᠤᠨ"));
    expect(normalise(`ᠵᠠᠰᠠᠭ${NNBSP}ᠤᠨ`)).toBe(normalise("ᠵᠠᠰᠠᠭ ᠤᠨ"));
  });

  it("merges the letters that look alike inside a word", () => {
    expect(foldMongolian("ᠡ")).toBe(foldMongolian("ᠠ")); // a / e
    expect(new Set(["ᠣ", "ᠤ", "ᠥ", "ᠦ"].map(foldMongolian)).size).toBe(1); // o u ö ü
    expect(foldMongolian("ᠳ")).toBe(foldMongolian("ᠲ")); // t / d
    expect(foldMongolian("ᠭ")).toBe(foldMongolian("ᠬ")); // q / ɣ
    expect(foldMongolian("ᠪᠠᠶᠢᠭᠤᠯᠤᠮᠵᠢ")).toBe(foldMongolian("ᠪᠠᠢᠭᠤᠯᠤᠮᠵᠢ")); // y before i
    // Letters that look different stay apart.
    expect(foldMongolian("ᠨ")).not.toBe(foldMongolian("ᠯ"));
    expect(foldMongolian("ᠢ")).not.toBe(foldMongolian("ᠠ"));
    expect(foldMongolian("ᠶᠠ")).not.toBe(foldMongolian("ᠢᠠ"));
  });

  it("maps Mongolian digits to ASCII digits and leaves Chinese and Latin text alone", () => {
    expect(foldMongolian("᠒᠐᠒᠖")).toBe("2026");
    expect(foldMongolian("固阳县政务公开 Open 2026")).toBe("固阳县政务公开 Open 2026");
    expect(normalise("固阳县ABC")).toBe("固阳县abc");
  });

  it("keeps positions when folding with a map (snippets point into the original text)", () => {
    const original = `ᠪᠠᠶᠢᠭᠤᠯᠤᠮᠵᠢ${NNBSP}ᠶᠢᠨ ᠮᠡᠳᠡ${FVS1}ᠭᠡ`;
    const { text, origin } = normaliseWithMap(original);
    expect(text).toBe(normalise(original));
    expect(origin).toHaveLength(text.length);
    // Every folded character points at a character of the original that folds to it.
    for (let k = 0; k < text.length; k++) {
      const from = original[origin[k]!]!;
      if (text[k] !== " ") expect(foldMongolian(from) === text[k] || from === "ᠢ").toBe(true);
    }
    const parsed = parseQuery("ᠮᠠᠳᠠᠭᠠ");
    expect(parsed.ok && matchRanges(original, parsed.query.terms)).toEqual([
      [original.lastIndexOf("ᠮ"), original.length],
    ]);
  });

  it("gives index and query the same tokens whatever the spelling", () => {
    const indexed = textTokens(`ᠵᠠᠰᠠᠭ${NNBSP}ᠤᠨ ᠮᠡᠳᠡᠭᠡ ᠶᠢ ᠢᠯᠡ ᠪᠣᠯᠭᠠᠬᠤ ᠪᠣᠳᠣᠯᠭ${MVS}ᠠ ᠪᠠᠶᠢᠭᠤᠯᠤᠮᠵᠢ`);
    for (const typed of [
      "ᠮᠡᠳᠡᠭᠡ",
      `ᠮᠡᠳ${FVS1}ᠡᠭᠡ`,
      "ᠮᠠᠳᠠᠭᠠ", // a for e
      "ᠪᠣᠳᠣᠯᠭᠠ", // MVS left out
      "ᠪᠠᠢᠭᠤᠯᠤᠮᠵᠢ", // y left out
      "ᠪᠣᠯᠬᠠᠬᠤ", // q for ɣ
    ]) {
      const parsed = parseQuery(typed);
      expect(parsed.ok, typed).toBe(true);
      if (!parsed.ok) continue;
      for (const term of parsed.query.terms) {
        const [first] = term.phrase.tokens;
        expect(
          indexed.some((t) => (term.phrase.prefix ? t.startsWith(first!) : t === first)),
          typed,
        ).toBe(true);
      }
    }
    const zwj = parseQuery(`ᠮᠡᠳᠡ${ZWJ}ᠭᠡ`);
    expect(zwj.ok && zwj.query.terms.map((t) => t.phrase.tokens)).toEqual([[normalise("ᠮᠡᠳᠡᠭᠡ")]]);
  });
});
