import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CHUNK_OVERLAP, CHUNK_TOKENS, chunkRanges } from "./engines";
import { parseQuery, sanitiseQuery } from "./query";
import { HOSTILE_QUERY_PARTS } from "./search.fixture";
import { segmentQuery } from "./segment";
import { bodySnippet, highlightTitle, matchRanges } from "./snippets";
import { docNumberKey, normaliseDocNumber, phraseOf, runsOf, textTokens } from "./tokens";

const terms = (q: string, dict: string[] = []) => {
  const r = parseQuery(q, dict);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.query.terms;
};

/** Whether the phrase occurs in the token list (the engines' phrase semantics, in miniature). */
function phraseIn(tokens: string[], q: string): boolean {
  const p = phraseOf(q);
  if (!p) return false;
  for (let i = 0; i + p.tokens.length <= tokens.length; i++) {
    const ok = p.tokens.every((t, k) =>
      p.prefix && k === p.tokens.length - 1 ? tokens[i + k]!.startsWith(t) : tokens[i + k] === t,
    );
    if (ok) return true;
  }
  return false;
}

describe("index tokens", () => {
  it("index Han runs as bigrams plus the last character, other runs whole", () => {
    expect(textTokens("固阳县，GDP增长2020年")).toEqual([
      "固阳",
      "阳县",
      "县",
      "gdp",
      "增长",
      "长",
      "2020",
      "年",
    ]);
    expect(textTokens("县")).toEqual(["县"]);
    expect(runsOf("ab 中文").map((r) => r.text)).toEqual(["ab", "中文"]);
  });

  it("normalise full-width letters, digits and brackets (NFKC) and lower case", () => {
    expect(textTokens("ＧＤＰ２０２０")).toEqual(["gdp2020"]);
  });

  it("turn a query into the phrase that finds it as a substring", () => {
    expect(phraseOf("乡村振兴")).toEqual({ tokens: ["乡村", "村振", "振兴"], prefix: false });
    expect(phraseOf("县")).toEqual({ tokens: ["县"], prefix: true });
    expect(phraseOf("2020年")).toEqual({ tokens: ["2020", "年"], prefix: true });
    expect(phraseOf("固阳县，人民")).toEqual({ tokens: ["固阳", "阳县", "县", "人民"], prefix: false });
    expect(phraseOf("！？")).toBeNull();
  });

  it("find every Han substring of a text, and nothing that is not one (property)", () => {
    const han = fc.constantFrom(..."固阳县人民政府乡村振兴行政复议公开镇");
    const text = fc.array(fc.oneof(han, han, han, fc.constantFrom("，", " ", "、")), {
      minLength: 1,
      maxLength: 40,
    });
    fc.assert(
      fc.property(text, fc.nat(), fc.integer({ min: 1, max: 6 }), (cs, at, len) => {
        const s = cs.join("");
        const tokens = textTokens(s);
        const start = at % s.length;
        const sub = s.slice(start, start + len);
        if (/[，、 ]/.test(sub)) return;
        expect(phraseIn(tokens, sub)).toBe(true);
        // A Han string that is not a substring is not found either.
        const other = `${sub}乡`;
        expect(phraseIn(tokens, other)).toBe(s.split(/[，、 ]/).some((run) => run.includes(other)));
      }),
      { numRuns: 400 },
    );
  });
});

describe("文号", () => {
  it("normalise every bracket style, spaces, 第 and leading zeros", () => {
    for (const n of [
      "固政发〔2020〕1号",
      "固政发[2020]1号",
      "固政发【2020】1号",
      "固政发(2020)1号",
      "固政发（2020）1号",
      "固政发［2020］01号",
      "固政发 〔2020〕 第1号",
      "固政发2020第1号",
    ]) {
      expect(normaliseDocNumber(n), n).toBe("固政发〔2020〕1号");
      expect(docNumberKey(n)?.token).toBe(docNumberKey("固政发〔2020〕1号")?.token);
    }
    expect(docNumberKey("固政发〔2020〕11号")?.token).not.toBe(docNumberKey("固政发〔2020〕1号")?.token);
    expect(docNumberKey("无文号")).toBeNull();
    expect(normaliseDocNumber(" 内部文件 ")).toBe("内部文件");
  });

  it("parse a 文号 in a query as one term, whatever its brackets", () => {
    const [t] = terms("固政发 (2020) 1号");
    expect(t?.docNumber?.canonical).toBe("固政发〔2020〕1号");
    // Up to the serial number, closed there: 1 does not find 12.
    expect(t?.phrase).toEqual({ tokens: ["固政", "政发", "发", "2020", "1"], prefix: false });
  });
});

describe("query parsing", () => {
  it("split on spaces and by jieba, keeping dictionary words whole", () => {
    expect(terms("乡村振兴 金山镇").map((t) => t.text)).toEqual(["乡村振兴", "金山镇"]);
    expect(terms("固阳县乡村振兴").map((t) => t.text)).toEqual(["固阳县", "乡村振兴"]);
    expect(terms("内蒙古自治区").map((t) => t.text)).toEqual(["内蒙古自治区"]);
    expect(segmentQuery("春坤山旅游", [])).toEqual(["春坤山", "旅游"]);
    expect(segmentQuery("大庙村委会", ["大庙村委会"])).toEqual(["大庙村委会"]);
  });

  it("join one-character words to a neighbour", () => {
    expect(terms("2020年工作报告").map((t) => t.text)).toEqual(["2020年", "工作", "报告"]);
    expect(terms("县").map((t) => t.text)).toEqual(["县"]);
  });

  it("keep quoted phrases whole, straight or curly quotes, closed or not", () => {
    expect(terms('"乡村振兴战略" 规划').map((t) => [t.text, t.quoted])).toEqual([
      ["乡村振兴战略", true],
      ["规划", false],
    ]);
    expect(terms("“行政复议”").map((t) => t.text)).toEqual(["行政复议"]);
    expect(terms('"未闭合的引号').map((t) => t.text)).toEqual(["未闭合的引号"]);
  });

  it("refuse an empty or over-long query with stable codes", () => {
    for (const q of ["", "   ", "！？。", '""', "\u0000", undefined, 42]) {
      const r = parseQuery(q);
      expect(r.ok ? null : r.problems.map((p) => p.code), String(q)).toEqual(["search_query_empty"]);
    }
    const long = parseQuery("乡".repeat(101));
    expect(long.ok ? null : long.problems.map((p) => p.code)).toEqual(["search_query_too_long"]);
    expect(parseQuery("乡".repeat(100)).ok).toBe(true);
  });

  it("remove lone surrogates, NUL and control characters", () => {
    expect(sanitiseQuery("乡\uD800村\u0000振\u200B兴\uDC00")).toBe("乡 村 振 兴");
  });

  it("never throw, whatever is typed (fuzz)", () => {
    const hostile = fc.constantFrom(...HOSTILE_QUERY_PARTS);
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(hostile, fc.string(), fc.string({ unit: "binary" }), fc.string({ unit: "grapheme" })),
          { maxLength: 12 },
        ),
        (parts) => {
          const r = parseQuery(parts.join(""));
          if (r.ok) {
            for (const t of r.query.terms)
              for (const tok of t.phrase.tokens) expect(tok).toMatch(/^[^\s"'*()\\:&|!<>^{}]+$/u);
          }
        },
      ),
      { numRuns: 500 },
    );
    expect(() => parseQuery("乡".repeat(10_000))).not.toThrow();
  });
});

describe("snippets", () => {
  const t = (q: string) => terms(q);
  it("mark matches in an escaped title, found through normalisation", () => {
    expect(highlightTitle("<b>ＧＤＰ</b>增长", t("gdp"))).toBe(
      "&#60;b&#62;<mark>ＧＤＰ</mark>&#60;/b&#62;增长",
    );
    expect(matchRanges("固政发［2020］1号文件", t("固政发(2020)1号"))).toEqual([[0, 11]]);
  });

  it("show a window around the first match, with an ellipsis where text is cut", () => {
    const body = `${"前文".repeat(100)}乡村振兴${"后文".repeat(100)}`;
    const s = bodySnippet(body, t("乡村振兴"));
    expect(s.text.startsWith("…")).toBe(true);
    expect(s.text.endsWith("…")).toBe(true);
    expect(s.html).toContain("<mark>乡村振兴</mark>");
    expect(s.text.replace(/…/g, "").length).toBeLessThanOrEqual(120);
  });

  it("never split a surrogate pair", () => {
    const body = `${"😀".repeat(100)}乡村${"😀".repeat(100)}`;
    const s = bodySnippet(body, t("乡村"));
    expect(s.text).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
  });
});

describe("PostgreSQL chunks", () => {
  it("overlap so that any phrase of up to 100 tokens lies in one chunk, and cap repeats of a token", () => {
    const main = Array.from({ length: 9000 }, (_, i) => `t${i % 500}`);
    const ranges = chunkRanges(main);
    expect(ranges[0]).toEqual([0, CHUNK_TOKENS]);
    for (let i = 1; i < ranges.length; i++) expect(ranges[i]![0]).toBe(ranges[i - 1]![1] - CHUNK_OVERLAP);
    expect(ranges[ranges.length - 1]![1]).toBe(main.length);
    // PostgreSQL keeps 256 positions per word: a chunk ends before a word repeats more than 250 times.
    const same = chunkRanges(Array.from({ length: 1000 }, () => "x"));
    expect(same.slice(0, 2)).toEqual([
      [0, 250],
      [150, 400],
    ]);
  });
});
