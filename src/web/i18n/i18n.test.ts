import { describe, expect, it } from "vitest";
import { langFromPath, switchLangPath, translator } from "./index";
import { mnMong } from "./mn-Mong";
import { zhCN } from "./zh-CN";

describe("i18n", () => {
  it("interpolates parameters and falls back to Chinese", () => {
    expect(translator("zh-CN")("footer.identifier", { code: "1502220001" })).toBe("网站标识码：1502220001");
    expect(translator("mn-Mong")("footer.icp", { icp: "X" })).toBe("ICP备案号：X");
  });

  it("keeps every Mongolian key in the Chinese catalog and in Mongolian script", () => {
    for (const [key, value] of Object.entries(mnMong)) {
      expect(zhCN).toHaveProperty(key);
      if (key !== "lang.switch") expect(value).toMatch(/[\u1800-\u18AF]/);
    }
  });

  it("maps paths between languages", () => {
    expect(langFromPath("/mn/")).toBe("mn-Mong");
    expect(langFromPath("/mnx")).toBe("zh-CN");
    expect(switchLangPath("/", "mn-Mong")).toBe("/mn/");
    expect(switchLangPath("/mn/", "zh-CN")).toBe("/");
    expect(switchLangPath("/mn/gk", "zh-CN")).toBe("/gk");
  });
});
