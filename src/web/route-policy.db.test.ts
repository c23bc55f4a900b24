// The route × role × scope test: generated from Fastify's own route list, it runs every route as anonymous,
// as each demo role, as a user of another department and as a user of another site, and fails on
// - a route without a declared policy (src/web/route-policy.ts),
// - any 5xx,
// - a non-public route answering 2xx to anonymous,
// - another department's or another site's user seeing a marked row of department X, or changing one,
// - a role without the policy's write permission changing a marked row.
import { beforeAll, describe, expect, it } from "vitest";
import { bearer, buildTestApp, tokenFor } from "../../test/helpers/app";
import { eachConcurrently } from "../../test/helpers/concurrently";
import { describeEachDialect } from "../../test/helpers/db";
import { Session } from "../../test/helpers/forms";
import { createOtherSite } from "../../test/helpers/sites";
import { DEMO_PASSWORD } from "../demo/seed";
import { systemActor } from "../deps";
import { createUser } from "../domains/accounts";
import { shanghaiDateOf } from "../platform/time";
import { POLICIES, type PolicyName, type RegisteredRoute } from "./route-policy";
import type { AppInstance } from "./types";

const PASSWORD = "Route-Matrix-Pw-2026!";
const DEPT_X = "gyx-zfb"; // the demo clerk's department: owns the marked rows
const DEPT_Y = "gyx-czj"; // another department of the same site
const MARK_ITEM = "哨兵甲草稿";
const MARK_ASSIGNED = "哨兵乙申请人";
const MARK_UNASSIGNED = "哨兵丙申请人";
const MARKS = [MARK_ITEM, MARK_ASSIGNED, MARK_UNASSIGNED];
const NO_SUCH = "0190a000-0000-7000-8000-000000000000";

interface Principal {
  name: string;
  roles: string[];
  token?: string;
  session?: Session;
  /** Rows of department X (and the unassigned application) must stay invisible and unchanged. */
  outsider: boolean;
}

/** Which demo roles may change something under each policy (others must be refused). */
const WRITERS: Record<PolicyName, string[]> = {
  public: ["*"],
  hotline: ["office"],
  "public.applicant": ["*"],
  login: ["*"],
  staff: ["*"],
  site: [],
  "site.settings": ["admin"],
  org: ["admin", "office"],
  audit: [],
  calendar: ["admin", "office"],
  catalog: ["admin", "office"],
  item: ["clerk", "reviewer", "signer", "office"],
  review: ["reviewer", "office", "admin"],
  application: ["office"],
  mail: ["office"],
  message: ["office", "clerk"],
  consultation: ["clerk", "office"],
  meeting: ["clerk", "office"],
  service: ["clerk", "reviewer", "office"],
  gazette: ["signer", "office"],
  report: ["clerk", "office"],
  health: [],
  assessment: ["office"],
  accountability: ["inspector"],
  dashboards: [],
  opinion: ["office", "clerk", "inspector"],
  newmedia: ["office", "clerk", "reviewer"],
  supervision: ["office", "inspector"],
  normative: ["clerk", "office"],
  translations: ["office", "admin"],
};

const PUBLIC: PolicyName[] = ["public", "public.applicant", "login"];
/** What a back-office form answers when its CSRF token is refused (src/web/errors.tsx, csrf_invalid). */
const CSRF_REFUSED = "页面已过期或来源不明";
const READS_AT_ONCE = 4;

describeEachDialect("every route declares a policy and keeps to it", (ctx) => {
  let app: AppInstance;
  let routes: RegisteredRoute[];
  const ids: Record<string, string> = {};
  const principals: Principal[] = [];

  beforeAll(async () => {
    app = await buildTestApp(ctx);
    routes = app.routeTable.filter((r) => r.method !== "HEAD" && r.method !== "OPTIONS");
    const actor = systemActor("test");
    const { deps } = ctx;

    // Another site with a user holding every role at its root.
    const every = ["clerk", "reviewer", "signer", "office", "inspector", "admin"];
    await createOtherSite(ctx, [{ username: "site-b-all", roles: every, password: PASSWORD }]);
    await createUser(deps, actor, {
      username: "dept-y-all",
      name: "财政全员",
      orgCode: DEPT_Y,
      roles: every,
      password: PASSWORD,
    });

    // Marked rows of department X: a draft item and an application assigned to it, and one unassigned.
    const clerk = await tokenFor(ctx, "demo-clerk");
    const office = await tokenFor(ctx, "demo-office");
    const item = await app.inject({
      method: "POST",
      url: "/api/v1/items",
      headers: bearer(clerk),
      payload: { title: `${MARK_ITEM}：关于印发某项制度的通知`, body: `${MARK_ITEM}正文。`, kind: "notice" },
    });
    expect(item.statusCode).toBe(201);
    ids.item = item.json().id;
    const today = shanghaiDateOf(deps.clock.now());
    for (const [key, name] of [
      ["assigned", MARK_ASSIGNED],
      ["unassigned", MARK_UNASSIGNED],
    ] as const) {
      const submitted = await app.inject({
        method: "POST",
        url: "/api/v1/applications",
        payload: {
          applicant: {
            type: "natural",
            name,
            id_number: "11010519491231002X",
            phone: "13912345678",
            email: "a@example.com",
          },
          description: "请公开本县2025年城乡低保资金的发放情况。",
          delivery: "email",
        },
      });
      expect(submitted.statusCode, submitted.body).toBe(201);
      const found = await app.inject({
        url: `/api/v1/applications?tracking_code=${submitted.json().tracking_code}`,
        headers: bearer(office),
      });
      ids[key] = found.json().items[0].id;
      const reg = await app.inject({
        method: "POST",
        url: `/api/v1/applications/${ids[key]}/actions`,
        headers: bearer(office),
        payload: { action: "register", on: today },
      });
      expect(reg.statusCode).toBe(200);
    }
    const assign = await app.inject({
      method: "POST",
      url: `/api/v1/applications/${ids.assigned}/actions`,
      headers: bearer(office),
      payload: { action: "assign", org: DEPT_X },
    });
    expect(assign.statusCode).toBe(200);
    const node = await deps.db.kysely
      .selectFrom("catalog_nodes")
      .innerJoin("orgs", "orgs.id", "catalog_nodes.org_id")
      .select("catalog_nodes.id")
      .where("orgs.code", "=", DEPT_X)
      .executeTakeFirstOrThrow();
    ids.node = node.id;
    const user = await deps.db.kysely
      .selectFrom("users")
      .select("id")
      .where("username", "=", "demo-clerk")
      .executeTakeFirstOrThrow();
    ids.user = user.id;

    const people: Array<[string, string[], boolean]> = [
      ["demo-clerk", ["clerk"], false],
      ["demo-reviewer", ["reviewer"], false],
      ["demo-signer", ["signer"], false],
      ["demo-office", ["office"], false],
      ["demo-inspector", ["inspector"], false],
      ["demo-admin", ["admin"], false],
      ["dept-y-all", every, true],
      ["site-b-all", every, true],
    ];
    principals.push({ name: "anonymous", roles: [], outsider: true });
    for (const [name, roles, outsider] of people) {
      const session = new Session(app);
      const password = name.startsWith("demo-") ? DEMO_PASSWORD : PASSWORD;
      const login = await session.login(name, password);
      expect(login.statusCode, `${name} signs in`).toBe(303);
      principals.push({ name, roles, outsider, token: await tokenFor(ctx, name), session });
    }
  });

  it("every route is in the policy table", () => {
    const missing = routes.filter((r) => !r.policy).map((r) => `${r.method} ${r.url}`);
    expect(missing, "routes without a policy in src/web/route-policy.ts").toEqual([]);
    for (const r of routes) expect(Object.keys(POLICIES)).toContain(r.policy);
  });

  /** The path with its parameters filled with department X's marked rows (or an id that does not exist). */
  const fill = (url: string): string =>
    url
      .replace(/^\/mn(?=\/|$)/, "/mn")
      .replace(/\/\*$/, "/no-such-page")
      .replace(/:(\w+)/g, (_m, name: string) => {
        if (name === "id") {
          if (url.includes("/applications/")) return ids.assigned!;
          if (url.includes("/items/")) return ids.item!;
          if (url.includes("/catalog/nodes/")) return ids.node!;
          if (url.includes("/users/")) return ids.user!;
          return NO_SUCH;
        }
        if (name === "change") return "disable";
        if (name === "year") return "2026";
        if (name === "orgCode") return DEPT_X;
        if (name === "file") return "reply.pdf";
        if (name === "format") return "pdf";
        if (name === "filename") return "a.txt";
        return NO_SUCH;
      });

  /** A plausible body, so a request reaches the authorisation check rather than stopping at validation. */
  const bodyFor = (url: string): Record<string, unknown> => {
    const today = shanghaiDateOf(ctx.deps.clock.now());
    if (url.endsWith("/applications/:id/actions")) return { action: "extend", days: 5, on: today, note: "x" };
    if (url.endsWith("/items/:id/actions")) return { action: "submit" };
    if (url.endsWith("/items/:id") || url.endsWith("/items/:id/edit")) return { title: "改写的标题" };
    if (url.endsWith("/users/:id/email")) return { email: "x@example.gov.cn" };
    if (url.endsWith("/catalog/nodes/:id") || url.endsWith("/update")) return { name: "改名" };
    if (url.endsWith("/disputes")) return { kind: "review", filed_on: today, result: "pending" };
    if (url.endsWith("/validity")) return { validity: "repealed", on: today };
    return {};
  };

  /** What must not change when an outsider or a role without the permission calls a write route. */
  async function fingerprint(): Promise<string> {
    const db = ctx.deps.db.kysely;
    const [item, apps, steps, user, node] = await Promise.all([
      db
        .selectFrom("items")
        .select(["status", "title", "updated_at"])
        .where("id", "=", ids.item!)
        .executeTakeFirst(),
      db
        .selectFrom("applications")
        .select(["id", "status", "org_id", "handler_id", "updated_at"])
        .where("id", "in", [ids.assigned!, ids.unassigned!])
        .orderBy("id")
        .execute(),
      db
        .selectFrom("application_steps")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("application_id", "in", [ids.assigned!, ids.unassigned!])
        .executeTakeFirst(),
      db
        .selectFrom("users")
        .select(["disabled", "session_epoch", "updated_at"])
        .where("id", "=", ids.user!)
        .executeTakeFirst(),
      db.selectFrom("catalog_nodes").selectAll().where("id", "=", ids.node!).executeTakeFirst(),
    ]);
    return JSON.stringify({ item, apps, steps: Number(steps?.n), user, node });
  }

  /**
   * Each session's CSRF token, read once from a form: it is valid for the whole session (the secret lives in
   * the session cookie), and a token refused would show as csrf_invalid below rather than pass unnoticed.
   */
  const csrfTokens = new Map<Session, string>();
  async function csrfOf(s: Session): Promise<string> {
    const known = csrfTokens.get(s);
    if (known) return known;
    const token = await s.csrfFrom("/admin/password");
    csrfTokens.set(s, token);
    return token;
  }

  async function call(p: Principal, r: RegisteredRoute) {
    const url = fill(r.url);
    const isApi = url.startsWith("/api/");
    const headers: Record<string, string> = {};
    let payload: string | undefined;
    if (isApi && p.token) headers.authorization = `Bearer ${p.token}`;
    if (!isApi && p.session) headers.cookie = p.session.cookieHeader;
    if (r.method !== "GET") {
      const body = bodyFor(r.url);
      if (isApi) {
        headers["content-type"] = "application/json";
        payload = JSON.stringify(body);
      } else {
        const csrf = p.session ? await csrfOf(p.session) : "";
        headers["content-type"] = "application/x-www-form-urlencoded";
        payload = new URLSearchParams({ _csrf: csrf, ...(body as Record<string, string>) }).toString();
        if (p.session) headers.cookie = p.session.cookieHeader;
      }
    }
    return app.inject({ method: r.method as "GET", url, headers, payload });
  }

  it("no route answers 5xx, leaks a marked row, or lets anonymous in", async () => {
    const failures: string[] = [];
    const calls = routes
      .filter((r) => r.method === "GET" && r.url !== "/admin/logout")
      .flatMap((r) => principals.map((p) => ({ r, p })));
    // Reads change nothing the checks look at: they go several at a time (each request waits on the database
    // most of its time), the failures listed in the order of the table.
    await eachConcurrently(calls, READS_AT_ONCE, async ({ r, p }, i) => {
      const res = await call(p, r);
      const where = `${p.name} GET ${r.url} → ${res.statusCode}`;
      if (res.statusCode >= 500) failures[i] = `${where}: server error`;
      if (p.name === "anonymous" && !PUBLIC.includes(r.policy!) && res.statusCode < 300)
        failures[i] = `${where}: anonymous got in`;
      if (p.outsider) {
        const body = res.rawPayload.toString("utf8");
        for (const m of MARKS) if (body.includes(m)) failures[i] = `${where}: shows ${m}`;
      }
    });
    expect(failures.filter(Boolean)).toEqual([]);
  }, 240_000);

  it("outsiders and roles without the permission change nothing through any write route", async () => {
    const failures: string[] = [];
    // Logging out and revoking the token in hand end the caller's own credential, as they should.
    const writes = routes.filter(
      (x) =>
        x.method !== "GET" &&
        x.url !== "/admin/logout" &&
        x.url !== "/api/v1/tokens/current" &&
        !x.url.endsWith("/login"),
    );
    // One at a time, so a change is the call's own; each call's "after" is the next one's "before".
    let before = await fingerprint();
    for (const r of writes) {
      for (const p of principals) {
        const allowed = WRITERS[r.policy!];
        if (!p.outsider && (allowed.includes("*") || p.roles.some((role) => allowed.includes(role))))
          continue;
        if (p.outsider && PUBLIC.includes(r.policy!)) continue;
        const res = await call(p, r);
        const where = `${p.name} ${r.method} ${r.url} → ${res.statusCode}`;
        if (res.statusCode >= 500) failures.push(`${where}: server error ${res.body.slice(0, 300)}`);
        const after = await fingerprint();
        if (after !== before) failures.push(`${where}: changed a marked row`);
        before = after;
        const body = res.rawPayload.toString("utf8");
        if (p.session && !r.url.startsWith("/api/") && body.includes(CSRF_REFUSED))
          failures.push(`${where}: the CSRF token was refused, so the route's own check never ran`);
        if (p.outsider) for (const m of MARKS) if (body.includes(m)) failures.push(`${where}: shows ${m}`);
        if (r.url.includes(":id") && p.outsider && res.statusCode < 400 && !PUBLIC.includes(r.policy!))
          failures.push(`${where}: accepted`);
      }
    }
    // Every session is still signed in, so each form post above reached the route's own check (a session
    // ended on the way would have been sent to the login page instead).
    for (const p of principals.filter((x) => x.session)) {
      const still = await p.session!.get("/admin/password");
      if (still.statusCode !== 200) failures.push(`${p.name}: signed out during the write routes`);
    }
    expect(failures).toEqual([]);
  }, 240_000);

  it("reads and writes of a marked row answer an outsider 404, as if it did not exist", async () => {
    // A 403 on a write would confirm what the 404 on the read hides.
    const keys = [
      "GET /api/v1/items/:id",
      "PATCH /api/v1/items/:id",
      "POST /api/v1/items/:id/actions",
      "GET /api/v1/items/:id/history",
      "GET /api/v1/applications/:id",
      "POST /api/v1/applications/:id/actions",
      "POST /api/v1/applications/:id/disputes",
      "GET /api/v1/applications/:id/files",
    ];
    const got: string[] = [];
    for (const p of principals.filter((x) => x.outsider && x.token)) {
      for (const key of keys) {
        const [method, url] = key.split(" ");
        const r = routes.find((x) => x.method === method && x.url === url)!;
        got.push(`${p.name} ${key} → ${(await call(p, r)).statusCode}`);
      }
    }
    expect(got).toEqual(got.map((g) => g.replace(/\d+$/, "404")));
  });
});

describe("the policy table", () => {
  it("names only policies it describes", async () => {
    const { ROUTE_POLICIES } = await import("./route-policy");
    for (const p of Object.values(ROUTE_POLICIES)) expect(Object.keys(POLICIES)).toContain(p);
  });
});
