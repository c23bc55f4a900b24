// The fuzz part of bench/reliability.ts, in its own process: test/fuzz.db.test.ts's hostile inputs (its generators,
// test/helpers/fuzz-inputs.ts, same seed) sent over HTTP to the running `gongkai serve` in production mode rather
// than through app.inject: every route (the route table of an app built here only to list it) with hostile path
// parameters and query strings, anonymous and with a staff token; every JSON body schema of the OpenAPI document
// with bodies generated from it; raw payloads (bytes that are not UTF-8, prototype keys, deep nesting, truncation);
// every HTML form with a valid CSRF token and hostile field values, public and back office (signed in). A 5xx
// answer, or a refused write after which a main table's row count changed, is a failure. Requests come from
// spread client addresses (X-Forwarded-For, trusted proxy) so that no per-address limit answers in their place.
// Prints one JSON object. Run by bench/reliability.ts: node bin/run-ts.mjs bench/reliability-fuzz.ts CONFIG.json
import { readFileSync } from "node:fs";
import { Agent, request } from "node:http";
import fc from "fast-check";
import { buildApp } from "../src/app";
import { loadConfig } from "../src/config";
import { createDeps } from "../src/deps";
import {
  arbitraryFor,
  DATES,
  fillPath,
  HOSTILE_PARAMS,
  NASTY,
  plausibleFor,
  QUERY_KEYS,
  queryString,
  type Rnd,
  type Schema,
  seeded,
  text,
  toJson,
} from "../test/helpers/fuzz-inputs";
import { listRoutes } from "../test/helpers/routes";

interface FuzzConfig {
  base: string;
  env: Record<string, string>;
  tokens: Record<"clerk" | "office" | "admin", string>;
  password: string;
  users: Record<"clerk" | "office", string>;
  runs: number;
}

const cfg = JSON.parse(readFileSync(process.argv[2]!, "utf8")) as FuzzConfig;
const SEED = 20260230;
const RUNS = cfg.runs;

// The app is built here only to read its route table; the database handle counts the main tables.
const config = loadConfig({ ...cfg.env, GONGKAI_LOG_LEVEL: "silent" });
const deps = createDeps(config);
const built = await buildApp(deps);
await built.ready();
// Revoking the token in use (DELETE /api/v1/tokens/current) is sent at the very end: every staff call after it
// would be a 401.
const allRoutes = listRoutes(built);
const revoking = allRoutes.filter((r) => r.url.endsWith("/tokens/current") && r.method === "DELETE");
const routes = allRoutes.filter((r) => !revoking.includes(r));
await built.close();

const MAIN_TABLES = [
  "sites",
  "orgs",
  "users",
  "user_roles",
  "api_tokens",
  "catalog_nodes",
  "items",
  "item_events",
  "item_attachments",
  "review_findings",
  "applications",
  "application_steps",
  "application_disputes",
  "application_documents",
  "application_files",
  "messages",
  "message_steps",
  "statutory_clocks",
  "calendar_notices",
  "calendar_closures",
] as const;

async function countMainTables(): Promise<Record<string, number>> {
  const row = await deps.db.kysely
    .selectNoFrom((eb) =>
      MAIN_TABLES.map((t) =>
        eb
          .selectFrom(t)
          .select((e) => e.fn.countAll<number>().as("n"))
          .as(t),
      ),
    )
    .executeTakeFirstOrThrow();
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Number(v)]));
}

const agent = new Agent({ keepAlive: true, maxSockets: 1 });
let addr = 0;
const nextAddress = () => {
  addr++;
  return `172.16.${(addr >> 8) & 255}.${addr & 255}`;
};

interface Res {
  statusCode: number;
  body: string;
  headers: Record<string, string | string[] | undefined>;
}

function send(opts: {
  method: string;
  url: string;
  headers?: Record<string, string>;
  payload?: string | Buffer;
}): Promise<Res> {
  return new Promise((ok, fail) => {
    const body = typeof opts.payload === "string" ? Buffer.from(opts.payload) : opts.payload;
    const req = request(
      `${cfg.base}${opts.url}`,
      {
        method: opts.method,
        agent,
        headers: {
          "x-forwarded-for": nextAddress(),
          ...(opts.headers ?? {}),
          ...(body ? { "content-length": String(body.length) } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          ok({
            statusCode: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString("utf8"),
            headers: res.headers,
          }),
        );
        res.on("error", fail);
      },
    );
    req.setTimeout(60_000, () => req.destroy(new Error("timeout")));
    req.on("error", fail);
    if (body) req.write(body);
    req.end();
  });
}

const failures: string[] = [];
let requests = 0;
let fivexx = 0;
let halfSaved = 0;
let refusedWrites = 0;
let clientErrors = 0;
const statuses: Record<string, number> = {};

async function fire(
  label: string,
  opts: { method: string; url: string; headers?: Record<string, string>; payload?: string | Buffer },
): Promise<Res> {
  const writes = opts.method !== "GET" && opts.method !== "HEAD";
  const before = writes ? await countMainTables() : undefined;
  requests++;
  const show = () =>
    `${label}: ${opts.method} ${opts.url.slice(0, 160)} ${typeof opts.payload === "string" ? opts.payload.slice(0, 300) : opts.payload ? `<${opts.payload.length} bytes>` : ""}`;
  let res: Res;
  try {
    res = await send(opts);
  } catch (e) {
    // A request Node's client itself refuses to send (an invalid header or path) is not the server's doing.
    clientErrors++;
    if (failures.length < 30) failures.push(`no answer (${(e as Error).message}) ${show()}`);
    return { statusCode: 0, body: "", headers: {} };
  }
  statuses[res.statusCode] = (statuses[res.statusCode] ?? 0) + 1;
  if (res.statusCode >= 500) {
    fivexx++;
    failures.push(`${res.statusCode} ${show()} → ${res.body.slice(0, 200)}`);
  }
  if (before && res.statusCode >= 400) {
    refusedWrites++;
    const after = await countMainTables();
    const changed = Object.keys(before).filter((t) => before[t] !== after[t]);
    if (changed.length > 0) {
      halfSaved++;
      failures.push(`refused with ${res.statusCode} but changed ${changed.join(", ")}: ${show()}`);
    }
  }
  return res;
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const staffTokenFor = (url: string) =>
  /^\/api\/v1\/(items|review)/.test(url)
    ? cfg.tokens.clerk
    : /^\/api\/v1\/(applications|public|messages)/.test(url)
      ? cfg.tokens.office
      : cfg.tokens.admin;

const ids = async (url: string, token: string) =>
  [...(await send({ method: "GET", url, headers: bearer(token) })).body.matchAll(/"id":"([^"]{1,40})"/g)]
    .map((m) => m[1]!)
    .slice(0, 5);
const known = {
  items: await ids("/api/v1/items?per_page=5", cfg.tokens.clerk),
  applications: await ids("/api/v1/applications", cfg.tokens.office),
  messages: await ids("/api/v1/messages", cfg.tokens.office),
  nodes: await ids("/api/v1/catalog", cfg.tokens.admin),
};

const paramValues = (url: string, rnd: Rnd) => (name: string) => {
  const pool =
    name === "id" && url.includes("/items/")
      ? known.items
      : name === "id" && url.includes("/applications/")
        ? known.applications
        : name === "id" && url.includes("/messages/")
          ? known.messages
          : name === "id" && url.includes("/catalog/")
            ? known.nodes
            : name === "orgCode"
              ? ["bx", "bx-czj"]
              : name === "year"
                ? ["2026", "1900", "99999"]
                : name === "format"
                  ? ["docx", "pdf"]
                  : name === "*"
                    ? ["app.css", "..%2f..%2fpackage.json"]
                    : ["nonexistent"];
  const all = [...pool, ...HOSTILE_PARAMS];
  return rnd.nextBoolean() && pool.length
    ? pool[rnd.nextInt(0, pool.length - 1)]!
    : all[rnd.nextInt(0, all.length - 1)]!;
};

const doc = JSON.parse((await send({ method: "GET", url: "/api/v1/openapi.json" })).body) as {
  paths: Record<
    string,
    Record<
      string,
      {
        requestBody?: { content?: Record<string, { schema: Schema }> };
        parameters?: Array<{ in: string; name: string }>;
      }
    >
  >;
  components?: { schemas?: Record<string, Schema> };
};
const components = doc.components?.schemas ?? {};
const bodySchemas = new Map<string, Schema>();
const querySchemas = new Map<string, string[]>();
for (const [path, ops] of Object.entries(doc.paths)) {
  const url = path.replace(/\{([^}]+)\}/g, ":$1");
  for (const [method, op] of Object.entries(ops)) {
    const schema = op.requestBody?.content?.["application/json"]?.schema;
    if (schema) bodySchemas.set(`${method.toUpperCase()} ${url}`, schema);
    const q = (op.parameters ?? []).filter((p) => p.in === "query").map((p) => p.name);
    if (q.length > 0) querySchemas.set(`${method.toUpperCase()} ${url}`, q);
  }
}
const started = performance.now();

// 1. Every route, anonymous and with a staff token, under hostile path parameters and query strings.
{
  const rnd = seeded(SEED);
  const queryValues = fc.sample(fc.array(fc.tuple(fc.constantFrom(...QUERY_KEYS), text), { maxLength: 4 }), {
    numRuns: routes.length * 2,
    seed: SEED,
  }) as Array<Array<[string, string]>>;
  let n = 0;
  for (const route of routes) {
    const keys = querySchemas.get(`${route.method} ${route.url}`) ?? [];
    const callers: Array<[string, Record<string, string>]> = [["anonymous", {}]];
    if (route.url.startsWith("/api/") || route.url.startsWith("/admin"))
      callers.push(["staff", bearer(staffTokenFor(route.url))]);
    const hasBody = route.method !== "GET" && route.method !== "DELETE";
    const go = (who: string, headers: Record<string, string>, url: string) =>
      fire(`params/query as ${who}`, {
        method: route.method,
        url,
        headers: hasBody ? { ...headers, "content-type": "application/json" } : headers,
        payload: hasBody ? "{}" : undefined,
      });
    for (const [who, headers] of callers) {
      if ((route.url.includes(":") || keys.length > 0) && (who === "staff" || callers.length === 1)) {
        const qs = queryString(keys.map((k): [string, string] => [k, "a\u0000b"]));
        await go(who, headers, `${fillPath(route.url, () => "a\u0000b")}${qs ? `?${qs}` : ""}`);
      }
      const pairs = queryValues[n++ % queryValues.length]!;
      const ownKeys = keys.map((k, i): [string, string] => [k, pairs[i]?.[1] ?? "2026-02-30"]);
      const qs = queryString([...ownKeys, ...pairs]);
      await go(who, headers, `${fillPath(route.url, paramValues(route.url, rnd))}${qs ? `?${qs}` : ""}`);
    }
  }
}

// 2. Every JSON body schema, with bodies generated from it.
const PUBLIC_BODIES = new Set([
  "POST /api/v1/applications",
  "POST /api/v1/messages",
  "POST /api/v1/error-reports",
]);
{
  const rnd = seeded(SEED + 1);
  for (const [key, schema] of bodySchemas) {
    const [method, url] = key.split(" ") as [string, string];
    const bodies = [
      ...fc.sample(arbitraryFor(schema, components, "near"), { numRuns: RUNS, seed: SEED }),
      ...fc.sample(arbitraryFor(schema, components, "wild"), { numRuns: 1, seed: SEED }),
    ];
    for (const body of bodies)
      await fire("generated body", {
        method,
        url: fillPath(url, paramValues(url, rnd)),
        headers: {
          "content-type": "application/json",
          ...(PUBLIC_BODIES.has(key) ? {} : bearer(staffTokenFor(url))),
        },
        payload: toJson(body),
      });
  }
}

// 3. Raw payloads.
{
  const rnd = seeded(SEED + 2);
  const raw: Array<string | Buffer> = [
    Buffer.concat([
      Buffer.from('{"title":"'),
      Buffer.from([0xe4, 0xb8, 0xff]),
      Buffer.from('","description":"x"}'),
    ]),
    Buffer.from([0xff, 0xfe, 0x7b, 0x7d]),
    '{"__proto__":{"polluted":true},"constructor":{"prototype":{"x":1}}}',
    `${"[".repeat(5000)}${"]".repeat(5000)}`,
    '{"description":',
    '{"days":1e400,"year":-1e400,"n":123456789012345678901234567890}',
  ];
  for (const key of bodySchemas.keys()) {
    const [method, url] = key.split(" ") as [string, string];
    for (const payload of [raw[rnd.nextInt(0, 1)]!, raw[rnd.nextInt(2, raw.length - 1)]!])
      await fire("raw payload", {
        method,
        url: fillPath(url, paramValues(url, rnd)),
        headers: {
          "content-type": "application/json; charset=utf-8",
          ...(PUBLIC_BODIES.has(key) ? {} : bearer(staffTokenFor(url))),
        },
        payload,
      });
  }
}

// 4. Every HTML form, with a valid CSRF token and hostile field values (public, then back office signed in).
class Session {
  cookies = new Map<string, string>();
  constructor(readonly from: string) {}
  get cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }
  remember(res: Res) {
    for (const c of ([] as string[]).concat(res.headers["set-cookie"] ?? [])) {
      const [pair] = c.split(";");
      const [name, ...rest] = pair!.split("=");
      this.cookies.set(name!.trim(), rest.join("="));
    }
  }
  async get(url: string) {
    const res = await send({
      method: "GET",
      url,
      headers: { cookie: this.cookieHeader, "x-forwarded-for": this.from },
    });
    this.remember(res);
    return res;
  }
  async csrfFrom(url: string) {
    const res = await this.get(url);
    const m = /name="_csrf" value="([^"]+)"/.exec(res.body);
    if (!m) throw new Error(`no CSRF token on ${url} (status ${res.statusCode})`);
    return m[1]!;
  }
  async login(username: string) {
    const csrf = await this.csrfFrom("/admin/login");
    const res = await send({
      method: "POST",
      url: "/admin/login",
      headers: {
        cookie: this.cookieHeader,
        "content-type": "application/x-www-form-urlencoded",
        "x-forwarded-for": this.from,
      },
      payload: new URLSearchParams({ _csrf: csrf, username, password: cfg.password }).toString(),
    });
    this.remember(res);
    return res.statusCode;
  }
}
let formsPosted = 0;
{
  const rnd = seeded(SEED + 3);
  const fieldText = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...NASTY, ...DATES) },
    { weight: 2, arbitrary: fc.string({ maxLength: 30, unit: "binary" }) },
    { weight: 1, arbitrary: fc.constantFrom("长".repeat(201), "x".repeat(5_001)) },
  );
  const values = fc.sample(fieldText, { numRuns: 500, seed: SEED });
  let v = 0;
  const formRoutes = routes.filter(
    (r) =>
      r.method === "POST" && !r.url.startsWith("/api/") && !/\/admin\/(login|logout|password)$/.test(r.url),
  );
  const sessions = new Map<string, { session: Session; csrf: string }>();
  const sessionAs = async (username: string | null) => {
    const key = username ?? "anonymous";
    if (!sessions.has(key)) {
      const session = new Session(`192.168.${sessions.size}.7`);
      if (username) {
        const status = await session.login(username);
        if (status !== 303) throw new Error(`sign-in of ${username} answered ${status}`);
      }
      sessions.set(key, {
        session,
        csrf: await session.csrfFrom(username ? "/admin/password" : "/hd/messages/new"),
      });
    }
    return sessions.get(key)!;
  };
  // The administrators' forms as the office (an administrator must sign in with a second factor in production).
  const userFor = (url: string) =>
    !url.startsWith("/admin")
      ? null
      : url.startsWith("/admin/items") || url.startsWith("/admin/catalog")
        ? cfg.users.clerk
        : cfg.users.office;
  const knownValue = (name: string, url: string) =>
    paramValues(url, { nextBoolean: () => true, nextInt: (a) => a })(name);
  const fieldsCache = new Map<string, string[]>();
  const fieldsOf = async (session: Session, url: string) => {
    if (!fieldsCache.has(url)) {
      const own = fillPath(url, (name) => knownValue(name, url));
      let names: string[] = [];
      for (const page of [own, own.replace(/\/[^/]+$/, "")]) {
        const res = await session.get(page);
        if (res.statusCode !== 200) continue;
        names = [...res.body.matchAll(/name="([^"]+)"/g)].map((m) => m[1]!).filter((n) => n !== "_csrf");
        if (names.length > 0) break;
      }
      fieldsCache.set(url, [...new Set(names)]);
    }
    const found = fieldsCache.get(url)!;
    return found.length > 0
      ? found
      : ["title", "body", "name", "note", "reason", "on", "date", "days", "code"];
  };
  for (const route of formRoutes) {
    const user = userFor(route.url);
    const { session, csrf } = await sessionAs(user);
    const fields = await fieldsOf(session, route.url);
    for (let i = 0; i < 2; i++) {
      const target = fields[(v + i) % fields.length];
      const form = new URLSearchParams();
      form.set("_csrf", csrf);
      for (const f of fields) {
        const value =
          f === target
            ? values[v++ % values.length]!
            : fc.sample(plausibleFor(f, {}), { numRuns: 1, seed: SEED + v + i })[0]!;
        form.append(f, value.replace(/[\ud800-\udfff]/gu, "\u0000"));
      }
      formsPosted++;
      await fire(`form as ${user ?? "anonymous"}`, {
        method: "POST",
        url: fillPath(route.url, paramValues(route.url, rnd)),
        // Each post from its own address (the form classes count per address; the session is not bound to one).
        headers: { cookie: session.cookieHeader, "content-type": "application/x-www-form-urlencoded" },
        payload: form.toString(),
      });
    }
  }
}

for (const route of revoking) {
  await fire("token revocation, anonymous", { method: route.method, url: route.url });
  await fire("token revocation, staff", {
    method: route.method,
    url: route.url,
    headers: bearer(cfg.tokens.admin),
  });
}

agent.destroy();
await deps.db.close();
process.stdout.write(
  `${JSON.stringify({
    routes: allRoutes.length,
    bodySchemas: bodySchemas.size,
    formsPosted,
    requests,
    seconds: (performance.now() - started) / 1000,
    fivexx,
    refusedWrites,
    halfSaved,
    clientErrors,
    statuses,
    failures: failures.slice(0, 30),
  })}\n`,
);
process.exit(0);
