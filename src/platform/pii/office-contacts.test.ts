import { describe, expect, it } from "vitest";
import { maskText, scanPii } from "./scan";

// The office's own published contacts are never personal information (issue 11): a notice that asks
// citizens to call the office keeps the office's number, while a citizen's mobile in it is still masked.
describe("office contacts allow-list", () => {
  const text =
    "请于3月31日前致电县民政局0472-8123456咨询，或发送邮件至gyxmzj@163.com，地址：固阳县金山镇兴顺西街12号2单元301室。" +
    "申请人王某联系电话13812345678，住固阳县金山镇幸福路8号3单元501室。";
  const office = {
    allowPhones: ["0472-8123456"],
    allowEmails: ["GYXMZJ@163.com"],
    allowAddresses: ["固阳县金山镇兴顺西街12号2单元301室"],
  };

  it("reports the office's phone, e-mail and address without the allow-list", () => {
    const kinds = scanPii(text).map((f) => f.kind);
    expect(kinds).toContain("landline");
    expect(kinds).toContain("email");
    expect(kinds.filter((k) => k === "address")).toHaveLength(2);
  });

  it("never flags or masks them with it; the citizen's mobile and home address still are", () => {
    const found = scanPii(text, office);
    expect(found.map((f) => f.text)).toEqual(["13812345678", expect.stringContaining("幸福路8号")]);
    const masked = maskText(text, { ...office, maskKinds: ["landline", "mobile", "email", "address"] }).text;
    expect(masked).toContain("0472-8123456");
    expect(masked).not.toContain("0472****456");
    expect(masked).toContain("gyxmzj@163.com");
    expect(masked).toContain("固阳县金山镇兴顺西街12号2单元301室");
    expect(masked).toContain("138****5678");
    expect(masked).not.toContain("幸福路8号3单元501室");
  });

  it("matches the office's number written with or without its area code", () => {
    const found = scanPii("值班电话（0472）8123456，8123456。", { allowPhones: ["0472-8123456"] });
    expect(found).toEqual([]);
  });
});
