import { beforeAll, expect, it } from "vitest";
import { buildTestApp } from "../../../test/helpers/app";
import { describeEachDialect } from "../../../test/helpers/db";
import { Session } from "../../../test/helpers/forms";
import { DEMO_PASSWORD } from "../../demo/seed";
import type { AppInstance } from "../../web/types";

// The lists' back office walked like a browser: a department's 权责清单 started, entries added (refused with
// every problem named), changed and removed, the decision saved, submitted, published by another person, a new
// version started from it and its changes shown against the version in force.
const ENTRY = {
  code: "XK-NMK-001",
  name: "农作物种子生产经营许可",
  type: "行政许可",
  basis: "《中华人民共和国种子法》第三十一条",
  body: "固阳县农牧和科技局",
  duties: "1.受理责任：公示依据、条件和材料。\n2.审查责任：审查申请材料。\n3.决定责任：作出决定。",
  accountability: "对符合条件的申请不予受理的，依法追究责任。",
  notes: "",
  item: "",
};

describeEachDialect("权责清单 back office (forms)", (ctx) => {
  let app: AppInstance;
  const as = async (username: string) => {
    const s = new Session(app);
    expect((await s.login(username, DEMO_PASSWORD)).statusCode).toBe(303);
    return s;
  };
  beforeAll(async () => {
    app = await buildTestApp(ctx, { services: true });
  }, 120_000);

  it("starts a list, edits its entries through the forms, publishes it and shows a new version's changes", async () => {
    const office = await as("demo-office");
    const index = await office.get("/admin/services/lists");
    expect(index.statusCode).toBe(200);
    for (const text of ["固阳县民政局", "公共服务事项清单", "第 2 版", "新建清单"])
      expect(index.body).toContain(text);
    const csrf = await office.csrfFrom("/admin/services/lists");
    const created = await office.post("/admin/services/lists", {
      _csrf: csrf,
      org: "gyx-nmkjj",
      kind: "power",
    });
    expect(created.statusCode, created.body.slice(0, 300)).toBe(303);
    const url = created.headers.location as string;
    const twice = await office.post("/admin/services/lists", {
      _csrf: csrf,
      org: "gyx-nmkjj",
      kind: "power",
    });
    expect(twice.statusCode).toBe(409);
    expect(twice.body).toContain("固阳县农牧和科技局已有权责清单");

    const bad = await office.post(`${url}/entries`, {
      _csrf: csrf,
      code: "XK NMK",
      name: "",
      type: "行政管理",
    });
    expect(bad.statusCode).toBe(400);
    for (const text of [
      "请填写事项名称",
      "请填写设定依据",
      "请填写责任事项",
      "请填写追责情形",
      "权力类型应为",
      "事项编码只能由",
    ])
      expect(bad.body).toContain(text);
    expect(bad.body).not.toContain("第 1 项：");
    expect((await office.post(`${url}/entries`, { _csrf: csrf, ...ENTRY })).statusCode).toBe(303);
    const second = {
      ...ENTRY,
      code: "JC-NMK-001",
      name: "对种子生产经营者的监督检查",
      type: "行政检查",
      item: "150222-NMK-XK-001",
    };
    expect((await office.post(`${url}/entries`, { _csrf: csrf, ...second })).statusCode).toBe(303);
    const page = await office.get(url);
    expect(page.body).toContain("农作物种子生产经营许可（150222-NMK-XK-001）");
    const entryUrl = `${url}/entries/JC-NMK-001`;
    const form = await office.get(entryUrl);
    expect(form.body).toContain("对种子生产经营者的监督检查");
    const refused = await office.post(entryUrl, { _csrf: csrf, ...second, type: "监督" });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain("权力类型应为");
    expect((await office.post(entryUrl, { _csrf: csrf, ...second, notes: "每年抽查一次" })).statusCode).toBe(
      303,
    );
    expect((await office.post(`${url}/entries/JC-NMK-001/remove`, { _csrf: csrf })).statusCode).toBe(303);
    expect((await office.get(url)).body).not.toContain("修改 JC-NMK-001");

    const noDecision = await office.post(`${url}/actions`, { _csrf: csrf, action: "submit" });
    expect(noDecision.statusCode).toBe(409);
    expect(noDecision.body).toContain("请先填写公布清单的决定");
    expect(
      (await office.post(`${url}/decision`, { _csrf: csrf, decision: "固农牧发〔2026〕9号", reason: "" }))
        .statusCode,
    ).toBe(303);
    expect((await office.post(`${url}/actions`, { _csrf: csrf, action: "submit" })).statusCode).toBe(303);
    const self = await office.get(url);
    expect(self.body).not.toContain("审核通过并发布");
    const reviewer = await as("demo-county-reviewer");
    const rcsrf = await reviewer.csrfFrom(url);
    expect((await reviewer.post(`${url}/actions`, { _csrf: rcsrf, action: "approve" })).statusCode).toBe(303);
    const pub = await app.inject({ url: "/fw/lists/gyx-nmkjj/power" });
    expect(pub.statusCode).toBe(200);
    expect(pub.body).toContain("农作物种子生产经营许可");

    expect((await office.post(`${url}/versions`, { _csrf: csrf, reason: "调整依据" })).statusCode).toBe(303);
    const changed = await office.post(`${url}/entries/XK-NMK-001`, {
      _csrf: csrf,
      ...ENTRY,
      basis: "《中华人民共和国种子法》第三十一条、第三十二条",
    });
    expect(changed.statusCode).toBe(303);
    const draft = await office.get(url);
    for (const text of [
      "第 2 版（编辑中）",
      "与现行第 1 版相比",
      "调整前：《中华人民共和国种子法》第三十一条",
    ])
      expect(draft.body).toContain(text);
    const changes = await office.get(`${url}/changes?to=2`);
    expect(changes.statusCode).toBe(200);
    expect(changes.body).toContain("调整后：《中华人民共和国种子法》第三十一条、第三十二条");
    const fromEmpty = await office.get(`${url}/changes?from=0&to=2`);
    expect(fromEmpty.body).toContain("＋ XK-NMK-001 农作物种子生产经营许可（行政许可）");
    expect((await office.get(`${url}/changes?from=7&to=2`)).statusCode).toBe(404);
    // The public still sees version 1 until version 2 is published.
    expect((await app.inject({ url: "/fw/lists/gyx-nmkjj/power" })).body).not.toContain("第三十二条");

    const other = await as("demo-jyj-clerk");
    expect((await other.get(url)).statusCode).toBe(404);
    expect((await other.get(`${url}/changes`)).statusCode).toBe(404);
  });
});
