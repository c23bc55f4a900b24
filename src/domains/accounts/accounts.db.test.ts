import { beforeAll, expect, it } from "vitest";
import { describeEachDialect } from "../../../test/helpers/db";
import { seedTestDemo } from "../../../test/helpers/demo-template";
import { DEMO_PASSWORD } from "../../demo/seed";
import { systemActor } from "../../deps";
import { AppError } from "../../platform/errors";
import { fixedClock } from "../../platform/time";
import { verifyAuditChain } from "../audit";
import { authenticate } from "./accounts.login";
import {
  changePassword,
  createApiToken,
  createUser,
  resolveApiToken,
  resolveSession,
  startSession,
} from "./accounts.service";

const client = { address: "127.0.0.1", userAgent: "test" };

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
      await seedTestDemo(ctx);
    });

    it("logs the demo clerk in with roles and organisation", async () => {
      const u = await authenticate(ctx.deps, "demo-clerk", DEMO_PASSWORD, "127.0.0.1");
      expect(u).toMatchObject({ username: "demo-clerk", orgName: "固阳县人民政府办公室", roles: ["clerk"] });
    });

    it("after five wrong passwords refuses that account from that address only, until the window passes", async () => {
      for (let i = 1; i <= 5; i++) {
        const e = await refusal(authenticate(ctx.deps, "demo-inspector", "wrong-password", "10.0.0.1"));
        expect([e.code, e.status]).toEqual(["invalid_credentials", 401]);
      }
      // Even the right password is refused from that address, without a word about the account…
      const refused = await refusal(authenticate(ctx.deps, "demo-inspector", DEMO_PASSWORD, "10.0.0.1"));
      expect([refused.code, refused.status]).toEqual(["login_throttled", 429]);
      // …while the official signs in from another address.
      await expect(
        authenticate(ctx.deps, "demo-inspector", DEMO_PASSWORD, "10.0.0.2"),
      ).resolves.toMatchObject({
        username: "demo-inspector",
      });
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

    it("treats an unknown user exactly like a real one: same refusal, same limit, same message", async () => {
      const real: AppError[] = [];
      const unknown: AppError[] = [];
      for (let i = 0; i < 6; i++) {
        real.push(await refusal(authenticate(ctx.deps, "demo-signer", "wrong-password", "10.0.0.7")));
        unknown.push(await refusal(authenticate(ctx.deps, "nobody-here", "wrong-password", "10.0.0.7")));
      }
      const shape = (e: AppError) => [e.code, e.status, e.message];
      expect(real.map(shape)).toEqual(unknown.map(shape));
      expect(real.map((e) => e.code)).toEqual([...Array(5).fill("invalid_credentials"), "login_throttled"]);
      // No attempt stores the typed name in clear.
      const rows = await ctx.deps.db.kysely.selectFrom("login_attempts").select("username_key").execute();
      expect(rows.some((r) => r.username_key.includes("nobody"))).toBe(false);
    });

    it("counts an IPv6 client by its /64, so rotating addresses within it gains nothing", async () => {
      for (let i = 1; i <= 5; i++)
        await refusal(authenticate(ctx.deps, "demo-admin", "wrong-password", `2001:db8:7:7::${i}`));
      expect(
        (await refusal(authenticate(ctx.deps, "demo-admin", DEMO_PASSWORD, "2001:db8:7:7::99"))).code,
      ).toBe("login_throttled");
      await expect(
        authenticate(ctx.deps, "demo-admin", DEMO_PASSWORD, "2001:db8:7:8::1"),
      ).resolves.toBeDefined();
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

    it("changes a password and ends every session of the user, the one that changed it included", async () => {
      const u = await authenticate(ctx.deps, "demo-reviewer", DEMO_PASSWORD, "127.0.0.1");
      const here = await startSession(ctx.deps, u, client);
      const elsewhere = await startSession(ctx.deps, u, { ...client, address: "10.1.1.1" });
      const me = (await resolveSession(ctx.deps, here))!;
      expect(me.sessionId).toBe(here);
      const bad = await refusal(changePassword(ctx.deps, me, "wrong", "abc", "abd", client));
      expect(bad.details.map((d) => d.code).sort()).toEqual([
        "password_mismatch",
        "password_too_short",
        "wrong_password",
      ]);
      expect(await resolveSession(ctx.deps, here)).toBeDefined();
      const changed = await changePassword(
        ctx.deps,
        me,
        DEMO_PASSWORD,
        "New-Reviewer-Pass-9",
        "New-Reviewer-Pass-9",
        client,
      );
      expect(await resolveSession(ctx.deps, here)).toBeUndefined();
      expect(await resolveSession(ctx.deps, elsewhere)).toBeUndefined();
      expect(await resolveSession(ctx.deps, changed.sessionId)).toMatchObject({ username: "demo-reviewer" });
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
      // One character changed (never to itself: a token ending in "x" stayed the same token, 1 run in 64).
      const altered = `${token.slice(0, -1)}${token.endsWith("x") ? "y" : "x"}`;
      await expect(resolveApiToken(ctx.deps, altered)).resolves.toBeUndefined();
      expect((await verifyAuditChain(ctx.deps)).ok).toBe(true);
    });
  },
  { clock },
);
