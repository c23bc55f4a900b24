import { beforeAll, expect, it, vi } from "vitest";
import { cliRunner } from "../../../test/helpers/cli";
import { describeEachDialect } from "../../../test/helpers/db";
import { seedTestDemo } from "../../../test/helpers/demo-template";
import { fixedClock } from "../../platform/time";
import { type CurrentUser, findCurrentUser } from "../accounts";
import { createItem, performAction } from "../publishing";

// Each command starts Node and tsx (about a second); leave room on a loaded machine.
vi.setConfig({ testTimeout: 180_000 });

const { gongkai } = cliRunner("integrity-cli");

// Published on 2 March 2026 (Shanghai); the command runs on the real clock, so that day is long finished.
const clock = fixedClock("2026-03-02T02:00:00Z");

describeEachDialect(
  "gongkai integrity seal / check (CLI)",
  (ctx) => {
    let itemId = "";
    beforeAll(async () => {
      await seedTestDemo(ctx);
      const u: Record<string, CurrentUser> = {};
      for (const name of ["demo-clerk", "demo-reviewer", "demo-signer"])
        u[name] = (await findCurrentUser(ctx.deps, name))!;
      const item = await createItem(ctx.deps, u["demo-clerk"]!, {
        title: "命令行核验的通知",
        body: "<p>原文。</p>",
        kind: "notice",
      });
      itemId = item.id;
      await performAction(ctx.deps, u["demo-clerk"]!, item.id, { action: "submit" });
      await performAction(ctx.deps, u["demo-reviewer"]!, item.id, { action: "approve" });
      await performAction(ctx.deps, u["demo-signer"]!, item.id, { action: "sign" });
      await performAction(ctx.deps, u["demo-signer"]!, item.id, { action: "publish" });
    });

    it("seals, passes an untouched database, and exits 1 naming a body changed in the database", async () => {
      const url = ctx.testDb.url;
      const seal = await gongkai(url, "integrity", "seal");
      expect(seal.code, seal.stderr).toBe(0);
      expect(seal.stdout).toContain("已封存 2026-03-02");

      const ok = await gongkai(url, "integrity", "check");
      expect(ok.code, ok.stderr).toBe(0);
      expect(ok.stdout).toContain("核验链完整");

      await ctx.deps.db.kysely
        .updateTable("items")
        .set({ body_html: "<p>被改过的原文。</p>" })
        .where("id", "=", itemId)
        .execute();
      const bad = await gongkai(url, "integrity", "check", "--json");
      expect(bad.code).toBe(1);
      const out = JSON.parse(bad.stdout);
      expect(out.intact).toBe(false);
      expect(out.differences).toEqual([
        expect.objectContaining({ kind: "content_changed", item_id: itemId, day: "2026-03-02" }),
      ]);
      expect(out.alerts).toHaveLength(1);
      const alerts = await ctx.deps.db.kysely.selectFrom("integrity_alerts").select("status").execute();
      expect(alerts.map((a) => a.status)).toEqual(["open"]);
      const text = await gongkai(url, "integrity", "check");
      expect(text.code).toBe(1);
      expect(text.stdout).toContain(`[content_changed] 内容被改：“命令行核验的通知”（${itemId}）`);
    });
  },
  { clock },
);
