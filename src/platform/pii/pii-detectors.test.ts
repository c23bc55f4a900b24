import { describe, expect, it } from "vitest";
import { buildCreditCode } from "../credit-code";
import { scanPii } from "./scan";
import type { Finding } from "./types";

const pii = (text: string, options = {}) =>
  scanPii(text, options)
    .filter((f) => f.category === "pii")
    .map((f: Finding) => [f.kind, f.text]);

describe("numbers that identify people", () => {
  it("finds IDs, mobiles, cards and e-mails in a realistic passage", () => {
    const text =
      "申请人王建国，身份证号：150222199001011231，手机：13812345678，" +
      "收款账号6222021234567890128，邮箱wangjianguo1990@163.com。";
    expect(pii(text)).toEqual([
      ["name", "王建国"],
      ["id_card", "150222199001011231"],
      ["mobile", "13812345678"],
      ["bank_card", "6222021234567890128"],
      ["email", "wangjianguo1990@163.com"],
    ]);
  });

  it("reads formatted and full-width numbers, with offsets in the original text", () => {
    const text =
      "电话：+86 138 1234 5678；卡号 6222 0212 3456 7890 128；证号：１５０２２２１９９００１０１１２３１";
    const found = scanPii(text).filter((f) => f.category === "pii");
    expect(found.map((f) => [f.kind, f.text])).toEqual([
      ["mobile", "138 1234 5678"],
      ["bank_card", "6222 0212 3456 7890 128"],
      ["id_card", "１５０２２２１９９００１０１１２３１"],
    ]);
    for (const f of found) expect([...text].slice(f.start, f.end).join("")).toBe(f.text);
    expect(pii("手机138-1234-5678")).toEqual([["mobile", "138-1234-5678"]]);
    expect(pii("身份证 150222 19900101 1231")).toEqual([["id_card", "150222 19900101 1231"]]);
  });

  it("reports an ID-shaped number with a wrong check digit separately, as a warning", () => {
    const [f] = scanPii("身份证号：150222199001011232");
    expect(f).toMatchObject({ kind: "id_card_invalid", severity: "warning", category: "pii" });
  });

  it("finds old 15-digit IDs, landlines, passports and permits", () => {
    expect(pii("原身份证号150222650312123")).toEqual([["id_card", "150222650312123"]]);
    expect(pii("家庭电话0472-5123456，办公（0472）8123456")).toEqual([
      ["landline", "0472-5123456"],
      ["landline", "（0472）8123456"],
    ]);
    expect(pii("座机04725123456")).toEqual([["landline", "04725123456"]]);
    expect(pii("护照号码E12345678，往来港澳通行证C12345678")).toEqual([
      ["passport", "E12345678"],
      ["travel_permit", "C12345678"],
    ]);
    expect(pii("护照G12345678")).toEqual([["passport", "G12345678"]]);
    expect(pii("台胞证号码：12345678")).toEqual([["travel_permit", "12345678"]]);
    expect(pii("车辆蒙B12345、蒙AD12345")).toEqual([
      ["plate", "蒙B12345"],
      ["plate", "蒙AD12345"],
    ]);
  });

  it("rates must-mask kinds as errors and judgement calls as warnings", () => {
    const sev = Object.fromEntries(
      scanPii("张三 150222199001011231 13812345678 蒙B12345 a@b.cn").map((f) => [f.kind, f.severity]),
    );
    expect(sev).toMatchObject({
      id_card: "error",
      mobile: "error",
      email: "error",
      plate: "warning",
      name: "warning",
    });
  });
});

describe("decoys are not personal information", () => {
  const agency = buildCreditCode("11", "150222", "01160123");
  const decoys = [
    "固政发〔2020〕1号",
    "固政办发[2021]12号",
    `统一社会信用代码：${agency}`,
    "统一社会信用代码：91350100M000100Y43",
    "索引号：11441700007280420Y/2021-00050",
    "索引号：115002220116012345/2021-00050",
    "成文日期：2020-01-01，20200101",
    "预算金额13800000000元，合计1,380,000.00元，增长13.81234567%",
    "依据GB 11643-1999和GB/T 9704-2012",
    "准考证号20231502220015，邮编014200",
    "详见http://www.gyx.gov.cn/zwgk/13812345678.html",
    "1970年2月29日出生的号码150222197002290018",
    "12345热线，95588客服",
    "第13812345678号",
    "当事人王某某，张某",
  ];
  it.each(decoys)("%s", (text) => {
    expect(pii(text)).toEqual([]);
  });

  it("drops office numbers on the site's allow list, in any formatting", () => {
    const text = "咨询电话：0472-8121234，（0472）8121234，04728121234；值班手机 138 1234 5678";
    expect(pii(text, { allowPhones: ["0472-8121234", "13812345678"] })).toEqual([]);
    expect(pii("监督电话8121234", { allowPhones: ["8121234"] })).toEqual([]);
    expect(pii("电话0472-8121234", { allowPhones: ["8121234"] })).toEqual([]);
    expect(pii("邮箱 GYXZF@163.com", { allowEmails: ["gyxzf@163.com"] })).toEqual([]);
  });

  it("does not glue neighbouring table figures into a card or an ID", () => {
    expect(pii("2019 2020 2021 2022 2023")).toEqual([]);
    expect(pii("序号 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18")).toEqual([]);
  });
});
