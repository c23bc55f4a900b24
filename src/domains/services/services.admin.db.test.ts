import { beforeAll, expect, it } from "vitest";
import { bearer, buildTestApp, tokenFor } from "../../../test/helpers/app";
import { describeEachDialect } from "../../../test/helpers/db";
import { Session } from "../../../test/helpers/forms";
import { DEMO_PASSWORD } from "../../demo/seed";
import type { AppInstance } from "../../web/types";
import { minimalDocx, minimalPdf } from "../publishing/attachments/attachments.test-helpers";

// The back office's forms, walked like a browser: a new item through review, a change proposed and edited,
// a material edited and its blank form uploaded, a window's modes set. Refused forms name every problem.
const form = (fields: Record<string, string | string[]>) => {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const x of ([] as string[]).concat(v)) p.append(k, x);
  return p;
};
const ITEM = {
  org: "gyx-zfb",
  name: "政府信息公开申请（表单）",
  code: "15QTZFB901",
  impl_code: "150222-ZFB-QT-901",
  type: "其他行政权力",
  level: "县",
  life_events: ["work"],
  objects: ["自然人", "法人"],
  basis: "《中华人民共和国政府信息公开条例》第二十七条",
  conditions: "公民、法人或其他组织向行政机关申请获取政府信息。",
  materials: "居民身份证\n授权委托书|委托他人办理时",
  process: "受理|0\n答复|20\n征求第三方意见|15|不计时",
  statutory_limit: "20",
  promised_limit: "15",
  limit_unit: "working_days",
  fee: "不收费",
  visits: "0",
  online_depth: "4",
  online_url: "https://www.guyang.gov.cn/hd/apply",
  place: "固阳县人民政府办公室",
  hours: "工作日 8:30-17:30",
  consult_phone: "0472-8121234",
  complaint_phone: "12345",
  result_name: "政府信息公开申请答复书",
  faq: "可以网上申请吗？|可以，在本网站“依申请公开”栏目提交。",
  decision: "固政办发〔2026〕30号",
};

describeEachDialect("government services back office (forms)", (ctx) => {
  let app: AppInstance;
  const as = async (username: string) => {
    const s = new Session(app);
    expect((await s.login(username, DEMO_PASSWORD)).statusCode).toBe(303);
    return s;
  };
  beforeAll(async () => {
    app = await buildTestApp(ctx, { services: true });
  }, 300_000);

  it("takes a new item through the forms: refused with every problem, saved, submitted, approved, changed", async () => {
    const clerk = await as("demo-clerk");
    const csrf = await clerk.csrfFrom("/admin/services/new");
    const bad = await clerk.post(
      "/admin/services/new",
      form({ _csrf: csrf, ...ITEM, name: "", statutory_limit: "abc", materials: "不存在的材料" }),
    );
    expect(bad.statusCode).toBe(400);
    for (const text of ["请填写事项名称", "法定办结时限应为", "材料目录中没有“不存在的材料”"])
      expect(bad.body).toContain(text);
    const ok = await clerk.post("/admin/services/new", form({ _csrf: csrf, ...ITEM }));
    expect(ok.statusCode, ok.body.slice(0, 500)).toBe(303);
    const url = ok.headers.location as string;
    const id = url.split("/").pop()!;
    const detail = await clerk.get(url);
    expect(detail.body).toContain("提交审核");
    expect((await clerk.post(`${url}/actions`, { _csrf: csrf, action: "submit" })).statusCode).toBe(303);
    const reviewer = await as("demo-reviewer");
    const rcsrf = await reviewer.csrfFrom(url);
    expect((await reviewer.post(`${url}/actions`, { _csrf: rcsrf, action: "approve" })).statusCode).toBe(303);
    const guide = await app.inject({ url: `/fw/items/${id}` });
    expect(guide.statusCode).toBe(200);
    for (const text of [
      "征求第三方意见",
      "不计入办理时限",
      "授权委托书",
      "委托他人办理时",
      "可以网上申请吗？",
    ])
      expect(guide.body).toContain(text);
    expect(
      (
        await clerk.post(`${url}/versions`, {
          _csrf: csrf,
          kind: "change",
          decision: "",
          reason: "压缩承诺时限",
        })
      ).statusCode,
    ).toBe(303);
    const edit = await clerk.post(
      `${url}/edit`,
      form({ _csrf: csrf, ...ITEM, promised_limit: "10", decision: "固政办发〔2026〕31号" }),
    );
    expect(edit.statusCode).toBe(303);
    const page = await clerk.get(url);
    expect(page.body).toContain("第 2 版（变更，编辑中）");
    expect(page.body).toContain("承诺办结时限");
    await clerk.post(`${url}/actions`, { _csrf: csrf, action: "submit" });
    await reviewer.post(`${url}/actions`, { _csrf: rcsrf, action: "approve" });
    const history = await clerk.get(url);
    expect(history.body).toContain("promised_limit: 10");
    expect(history.body).toContain("固政办发〔2026〕31号");
  });

  it("edits a material, uploads its blank form, and sets a window's modes through the forms", async () => {
    const office = await as("demo-office");
    const list = await office.get("/admin/services/materials");
    expect(list.body).toContain("减材料分析");
    const id = /href="\/admin\/services\/materials\/([^"]+)"[^>]*>居民身份证</.exec(list.body)![1]!;
    const url = `/admin/services/materials/${id}`;
    const csrf = await office.csrfFrom(url);
    const bad = await office.post(url, {
      _csrf: csrf,
      name: "",
      necessity: "required",
      form: "paper",
      kind: "original",
      copies: "x",
      source: "applicant",
      standard: "",
    });
    expect(bad.statusCode).toBe(400);
    for (const text of ["请填写材料名称", "份数应为", "请填写受理标准"]) expect(bad.body).toContain(text);
    const ok = await office.post(url, {
      _csrf: csrf,
      name: "居民身份证",
      necessity: "required",
      form: "paper",
      kind: "original",
      copies: "1",
      source: "applicant",
      standard: "在有效期内；临时身份证亦可。",
    });
    expect(ok.statusCode).toBe(303);
    const up = await office.postMultipart(`${url}/blank`, [
      { name: "_csrf", value: csrf },
      { name: "file", filename: "身份证复印样式.docx", data: await minimalDocx(["身份证复印件粘贴处"]) },
    ]);
    expect(up.statusCode, up.body.slice(0, 300)).toBe(303);
    const refused = await office.postMultipart(`${url}/sample`, [
      { name: "_csrf", value: csrf },
      { name: "file", filename: "a.pdf", data: minimalPdf("x") },
      { name: "file", filename: "b.pdf", data: minimalPdf("y") },
    ]);
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain("每次只能上传一个文件");
    const halls = await office.get("/admin/services/halls");
    expect(halls.body).toContain("只提供 7 种，还差 1 种");
    const wid = /action="\/admin\/services\/windows\/([^/]+)\/modes"/.exec(halls.body)![1]!;
    const hcsrf = await office.csrfFrom("/admin/services/halls");
    const set = await office.post(
      `/admin/services/windows/${wid}/modes`,
      form({ _csrf: hcsrf, modes: ["extended", "weekend"] }),
    );
    expect(set.statusCode).toBe(303);
    const refusedModes = await office.post("/admin/services/modes", {
      _csrf: hcsrf,
      modes: "Bad Key|\nextended|延时服务",
    });
    expect(refusedModes.statusCode).toBe(400);
    expect(refusedModes.body).toContain("仍有窗口在提供，不能删除");
    const current = /<textarea[^>]*id="mode-list"[^>]*>([^<]*)<\/textarea>/.exec(halls.body)![1]!;
    const saved = await office.post("/admin/services/modes", {
      _csrf: hcsrf,
      modes: `${current}\nbilingual|蒙汉双语服务`,
    });
    expect(saved.statusCode).toBe(303);
    expect((await app.inject({ url: "/fw/halls" })).body).toContain("蒙汉双语服务");
  });

  it("offers a department's clerk only the pages it may use, and refuses the site-wide ones with a 403 naming them", async () => {
    const clerk = await as("demo-clerk");
    const home = await clerk.get("/admin/services");
    expect(home.body).toContain('href="/admin/services/new"');
    expect(home.body).toContain('href="/admin/services/import"');
    for (const href of ["materials", "halls", "bundles", "reports"]) {
      expect(home.body).not.toContain(`href="/admin/services/${href}"`);
      const page = await clerk.get(`/admin/services/${href}`);
      expect(page.statusCode).toBe(403);
      expect(page.body).toContain("统一管理，只有其工作人员可以查看");
      expect(page.body).not.toContain("服务事项不存在");
    }
    const api = await app.inject({
      url: "/api/v1/service-halls/check",
      headers: bearer(await tokenFor(ctx, "demo-clerk")),
    });
    expect(api.statusCode).toBe(403);
    expect(api.json().error.code).toBe("service_site_office_only");
    // Site-wide changes name what was refused: the modes list, a 一件事, a report.
    const csrf = await clerk.csrfFrom("/admin/services/new");
    const modes = await clerk.post("/admin/services/modes", { _csrf: csrf, modes: "extended|延时服务" });
    expect(modes.statusCode).toBe(403);
    expect(modes.body).toContain("便民服务模式清单由");
    const report = await clerk.post("/admin/services/reports", { _csrf: csrf, year: "2026", quarter: "0" });
    expect(report.statusCode).toBe(403);
    expect(report.body).toContain("实施情况报告由");
    const office = await as("demo-office");
    const missing = await office.get("/admin/services/reports/01a250f9-0000-7000-8000-000000000000");
    expect(missing.statusCode).toBe(404);
    expect(missing.body).toContain("实施情况报告不存在");
    expect((await office.get("/admin/services")).body).toContain('href="/admin/services/halls"');
  });
});
