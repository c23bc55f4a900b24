import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bearer, buildTestApp, tokenFor } from "../../../test/helpers/app";
import { type DialectContext, describeEachDialect } from "../../../test/helpers/db";
import { Session } from "../../../test/helpers/forms";
import { DEMO_PASSWORD } from "../../demo/seed";
import { fixedClock } from "../../platform/time";
import { base32Decode, hotp, totpStep } from "../../platform/totp";
import type { AppInstance } from "../../web/types";
import { REAUTH_MAX_FAILURES } from "./accounts.reauth";
import { findCurrentUser } from "./accounts.service";
import { afterPassword, MAX_CHALLENGE_FAILURES, verifyChallenge } from "./accounts.totp";

// The staff second factor through the login form, the security page and an admin's reset, with the signer and
// admin roles required to use it (as in production); the clock is set so codes are computed for "now".
const clock = fixedClock("2026-12-07T02:00:00Z");
const STEP = 30_000;

const codeAt = (secret: string, at = clock.now()) => hotp(base32Decode(secret)!, totpStep(at));
const secretOn = (body: string) =>
  /class="mono totp-secret"[^>]*>([A-Z2-7 ]+)</.exec(body)?.[1]?.replace(/ /g, "");

async function auditActions(ctx: DialectContext, entityId: string): Promise<string[]> {
  const rows = await ctx.deps.db.kysely
    .selectFrom("audit_log")
    .select("action")
    .where("entity_id", "=", entityId)
    .orderBy("seq")
    .execute();
  return rows.map((r) => r.action);
}

describeEachDialect(
  "second factor (TOTP) for staff",
  (ctx) => {
    let app: AppInstance;
    beforeAll(async () => {
      app = await buildTestApp(ctx);
    }, 180_000);
    afterAll(async () => app?.close());

    it("makes a signer enrol at sign-in, then asks for the code every time; a code works once", async () => {
      const b = new Session(app);
      const first = await b.login("demo-signer", DEMO_PASSWORD);
      expect(first.statusCode).toBe(303);
      expect(first.headers.location).toBe("/admin/login/2fa?next=%2Fadmin");
      // Not signed in yet: the back office still sends to the login page.
      expect((await b.get("/api/v1/me")).statusCode).toBe(401);
      const setup = await b.get("/admin/login/2fa?next=%2Fadmin");
      expect(setup.statusCode).toBe(200);
      expect(setup.body).toContain("<svg");
      expect(setup.body).toContain("必须使用双因素认证");
      const secret = secretOn(setup.body)!;
      expect(secret).toMatch(/^[A-Z2-7]{32}$/);
      // The page shown again keeps the same secret (the phone already scanned it).
      expect(secretOn((await b.get("/admin/login/2fa")).body)).toBe(secret);

      const csrf = await b.csrfFrom("/admin/login/2fa");
      const wrong = await b.post("/admin/login/2fa", { _csrf: csrf, code: "000000", next: "/admin" });
      expect(wrong.statusCode).toBe(400);
      expect(wrong.body).toContain("验证码不正确");
      expect(wrong.body).not.toContain("totp_invalid");
      const ok = await b.post("/admin/login/2fa", {
        _csrf: await b.csrfFrom("/admin/login/2fa"),
        code: codeAt(secret),
        next: "/admin",
      });
      expect(ok.statusCode).toBe(200);
      const codes = [...ok.body.matchAll(/<li>([a-z2-9]{5}-[a-z2-9]{5})<\/li>/g)].map((m) => m[1]!);
      expect(codes).toHaveLength(10);
      expect((await b.get("/api/v1/me")).statusCode).toBe(200);

      // Next sign-in: the code, once. The same code in the same 30 s is refused (replay).
      const again = new Session(app);
      expect((await again.login("demo-signer", DEMO_PASSWORD)).headers.location).toMatch(
        /^\/admin\/login\/2fa/,
      );
      const form = await again.get("/admin/login/2fa");
      expect(form.body).toContain("验证并登录");
      const replay = await again.post("/admin/login/2fa", {
        _csrf: await again.csrfFrom("/admin/login/2fa"),
        code: codeAt(secret),
      });
      expect(replay.statusCode).toBe(401);
      clock.advance(STEP);
      const good = await again.post("/admin/login/2fa", {
        _csrf: await again.csrfFrom("/admin/login/2fa"),
        code: codeAt(secret),
      });
      expect(good.statusCode).toBe(303);
      expect((await again.get("/api/v1/me")).statusCode).toBe(200);

      // A recovery code works once in place of a code.
      const lost = new Session(app);
      await lost.login("demo-signer", DEMO_PASSWORD);
      const rec = await lost.post("/admin/login/2fa", {
        _csrf: await lost.csrfFrom("/admin/login/2fa"),
        code: codes[0]!.toUpperCase(),
      });
      expect(rec.statusCode).toBe(303);
      const reuse = new Session(app);
      await reuse.login("demo-signer", DEMO_PASSWORD);
      const used = await reuse.post("/admin/login/2fa", {
        _csrf: await reuse.csrfFrom("/admin/login/2fa"),
        code: codes[0]!,
      });
      expect(used.statusCode).toBe(401);

      const user = (await findCurrentUser(ctx.deps, "demo-signer"))!;
      const actions = await auditActions(ctx, user.id);
      for (const a of [
        "auth.totp_enabled",
        "auth.totp_verified",
        "auth.totp_failed",
        "auth.recovery_code_used",
      ])
        expect(actions).toContain(a);
    });

    it("ends the step after five wrong codes, counted in the database (an old cookie resets nothing)", async () => {
      const b = new Session(app);
      await b.login("demo-admin", DEMO_PASSWORD);
      const setup = await b.get("/admin/login/2fa");
      const secret = secretOn(setup.body)!;
      clock.advance(STEP);
      await b.post("/admin/login/2fa", { _csrf: await b.csrfFrom("/admin/login/2fa"), code: codeAt(secret) });
      expect((await b.get("/api/v1/me")).statusCode).toBe(200);

      const attacker = new Session(app);
      await attacker.login("demo-admin", DEMO_PASSWORD);
      const csrf = await attacker.csrfFrom("/admin/login/2fa");
      const saved = attacker.cookieHeader;
      let last = await attacker.post("/admin/login/2fa", { _csrf: csrf, code: "111111" });
      for (let i = 1; i < MAX_CHALLENGE_FAILURES; i++)
        last = await attacker.post("/admin/login/2fa", { _csrf: csrf, code: "111111" });
      expect(last.statusCode).toBe(303);
      expect(last.headers.location).toContain("expired=2fa");
      // Replaying the cookie from before the failures: the challenge is gone, even with the right code.
      clock.advance(STEP);
      const replayed = await app.inject({
        method: "POST",
        url: "/admin/login/2fa",
        headers: { cookie: saved, "content-type": "application/x-www-form-urlencoded" },
        payload: new URLSearchParams({ _csrf: csrf, code: codeAt(secret) }).toString(),
      });
      expect(replayed.statusCode).toBe(303);
      expect(replayed.headers.location).toContain("expired=2fa");
      const login = await attacker.get("/admin/login?expired=2fa");
      expect(login.body).toContain("验证已超时或失败次数过多");

      // The right password again starts a new challenge but no fresh allowance: after 10 wrong codes of the
      // account (any sign-in), even the right code waits until the window ends.
      const again = new Session(app);
      await again.login("demo-admin", DEMO_PASSWORD);
      const csrf2 = await again.csrfFrom("/admin/login/2fa");
      for (let i = 0; i < MAX_CHALLENGE_FAILURES; i++)
        await again.post("/admin/login/2fa", { _csrf: csrf2, code: "222222" });
      const third = new Session(app);
      await third.login("demo-admin", DEMO_PASSWORD);
      clock.advance(STEP);
      const paused = await third.post("/admin/login/2fa", {
        _csrf: await third.csrfFrom("/admin/login/2fa"),
        code: codeAt(secret),
      });
      expect(paused.statusCode).toBe(429);
      expect(paused.body).toContain("验证码错误次数过多");
      // Past the window (the challenge has lapsed too): the password and the code sign in.
      clock.advance(15 * 60_000);
      const fourth = new Session(app);
      await fourth.login("demo-admin", DEMO_PASSWORD);
      const later = await fourth.post("/admin/login/2fa", {
        _csrf: await fourth.csrfFrom("/admin/login/2fa"),
        code: codeAt(secret),
      });
      expect(later.statusCode).toBe(303);
    });

    it("lets an admin of the user's organisation reset it (audited, sessions ended); nobody else", async () => {
      const signer = (await findCurrentUser(ctx.deps, "demo-signer"))!;
      const clerkToken = await tokenFor(ctx, "demo-clerk");
      const refused = await app.inject({
        method: "DELETE",
        url: "/api/v1/users/demo-signer/totp",
        headers: bearer(clerkToken),
      });
      expect(refused.statusCode).toBe(403);
      const adminToken = await tokenFor(ctx, "demo-admin");
      const missing = await app.inject({
        method: "DELETE",
        url: "/api/v1/users/nobody/totp",
        headers: bearer(adminToken),
      });
      expect(missing.statusCode).toBe(404);
      const res = await app.inject({
        method: "DELETE",
        url: "/api/v1/users/demo-signer/totp",
        headers: bearer(adminToken),
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ username: "demo-signer", had_factor: true });
      expect(await auditActions(ctx, signer.id)).toContain("auth.totp_reset");
      // The signer enrols again at the next sign-in.
      const b = new Session(app);
      await b.login("demo-signer", DEMO_PASSWORD);
      expect((await b.get("/admin/login/2fa")).body).toContain("启用双因素认证");
      // The admin's own reset is refused.
      const self = await app.inject({
        method: "DELETE",
        url: "/api/v1/users/demo-admin/totp",
        headers: bearer(adminToken),
      });
      expect(self.statusCode).toBe(409);
      expect(self.json().error.code).toBe("cannot_reset_own_totp");
    });

    it("lets a clerk turn it on and off from the security page; a clerk signs in without it otherwise", async () => {
      const b = new Session(app);
      expect((await b.login("demo-clerk", DEMO_PASSWORD)).headers.location).toBe("/admin");
      const page = await b.get("/admin/account/2fa");
      expect(page.body).toContain("未启用");
      const secret = secretOn(page.body)!;
      clock.advance(STEP);
      expect(page.body).toContain('id="enable-password"');
      // The password is asked again: without it, or a wrong one, nothing changes and the attempt is audited.
      for (const password of [undefined, "not-the-password"]) {
        const refused = await b.post("/admin/account/2fa/enable", {
          _csrf: await b.csrfFrom("/admin/account/2fa"),
          code: codeAt(secret),
          ...(password ? { password } : {}),
        });
        expect(refused.statusCode).toBe(400);
        expect(refused.body).toContain("当前密码不正确：为确认是您本人操作");
        expect(refused.body).toContain("未启用");
      }
      const failures = await ctx.deps.db.kysely
        .selectFrom("audit_log")
        .select("action")
        .where("action", "=", "auth.reauth_failed")
        .execute();
      expect(failures.length).toBeGreaterThanOrEqual(2);
      const on = await b.post("/admin/account/2fa/enable", {
        _csrf: await b.csrfFrom("/admin/account/2fa"),
        code: codeAt(secret),
        password: DEMO_PASSWORD,
      });
      expect(on.statusCode).toBe(200);
      expect(on.body).toContain("双因素认证已启用");
      const b2 = new Session(app);
      expect((await b2.login("demo-clerk", DEMO_PASSWORD)).headers.location).toMatch(/2fa/);
      const bad = await b.post("/admin/account/2fa/disable", {
        _csrf: await b.csrfFrom("/admin/account/2fa"),
        code: "123",
        password: DEMO_PASSWORD,
      });
      expect(bad.statusCode).toBe(400);
      clock.advance(STEP);
      // New recovery codes and turning it off need the password too.
      const renew = await b.post("/admin/account/2fa/recovery", {
        _csrf: await b.csrfFrom("/admin/account/2fa"),
        code: codeAt(secret),
      });
      expect(renew.statusCode).toBe(400);
      expect(renew.body).toContain("当前密码不正确：为确认是您本人操作");
      const noPassword = await b.post("/admin/account/2fa/disable", {
        _csrf: await b.csrfFrom("/admin/account/2fa"),
        code: codeAt(secret),
      });
      expect(noPassword.statusCode).toBe(400);
      const off = await b.post("/admin/account/2fa/disable", {
        _csrf: await b.csrfFrom("/admin/account/2fa"),
        code: codeAt(secret),
        password: DEMO_PASSWORD,
      });
      expect(off.statusCode).toBe(303);
      expect((await new Session(app).login("demo-clerk", DEMO_PASSWORD)).headers.location).toBe("/admin");
    });
  },
  { clock, config: { totpRequiredRoles: ["admin", "signer"] } },
);

describeEachDialect(
  "second factor: two requests with the same code",
  (ctx) => {
    let app: AppInstance;
    beforeAll(async () => {
      app = await buildTestApp(ctx);
    }, 180_000);
    afterAll(async () => app?.close());

    it("ends every session of an account after five wrong passwords on the security page", async () => {
      const b = new Session(app);
      expect((await b.login("demo-jyj-clerk", DEMO_PASSWORD)).headers.location).toBe("/admin");
      const other = new Session(app);
      await other.login("demo-jyj-clerk", DEMO_PASSWORD);
      for (let i = 1; i <= REAUTH_MAX_FAILURES; i++) {
        const r = await b.post("/admin/account/2fa/enable", {
          _csrf: await b.csrfFrom("/admin/account/2fa"),
          code: "000000",
          password: `guess-${i}`,
        });
        if (i < REAUTH_MAX_FAILURES) {
          expect(r.statusCode, `attempt ${i}`).toBe(400);
          expect(r.body).toContain("当前密码不正确");
        } else {
          expect(r.statusCode).toBe(401);
          expect(r.body).toContain("已退出登录");
          expect(r.body).not.toContain("reauth_locked");
        }
      }
      // Both sessions ended: the cookie of the guesser and the other one.
      expect((await b.get("/api/v1/me")).statusCode).toBe(401);
      expect((await other.get("/api/v1/me")).statusCode).toBe(401);
      const user = await findCurrentUser(ctx.deps, "demo-jyj-clerk");
      const failed = await ctx.deps.db.kysely
        .selectFrom("audit_log")
        .select("summary")
        .where("entity_id", "=", user!.id)
        .where("action", "=", "auth.reauth_failed")
        .execute();
      expect(failed).toHaveLength(REAUTH_MAX_FAILURES);
      expect(failed[0]!.summary).toContain('"ip"');
      // The password still signs in (the sign-in's own limits apply there).
      expect((await new Session(app).login("demo-jyj-clerk", DEMO_PASSWORD)).headers.location).toBe("/admin");
    });

    it("lets exactly one of two simultaneous sign-ins with the same code through", async () => {
      const b = new Session(app);
      await b.login("demo-county-signer", DEMO_PASSWORD);
      const secret = secretOn((await b.get("/admin/login/2fa")).body)!;
      await b.post("/admin/login/2fa", { _csrf: await b.csrfFrom("/admin/login/2fa"), code: codeAt(secret) });
      clock.advance(STEP);
      const user = (await findCurrentUser(ctx.deps, "demo-county-signer"))!;
      const client = { address: "192.0.2.9", userAgent: "test" };
      const one = await afterPassword(ctx.deps, user, client);
      const two = await afterPassword(ctx.deps, user, client);
      if (!("challenge" in one) || !("challenge" in two)) throw new Error("expected challenges");
      const code = codeAt(secret);
      const results = await Promise.allSettled([
        verifyChallenge(ctx.deps, one.challenge, code, client),
        verifyChallenge(ctx.deps, two.challenge, code, client),
      ]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      const failed = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
      expect(failed.reason.code).toBe("totp_invalid");
    });
  },
  { clock, config: { totpRequiredRoles: ["signer"] } },
);

describe("GONGKAI_TOTP_REQUIRED_ROLES", () => {
  it("defaults to admin and signer in production only, and names unknown roles", async () => {
    const { parseTotpRoles } = await import("../../config");
    expect(parseTotpRoles(undefined, "production", [])).toEqual(["admin", "signer"]);
    expect(parseTotpRoles(undefined, "development", [])).toEqual([]);
    expect(parseTotpRoles("none", "production", [])).toEqual([]);
    const problems: string[] = [];
    expect(parseTotpRoles("office, boss", "production", problems)).toEqual(["office"]);
    expect(problems[0]).toContain("boss");
  });
});

describeEachDialect("revoking API tokens", (ctx) => {
  let app: AppInstance;
  beforeAll(async () => {
    app = await buildTestApp(ctx);
  }, 180_000);
  afterAll(async () => app?.close());

  it("lets a token's holder revoke it and the office revoke a user's tokens; revoked tokens answer 401", async () => {
    const mine = await tokenFor(ctx, "demo-clerk");
    const other = await tokenFor(ctx, "demo-clerk");
    expect((await app.inject({ url: "/api/v1/me", headers: bearer(mine) })).statusCode).toBe(200);
    const res = await app.inject({ method: "DELETE", url: "/api/v1/tokens/current", headers: bearer(mine) });
    expect(res.json()).toEqual({ revoked: true });
    expect((await app.inject({ url: "/api/v1/me", headers: bearer(mine) })).statusCode).toBe(401);
    expect((await app.inject({ url: "/api/v1/me", headers: bearer(other) })).statusCode).toBe(200);
    const { revokeUserTokens } = await import("./accounts.tokens");
    expect(await revokeUserTokens(ctx.deps, { id: null, label: "test" }, "demo-clerk")).toBe(1);
    expect((await app.inject({ url: "/api/v1/me", headers: bearer(other) })).statusCode).toBe(401);
    await expect(revokeUserTokens(ctx.deps, { id: null, label: "test" }, "nobody")).rejects.toMatchObject({
      code: "user_not_found",
    });
  });
});
