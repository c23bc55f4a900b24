import { describe, expect, it } from "vitest";
import { STANDARD_AREAS } from "./catalog.seed-areas";
import {
  ART20_KINDS,
  ART21_COUNTY,
  ART21_TOWNSHIP,
  areasForDepartment,
  catalogTemplateFor,
  KEY_PROJECT_CODES,
  type NodeTemplate,
  walkTemplates,
} from "./catalog.seed-data";

const AREA_NAMES = [
  "重大建设项目",
  "公共资源交易",
  "财政预决算",
  "安全生产",
  "税收管理",
  "国有土地上房屋征收与补偿",
  "农村集体土地征收",
  "农村危房改造",
  "扶贫",
  "社会救助",
  "养老服务",
  "户籍管理",
  "涉农补贴",
  "义务教育",
  "就业",
  "社会保险",
  "公共文化服务",
  "卫生健康",
  "市政服务",
  "生态环境",
  "公共法律服务",
  "城乡规划",
  "食品药品监管",
  "救灾",
  "城市综合执法",
  "保障性住房",
];

const all = (t: NodeTemplate[]) => [...walkTemplates(t)].map((x) => x.node);
const byCode = (t: NodeTemplate[], code: string) => all(t).find((n) => n.code === code);

describe("catalogue seed templates", () => {
  const county = catalogTemplateFor({ kind: "government", name: "固阳县人民政府" });
  const town = catalogTemplateFor({ kind: "town", name: "固阳县金山镇人民政府" });

  it("has the 26 standard areas of 国办发〔2019〕54号, each with 2 to 8 rows", () => {
    expect(STANDARD_AREAS.map((a) => a.name)).toEqual(AREA_NAMES);
    expect(new Set(STANDARD_AREAS.map((a) => a.slug)).size).toBe(26);
    for (const a of STANDARD_AREAS) {
      expect(a.rows.length, a.name).toBeGreaterThanOrEqual(2);
      expect(a.rows.length, a.name).toBeLessThanOrEqual(8);
    }
  });

  it("gives the county government Art. 20's 15 kinds, Art. 21's county items and the 26 areas", () => {
    const statutory = byCode(county, "statutory")!;
    const art20 = statutory.children.filter((c) => c.source === "art20");
    expect(art20.map((c) => c.code)).toEqual(
      ART20_KINDS.map((_, i) => `art20-${String(i + 1).padStart(2, "0")}`),
    );
    expect(art20).toHaveLength(15);
    expect(art20.every((c) => c.kind === "column")).toBe(true);
    expect(art20[0]!.description).toBe("《条例》第二十条（一）：行政法规、规章和规范性文件");
    expect(art20[14]!.description).toContain("第二十条（十五）");
    expect(byCode(county, "art21")!.children.map((c) => c.name)).toEqual(ART21_COUNTY.map(([, n]) => n));
    const std = byCode(county, "std")!;
    expect(std.children.map((c) => c.name)).toEqual(AREA_NAMES);
    expect(county.map((n) => n.code)).toEqual([
      "guide",
      "rules",
      "statutory",
      "std",
      "interpretation",
      "response",
      "participation",
      "annual-report",
    ]);
  });

  it("files a key project under the eight information types of the work plan", () => {
    const kp = byCode(county, "std-key-projects")!;
    expect(kp.children.map((c) => c.code)).toEqual([...KEY_PROJECT_CODES]);
    expect(kp.children.map((c) => c.name)).toEqual([
      "批准服务信息",
      "批准结果信息",
      "招标投标信息",
      "征收土地信息",
      "重大设计变更信息",
      "施工有关信息",
      "质量安全监督信息",
      "竣工有关信息",
    ]);
    expect(kp.children.every((c) => c.source === "key_project" && c.standard?.level === "县级")).toBe(true);
  });

  it("fills all nine standard-catalogue fields on every standard row", () => {
    for (const tpl of [county, town]) {
      const rows = all(tpl).filter((n) => n.standard);
      expect(rows.length).toBeGreaterThan(20);
      for (const n of rows) {
        const s = n.standard!;
        for (const f of [
          "item_l1",
          "item_l2",
          "content",
          "basis",
          "time_limit",
          "subject",
          "channels",
        ] as const)
          expect(s[f].trim(), `${n.code}.${f}`).not.toBe("");
        expect(["全社会", "特定群众"]).toContain(s.audience);
        expect(["主动", "依申请"]).toContain(s.mode);
        expect(n.kind).toBe("column");
      }
    }
    const budget = byCode(county, "std-budget")!;
    expect(budget.children.map((c) => c.name)).toEqual([
      "政府预算",
      "政府决算",
      "部门预算",
      "部门决算",
      "“三公”经费",
    ]);
    expect(budget.children[0]!.standard).toMatchObject({
      basis: "《中华人民共和国预算法》第十四条",
      subject: "县财政局",
      audience: "全社会",
      mode: "主动",
      level: "县级",
    });
  });

  it("gives every column an update rule, with working days only for `days`", () => {
    for (const tpl of [county, town, catalogTemplateFor({ kind: "institution", name: "x" })]) {
      for (const n of all(tpl)) {
        if (n.update_rule === "days") expect(n.update_days, n.code).toBeGreaterThan(0);
        else expect(n.update_days, n.code).toBeNull();
        if (n.kind === "group") expect(n.children.length, n.code).toBeGreaterThan(0);
        else expect(n.children).toHaveLength(0);
      }
    }
    expect(byCode(county, "art20-01")).toMatchObject({ update_rule: "days", update_days: 20 });
    expect(byCode(county, "art20-07")).toMatchObject({ name: "财政预算决算", update_rule: "yearly" });
    expect(byCode(county, "annual-report")).toMatchObject({ update_rule: "yearly" });
  });

  it("keeps codes unique within each catalogue", () => {
    for (const kind of ["government", "department", "town", "community", "institution"]) {
      const codes = all(catalogTemplateFor({ kind, name: "固阳县住房和城乡建设局" })).map((n) => n.code);
      expect(new Set(codes).size, kind).toBe(codes.length);
    }
  });

  it("gives townships the township Art. 21 list and the standard areas at 乡级 only", () => {
    expect(byCode(town, "art21")!.children.map((c) => c.name)).toEqual(ART21_TOWNSHIP.map(([, n]) => n));
    expect(byCode(town, "art21")!.children.map((c) => c.name)).toContain("筹资筹劳");
    const areas = byCode(town, "std")!.children.map((c) => c.name);
    for (const a of ["扶贫", "社会救助", "涉农补贴", "农村危房改造", "养老服务", "户籍管理", "义务教育"])
      expect(areas).toContain(a);
    expect(areas).not.toContain("重大建设项目");
    expect(areas).not.toContain("税收管理");
    const rows = all(town).filter((n) => n.standard);
    expect(rows.every((n) => n.standard!.level === "乡级")).toBe(true);
    expect(byCode(town, "std-social-assistance-1")!.standard!.subject).toBe("乡镇人民政府");
    expect(all(town).filter((n) => n.source === "art20")).toHaveLength(15 + 1);
  });

  it("maps departments to the areas they own by name", () => {
    const slugs = (name: string) => areasForDepartment(name).map((a) => a.slug);
    expect(slugs("固阳县教育局")).toEqual(["compulsory-education"]);
    expect(slugs("固阳县财政局")).toEqual(["budget"]);
    expect(slugs("固阳县民政局")).toEqual(["social-assistance", "elderly-care"]);
    expect(slugs("固阳县住房和城乡建设局")).toEqual([
      "housing-expropriation",
      "rural-housing",
      "municipal-services",
      "affordable-housing",
    ]);
    expect(slugs("固阳县人民政府办公室")).toEqual([]);
    const office = catalogTemplateFor({ kind: "department", name: "固阳县人民政府办公室" });
    expect(byCode(office, "std")).toBeUndefined();
    expect(byCode(office, "art21")!.children).toHaveLength(7);
    const edu = catalogTemplateFor({ kind: "department", name: "固阳县教育局" });
    expect(byCode(edu, "std")!.children.map((c) => c.name)).toEqual(["义务教育"]);
  });

  it("gives communities and institutions a small catalogue of basics", () => {
    const community = catalogTemplateFor({ kind: "community", name: "东街社区居民委员会" });
    expect(community.map((n) => n.name)).toContain("村（居）务公开");
    expect(community.length).toBeLessThan(10);
    const inst = catalogTemplateFor({ kind: "institution", name: "固阳县人民医院" });
    expect(inst.map((n) => n.name)).toEqual(expect.arrayContaining(["信息公开指南", "办事公开", "收费标准"]));
    expect(inst.every((n) => n.source === "basic")).toBe(true);
  });
});
