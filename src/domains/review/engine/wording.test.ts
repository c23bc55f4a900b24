import { describe, expect, it } from "vitest";
import { scanText } from "./scan";

const kinds = (text: string, options = {}) =>
  scanText(text, options).map((f) => [f.kind, f.text, f.suggestion]);
const only = (kind: string, text: string) =>
  scanText(text)
    .filter((f) => f.kind === kind)
    .map((f) => [f.text, f.suggestion]);

describe("secrecy markings", () => {
  it("blocks publishing marked material", () => {
    const found = scanText("机密★1年\n关于…的通知\n内部资料 注意保存\n★绝密");
    expect(found.map((f) => [f.kind, f.severity, f.text])).toEqual([
      ["secrecy_mark", "blocking", "机密★1年"],
      ["secrecy_mark", "blocking", "内部资料"],
      ["secrecy_mark", "blocking", "注意保存"],
      ["secrecy_mark", "blocking", "★绝密"],
    ]);
    expect(found[0]!.category).toBe("secrecy");
  });

  it("does not treat laws about secrecy as markings", () => {
    const law =
      "国家秘密的密级分为绝密、机密、秘密三级。一定范围内的内部刊物和内部资料所载内容引起的纠纷，人民法院应当受理。";
    expect(only("secrecy_mark", law)).toEqual([]);
    expect(only("secrecy_mark", "内部资料性出版物管理办法")).toEqual([]);
  });
});

describe("curated wording errors", () => {
  it("flags misspelled leaders' names and state bodies as errors", () => {
    const f = scanText("深入学习习近乎新时代中国特色社会主意思想，中华人民共合国国务院总里");
    expect(f.map((x) => [x.kind, x.severity, x.text, x.suggestion])).toEqual([
      ["serious_error", "error", "习近乎", "习近平"],
      ["serious_error", "error", "中国特色社会主意", "中国特色社会主义"],
      ["serious_error", "error", "中华人民共合国", "中华人民共和国"],
      ["serious_error", "error", "国务院总里", "国务院总理"],
    ]);
  });

  it("flags agency names from before the 2018 reform, but not the new names that contain them", () => {
    expect(
      only("outdated_agency", "固阳县国土资源局、环境保护局、卫生和计划生育委员会、工商行政管理局"),
    ).toEqual([
      ["国土资源局", "自然资源局"],
      ["环境保护局", "生态环境局"],
      ["卫生和计划生育委员会", "卫生健康委员会"],
      ["工商行政管理局", "市场监督管理局"],
    ]);
    expect(only("outdated_agency", "县文化和旅游局、环境保护部门、生态环境保护局、国家税务总局")).toEqual([]);
  });
});

describe("document numbers, punctuation and dates", () => {
  it("asks for 〔〕 and plain serials in document numbers", () => {
    expect(
      only("doc_number_format", "固政发[2020]1号、固政发【2020】2号、固政发(2020)3号、固政发〔2020〕第04号"),
    ).toEqual([
      ["[2020]1号", "〔2020〕1号"],
      ["【2020】2号", "〔2020〕2号"],
      ["(2020)3号", "〔2020〕3号"],
      ["〔2020〕第04号", "〔2020〕4号"],
    ]);
    expect(only("doc_number_format", "固政发〔2020〕1号；（2020）蒙0222民初123号")).toEqual([]);
  });

  it("flags half-width punctuation in Chinese sentences only", () => {
    expect(only("mixed_punctuation", "通知如下:各单位,请按时参会(必须)到场")).toEqual([
      [":", "："],
      [",", "，"],
      ["(必须)", "（必须）"],
    ]);
    expect(only("mixed_punctuation", "上午9:00开会，see https://a.b/c?d=1,2。")).toEqual([]);
  });

  it("suggests Arabic numerals for dates written 二〇二〇年", () => {
    expect(only("chinese_numeral_date", "二〇二〇年三月十五日印发；一九九八年")).toEqual([
      ["二〇二〇年三月十五日", "2020年3月15日"],
      ["一九九八年", "1998年"],
    ]);
    expect(only("fullwidth_digits", "共２０２０元")).toEqual([["２０２０", "2020"]]);
  });
});

describe("site sensitive words and options", () => {
  it("matches the site's list, longest first, as errors in their own category", () => {
    const f = scanText("某某敏感词和敏感词组", { sensitiveWords: ["敏感词", "敏感词组", " "] });
    expect(f.map((x) => [x.kind, x.category, x.severity, x.text])).toEqual([
      ["sensitive_word", "sensitive", "error", "敏感词"],
      ["sensitive_word", "sensitive", "error", "敏感词组"],
    ]);
  });

  it("handles long lists (trie path) with the same results", () => {
    const words = Array.from({ length: 1000 }, (_, i) => `词${i}号`);
    const f = scanText("出现词7号和词999号，没有词1000号", {
      sensitiveWords: words,
      kinds: ["sensitive_word"],
    });
    expect(f.map((x) => x.text)).toEqual(["词7号", "词999号"]);
  });

  it("reports only the kinds asked for, sorted by start", () => {
    const text = "机密★ 国土资源局 13812345678";
    expect(kinds(text, { kinds: ["mobile", "secrecy_mark"] }).map((k) => k[0])).toEqual([
      "secrecy_mark",
      "mobile",
    ]);
    const all = scanText(text);
    expect(all.map((f) => f.start)).toEqual([...all.map((f) => f.start)].sort((a, b) => a - b));
  });
});
