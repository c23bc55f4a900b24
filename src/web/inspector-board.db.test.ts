import { afterAll, beforeAll, expect, it } from "vitest";
import { bearer, buildTestApp, tokenFor } from "../../test/helpers/app";
import { describeEachDialect } from "../../test/helpers/db";
import { Session } from "../../test/helpers/forms";
import { DEMO_PASSWORD } from "../demo/seed";
import { findOrgByCodeAnySite } from "../domains/orgs";
import { shanghaiDateOf } from "../platform/time";
import type { AppInstance } from "./types";

// The inspector's dashboard: overdue and late work by department, this year, as a plain table.
describeEachDialect("inspector dashboard", (ctx) => {
  let app: AppInstance;
  let year: string;
  beforeAll(async () => {
    app = await buildTestApp(ctx);
    const db = ctx.deps.db.kysely;
    year = shanghaiDateOf(ctx.deps.clock.now()).slice(0, 4);
    const jyj = (await findOrgByCodeAnySite(ctx.deps, "gyx-jyj"))!;
    const czj = (await findOrgByCodeAnySite(ctx.deps, "gyx-czj"))!;
    // Two applications filed and registered through the API; then one left open, one marked replied.
    const office = await tokenFor(ctx, "demo-office");
    const today = shanghaiDateOf(ctx.deps.clock.now());
    const ids: string[] = [];
    for (const name of ["督查甲", "督查乙"]) {
      const filed = await app.inject({
        method: "POST",
        url: "/api/v1/applications/intake",
        headers: bearer(office),
        payload: {
          applicant: {
            type: "natural",
            name,
            id_type: "passport",
            id_number: "E12345678",
            phone: "13812345678",
          },
          description: "请公开本县学校食堂招标文件。",
          delivery: "pickup",
          channel: "letter",
          on: today,
        },
      });
      expect(filed.statusCode, filed.body).toBe(201);
      ids.push(filed.json().id as string);
    }
    const [open, replied] = ids.map((id) => ({ id }));
    await db.updateTable("applications").set({ status: "replied" }).where("id", "=", replied!.id).execute();
    // One open application of the education bureau past its due date; one replied a day after it.
    await db
      .updateTable("applications")
      .set({ org_id: jyj.id, received_on: `${year}-01-05` })
      .where("id", "=", open!.id)
      .execute();
    await db
      .updateTable("statutory_clocks")
      .set({ due_on: `${year}-01-06` })
      .where("owner_id", "=", open!.id)
      .execute();
    await db
      .updateTable("applications")
      .set({ org_id: jyj.id, received_on: `${year}-01-02`, replied_on: `${year}-01-20` })
      .where("id", "=", replied!.id)
      .execute();
    await db
      .updateTable("statutory_clocks")
      .set({ due_on: `${year}-01-19` })
      .where("owner_id", "=", replied!.id)
      .execute();
    // Two items of the finance bureau published this year, one late.
    const items = await db
      .selectFrom("items")
      .select("id")
      .where("status", "=", "published")
      .limit(2)
      .execute();
    await db
      .updateTable("items")
      .set({ org_id: czj.id, published_on: `${year}-02-01`, late: 0 })
      .where(
        "id",
        "in",
        items.map((i) => i.id),
      )
      .execute();
    await db.updateTable("items").set({ late: 1 }).where("id", "=", items[0]!.id).execute();
  });
  afterAll(async () => app?.close());

  const cells = (html: string, org: string) => {
    const row = new RegExp(`<tr><th scope="row">${org}</th>(.*?)</tr>`).exec(html)?.[1] ?? "";
    return [...row.matchAll(/<td class="num[^"]*">(?:<a [^>]*>|<span>)(\d+)</g)].map((m) => Number(m[1]));
  };

  it("shows the inspector each department's overdue and late work, those with problems first", async () => {
    const s = new Session(app);
    await s.login("demo-inspector", DEMO_PASSWORD);
    const res = await s.get("/admin");
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(`督查：各部门超期和逾期情况（${year}年`);
    // received, overdue open, replied, replied late, published, late
    const jyj = cells(res.body, "固阳县教育局");
    expect(jyj.slice(0, 4)).toEqual([2, 1, 1, 1]);
    const czj = cells(res.body, "固阳县财政局");
    expect(czj[4]).toBeGreaterThanOrEqual(2);
    expect(czj[5]).toBe(1);
    expect(res.body).toContain(
      '<td class="num warn-cell"><a href="/admin/applications?queue=overdue">1</a></td>',
    );
    // Problem rows come before the others.
    const first = /<tbody><tr><th scope="row">([^<]+)</.exec(res.body)?.[1];
    expect(["固阳县教育局", "固阳县财政局"]).toContain(first);
    expect(res.body).toContain('<th scope="row">合计</th>');
  });

  it("is not shown to staff who are not inspectors", async () => {
    const s = new Session(app);
    await s.login("demo-clerk", DEMO_PASSWORD);
    const res = await s.get("/admin");
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain("督查：各部门超期和逾期情况");
  });
});
