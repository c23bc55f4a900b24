// The crash test's write load (bench/reliability.ts), in its own process: new applications and messages from
// the public API (each from its own client address, through the trusted proxy header), some of them registered
// or accepted by the office, and information items taken through the whole workflow to publication with the
// staff API. The server is killed under it at random moments: a request that gets no answer is not counted and
// is retried the way a client would (a workflow step re-reads the item first). Every 2xx answer is written to
// the record file with what it created or changed, for the orchestrator to look for in the database.
// Run by bench/reliability.ts: node bin/run-ts.mjs bench/reliability-writer.ts CONFIG.json
// Stops on SIGTERM: finishes the requests in flight, writes the record file, prints its counts as JSON.
import { appendFileSync, readFileSync } from "node:fs";

interface WriterConfig {
  base: string;
  tokens: Record<"clerk" | "reviewer" | "signer" | "office", string>;
  records: string;
  workers: number;
}

const cfg = JSON.parse(readFileSync(process.argv[2]!, "utf8")) as WriterConfig;
let stopping = false;
process.on("SIGTERM", () => {
  stopping = true;
});

const counts = {
  requests: 0,
  ok2xx: 0,
  /** Requests that got no answer: the connection was refused or cut (the server was down or killed). */
  noAnswer: 0,
  status4xx: 0,
  status5xx: 0,
  byStatus: {} as Record<string, number>,
  fivexx: [] as string[],
  created: { applications: 0, registered: 0, messages: 0, accepted: 0, items: 0, published: 0 },
};

export type RecordLine =
  | { t: "application"; code: string }
  | { t: "registered"; id: string; code: string }
  | { t: "message"; id: string; code: string }
  | { t: "accepted"; id: string }
  | { t: "item"; id: string; status: string };

const pending: string[] = [];
function record(line: RecordLine): void {
  pending.push(JSON.stringify(line));
  if (pending.length >= 50) flush();
}
function flush(): void {
  if (pending.length === 0) return;
  appendFileSync(cfg.records, `${pending.join("\n")}\n`);
  pending.length = 0;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pick = <T>(a: readonly T[]): T => a[Math.floor(Math.random() * a.length)]!;
const rnd = () => Math.random().toString(36).slice(2, 8);
/** A resident's address, in 10.0.0.0/8: each public submission comes from its own client. */
const resident = () =>
  `10.${Math.floor(Math.random() * 256)}.${Math.floor(Math.random() * 256)}.${1 + Math.floor(Math.random() * 254)}`;

type Answer = { status: number; body: unknown } | null;

/** One request; null when no answer came (connection refused or cut). */
async function call(
  method: string,
  path: string,
  opts: { token?: string; body?: unknown; from?: string } = {},
): Promise<Answer> {
  counts.requests++;
  const headers: Record<string, string> = {};
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  if (opts.body !== undefined) headers["content-type"] = "application/json";
  if (opts.from) headers["x-forwarded-for"] = opts.from;
  try {
    const r = await fetch(cfg.base + path, {
      method,
      headers,
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
      signal: AbortSignal.timeout(30_000),
    });
    const text = await r.text();
    counts.byStatus[r.status] = (counts.byStatus[r.status] ?? 0) + 1;
    if (r.status >= 500) {
      counts.status5xx++;
      counts.fivexx.push(`${r.status} ${method} ${path}: ${text.slice(0, 300)}`);
    } else if (r.status >= 400) counts.status4xx++;
    else counts.ok2xx++;
    let body: unknown = null;
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON
    }
    return { status: r.status, body };
  } catch {
    counts.noAnswer++;
    return null;
  }
}

const ok = (a: Answer): a is { status: number; body: Record<string, unknown> } =>
  a !== null && a.status >= 200 && a.status < 300;

/** Waits out a restart: a short pause after a request that got no answer. */
async function backoff(a: Answer): Promise<void> {
  if (a === null) await sleep(150 + Math.random() * 200);
  else if (a.status === 429) await sleep(1000);
}

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

const NAMES = ["张伟", "王芳", "李娜", "刘洋", "陈静", "杨帆", "赵敏", "黄磊"];
const SUBJECTS = [
  "城乡低保资金发放情况",
  "2025年部门预算执行情况",
  "农村道路建设项目资金",
  "义务教育学校布局调整方案",
];

async function newApplication(): Promise<void> {
  const base = { type: "natural", name: pick(NAMES), id_number: idNumber(), phone: "13812345678" };
  const a = await call("POST", "/api/v1/applications", {
    from: resident(),
    body: {
      applicant: base,
      description: `申请公开本县${pick(SUBJECTS)}（${rnd()}）。`,
      // By e-mail needs the address, by post the postal address (the API refuses either without).
      ...pick([
        { delivery: "online" },
        { delivery: "email", applicant: { ...base, email: "zhang@example.com" } },
        { delivery: "post", applicant: { ...base, address: "测试县城关镇建设路1号" } },
      ]),
    },
  });
  if (!ok(a)) return backoff(a);
  const code = String(a.body.tracking_code);
  record({ t: "application", code });
  counts.created.applications++;
  if (Math.random() < 0.4) await register(code);
}

/** The office confirms receipt of an online application (Art. 31), which starts its reply clock. */
async function register(code: string): Promise<void> {
  for (let attempt = 0; attempt < 40 && !stopping; attempt++) {
    const found = await call("GET", `/api/v1/applications?tracking_code=${code}`, {
      token: cfg.tokens.office,
    });
    if (!ok(found)) {
      await backoff(found);
      continue;
    }
    const row = (found.body.items as Array<{ id: string; status: string }>)[0];
    if (!row) return;
    if (row.status !== "submitted") return;
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const r = await call("POST", `/api/v1/applications/${row.id}/actions`, {
      token: cfg.tokens.office,
      body: { action: "register", on: today },
    });
    if (ok(r)) {
      record({ t: "registered", id: row.id, code });
      counts.created.registered++;
      return;
    }
    if (r !== null) return;
    await backoff(r);
  }
}

async function newMessage(): Promise<void> {
  const a = await call("POST", "/api/v1/messages", {
    from: resident(),
    body: {
      type: pick(["consult", "suggest", "complain", "help"]),
      title: `关于${pick(SUBJECTS)}的留言`,
      body: `请问${pick(SUBJECTS)}何时公开？（${rnd()}）`,
      name: pick(NAMES),
      phone: "13812345678",
    },
  });
  if (!ok(a)) return backoff(a);
  const id = String(a.body.id);
  record({ t: "message", id, code: String(a.body.tracking_code) });
  counts.created.messages++;
  if (Math.random() < 0.4) {
    for (let attempt = 0; attempt < 40 && !stopping; attempt++) {
      const r = await call("POST", `/api/v1/messages/${id}/actions`, {
        token: cfg.tokens.office,
        body: { action: "accept" },
      });
      if (ok(r)) {
        record({ t: "accepted", id });
        counts.created.accepted++;
        return;
      }
      if (r !== null) {
        // Accepted by the request whose answer was lost: the message is no longer waiting.
        if (r.status === 409 || r.status === 422 || r.status === 400) return;
      }
      await backoff(r);
    }
  }
}

const NEXT: Record<string, { action: string; who: keyof WriterConfig["tokens"] } | undefined> = {
  draft: { action: "submit", who: "clerk" },
  submitted: { action: "approve", who: "reviewer" },
  reviewed: { action: "sign", who: "signer" },
  signed: { action: "publish", who: "signer" },
};

/** An item drafted by the department's clerk, then submitted, approved, signed and published. */
async function publication(): Promise<void> {
  const created = await call("POST", "/api/v1/items", {
    token: cfg.tokens.clerk,
    body: {
      kind: pick(["news", "notice", "plan", "statistics"]),
      title: `测试县财政局${pick(SUBJECTS)}公告 ${rnd()}`,
      body: `根据有关规定，现将${pick(SUBJECTS)}公告如下。\n一、总体情况。\n二、下一步工作。`,
    },
  });
  if (!ok(created)) return backoff(created);
  const id = String(created.body.id);
  record({ t: "item", id, status: "draft" });
  counts.created.items++;
  let status = "draft";
  for (let attempt = 0; attempt < 60 && !stopping && status !== "published"; attempt++) {
    const next = NEXT[status];
    if (!next) return;
    const r = await call("POST", `/api/v1/items/${id}/actions`, {
      token: cfg.tokens[next.who],
      body: { action: next.action },
    });
    if (ok(r)) {
      status = String(r.body.status);
      record({ t: "item", id, status });
      if (status === "published") counts.created.published++;
      continue;
    }
    await backoff(r);
    // The answer was lost or refused: read where the item stands, as a client would, and go on from there.
    for (let i = 0; i < 40 && !stopping; i++) {
      const g = await call("GET", `/api/v1/items/${id}`, { token: cfg.tokens.clerk });
      if (ok(g)) {
        status = String(g.body.status);
        break;
      }
      await backoff(g);
    }
  }
}

async function worker(): Promise<void> {
  while (!stopping) {
    const x = Math.random();
    if (x < 0.35) await newApplication();
    else if (x < 0.7) await newMessage();
    else await publication();
  }
}

await Promise.all(Array.from({ length: cfg.workers }, worker));
flush();
process.stdout.write(`${JSON.stringify({ ...counts, fivexx: counts.fivexx.slice(0, 20) })}\n`);
