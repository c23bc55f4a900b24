import { afterAll, beforeAll, expect, it } from "vitest";
import { bearer, buildTestApp, tokenFor } from "../../test/helpers/app";
import { describeEachDialect } from "../../test/helpers/db";
import { verifyAuditChain } from "../domains/audit";
import type { AppInstance } from "../web/types";
import { demoIdNumber, seedDemoApplications } from "./applications";

describeEachDialect("demo applications (serve --demo, seed demo)", (ctx) => {
  let app: AppInstance;
  beforeAll(async () => {
    app = await buildTestApp(ctx);
  });
  afterAll(async () => app?.close());

  it("fill every queue, the public archive and the Art. 44 list through the real workflow, once", async () => {
    expect(await seedDemoApplications(ctx.deps)).toBe(9);
    expect(await seedDemoApplications(ctx.deps)).toBe(0);
    const office = await tokenFor(ctx, "demo-office");
    const rows = await ctx.deps.db.kysely.selectFrom("applications").select(["status", "outcome"]).execute();
    const byStatus: Record<string, number> = {};
    for (const r of rows) byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;
    expect(byStatus).toEqual({ submitted: 2, handling: 2, correction: 1, replied: 4 });
    const [late] = (
      await app.inject({
        url: `/api/v1/applications?applicant=${encodeURIComponent("周立新")}`,
        headers: bearer(office),
      })
    ).json().items as Array<{ id: string }>;
    const detail = (
      await app.inject({ url: `/api/v1/applications/${late!.id}`, headers: bearer(office) })
    ).json();
    expect(detail.due_on < new Date().toISOString().slice(0, 10)).toBe(true); // overdue, on its clock

    const archive = await app.inject("/hd/archive");
    expect(archive.body).toContain("固阳县2020年政务公开工作要点");
    expect(archive.body).not.toContain("郑国强");
    const repeated = (
      await app.inject({ url: "/api/v1/applications/repeated", headers: bearer(office) })
    ).json() as { groups: Array<{ applicants: number }> };
    expect(repeated.groups.map((g) => g.applicants)).toContain(3);
    expect(await verifyAuditChain(ctx.deps)).toMatchObject({ ok: true });
  });

  it("gives identity numbers valid check digits", () => {
    expect(demoIdNumber("110101", "19900307", "451")).toBe("110101199003074514");
  });
});
