import { afterAll, beforeAll, expect, it } from "vitest";
import { bearer, buildTestApp, tokenFor } from "../../../../test/helpers/app";
import { describeEachDialect } from "../../../../test/helpers/db";
import { Session } from "../../../../test/helpers/forms";
import { DEMO_PASSWORD } from "../../../demo/seed";
import { buildCreditCode } from "../../../platform/credit-code";
import { fixedClock } from "../../../platform/time";
import type { AppInstance } from "../../../web/types";

const clock = fixedClock("2025-03-20T02:00:00Z");

/** A valid resident ID number (GB 11643 check digit) from a serial. */
function residentId(serial: number): string {
  const body = `11010119900307${String(serial).padStart(3, "0")}`;
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((s, d, i) => s + Number(d) * w[i]!, 0);
  return body + "10X98765432"[sum % 11]!;
}

const person = (serial: number, name: string) => ({
  type: "natural",
  name,
  id_type: "resident_id",
  id_number: residentId(serial),
  phone: `1381234${String(5000 + serial)}`,
});

const LOW_INCOME = "申请公开固阳县2024年城乡低保资金发放情况（分镇统计表）。";
const LOW_INCOME_REWORDED = "请提供2024年固阳县城乡低保资金的发放情况，按镇统计。";
const LOW_INCOME_2023 = "申请公开固阳县2023年城乡低保资金发放情况（分镇统计表）。";
const LAND = "申请公开金山镇征地补偿安置方案。";

describeEachDialect(
  "information applied for repeatedly (Art. 44)",
  (ctx) => {
    let app: AppInstance;
    let office: string;
    let s: Session;
    const ids: Record<string, string> = {};
    beforeAll(async () => {
      app = await buildTestApp(ctx);
      office = await tokenFor(ctx, "demo-office");
      s = new Session(app);
      await s.login("demo-office", DEMO_PASSWORD);
    });
    afterAll(async () => app?.close());

    const api = (method: "POST" | "GET", url: string, payload?: object) =>
      app.inject({ method, url, headers: bearer(office), ...(payload ? { payload } : {}) });

    async function intake(name: string, applicant: object, description: string, on = "2025-03-03") {
      const res = await api("POST", "/api/v1/applications/intake", {
        applicant,
        description,
        delivery: "pickup",
        channel: "registered_post",
        on,
      });
      expect(res.statusCode, res.body).toBe(201);
      ids[name] = res.json().id;
      return res.json().id as string;
    }
    const act = async (id: string, body: object) => {
      const r = await api("POST", `/api/v1/applications/${id}/actions`, body);
      expect(r.statusCode, r.body).toBe(200);
      return r.json();
    };
    const groupsNow = async () =>
      (await api("GET", "/api/v1/applications/repeated")).json().groups as Array<{
        key: string;
        count: number;
        applicants: number;
        holding_org_id: string | null;
        applications: Array<{ id: string }>;
        decision?: { decision: string; item_id: string | null; covers_all: boolean };
      }>;
    const groupWith = async (name: string) =>
      (await groupsNow()).find((g) => g.applications.some((a) => a.id === ids[name]));

    it("groups near-identical requests from distinct applicants, never one applicant twice", async () => {
      const a = person(1, "王小明");
      await intake("a1", a, LOW_INCOME);
      await intake("b1", person(2, "李华"), LOW_INCOME_REWORDED);
      // The same applicant again, with the description carrying their own ID number.
      await intake("a2", a, `本人身份证号${a.id_number}，${LOW_INCOME}`);
      await intake("f1", person(6, "赵六"), LOW_INCOME_2023);
      const c = person(3, "张三");
      await intake("c1", c, LAND);
      await intake("c2", c, LAND);
      await intake(
        "d1",
        {
          type: "commercial",
          name: "固阳县某建筑有限公司",
          credit_code: buildCreditCode("91", "150222", "MA0N1234"),
          phone: "0472-8123456",
        },
        "申请公开《关于印发固阳县农村危房改造实施方案的通知》（固政办发〔2023〕12号）。",
      );
      await intake("e1", person(5, "钱七"), "请公开固政办发[2023]第012号文件全文");
      // Merged applications are left out.
      const g1 = await intake("g1", person(7, "孙八"), LOW_INCOME);
      const code = (await api("GET", `/api/v1/applications/${ids.a1}`)).json().tracking_code;
      await act(g1, { action: "merge", into: code });
      // Outside the period (received more than 12 months ago).
      await intake("h1", person(8, "周九"), LOW_INCOME, "2024-03-01");

      const groups = await groupsNow();
      const low = await groupWith("a1");
      expect(low).toBeDefined();
      expect(low!.applications.map((x) => x.id).sort()).toEqual([ids.a1, ids.a2, ids.b1].sort());
      expect(low).toMatchObject({ count: 3, applicants: 2 });
      const doc = await groupWith("d1");
      expect(doc!.applications.map((x) => x.id).sort()).toEqual([ids.d1, ids.e1].sort());
      // One applicant twice is not "several applicants".
      expect(await groupWith("c1")).toBeUndefined();
      expect(await groupWith("f1")).toBeUndefined();
      expect(groups.some((g) => g.applications.some((x) => x.id === ids.g1 || x.id === ids.h1))).toBe(false);
      // A wider period takes in the older application.
      const wide = (await api("GET", "/api/v1/applications/repeated?from=2024-01-01&to=2025-03-20")).json();
      const lowWide = wide.groups.find((g: { key: string }) => g.key === ids.h1 || g.key === low!.key);
      expect(lowWide.applications.map((x: { id: string }) => x.id)).toContain(ids.h1);

      const page = await s.get("/admin/applications/repeated");
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain("3 件，2 个不同申请人");
      // The back-office list shows requests de-identified.
      expect(page.body).not.toContain(a.id_number);
    });

    it("“纳入主动公开” creates a draft item in the holding organisation, linked and audited", async () => {
      await act(ids.a1!, { action: "assign", org: "gyx-mzj" });
      await act(ids.b1!, { action: "assign", org: "gyx-mzj" });
      const low = await groupWith("a1");
      const mzj = await ctx.deps.db.kysely
        .selectFrom("orgs")
        .select(["id"])
        .where("code", "=", "gyx-mzj")
        .executeTakeFirstOrThrow();
      expect(low!.holding_org_id).toBe(mzj.id);

      const page = await s.get("/admin/applications/repeated");
      const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
      const bad = await s.post("/admin/applications/repeated/decide", {
        _csrf: csrf,
        key: low!.key,
        decision: "include",
        title: "",
        body: "",
        org: "gyx-mzj",
        kind: "other",
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.body).toContain("请填写拟主动公开信息的标题");
      expect(bad.body).toContain("请填写正文");
      const itemsBefore = await ctx.deps.db.kysely
        .selectFrom("items")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow();

      const ok = await s.post("/admin/applications/repeated/decide", {
        _csrf: csrf,
        key: low!.key,
        decision: "include",
        title: "固阳县2024年城乡低保资金发放情况",
        body: "2024年城乡低保资金分镇发放统计表。",
        org: "gyx-mzj",
        kind: "statistics",
      });
      expect(ok.statusCode, ok.body).toBe(303);
      const decided = await groupWith("a1");
      expect(decided!.decision).toMatchObject({ decision: "include", covers_all: true });
      const item = await ctx.deps.db.kysely
        .selectFrom("items")
        .select(["id", "org_id", "status", "kind", "title"])
        .where("id", "=", decided!.decision!.item_id!)
        .executeTakeFirstOrThrow();
      expect(item).toMatchObject({ org_id: mzj.id, status: "draft", kind: "statistics" });
      const itemsAfter = await ctx.deps.db.kysely
        .selectFrom("items")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow();
      expect(Number(itemsAfter.n)).toBe(Number(itemsBefore.n) + 1);

      const audit = await ctx.deps.db.kysely
        .selectFrom("audit_log")
        .select(["action", "entity_id", "summary"])
        .where("action", "in", ["application.repeat_decide", "item.create"])
        .execute();
      expect(audit.find((a) => a.action === "item.create" && a.entity_id === item.id)).toBeDefined();
      const decision = audit.find((a) => a.action === "application.repeat_decide");
      expect(JSON.parse(decision!.summary)).toMatchObject({
        decision: "include",
        item: item.id,
        applicants: 2,
      });

      // Not twice for the same applications.
      const again = await api("POST", "/api/v1/applications/repeated/decisions", {
        key: low!.key,
        decision: "exclude",
        reason: "重复",
      });
      expect(again.statusCode).toBe(409);
      expect(again.json().error.code).toBe("repeat_already_decided");
      // The public list shows included information only once its item is published.
      const pub = await app.inject("/hd/repeated");
      expect(pub.statusCode).toBe(200);
      expect(pub.body).not.toContain("固阳县2024年城乡低保资金发放情况");
    });

    it("records an applicant's suggestion (Art. 44 para. 2): the request joins the list with one applicant", async () => {
      const page = await s.get(`/admin/applications/${ids.f1}`);
      expect(page.body).toContain("申请人建议纳入主动公开");
      const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
      const empty = await s.post(`/admin/applications/${ids.f1}/archive/suggestion`, {
        _csrf: csrf,
        suggestion: "",
      });
      expect(empty.statusCode).toBe(400);
      expect(empty.body).toContain("请填写申请人建议纳入主动公开的理由");
      expect(await groupWith("f1")).toBeUndefined();
      const ok = await s.post(`/admin/applications/${ids.f1}/archive/suggestion`, {
        _csrf: csrf,
        suggestion: "低保资金发放涉及公众利益，应主动公开。",
      });
      expect(ok.statusCode, ok.body).toBe(303);
      expect(await groupWith("f1")).toMatchObject({ count: 1, applicants: 1, suggestions: 1 });
      const again = await s.post(`/admin/applications/${ids.f1}/archive/suggestion`, {
        _csrf: csrf,
        suggestion: "再次",
      });
      expect(again.statusCode).toBe(409);
      const audit = await ctx.deps.db.kysely
        .selectFrom("audit_log")
        .select(["summary"])
        .where("action", "=", "application.suggest_proactive")
        .where("entity_id", "=", ids.f1!)
        .execute();
      expect(audit).toHaveLength(1);
      expect(audit[0]!.summary).not.toContain("低保");
    });

    it("“不纳入” needs a reason and is audited", async () => {
      const doc = await groupWith("d1");
      const none = await api("POST", "/api/v1/applications/repeated/decisions", {
        key: doc!.key,
        decision: "exclude",
        reason: " ",
      });
      expect(none.statusCode).toBe(400);
      expect(none.json().error.details[0].field).toBe("reason");
      const res = await api("POST", "/api/v1/applications/repeated/decisions", {
        key: doc!.key,
        decision: "exclude",
        reason: "该文件已于2023年主动公开，答复中已告知获取途径。",
      });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json()).toMatchObject({ decision: "exclude", item_id: null });
      expect((await groupWith("d1"))!.decision).toMatchObject({ decision: "exclude" });
      const audit = await ctx.deps.db.kysely
        .selectFrom("audit_log")
        .select(["entity_id"])
        .where("action", "=", "application.repeat_decide")
        .where("entity_id", "=", res.json().id)
        .execute();
      expect(audit).toHaveLength(1);
    });
  },
  { clock },
);
