import { describe, expect, it } from "vitest";
import { annualReportSpec } from "../../demo/reports";
import { sectionsOfReportHtml } from "./reports.sections";

describe("sections 一, 五, 六 read back from a published report", () => {
  it("takes the paragraphs under each heading and leaves the tables out", () => {
    const tally = { items: 812, normative: 3, policies: 9, interpretations: 4 };
    const body = annualReportSpec(2024, [], tally, 12).body;
    const s = sectionsOfReportHtml(body);
    expect(s.overview.split("\n")[0]).toMatch(
      /^（一）主动公开。2024年，全县通过政府信息公开平台主动公开政府信息812条/,
    );
    expect(s.overview.split("\n")).toHaveLength(5);
    expect(s.overview).not.toContain("第二十条");
    expect(s.problems).toMatch(/^（一）存在的主要问题。/);
    expect(s.problems.split("\n")).toHaveLength(2);
    expect(s.other).toMatch(/^（一）收费情况。/);
    expect(s.other.split("\n")).toHaveLength(3);
  });

  it("decodes entities and gives empty text for a heading that is not there", () => {
    const s = sectionsOfReportHtml("<h2>一、总体情况</h2><p>A &amp; B&nbsp;“C”</p><h2>二、主动公开</h2>");
    expect(s).toEqual({ overview: "A & B “C”", problems: "", other: "" });
  });
});
