import { afterAll, beforeAll, expect, it } from "vitest";
import { buildTestApp } from "../../../test/helpers/app";
import { describeEachDialect } from "../../../test/helpers/db";
import { DEMO_PASSWORD } from "../../demo/seed";
import { systemActor } from "../../deps";
import { fixedClock } from "../../platform/time";
import type { AppInstance } from "../../web/types";
import { findCurrentUser, updateAccountStatus } from "./accounts.service";

const clock = fixedClock("2026-11-26T01:00:00Z");
const MINUTE = 60_000;

/** A browser at a given client address: keeps cookies, fills in CSRF tokens. */
class Browser {
  cookies = new Map<string, string>();
  constructor(
    private readonly app: AppInstance,
    readonly address = "127.0.0.1",
  ) {}

  get cookie(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  /** Another browser holding a copy of this one's cookies (a stolen or synced cookie). */
  copy(address = this.address): Browser {
    const b = new Browser(this.app, address);
    b.cookies = new Map(this.cookies);
    return b;
  }

  async request(method: "GET" | "POST", url: string, form?: Record<string, string>) {
    const res = await this.app.inject({
      method,
      url,
      remoteAddress: this.address,
      headers: {
        cookie: this.cookie,
        ...(form ? { "content-type": "application/x-www-form-urlencoded" } : {}),
      },
      ...(form ? { payload: new URLSearchParams(form).toString() } : {}),
    });
    for (const c of ([] as string[]).concat(res.headers["set-cookie"] ?? [])) {
      const [pair] = c.split(";");
      const [name, ...rest] = pair!.split("=");
      this.cookies.set(name!.trim(), rest.join("="));
    }
    return res;
  }

  async csrf(url: string): Promise<string> {
    const res = await this.request("GET", url);
    const m = /name="_csrf" value="([^"]+)"/.exec(res.body);
    if (!m) throw new Error(`no CSRF token on ${url} (status ${res.statusCode})`);
    return m[1]!;
  }

  async login(username: string, password: string) {
    const _csrf = await this.csrf("/admin/login");
    return this.request("POST", "/admin/login", { _csrf, username, password });
  }

  async logout() {
    const _csrf = await this.csrf("/admin");
    return this.request("POST", "/admin/logout", { _csrf });
  }

  /** Who the API thinks this browser is: the username, or the status code when refused. */
  async whoAmI(): Promise<string | number> {
    const res = await this.request("GET", "/api/v1/me");
    return res.statusCode === 200 ? (res.json() as { username: string }).username : res.statusCode;
  }
}

describeEachDialect(
  "sessions and sign-in through the login form",
  (ctx) => {
    let app: AppInstance;
    beforeAll(async () => {
      app = await buildTestApp(ctx);
    });
    afterAll(async () => app?.close());

    it("refuses a copy of the cookie saved before logout, on pages and the API", async () => {
      const b = new Browser(app);
      expect((await b.login("demo-clerk", DEMO_PASSWORD)).statusCode).toBe(303);
      const saved = b.copy("192.0.2.50");
      expect(await saved.whoAmI()).toBe("demo-clerk");
      expect((await b.logout()).statusCode).toBe(303);
      expect(await saved.whoAmI()).toBe(401);
      const page = await saved.request("GET", "/admin");
      expect(page.statusCode).toBe(303);
      expect(page.headers.location).toMatch(/^\/admin\/login/);
      expect(await b.whoAmI()).toBe(401);
    });

    it("ends every browser's session and every copy on a password change; the changing browser goes on", async () => {
      const here = new Browser(app);
      const there = new Browser(app, "192.0.2.60");
      await here.login("demo-signer", DEMO_PASSWORD);
      await there.login("demo-signer", DEMO_PASSWORD);
      const saved = here.copy("192.0.2.61");
      expect(await saved.whoAmI()).toBe("demo-signer");
      // The user sees where they are signed in.
      expect((await here.request("GET", "/admin/password")).body).toContain("192.0.2.60");
      const _csrf = await here.csrf("/admin/password");
      const res = await here.request("POST", "/admin/password", {
        _csrf,
        current: DEMO_PASSWORD,
        next: "Signer-New-Pass-2026",
        confirm: "Signer-New-Pass-2026",
      });
      expect(res.statusCode).toBe(200);
      expect(res.body).not.toContain("192.0.2.60");
      expect(res.body).toContain("（本浏览器）");
      expect(await here.whoAmI()).toBe("demo-signer");
      expect(await there.whoAmI()).toBe(401);
      expect(await saved.whoAmI()).toBe(401);
    });

    it("ends every session of an account when it is disabled", async () => {
      const b = new Browser(app, "192.0.2.70");
      await b.login("demo-inspector", DEMO_PASSWORD);
      expect(await b.whoAmI()).toBe("demo-inspector");
      const user = (await findCurrentUser(ctx.deps, "demo-inspector"))!;
      await updateAccountStatus(ctx.deps, systemActor("test"), user.id, "disable");
      expect(await b.whoAmI()).toBe(401);
      await updateAccountStatus(ctx.deps, systemActor("test"), user.id, "enable");
      // Enabling again does not revive the old session.
      expect(await b.copy().whoAmI()).toBe(401);
      const rows = await ctx.deps.db.kysely
        .selectFrom("user_sessions")
        .select(["end_reason"])
        .where("user_id", "=", user.id)
        .execute();
      expect(rows.map((r) => r.end_reason)).toEqual(["disabled"]);
    });

    it("signs out after 30 idle minutes, and writes last_seen at most once a minute", async () => {
      const b = new Browser(app, "192.0.2.80");
      await b.login("demo-office", DEMO_PASSWORD);
      const lastSeen = async () =>
        (
          await ctx.deps.db.kysely
            .selectFrom("user_sessions as s")
            .innerJoin("users as u", "u.id", "s.user_id")
            .select("s.last_seen_at")
            .where("u.username", "=", "demo-office")
            .where("s.ended_at", "is", null)
            .executeTakeFirstOrThrow()
        ).last_seen_at;
      const signedIn = await lastSeen();
      clock.advance(30_000);
      expect(await b.whoAmI()).toBe("demo-office");
      expect(await lastSeen()).toBe(signedIn);
      clock.advance(29 * MINUTE);
      expect(await b.whoAmI()).toBe("demo-office");
      expect(await lastSeen()).toBe(clock.now().toISOString());
      clock.advance(29 * MINUTE);
      expect(await b.whoAmI()).toBe("demo-office");
      clock.advance(30 * MINUTE);
      expect(await b.whoAmI()).toBe(401);
      // Gone for good, even if the clock were to turn back.
      clock.advance(-10 * MINUTE);
      expect(await b.whoAmI()).toBe(401);
      clock.advance(10 * MINUTE);
    });

    it("signs out 8 hours after sign-in however busy the session is", async () => {
      const b = new Browser(app, "192.0.2.90");
      await b.login("demo-office", DEMO_PASSWORD);
      for (let t = 25; t < 8 * 60; t += 25) {
        clock.advance(25 * MINUTE);
        expect(await b.whoAmI()).toBe("demo-office");
      }
      clock.advance(25 * MINUTE);
      expect(await b.whoAmI()).toBe(401);
    });

    it("answers an unknown user and a wrong password with the same status and page, also after 5 tries", async () => {
      const unknown = new Browser(app, "198.51.100.1");
      const real = new Browser(app, "198.51.100.2");
      const page = (body: string, username: string) =>
        body.replace(/name="_csrf" value="[^"]+"/g, "CSRF").replaceAll(username, "USERNAME");
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) {
        const a = await unknown.login("no-such-official", "wrong-password-1");
        const b = await real.login("demo-admin", "wrong-password-1");
        expect(a.statusCode).toBe(b.statusCode);
        expect(page(a.body, "no-such-official")).toBe(page(b.body, "demo-admin"));
        statuses.push(b.statusCode);
      }
      // Five refusals, then the address is paused for that name: for the real account as for the unknown one.
      expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
      expect(statuses).not.toContain(423);
    });

    it("lets the official sign in from the office while a stranger fails 5 times elsewhere", async () => {
      const stranger = new Browser(app, "203.0.113.9");
      for (let i = 0; i < 5; i++)
        expect((await stranger.login("demo-reviewer", "guess-number-1")).statusCode).toBe(401);
      expect((await stranger.login("demo-reviewer", DEMO_PASSWORD)).statusCode).toBe(429);
      const office = new Browser(app, "192.0.2.10");
      expect((await office.login("demo-reviewer", DEMO_PASSWORD)).statusCode).toBe(303);
      expect(await office.whoAmI()).toBe("demo-reviewer");
    });

    it("stops a guess spread over many addresses, except from where the official signed in before", async () => {
      const office = new Browser(app, "192.0.2.20");
      expect((await office.login("demo-clerk", DEMO_PASSWORD)).statusCode).toBe(303);
      const limit = ctx.deps.config.loginMaxFailuresPerAccount;
      for (let i = 0; i < limit; i++) {
        const bot = new Browser(app, `203.0.113.${100 + (i % 50)}`);
        const _csrf = await bot.csrf("/admin/login");
        await bot.request("POST", "/admin/login", {
          _csrf,
          username: "demo-clerk",
          password: `guess-${i}-x`,
        });
      }
      // A new address is refused even with the right password; the office is not.
      expect((await new Browser(app, "198.51.100.77").login("demo-clerk", DEMO_PASSWORD)).statusCode).toBe(
        429,
      );
      expect((await new Browser(app, "192.0.2.20").login("demo-clerk", DEMO_PASSWORD)).statusCode).toBe(303);
    });

    it("stops password spraying from one address, but not the people who sign in there", async () => {
      const nat = "192.0.2.30";
      expect((await new Browser(app, nat).login("demo-admin", DEMO_PASSWORD)).statusCode).toBe(303);
      const limit = ctx.deps.config.loginMaxFailuresPerAddress;
      for (let i = 0; i < limit; i++) await new Browser(app, nat).login(`sprayed-${i % 7}`, "Spring2026!");
      expect((await new Browser(app, nat).login("demo-office", DEMO_PASSWORD)).statusCode).toBe(429);
      expect((await new Browser(app, nat).login("demo-admin", DEMO_PASSWORD)).statusCode).toBe(303);
      // The pause lapses with the window.
      clock.advance((ctx.deps.config.loginLockMinutes + 1) * MINUTE);
      expect((await new Browser(app, nat).login("demo-office", DEMO_PASSWORD)).statusCode).toBe(303);
    });
  },
  // A lower per-account limit than the default 50 keeps the distributed-guess test short.
  { clock, config: { loginMaxFailuresPerAccount: 15 } },
);
