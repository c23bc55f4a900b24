import { beforeAll, expect, it } from "vitest";
import { describeEachDialect } from "../../../test/helpers/db";
import { DEMO_PASSWORD, seedDemo } from "../../demo/seed";
import { systemActor } from "../../deps";
import { AppError } from "../../platform/errors";
import { fixedClock } from "../../platform/time";
import { verifyAuditChain } from "../audit";
import {
  authenticate,
  changePassword,
  createApiToken,
  createUser,
  loadSessionUser,
  resolveApiToken,
} from "./accounts.service";

const clock = fixedClock("2026-11-26T02:00:00Z");

async function refusal(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error("expected a refusal");
}

describeEachDialect(
  "accounts",
  (ctx) => {
    beforeAll(async () => {
      await seedDemo(ctx.deps, systemActor("test"));
    });

    it("logs the demo clerk in with roles and organisation", async () => {
      const u = await authenticate(ctx.deps, "demo-clerk", DEMO_PASSWORD, "127.0.0.1");
      expect(u).toMatchObject({ username: "demo-clerk", orgName: "固阳县人民政府办公室", roles: ["clerk"] });
    });

    it("locks an account after five wrong passwords, then unlocks after the period", async () => {
      for (let i = 1; i <= 4; i++) {
        expect(
          (await refusal(authenticate(ctx.deps, "demo-inspector", "wrong-password", "10.0.0.1"))).code,
        ).toBe("invalid_credentials");
      }
      const fifth = await refusal(authenticate(ctx.deps, "demo-inspector", "wrong-password", "10.0.0.1"));
      expect(fifth.code).toBe("account_locked");
      expect(fifth.status).toBe(423);
      // Even the right password is refused while locked.
      expect((await refusal(authenticate(ctx.deps, "demo-inspector", DEMO_PASSWORD, "10.0.0.1"))).code).toBe(
        "account_locked",
      );
      clock.advance(16 * 60_000);
      await expect(
        authenticate(ctx.deps, "demo-inspector", DEMO_PASSWORD, "10.0.0.1"),
      ).resolves.toMatchObject({
        username: "demo-inspector",
      });
      const entries = await ctx.deps.db.kysely
        .selectFrom("audit_log")
        .select("action")
        .where("action", "=", "auth.locked")
        .execute();
      expect(entries).toHaveLength(1);
    });

    it("refuses unknown users with the same message as a wrong password", async () => {
      const e = await refusal(authenticate(ctx.deps, "nobody-here", "whatever-pass", "10.0.0.1"));
      expect(e.code).toBe("invalid_credentials");
    });

    it("lists every problem of a bad new account and stores nothing", async () => {
      const before = await ctx.deps.db.kysely.selectFrom("users").select("id").execute();
      const e = await refusal(
        createUser(ctx.deps, systemActor("test"), {
          username: "X",
          name: "",
          orgCode: "nope",
          roles: ["boss"],
          password: "short",
        }),
      );
      expect(e.code).toBe("validation_failed");
      expect(e.details.map((d) => d.code).sort()).toEqual(
        ["invalid_username", "invalid_name", "invalid_role", "password_too_short", "org_not_found"].sort(),
      );
      const after = await ctx.deps.db.kysely.selectFrom("users").select("id").execute();
      expect(after).toHaveLength(before.length);
    });

    it("refuses a taken username", async () => {
      const e = await refusal(
        createUser(ctx.deps, systemActor("test"), {
          username: "demo-clerk",
          name: "重名",
          orgCode: "gyx-jyj",
          roles: ["clerk"],
          password: "another-Password-1",
        }),
      );
      expect(e.code).toBe("username_taken");
    });

    it("changes a password and ends older sessions", async () => {
      const u = await authenticate(ctx.deps, "demo-reviewer", DEMO_PASSWORD, "127.0.0.1");
      expect(await loadSessionUser(ctx.deps, u.id, u.sessionEpoch)).toBeDefined();
      const bad = await refusal(changePassword(ctx.deps, u, "wrong", "abc", "abd"));
      expect(bad.details.map((d) => d.code).sort()).toEqual([
        "password_mismatch",
        "password_too_short",
        "wrong_password",
      ]);
      const updated = await changePassword(
        ctx.deps,
        u,
        DEMO_PASSWORD,
        "New-Reviewer-Pass-9",
        "New-Reviewer-Pass-9",
      );
      expect(await loadSessionUser(ctx.deps, u.id, u.sessionEpoch)).toBeUndefined();
      expect(await loadSessionUser(ctx.deps, u.id, updated.sessionEpoch)).toBeDefined();
      await expect(
        authenticate(ctx.deps, "demo-reviewer", "New-Reviewer-Pass-9", "127.0.0.1"),
      ).resolves.toBeDefined();
    });

    it("stores API tokens hashed and resolves them", async () => {
      const token = await createApiToken(ctx.deps, systemActor("test"), "demo-office");
      const row = await ctx.deps.db.kysely
        .selectFrom("api_tokens")
        .select(["token_hash"])
        .orderBy("created_at", "desc")
        .executeTakeFirstOrThrow();
      expect(row.token_hash).not.toContain(token);
      expect(row.token_hash).toMatch(/^[0-9a-f]{64}$/);
      await expect(resolveApiToken(ctx.deps, token)).resolves.toMatchObject({ username: "demo-office" });
      await expect(resolveApiToken(ctx.deps, `${token.slice(0, -1)}x`)).resolves.toBeUndefined();
      expect((await verifyAuditChain(ctx.deps)).ok).toBe(true);
    });
  },
  { clock },
);
