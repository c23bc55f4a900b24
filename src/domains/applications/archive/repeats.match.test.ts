import { describe, expect, it } from "vitest";
import { clusterRequests, docNumbersOf, normaliseRequest, prepare, similarity } from "./repeats.match";

describe("same information (Art. 44)", () => {
  it("normalises punctuation, width, masked characters and stock phrases", () => {
    expect(normaliseRequest("本人王**申请公开：固阳县２０２４年度低保资金！")).toBe("固阳县2024年低保资金");
    expect(normaliseRequest("电话138****5678，身份证号1101**********4514，申请公开低保资金")).toBe(
      "低保资金",
    );
  });

  it("reads document numbers whatever the brackets and padding", () => {
    expect(docNumbersOf("（固政办发〔2023〕12号）")).toEqual(["政办发〔2023〕12号"]);
    expect(docNumbersOf("固政办发[2023]第012号")).toEqual(["政办发〔2023〕12号"]);
    expect(docNumbersOf("固政办发（2023）12号")).toEqual(["政办发〔2023〕12号"]);
  });

  it("matches reworded requests, keeps different years and document numbers apart", () => {
    const a = prepare("申请公开固阳县2024年城乡低保资金发放情况（分镇统计表）。");
    const b = prepare("请提供2024年固阳县城乡低保资金的发放情况，按镇统计。");
    const c = prepare("申请公开固阳县2023年城乡低保资金发放情况（分镇统计表）。");
    expect(similarity(a, b)).toBeGreaterThanOrEqual(0.5);
    expect(similarity(a, c)).toBe(0);
    expect(similarity(prepare("固政办发〔2023〕12号"), prepare("请公开固政办发〔2023〕13号"))).toBe(0);
    expect(similarity(prepare("固政办发〔2023〕12号全文"), prepare("固政办发[2023]12号的附件"))).toBe(1);
    expect(similarity(a, prepare("申请公开金山镇征地补偿安置方案"))).toBeLessThan(0.2);
  });

  it("clusters transitively and leaves unrelated requests alone", () => {
    expect(
      clusterRequests([
        "申请公开固阳县2024年城乡低保资金发放情况（分镇统计表）。",
        "申请公开金山镇征地补偿安置方案",
        "请提供2024年固阳县城乡低保资金的发放情况，按镇统计。",
        "金山镇征地补偿安置方案",
        "2024年部门预算",
      ]),
    ).toEqual([[0, 2], [1, 3], [4]]);
  });
});
