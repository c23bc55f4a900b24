import { beforeAll, expect, it } from "vitest";
import { describeEachDialect } from "../../../test/helpers/db";
import { seedTestDemo } from "../../../test/helpers/demo-template";
import { AppError } from "../../platform/errors";
import { type CurrentUser, findCurrentUser } from "../accounts";
import { createItem, performAction } from "./publishing.service";

// Issue 10, defect 4: the same step fired twice at once (a double click, two tabs). On PostgreSQL the two
// run on two pooled connections, truly concurrently; each step loads its row with FOR UPDATE inside its
// transaction, so the second waits and then finds the step already taken.
describeEachDialect("publishing steps fired twice at once", (ctx) => {
  const u: Record<string, CurrentUser> = {};
  beforeAll(async () => {
    await seedTestDemo(ctx);
    for (const name of ["demo-clerk", "demo-reviewer", "demo-signer"])
      u[name] = (await findCurrentUser(ctx.deps, name))!;
  });

  const draft = (title: string) =>
    createItem(ctx.deps, u["demo-clerk"]!, { title, body: "内容", kind: "notice" });
  const step = (id: string, who: string, action: "submit" | "approve" | "sign" | "publish" | "revise") =>
    performAction(ctx.deps, u[who]!, id, { action });
  const signedItem = async (title: string) => {
    const item = await draft(title);
    await step(item.id, "demo-clerk", "submit");
    await step(item.id, "demo-reviewer", "approve");
    await step(item.id, "demo-signer", "sign");
    return item;
  };
  /** Runs both at once; returns the outcomes as 200 or the refusal's status and code. */
  const twice = async (run: () => Promise<unknown>) => {
    await warmPool();
    const results = await Promise.allSettled([run(), run()]);
    return results
      .map((r) => {
        if (r.status === "fulfilled") return "200";
        if (r.reason instanceof AppError) return `${r.reason.status} ${r.reason.code}`;
        throw r.reason;
      })
      .sort();
  };
  // Opens several pooled connections first (PostgreSQL), so neither attempt waits for a new connection
  // while the other runs to completion: the race is real, not sequential by accident.
  const warmPool = () =>
    Promise.all(
      Array.from({ length: 4 }, () => ctx.deps.db.kysely.selectFrom("sites").select("id").limit(1).execute()),
    );
  const count = async (table: "audit_log" | "item_events", where: { id: string; action: string }) => {
    const q =
      table === "audit_log"
        ? ctx.deps.db.kysely
            .selectFrom("audit_log")
            .select((eb) => eb.fn.countAll<number>().as("n"))
            .where("entity_id", "=", where.id)
            .where("action", "=", `item.${where.action}`)
        : ctx.deps.db.kysely
            .selectFrom("item_events")
            .select((eb) => eb.fn.countAll<number>().as("n"))
            .where("item_id", "=", where.id)
            .where("action", "=", where.action);
    return Number((await q.executeTakeFirstOrThrow()).n);
  };
  const lastSerial = async () => {
    const rows = await ctx.deps.db.kysely.selectFrom("index_counters").select("last_serial").execute();
    return rows.reduce((s, r) => s + Number(r.last_serial), 0);
  };

  it("a double-clicked publish takes one 索引号 and writes one audit entry", async () => {
    const item = await signedItem("双击发布");
    const serialsBefore = await lastSerial();
    expect(await twice(() => step(item.id, "demo-signer", "publish"))).toEqual([
      "200",
      "409 invalid_transition",
    ]);
    expect(await lastSerial()).toBe(serialsBefore + 1);
    expect(await count("audit_log", { id: item.id, action: "publish" })).toBe(1);
    expect(await count("item_events", { id: item.id, action: "publish" })).toBe(1);
  });

  it("each other step is taken once", async () => {
    const item = await draft("双击提交");
    for (const [who, action] of [
      ["demo-clerk", "submit"],
      ["demo-reviewer", "approve"],
      ["demo-signer", "sign"],
    ] as const) {
      expect(await twice(() => step(item.id, who, action)), action).toEqual([
        "200",
        "409 invalid_transition",
      ]);
      expect(await count("audit_log", { id: item.id, action }), action).toBe(1);
    }
  });

  it("two revisions of one published item make one new version", async () => {
    const item = await signedItem("双击修订");
    await step(item.id, "demo-signer", "publish");
    expect(await twice(() => step(item.id, "demo-clerk", "revise"))).toEqual([
      "200",
      "409 revision_in_progress",
    ]);
    const versions = await ctx.deps.db.kysely
      .selectFrom("items")
      .select("version")
      .where("lineage_id", "=", item.id)
      .execute();
    expect(versions.map((v) => Number(v.version)).sort()).toEqual([1, 2]);
  });
});
