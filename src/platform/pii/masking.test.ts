import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bankCard, mobile, prng, residentId } from "../../../test/fixtures/review/eval-builders";
import { isMobileNumber, isValidBankCard, isValidResidentId } from "./checksums";
import { DEFAULT_MASK_RULES, maskPii } from "./masking";
import { maskText, PUBLICATION_MASK_KINDS, scanPii } from "./scan";

describe("masking rules", () => {
  it("applies the default rule of each kind", () => {
    const m = (kind: Parameters<typeof maskPii>[0], text: string, meta?: number) =>
      maskPii(kind, text, DEFAULT_MASK_RULES, meta);
    expect(m("id_card", "150222199001011231")).toBe("1502**********1231");
    expect(m("mobile", "13812345678")).toBe("138****5678");
    expect(m("mobile", "138 1234 5678")).toBe("138 **** 5678");
    expect(m("bank_card", "6222 0212 3456 7890 128")).toBe("6222 **** **** ***0 128");
    expect(m("email", "zhangsan@163.com")).toBe("z*******@163.com");
    expect(m("name", "张三")).toBe("张*");
    expect(m("name", "王建国")).toBe("王**");
    expect(m("name", "欧阳娜娜")).toBe("欧阳**");
    expect(m("landline", "0472-8123456", 4)).toBe("0472-*****56");
    expect(m("address", "固阳县金山镇阿拉塔路12号3单元501室")).toBe("固阳县金山镇阿拉塔路**********");
    expect(m("id_card", "１５０２２２１９９００１０１１２３１")).toBe("１５０２**********１２３１");
  });

  it("takes configured rules", () => {
    const { text } = maskText("身份证150222199001011231，手机13812345678", {
      maskRules: {
        id_card: { keepStart: 6, keepEnd: 0, char: "×" },
        mobile: { keepStart: 0, keepEnd: 4, char: "#" },
      },
    });
    expect(text).toBe("身份证150222××××××××××××，手机#######5678");
  });

  it("masks errors by default, more kinds on request, never an ID with a wrong check digit", () => {
    const text = "姓名：张三，身份证号150222199001011232，电话13812345678，住址：固阳县金山镇科技路8号";
    expect(maskText(text).text).toBe(
      "姓名：张三，身份证号150222199001011232，电话138****5678，住址：固阳县金山镇科技路8号",
    );
    const all = maskText(text, { maskKinds: ["name", "address", "mobile"] });
    expect(all.text).toBe(
      "姓名：张*，身份证号150222199001011232，电话138****5678，住址：固阳县金山镇科技路**",
    );
    expect(all.applied.map((f) => f.kind)).toEqual(["name", "mobile", "address"]);
  });

  it("keeps code-point offsets right around characters outside the BMP", () => {
    const text = "𠀀𠀁申请人张三 13812345678";
    const [name, phone] = scanPii(text);
    expect(name).toMatchObject({ kind: "name", start: 5, end: 7 });
    expect(phone).toMatchObject({ kind: "mobile", start: 8, end: 19 });
    expect(maskText(text).text).toBe("𠀀𠀁申请人张三 138****5678");
  });
});

// Text built from pieces people publish: Chinese words, separators and personal numbers.
const r = prng(7);
const piece = fc.oneof(
  fc.constantFrom(
    "申请人",
    "张三",
    "，",
    "。",
    "：",
    " ",
    "\n",
    "固阳县金山镇",
    "联系电话",
    "元",
    "金额",
    "序号",
    "姓名",
  ),
  fc.constantFrom(...Array.from({ length: 30 }, () => residentId(r))),
  fc.constantFrom(...Array.from({ length: 30 }, () => mobile(r))),
  fc.constantFrom(...Array.from({ length: 30 }, () => bankCard(r))),
  fc.stringMatching(/^[0-9]{1,19}$/),
  fc.string({ maxLength: 8 }),
);
const SEPARATORS = ["，", "。", "\n", "：", "、", " 张", "号 "];
const passage = fc
  .array(fc.tuple(piece, fc.constantFrom(...SEPARATORS)), { maxLength: 25 })
  .map((xs) => xs.map(([p, s]) => p + s).join(""));

describe("masking properties", () => {
  it("is idempotent", () => {
    fc.assert(
      fc.property(passage, (text) => {
        const once = maskText(text).text;
        expect(maskText(once).text).toBe(once);
      }),
      { numRuns: 400 },
    );
  });

  it("never changes text outside the findings it applied", () => {
    fc.assert(
      fc.property(passage, (text) => {
        const { text: out, applied } = maskText(text, {
          maskKinds: ["id_card", "mobile", "bank_card", "name"],
        });
        const a = [...text];
        const b = [...out];
        expect(b.length).toBe(a.length);
        const inside = new Array<boolean>(a.length).fill(false);
        for (const f of applied) for (let i = f.start; i < f.end; i++) inside[i] = true;
        for (let i = 0; i < a.length; i++) if (!inside[i]) expect(b[i]).toBe(a[i]);
      }),
      { numRuns: 400 },
    );
  });

  it("never leaves a valid ID, mobile or bank card in its output", () => {
    fc.assert(
      fc.property(passage, (text) => {
        const out = maskText(text).text.replace(/[０-９]/g, (c) =>
          String.fromCharCode(c.charCodeAt(0) - 0xfee0),
        );
        // Every maximal run of digits a reader could copy out of the text.
        for (const run of out.match(/(?<![A-Za-z0-9])[0-9]+[Xx]?(?![A-Za-z0-9])/g) ?? []) {
          expect(isValidResidentId(run), run).toBe(false);
          expect(isMobileNumber(run), run).toBe(false);
          expect(isValidBankCard(run), run).toBe(false);
        }
      }),
      { numRuns: 400 },
    );
  });
});

describe("masking for publication", () => {
  it("masks an ID number with a wrong check digit, which the scanner still names id_card_invalid", () => {
    const text = "身份证110101199003077777，另一个150222198506121239";
    expect(scanPii(text).map((f) => f.kind)).toEqual(["id_card_invalid", "id_card"]);
    const published = maskText(text, { maskKinds: PUBLICATION_MASK_KINDS }).text;
    expect(published).not.toContain("110101199003077777");
    expect(published).toContain("1101**********7777");
    expect(published).toContain("1502**********1239");
    // The default (the review's "must mask" kinds) is unchanged.
    expect(maskText(text).text).toContain("110101199003077777");
  });
});
