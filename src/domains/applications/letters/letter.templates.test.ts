import { describe, expect, it } from "vitest";
import { errorOf, TEST_VALUES } from "./letter.fixtures";
import {
  LETTER_KINDS,
  type LetterKind,
  OUTCOME_LABELS,
  OUTCOME_REPORT_ROWS,
  REPLY_OUTCOMES,
} from "./letter.outcomes";
import { partialLegalBasis } from "./letter.remedies";
import { fillTemplate, formatChineseDate, placeholdersIn, validateTemplate } from "./letter.render";
import { DEFAULT_LETTER_TEMPLATES, formatDocNumber, type LetterTemplate } from "./letter.templates";

const bodyOf = (kind: LetterKind) =>
  DEFAULT_LETTER_TEMPLATES[kind].paragraphs.map((p) => (typeof p === "string" ? p : p.text)).join("\n");

describe("outcome tables", () => {
  it("label every outcome and place it in its own row of table 三", () => {
    expect(Object.keys(OUTCOME_LABELS).sort()).toEqual([...REPLY_OUTCOMES].sort());
    expect(Object.keys(OUTCOME_REPORT_ROWS).sort()).toEqual([...REPLY_OUTCOMES].sort());
    expect(new Set(Object.values(OUTCOME_REPORT_ROWS)).size).toBe(REPLY_OUTCOMES.length);
    expect(new Set(Object.values(OUTCOME_LABELS)).size).toBe(REPLY_OUTCOMES.length);
  });

  it("use the annual report's wording and rows", () => {
    expect(OUTCOME_LABELS.disclose).toBe("予以公开");
    expect(OUTCOME_LABELS["withhold.state_secret"]).toBe("不予公开—属于国家秘密");
    expect(OUTCOME_LABELS["other.other"]).toBe("其他处理—其他");
    expect(OUTCOME_REPORT_ROWS.partial).toBe("三（二）");
    expect(OUTCOME_REPORT_ROWS["withhold.administrative_query"]).toBe("三（三）8");
    expect(OUTCOME_REPORT_ROWS["unable.still_unclear"]).toBe("三（四）3");
    expect(OUTCOME_REPORT_ROWS["not_handled.confirmation"]).toBe("三（五）5");
    expect(OUTCOME_REPORT_ROWS["other.fee_unpaid"]).toBe("三（六）2");
    // Each group's rows are numbered 1..n in the order of REPLY_OUTCOMES, as in the report.
    const rows = REPLY_OUTCOMES.map((o) => OUTCOME_REPORT_ROWS[o]);
    expect(rows.slice(2, 10)).toEqual([1, 2, 3, 4, 5, 6, 7, 8].map((n) => `三（三）${n}`));
  });
});

describe("default templates", () => {
  it("exist for every kind and pass validation", () => {
    for (const kind of LETTER_KINDS) {
      const t = DEFAULT_LETTER_TEMPLATES[kind];
      expect(t.kind).toBe(kind);
      expect(validateTemplate(t)).toEqual([]);
    }
  });

  it("quote the article each decision rests on", () => {
    const cites: [LetterKind, string[]][] = [
      ["disclose", ["第三十六条第（一）项", "第三十六条第（二）项"]],
      ["partial", ["第三十七条"]],
      ["withhold.state_secret", ["第十四条", "依法确定为国家秘密的政府信息", "第三十六条第（三）项"]],
      ["withhold.prohibited_by_law", ["第十四条", "法律、行政法规禁止公开"]],
      ["withhold.security_stability", ["第十四条", "经济安全、社会稳定"]],
      ["withhold.third_party", ["第十五条", "第三方同意公开"]],
      ["withhold.internal_affairs", ["第十六条第一款", "内部事务信息"]],
      ["withhold.process_info", ["第十六条第二款", "过程性信息"]],
      ["withhold.enforcement_file", ["第十六条第二款", "行政执法案卷信息"]],
      ["withhold.administrative_query", ["第三十六条第（七）项"]],
      ["unable.not_held", ["第三十六条第（四）项", "第三十六条第（五）项"]],
      ["unable.needs_creation", ["第三十八条", "加工、分析"]],
      ["unable.still_unclear", ["第三十条"]],
      ["not_handled.petition", ["第三十九条第一款"]],
      ["not_handled.repeated", ["第三十六条第（六）项"]],
      ["not_handled.publication", ["第三十九条第二款"]],
      ["not_handled.excessive", ["第三十五条"]],
      ["other.no_correction", ["第三十条", "视为放弃申请"]],
      ["other.fee_unpaid", ["第四十二条", "国办函〔2020〕109号"]],
      ["correction", ["第三十条", "7个工作日内一次性告知", "{correction_items}", "{correction_deadline}"]],
      ["extension", ["第三十三条第二款", "不得超过20个工作日", "{extension_days}", "{new_due_on}"]],
      ["fee_notice", ["第四十二条", "国办函〔2020〕109号", "{fee_text}", "{fee_deadline}"]],
      ["consultation", ["第三十二条", "15个工作日", "{consultation_deadline}"]],
      ["reasons_request", ["第三十五条", "可以要求申请人说明理由", "{reasons_deadline}"]],
      ["delayed_reply", ["第三十五条", "确定延迟答复的合理期限", "第三十三条", "{new_due_on}"]],
    ];
    for (const [kind, needles] of cites) {
      for (const n of needles) expect(bodyOf(kind), `${kind} should contain ${n}`).toContain(n);
    }
  });

  it("cite, per reply outcome, the articles of the outcome chosen and no other ground to withhold", () => {
    // What each reply letter (filled, partial with a third-party ground) cites; the other grounds' articles
    // (第十四条, 第十五条, 第十六条) must not appear unless listed.
    const GROUNDS = ["第十四条", "第十五条", "第十六条第一款", "第十六条第二款"];
    const cites: Record<(typeof REPLY_OUTCOMES)[number], string[]> = {
      disclose: ["第三十六条第（一）项", "第三十六条第（二）项"],
      partial: ["第三十七条", "第十五条"],
      "withhold.state_secret": ["第十四条", "第三十六条第（三）项"],
      "withhold.prohibited_by_law": ["第十四条", "第三十六条第（三）项"],
      "withhold.security_stability": ["第十四条", "第三十六条第（三）项"],
      "withhold.third_party": ["第十五条", "第三十六条第（三）项"],
      "withhold.internal_affairs": ["第十六条第一款", "第三十六条第（三）项"],
      "withhold.process_info": ["第十六条第二款", "第三十六条第（三）项"],
      "withhold.enforcement_file": ["第十六条第二款", "第三十六条第（三）项"],
      "withhold.administrative_query": ["第三十六条第（七）项"],
      "unable.not_held": ["第三十六条第（四）项"],
      "unable.needs_creation": ["第三十八条"],
      "unable.still_unclear": ["第二十九条第二款第（二）项", "第三十条"],
      "not_handled.petition": ["第三十九条第一款"],
      "not_handled.repeated": ["第三十六条第（六）项"],
      "not_handled.publication": ["第三十九条第二款"],
      "not_handled.excessive": ["第三十五条"],
      "not_handled.confirmation": ["第二条"],
      "other.no_correction": ["第三十条"],
      "other.fee_unpaid": ["第四十二条"],
      "other.other": [],
    };
    for (const outcome of REPLY_OUTCOMES) {
      const values = {
        ...TEST_VALUES,
        legal_basis: outcome === "partial" ? partialLegalBasis("withhold.third_party", false) : "",
      };
      const text = fillTemplate(DEFAULT_LETTER_TEMPLATES[outcome], values).paragraphs.join("\n");
      for (const article of cites[outcome]) expect(text, `${outcome} cites ${article}`).toContain(article);
      for (const ground of GROUNDS.filter((g) => !cites[outcome].includes(g)))
        expect(text, `${outcome} must not cite ${ground}`).not.toContain(ground);
    }
  });

  it("partial without a recorded ground leaves the 不予公开的依据 paragraph out", () => {
    const text = fillTemplate(DEFAULT_LETTER_TEMPLATES.partial, {
      ...TEST_VALUES,
      legal_basis: "",
    }).paragraphs;
    expect(text.join("\n")).not.toContain("不予公开的依据");
    expect(text.join("\n")).toContain("对不予公开的内容，理由如下");
  });

  it("third_party: says a third party was consulted (Art. 32) without naming it", () => {
    const t = DEFAULT_LETTER_TEMPLATES["withhold.third_party"];
    const consulted = fillTemplate(t, TEST_VALUES).paragraphs.join("\n");
    expect(consulted).toContain("第三十二条");
    expect(consulted).not.toContain(TEST_VALUES.third_party_name);
    const { third_party_name: _t, ...rest } = TEST_VALUES;
    expect(fillTemplate(t, rest).paragraphs.join("\n")).not.toContain("第三十二条");
  });

  it("close every final reply and the fee notice with the remedies", () => {
    for (const kind of [...REPLY_OUTCOMES, "fee_notice"] as const) {
      expect(bodyOf(kind)).toContain("{review_rights}");
      const letter = fillTemplate(DEFAULT_LETTER_TEMPLATES[kind], TEST_VALUES);
      const text = letter.paragraphs.join("\n");
      expect(text).toContain("60日内向固阳县人民政府申请行政复议");
      expect(text).toContain("6个月内依法向人民法院提起行政诉讼");
    }
    for (const kind of REPLY_OUTCOMES)
      expect(DEFAULT_LETTER_TEMPLATES[kind].title).toBe("政府信息公开申请答复书");
  });

  it("never tell the third party who applied", () => {
    const all = JSON.stringify(DEFAULT_LETTER_TEMPLATES.consultation);
    expect(placeholdersIn(all)).not.toContain("applicant_name");
    expect(all).toContain("{third_party_name}");
  });
});

describe("fillTemplate", () => {
  it("fills every placeholder and writes ISO dates the Chinese way", () => {
    const letter = fillTemplate(DEFAULT_LETTER_TEMPLATES["withhold.third_party"], TEST_VALUES);
    expect(letter.salutation).toBe("乌云其木格：");
    expect(letter.docNumber).toBe("固政办依复〔2025〕3号");
    expect(letter.date).toBe("2025年3月20日");
    expect(letter.paragraphs[0]).toBe(
      "本机关于2025年3月3日收到您提出的政府信息公开申请（申请编号：GK-2025-000123），您申请获取“固阳县2024年城乡居民最低生活保障资金发放情况”。",
    );
    expect(letter.paragraphs.join("")).not.toMatch(/\{[a-z_]+\}/);
  });

  it("lists every missing placeholder in one error", () => {
    const { applicant_name: _a, reasons: _r, review_rights: _v, ...rest } = TEST_VALUES;
    const e = errorOf(() => fillTemplate(DEFAULT_LETTER_TEMPLATES["withhold.state_secret"], rest));
    expect(e.code).toBe("letter_placeholders_missing");
    expect(e.status).toBe(400);
    expect(e.message).toContain("{applicant_name}");
    expect(e.details.map((d) => d.field).sort()).toEqual(["applicant_name", "reasons", "review_rights"]);
  });

  it("treats null like missing and an empty string as given", () => {
    expect(
      errorOf(() => fillTemplate(DEFAULT_LETTER_TEMPLATES.extension, { ...TEST_VALUES, reasons: null }))
        .details,
    ).toEqual([{ field: "reasons", code: "placeholder_missing", message: "缺少 {reasons} 的内容。" }]);
    expect(() =>
      fillTemplate(DEFAULT_LETTER_TEMPLATES.extension, { ...TEST_VALUES, reasons: "" }),
    ).not.toThrow();
  });

  it("includes conditional paragraphs only when their value is present", () => {
    const t = DEFAULT_LETTER_TEMPLATES["unable.not_held"];
    const notExists = fillTemplate(t, TEST_VALUES).paragraphs.join("\n");
    expect(notExists).toContain("该政府信息不存在");
    expect(notExists).not.toContain("第三十六条第（五）项");
    const elsewhere = fillTemplate(t, { ...TEST_VALUES, other_agency: "固阳县民政局（电话 0472-8125678）" });
    expect(elsewhere.paragraphs.join("\n")).toContain("该信息由固阳县民政局（电话 0472-8125678）负责公开");
    expect(elsewhere.paragraphs.join("\n")).not.toContain("该政府信息不存在");

    const { where_published: _w, fee_text: _f, ...noOptional } = TEST_VALUES;
    const disclose = fillTemplate(DEFAULT_LETTER_TEMPLATES.disclose, noOptional).paragraphs.join("\n");
    expect(disclose).not.toContain("已经主动公开");
    expect(disclose).not.toContain("信息处理费");
    expect(disclose).toContain("现向您提供：《固阳县2024年低保资金发放汇总表》");
  });

  it("prints values as typed: no second expansion, no markup", () => {
    const letter = fillTemplate(DEFAULT_LETTER_TEMPLATES.disclose, {
      ...TEST_VALUES,
      applicant_name: "<b>{reasons}</b> & Co.",
    });
    expect(letter.salutation).toBe("<b>{reasons}</b> & Co.：");
  });

  it("splits multi-line values into paragraphs and drops characters Word cannot store", () => {
    const letter = fillTemplate(DEFAULT_LETTER_TEMPLATES.correction, {
      ...TEST_VALUES,
      correction_items: "1. 写明信息名称；\r\n2. 补充身份证明。\u0007\n\n",
      applicant_name: "张\u0000三\n先生",
    });
    expect(letter.paragraphs).toContain("1. 写明信息名称；");
    expect(letter.paragraphs).toContain("2. 补充身份证明。");
    expect(letter.salutation).toBe("张三 先生：");
  });

  it("reports unknown placeholders in an edited template, and fails on them when filling", () => {
    const edited: LetterTemplate = {
      ...DEFAULT_LETTER_TEMPLATES.disclose,
      paragraphs: [
        "请于{pickup_on}到{org_name}领取。",
        { text: "{outcome_text}", when: "nonsense" as never },
      ],
    };
    expect(validateTemplate(edited).map((p) => p.field)).toEqual(["paragraphs.0", "paragraphs.1"]);
    expect(errorOf(() => fillTemplate(edited, TEST_VALUES)).details.map((d) => d.field)).toEqual([
      "pickup_on",
    ]);
  });
});

describe("punctuation (GB/T 15834-2011)", () => {
  const received = (description: string) =>
    fillTemplate(DEFAULT_LETTER_TEMPLATES.disclose, { ...TEST_VALUES, description }).paragraphs[0]!;

  it("a quoted request ending in a stop does not double it", () => {
    expect(received("请公开2024年低保资金发放情况（含发放依据文件）。")).toContain(
      "您申请获取“请公开2024年低保资金发放情况（含发放依据文件）”。",
    );
    expect(received("请公开低保名单；")).toContain("您申请获取“请公开低保名单”。");
    expect(received("请公开低保名单，")).toContain("您申请获取“请公开低保名单”。");
    expect(received("请公开低保名单：")).toContain("您申请获取“请公开低保名单”。");
    // A Latin full stop may end an abbreviation: kept.
    expect(received("Baotou Mining Co.")).toContain("您申请获取“Baotou Mining Co.”。");
    for (const text of [received("请公开。"), received("请公开；")]) {
      expect(text).not.toMatch(/[。；，]”/);
      expect(text).not.toMatch(/。”。/);
    }
  });

  it("keeps the applicant's question and exclamation marks and an ellipsis", () => {
    expect(received("为什么不公开低保名单？")).toContain("“为什么不公开低保名单？”。");
    expect(received("请尽快公开！")).toContain("“请尽快公开！”。");
    expect(received("请公开2024年低保、临时救助……")).toContain("“请公开2024年低保、临时救助……”。");
    expect(received("see the list...")).toContain("“see the list...”。");
  });

  it("a value followed by the template's own stop or comma does not double it", () => {
    const fee = fillTemplate(DEFAULT_LETTER_TEMPLATES.fee_notice, {
      ...TEST_VALUES,
      fee_text: "按件计收100元。",
    });
    expect(fee.paragraphs.join("\n")).toContain("收费计算：按件计收100元。");
    expect(fee.paragraphs.join("\n")).not.toContain("。。");
    const ext = fillTemplate(DEFAULT_LETTER_TEMPLATES.extension, {
      ...TEST_VALUES,
      reasons: "需要调取档案。",
    });
    expect(ext.paragraphs.join("\n")).toContain("因需要调取档案，本机关");
  });

  it("a value at the end of a paragraph keeps its own stop", () => {
    const letter = fillTemplate(DEFAULT_LETTER_TEMPLATES["withhold.state_secret"], {
      ...TEST_VALUES,
      reasons: "该信息已依法定密。",
    });
    expect(letter.paragraphs).toContain("不予公开的理由：该信息已依法定密。");
  });
});

describe("formatting helpers", () => {
  it("formats dates and document numbers", () => {
    expect(formatChineseDate("2025-01-05")).toBe("2025年1月5日");
    expect(formatChineseDate("2025年1月5日")).toBe("2025年1月5日");
    expect(formatDocNumber("固政办", "依复", 2025, 3)).toBe("固政办依复〔2025〕3号");
  });
});
