import { describe, expect, it } from "vitest";
import { checkIndexPattern, expandIndexPattern } from "./index-number";

describe("索引号 patterns", () => {
  it("renders the default pattern", () => {
    const p = expandIndexPattern("{credit}/{year}-{serial:5}", {
      creditCode: "11441700007280420Y",
      orgCode: "x",
      year: 2021,
    });
    expect(p.prefix).toBe("11441700007280420Y/2021-");
    expect(p.render(50)).toBe("11441700007280420Y/2021-00050");
  });

  it("falls back to the org code and supports other layouts", () => {
    const p = expandIndexPattern("GY-{org}-{year}/{serial:4}", {
      creditCode: null,
      orgCode: "gyx-jyj",
      year: 2026,
    });
    expect(p.render(7)).toBe("GY-gyx-jyj-2026/0007");
    expect(
      expandIndexPattern("{credit}/{year}-{serial:5}", {
        creditCode: null,
        orgCode: "gyx",
        year: 2026,
      }).render(1),
    ).toBe("gyx/2026-00001");
  });

  it("refuses patterns without exactly one trailing serial or with unknown tokens", () => {
    expect(checkIndexPattern("{credit}/{year}")).not.toBeNull();
    expect(checkIndexPattern("{serial:5}-{year}")).not.toBeNull();
    expect(checkIndexPattern("{credit}/{month}-{serial:5}")).not.toBeNull();
    expect(checkIndexPattern("{credit}/{year}-{serial:5}")).toBeNull();
  });
});
