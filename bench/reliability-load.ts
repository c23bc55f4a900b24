// The load part of bench/reliability.ts, in its own process: autocannon's API with CONNECTIONS concurrent clients
// for a duration over the public site — home, item lists (any page), item pages, search, column pages — and its
// forms: the form pages (GET), the message form posted as a browser does (its CSRF token and session cookie, the
// human check answered), and new applications and messages through the public JSON API. Each request comes from
// one of many client addresses, sent in X-Forwarded-For to a server that trusts 127.0.0.1 as its proxy
// (GONGKAI_TRUST_PROXY), so the per-address limits stay as shipped and no client exceeds them.
// Prints one JSON object: autocannon's totals and latency, and the answers by kind and status.
// Run by bench/reliability.ts: node bin/run-ts.mjs bench/reliability-load.ts CONFIG.json
import { readFileSync } from "node:fs";
import autocannon from "autocannon";

interface LoadConfig {
  base: string;
  connections: number;
  seconds: number;
  items: string[];
  listPages: number;
  searchTerms: string[];
  /** Client addresses to spread the requests over. */
  addresses: number;
}

const cfg = JSON.parse(readFileSync(process.argv[2]!, "utf8")) as LoadConfig;
const pick = <T>(a: readonly T[]): T => a[Math.floor(Math.random() * a.length)]!;
const NUMERALS = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
const address = () => {
  const n = Math.floor(Math.random() * cfg.addresses);
  return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
};
const SUBJECTS = ["城乡低保资金", "部门预算", "道路建设项目", "学校布局调整"];

/** A resident identity number with a valid check digit (GB 11643), born 1960–1999 in 110101. */
function idNumber(): string {
  const d = new Date(
    Date.UTC(
      1960 + Math.floor(Math.random() * 40),
      Math.floor(Math.random() * 12),
      1 + Math.floor(Math.random() * 28),
    ),
  );
  const body = `110101${d.toISOString().slice(0, 10).replaceAll("-", "")}${String(Math.floor(Math.random() * 1000)).padStart(3, "0")}`;
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((s, c, i) => s + Number(c) * w[i]!, 0);
  return body + "10X98765432"[sum % 11]!;
}

type Kind =
  | "home"
  | "list"
  | "item"
  | "search"
  | "column"
  | "form page"
  | "message form POST"
  | "application API POST"
  | "message API POST";

/** Share of each kind of request, in percent. */
const MIX: Array<[Kind, number]> = [
  ["home", 14],
  ["list", 14],
  ["item", 26],
  ["search", 14],
  ["column", 10],
  ["form page", 12],
  ["application API POST", 5],
  ["message API POST", 5],
];
/** Of the message form pages loaded, the share then posted. */
const FORM_POST_SHARE = 0.5;
const COLUMNS = [
  "/gk",
  "/hd",
  "/hd/messages",
  "/hd/archive",
  "/gk/catalog",
  "/calendar",
  "/feeds/site.atom",
  "/mn/",
];

const byKind: Record<string, Record<string, number>> = {};
const examples5xx: string[] = [];
const tally = (kind: string, status: number, path: string, body: string) => {
  byKind[kind] ??= {};
  byKind[kind]![status] = (byKind[kind]![status] ?? 0) + 1;
  if (status >= 500 && examples5xx.length < 10)
    examples5xx.push(`${status} ${kind} ${path}: ${body.slice(0, 200)}`);
};

interface Ctx {
  kind?: Kind;
  path?: string;
  from?: string;
  form?: { csrf: string; cookie: string; token: string; answer: string };
}

function choose(): Kind {
  let x = Math.random() * 100;
  for (const [kind, share] of MIX) {
    x -= share;
    if (x < 0) return kind;
  }
  return "home";
}

const json = (from: string, body: unknown) => ({
  method: "POST" as const,
  headers: { "content-type": "application/json", "x-forwarded-for": from },
  body: JSON.stringify(body),
});

function first(req: autocannon.Request, ctx: Ctx): autocannon.Request {
  const kind = choose();
  const from = address();
  ctx.kind = kind;
  ctx.from = from;
  ctx.form = undefined;
  const get = (path: string) => {
    ctx.path = path;
    return { ...req, method: "GET" as const, path, headers: { "x-forwarded-for": from }, body: undefined };
  };
  switch (kind) {
    case "home":
      return get("/");
    case "list": {
      const page = 1 + Math.floor(Math.random() * cfg.listPages);
      return get(page === 1 ? "/gk/list" : `/gk/list?page=${page}`);
    }
    case "item":
      return get(pick(cfg.items));
    case "search":
      return get(`/search?q=${encodeURIComponent(pick(cfg.searchTerms))}`);
    case "column":
      return get(pick(COLUMNS));
    case "form page":
      return get(Math.random() < 0.6 ? "/hd/messages/new" : "/hd/apply");
    case "application API POST":
      ctx.path = "/api/v1/applications";
      return {
        ...req,
        path: ctx.path,
        ...json(from, {
          applicant: { type: "natural", name: "王芳", id_number: idNumber(), phone: "13812345678" },
          description: `申请公开本县${pick(SUBJECTS)}的有关信息。`,
          delivery: "online",
        }),
      };
    default:
      ctx.path = "/api/v1/messages";
      return {
        ...req,
        path: ctx.path,
        ...json(from, {
          type: pick(["consult", "suggest", "complain", "help"]),
          title: `关于${pick(SUBJECTS)}的留言`,
          body: `请问${pick(SUBJECTS)}何时公开？`,
          name: "刘洋",
          phone: "13812345678",
        }),
      };
  }
}

function onFirst(status: number, body: string, ctx: Ctx, headers: Record<string, string | string[]>): void {
  tally(ctx.kind!, status, ctx.path!, body);
  if (ctx.path !== "/hd/messages/new" || status !== 200) return;
  const csrf = /name="_csrf" value="([^"]+)"/.exec(body)?.[1];
  const token = /name="check_token" value="([^"]+)"/.exec(body)?.[1];
  const q = /([零一二三四五六七八九十])加([零一二三四五六七八九十])等于几/.exec(body);
  const setCookie = ([] as string[]).concat(headers["set-cookie"] ?? []);
  const cookie = setCookie.map((c) => c.split(";")[0]).join("; ");
  if (csrf && token && q && cookie)
    ctx.form = {
      csrf,
      cookie,
      token,
      answer: String(NUMERALS.indexOf(q[1]!) + NUMERALS.indexOf(q[2]!)),
    };
}

/** The message form, posted after its page was loaded (half the time); otherwise the sequence starts again. */
function second(req: autocannon.Request, ctx: Ctx): autocannon.Request | undefined {
  if (!ctx.form || Math.random() >= FORM_POST_SHARE) return undefined;
  ctx.kind = "message form POST";
  ctx.path = "/hd/messages/new";
  const form = new URLSearchParams({
    _csrf: ctx.form.csrf,
    type: pick(["consult", "suggest", "complain", "help"]),
    title: `关于${pick(SUBJECTS)}的留言`,
    body: `请问${pick(SUBJECTS)}何时公开？`,
    name: "陈静",
    phone: "13812345678",
    public: "yes",
    website: "",
    check_token: ctx.form.token,
    check_answer: ctx.form.answer,
  });
  return {
    ...req,
    method: "POST",
    path: ctx.path,
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      cookie: ctx.form.cookie,
      "x-forwarded-for": ctx.from!,
    },
    body: form.toString(),
  };
}

const result = await autocannon({
  url: cfg.base,
  connections: cfg.connections,
  duration: cfg.seconds,
  timeout: 30,
  requests: [
    {
      setupRequest: first as unknown as autocannon.Request["setupRequest"],
      onResponse: onFirst as unknown as autocannon.Request["onResponse"],
    },
    {
      setupRequest: second as unknown as autocannon.Request["setupRequest"],
      onResponse: ((status: number, body: string, ctx: Ctx) =>
        tally(ctx.kind!, status, ctx.path!, body)) as unknown as autocannon.Request["onResponse"],
    },
  ],
});

process.stdout.write(
  `${JSON.stringify({
    requests: result.requests.total,
    seconds: result.duration,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    s2xx: result["2xx"],
    s3xx: result["3xx"],
    s4xx: result["4xx"],
    s5xx: result["5xx"],
    errors: result.errors,
    timeouts: result.timeouts,
    byKind,
    examples5xx,
  })}\n`,
);
