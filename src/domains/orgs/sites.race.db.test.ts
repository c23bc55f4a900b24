import { expect, it } from "vitest";
import { describeEachDialect } from "../../../test/helpers/db";
import { systemActor } from "../../deps";
import { AppError } from "../../platform/errors";
import { createOrg, createSiteWithRoot } from "./index";

// Two administrators creating the same site or organisation at once: one wins, the other gets the 409 it
// would have got a moment later, never a 500 from the unique constraint and never two sites on one host.
describeEachDialect("creating sites and organisations concurrently", (ctx) => {
  const actor = systemActor("test");
  const site = (code: string, host: string) =>
    createSiteWithRoot(ctx.deps, actor, {
      code,
      name: `${code}人民政府`,
      division_code: "150223",
      identifier_code: "1502230001",
      hosts: host,
      root: { code: `${code}-gov`, name: `${code}人民政府` },
    });
  const codesOf = (results: PromiseSettledResult<unknown>[]) =>
    results.map((r) =>
      r.status === "fulfilled" ? "ok" : r.reason instanceof AppError ? r.reason.code : String(r.reason),
    );
  const count = async (table: "sites" | "orgs") =>
    Number(
      (
        await ctx.deps.db.kysely
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it("the same site code twice", async () => {
    const r = await Promise.allSettled([site("twin", "a.example.gov.cn"), site("twin", "b.example.gov.cn")]);
    expect(codesOf(r).sort()).toEqual(["ok", "site_exists"]);
    expect(await count("sites")).toBe(1);
    expect(await count("orgs")).toBe(1);
  });

  it("the same host name for two sites", async () => {
    const r = await Promise.allSettled([
      site("left", "gk.example.gov.cn"),
      site("right", "gk.example.gov.cn"),
    ]);
    expect(codesOf(r).sort()).toEqual(["host_taken", "ok"]);
    expect(await count("sites")).toBe(2);
  });

  it("the same organisation code twice in one site", async () => {
    const add = () =>
      createOrg(ctx.deps, actor, {
        site_code: "twin",
        parent_code: "twin-gov",
        code: "twin-jyj",
        name: "教育局",
        kind: "department",
      });
    const r = await Promise.allSettled([add(), add(), add()]);
    expect(codesOf(r).sort()).toEqual(["ok", "org_exists", "org_exists"]);
    const audit = await ctx.deps.db.kysely
      .selectFrom("audit_log")
      .select("entity_id")
      .where("action", "=", "org.create")
      .execute();
    expect(audit).toHaveLength(3); // two roots and one department: the refused ones left no entry
  });
});
