import { describe, expect, it } from "vitest";
import { errorOf } from "./letter.fixtures";
import { REPLY_OUTCOMES, WITHHOLD_GROUNDS } from "./letter.outcomes";
import {
  partialLegalBasis,
  type ReplyingOrgan,
  remediesText,
  remedyKindOf,
  reviewBodies,
} from "./letter.remedies";

const COUNTY = "固阳县人民政府";
const CITY = "包头市人民政府";

const organ = (o: Partial<ReplyingOrgan>): ReplyingOrgan => ({
  name: "固阳县民政局",
  kind: "department",
  isSiteGovernment: false,
  reviewRoute: null,
  reviewBody: null,
  ...o,
});
const bodies = (o: Partial<ReplyingOrgan>, parent: string | null = CITY) =>
  reviewBodies({ organ: organ(o), siteGovernment: COUNTY, parentGovernment: parent });

describe("review bodies by the replying organ (行政复议法 2023)", () => {
  it("a county department: the county people's government only (Art. 24(1)(一)), not 上一级主管部门", () => {
    expect(bodies({})).toEqual([COUNTY]);
    expect(bodies({}, null)).toEqual([COUNTY]);
    expect(bodies({ name: "固阳县人民政府办公室" })).toEqual([COUNTY]);
  });

  it("the county government itself: the next-higher people's government from the site setting", () => {
    expect(bodies({ name: COUNTY, kind: "government", isSiteGovernment: true })).toEqual([CITY]);
  });

  it("the county government with no parent government set: a 409 naming the setting, nothing invented", () => {
    for (const parent of [null, "", "  "]) {
      const e = errorOf(() => bodies({ name: COUNTY, kind: "government", isSiteGovernment: true }, parent));
      expect(e.status).toBe(409);
      expect(e.code).toBe("parent_government_missing");
      expect(e.message).toContain("上一级人民政府名称");
      expect(e.message).toContain("/admin/letter-settings");
    }
  });

  it("a town government: the county people's government (Art. 24(1)(二))", () => {
    expect(bodies({ name: "固阳县金山镇人民政府", kind: "town" })).toEqual([COUNTY]);
    expect(bodies({ name: "固阳县金山镇人民政府", kind: "town" }, null)).toEqual([COUNTY]);
  });

  it("a vertically led organ: its next-higher competent department as configured (Art. 27)", () => {
    const tax = { name: "国家税务总局固阳县税务局", reviewRoute: "vertical" as const };
    expect(bodies({ ...tax, reviewBody: "国家税务总局包头市税务局" })).toEqual(["国家税务总局包头市税务局"]);
    const e = errorOf(() => bodies(tax));
    expect(e.code).toBe("review_body_missing");
    expect(e.message).toContain("国家税务总局固阳县税务局");
    expect(e.message).toContain("第二十七条");
  });

  it("a city department's county branch: the city's government, or the county's where it sits (Art. 24 ¶4)", () => {
    const branch = { name: "包头市生态环境局固阳县分局", reviewRoute: "branch" as const };
    expect(bodies({ ...branch, reviewBody: CITY })).toEqual([CITY, COUNTY]);
    // Without its own review body, the site's parent government is the city's.
    expect(bodies(branch)).toEqual([CITY, COUNTY]);
    expect(errorOf(() => bodies(branch, null)).code).toBe("parent_government_missing");
  });
});

describe("remedies text", () => {
  it("withhold.* outcomes: review first (Art. 23(1)(四)), then litigation within 15 days", () => {
    const text = remediesText("review_first", [COUNTY]);
    expect(text).toBe(
      "如对本答复不服，根据《中华人民共和国行政复议法》第二十三条第一款第（四）项的规定，应当自收到本答复之日起60日内先向固阳县人民政府申请行政复议；对行政复议决定不服的，可以自收到行政复议决定书之日起15日内依法向人民法院提起行政诉讼，行政复议机关逾期不作决定的，可以自行政复议期限届满之日起15日内依法向人民法院提起行政诉讼。",
    );
    expect(text).not.toContain("6个月");
  });

  it("other outcomes: review within 60 days or litigation within 6 months", () => {
    expect(remediesText("either", [CITY])).toBe(
      "如对本答复不服，可以自收到本答复之日起60日内向包头市人民政府申请行政复议，也可以自收到本答复之日起6个月内依法向人民法院提起行政诉讼。",
    );
    expect(remediesText("either", [CITY, COUNTY], "本通知")).toContain(
      "自收到本通知之日起60日内向包头市人民政府或者固阳县人民政府申请行政复议",
    );
  });

  it("partial: review first for the part withheld, the choice for the rest", () => {
    const text = remediesText("partial", [COUNTY]);
    expect(text).toMatch(
      /^如对本答复中不予公开的部分不服，根据.*第二十三条第一款第（四）项.*先向固阳县人民政府申请行政复议/,
    );
    expect(text).toContain(
      "如对本答复的其他内容不服，可以自收到本答复之日起60日内向固阳县人民政府申请行政复议",
    );
    expect(text).toContain("6个月内依法向人民法院提起行政诉讼");
  });

  it("maps every reply outcome: withhold.* review first, partial both, the rest either", () => {
    for (const o of REPLY_OUTCOMES) {
      const expected = o.startsWith("withhold.") ? "review_first" : o === "partial" ? "partial" : "either";
      expect(remedyKindOf(o), o).toBe(expected);
    }
    expect(remedyKindOf("fee_notice")).toBe("either");
    for (const kind of ["review_first", "either", "partial"] as const)
      expect(remediesText(kind, [COUNTY])).not.toContain("上一级主管部门");
  });
});

describe("partial: the article of the part withheld", () => {
  it("cites Art. 37 and the ground's own article, never 14, 15 and 16 together", () => {
    expect(partialLegalBasis("withhold.third_party", false)).toBe(
      "《条例》第三十七条及第十五条（涉及商业秘密、个人隐私等公开会对第三方合法权益造成损害的政府信息）。",
    );
    expect(partialLegalBasis("withhold.third_party", true)).toContain("第三十二条");
    expect(partialLegalBasis("withhold.process_info", true)).not.toContain("第三十二条");
    expect(partialLegalBasis("withhold.internal_affairs", false)).toContain("第十六条第一款");
    expect(partialLegalBasis("withhold.administrative_query", false)).toContain("第三十六条第（七）项");
    for (const g of WITHHOLD_GROUNDS) {
      const text = partialLegalBasis(g, false);
      const cited = ["第十四条", "第十五条", "第十六条"].filter((a) => text.includes(a));
      expect(cited.length, `${g}: ${text}`).toBeLessThanOrEqual(1);
    }
    expect(partialLegalBasis(null, true)).toBe("");
  });
});
