// The data of `npm run bench -- reports` (bench/reports.bench.ts): published items and a year of applications
// over the demo county's organisations, written in bulk straight into the tables the migrations made (multi-row
// INSERTs of 500 rows on SQLite, one `INSERT … SELECT FROM unnest(…)` per 5,000 rows on PostgreSQL, 20,000 rows
// per transaction), every NOT NULL column filled as the product fills it. The generator also counts, from the
// rows it writes and by the contract's rules (CONTRACT.md, Reports), what each cell of tables 三 and 四 of the
// report year must gain, so the bench can check the report it times.
import { createHash, randomBytes } from "node:crypto";
import { type Kysely, sql } from "kysely";
import type { Db } from "../src/db/connect";
import type { Database } from "../src/db/schema";
import { encryptField } from "../src/platform/crypto";
import { newId } from "../src/platform/ids";

export const REPORT_YEAR = 2025;

/** A deterministic generator (mulberry32): the same sizes give the same rows' shape on both engines. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Picks by weight: [[value, weight], …]. */
function weighted<T>(rand: () => number, table: ReadonlyArray<readonly [T, number]>): () => T {
  const total = table.reduce((a, [, w]) => a + w, 0);
  return () => {
    let r = rand() * total;
    for (const [v, w] of table) {
      r -= w;
      if (r < 0) return v;
    }
    return table[table.length - 1]![0];
  };
}

const DAY = 86_400_000;
const dateOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const ms = (date: string) => Date.parse(`${date}T00:00:00Z`);
/** The next weekday on or after a date (applications are received and answered on working days). */
function weekday(t: number): number {
  const d = new Date(t).getUTCDay();
  return d === 6 ? t + 2 * DAY : d === 0 ? t + DAY : t;
}

// Shares seen in published county reports: most applicants are natural persons; about half the replies
// disclose, a fifth cannot provide the information (mostly not held).
const APPLICANT_TYPES = [
  ["natural", 85],
  ["commercial", 6],
  ["research", 1],
  ["public_interest", 1],
  ["legal_service", 3],
  ["other", 4],
] as const;
const OUTCOME_SHARES = [
  ["disclose", 44],
  ["partial", 10],
  ["withhold.state_secret", 0.2],
  ["withhold.prohibited_by_law", 0.5],
  ["withhold.security_stability", 0.3],
  ["withhold.third_party", 2],
  ["withhold.internal_affairs", 1.5],
  ["withhold.process_info", 2.5],
  ["withhold.enforcement_file", 1],
  ["withhold.administrative_query", 1],
  ["unable.not_held", 17],
  ["unable.needs_creation", 3],
  ["unable.still_unclear", 1.5],
  ["not_handled.petition", 4],
  ["not_handled.repeated", 3],
  ["not_handled.publication", 0.5],
  ["not_handled.excessive", 0.5],
  ["not_handled.confirmation", 1],
  ["other.no_correction", 3],
  ["other.fee_unpaid", 0.5],
  ["other.other", 3],
] as const;
const WITHHELD = [
  "withhold.third_party",
  "withhold.process_info",
  "withhold.internal_affairs",
  "withhold.enforcement_file",
] as const;
const CHANNELS = [
  ["online", 70],
  ["letter", 8],
  ["registered_post", 12],
  ["fax", 1],
  ["in_person", 6],
  ["email", 3],
] as const;
const DELIVERIES = ["email", "post", "pickup", "online"] as const;
const OPEN_STATUSES = [
  ["handling", 70],
  ["correction", 12],
  ["consulting", 10],
  ["fee_pending", 8],
] as const;
// Items: the demo county's shares of kinds (a county publishes budgets and notices more than anything else).
const ITEM_KINDS = [
  ["notice", 33],
  ["other", 38],
  ["budget", 17],
  ["plan", 4.5],
  ["statistics", 2],
  ["policy", 1.6],
  ["interpretation", 1.9],
  ["normative", 0.8],
  ["news", 1.2],
] as const;
const SURNAMES =
  "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段漕钱汤尹黎易常武乔贺赖龚文";
const GIVEN = "秀英桂兰建华国强志军玉兰海燕红梅丽娟文明永刚春生晓东俊杰淑珍凤英金山宝林德胜";
const SUBJECTS = [
  "城乡低保资金发放情况",
  "征地补偿安置方案及补偿标准",
  "棚户区改造项目审批文件",
  "农村牧区人居环境整治项目资金使用情况",
  "本村土地承包经营权确权登记资料",
  "道路建设项目环境影响评价文件",
  "草原生态保护补助奖励资金发放名册",
  "房屋征收决定及补偿方案",
  "企业行政处罚决定书",
  "义务教育阶段学校招生划片方案",
];

export interface Table3Expect {
  /** row → column → count (the columns are the applicant types; `total` summed by the bench). */
  [row: string]: Record<string, number>;
}

export interface Generated {
  items: number;
  applications: number;
  disputes: number;
  /** How the applications fall: received in the year, carried in, history before, after the year, … */
  shape: Record<string, number>;
  /** What the report's tables 三 and 四 gain from these rows (the contract's rules applied here). */
  table3: Table3Expect;
  table4: Record<string, Record<string, number>>;
  seconds: number;
}

interface Options {
  items: number;
  applications: number;
  secretKey: Buffer;
  onProgress?: (what: string) => void;
}

/**
 * Writes the rows: `items` published items (2010 to 2026), `applications` applications received in the
 * report year, plus those carried into it from the year before, a history of earlier years answered before it
 * (40 % as many), the next year's first applications (10 %), merged and never-registered ones (which never
 * count), and reviews and lawsuits against the replies.
 */
export async function generate(db: Db, opts: Options): Promise<Generated> {
  const t0 = performance.now();
  const k = db.kysely;
  const site = await k
    .selectFrom("sites")
    .select(["id"])
    .where("code", "=", "guyang")
    .executeTakeFirstOrThrow();
  const orgs = await k
    .selectFrom("orgs")
    .select(["id", "kind", "credit_code", "code"])
    .where("site_id", "=", site.id)
    .orderBy("code")
    .execute();
  const staff = await k.selectFrom("users").select(["id", "org_id"]).orderBy("username").execute();
  const staffOf = (orgId: string | null) => staff.find((u) => u.org_id === orgId)?.id ?? staff[0]!.id;
  // Organisations weighted by kind: the county government and its departments publish and answer most.
  const orgWeight = (kind: string) =>
    kind === "government"
      ? 12
      : kind === "department"
        ? 5
        : kind === "town"
          ? 3
          : kind === "institution"
            ? 2
            : 0.5;
  const rand = prng(20251231);
  const pickOrg = weighted(
    rand,
    orgs.map((o) => [o, orgWeight(o.kind)] as const),
  );
  const pickKind = weighted(rand, ITEM_KINDS);
  const pickType = weighted(rand, APPLICANT_TYPES);
  const pickOutcome = weighted(rand, OUTCOME_SHARES);
  const pickChannel = weighted(rand, CHANNELS);
  const pickOpen = weighted(rand, OPEN_STATUSES);

  // ------------------------------------------------------------------------------------------- items
  const itemCols = [
    "id",
    "site_id",
    "org_id",
    "lineage_id",
    "version",
    "kind",
    "status",
    "title",
    "body_html",
    "body_text",
    "index_number",
    "doc_number",
    "disclosure_mode",
    "formed_on",
    "published_at",
    "published_on",
    "validity",
    "validity_on",
    "late",
    "late_working_days",
    "submitted_by",
    "reviewed_by",
    "signed_by",
    "published_by",
    "content_sha256",
    "created_by",
    "created_at",
    "updated_at",
  ] as const;
  const first = ms("2010-01-04");
  const lastDay = ms("2026-11-30");
  const serials = new Map<string, number>();
  let written = 0;
  const itemRow = (i: number) => {
    const org = pickOrg();
    const kind = pickKind();
    const formed = weekday(first + Math.floor(((lastDay - first) * i) / opts.items / DAY) * DAY);
    const published = weekday(formed + Math.floor(rand() * 12) * DAY);
    const year = new Date(published).getUTCFullYear();
    const prefix = `${org.credit_code ?? org.code}/${year}`;
    // Serials from 10001: the demo county's own items hold the low ones of each prefix.
    const serial = (serials.get(prefix) ?? 10_000) + 1;
    serials.set(prefix, serial);
    const formedOn = dateOf(formed);
    const title = `固阳县${kind === "normative" ? "关于印发" : "关于"}${SUBJECTS[i % SUBJECTS.length]}的${kind === "notice" ? "通知" : kind === "budget" ? "预算公开" : "公告"}（${year}年第${serial}号）`;
    const bodyText = `${title}。各苏木乡镇人民政府，县直各部门：现将${SUBJECTS[(i * 7) % SUBJECTS.length]}有关事项${kind === "normative" ? "印发给你们，请认真贯彻执行" : "公告如下"}。本文件自发布之日起施行。`;
    // Normative documents: most in force; some repealed, expired or revised, dated after their making.
    let validity = "valid";
    let validityOn: string | null = null;
    if (kind === "normative") {
      const r = rand();
      if (r < 0.25) {
        validity = r < 0.1 ? "repealed" : r < 0.2 ? "expired" : "revised";
        validityOn = dateOf(Math.min(lastDay, formed + (200 + Math.floor(rand() * 1500)) * DAY));
      }
    }
    const author = staffOf(org.id);
    const publishedAt = new Date(published + 2 * 3_600_000).toISOString();
    const late = rand() < 0.03 ? 1 : 0;
    return [
      newId(),
      site.id,
      org.id,
      null, // lineage: the item's own id, filled below
      1,
      kind,
      "published",
      title,
      `<p>${bodyText}</p>`,
      bodyText,
      `${prefix}-${String(serial).padStart(5, "0")}`,
      kind === "normative" || kind === "policy" ? `固政发〔${year}〕${serial}号` : null,
      "proactive",
      formedOn,
      publishedAt,
      dateOf(published),
      validity,
      validityOn,
      late,
      late ? 21 + Math.floor(rand() * 10) : 0,
      author,
      author,
      author,
      author,
      createHash("sha256").update(bodyText).digest("hex"),
      author,
      new Date(formed + 3_600_000).toISOString(),
      publishedAt,
    ] as unknown[];
  };
  const ITEMS_PER_TX = 20_000;
  for (let i = 0; i < opts.items; i += ITEMS_PER_TX) {
    const rows: unknown[][] = [];
    for (let j = i; j < Math.min(opts.items, i + ITEMS_PER_TX); j++) {
      const r = itemRow(j);
      r[3] = r[0];
      rows.push(r);
    }
    await k.transaction().execute((trx) => bulkInsert(db, trx, "items", itemCols, rows));
    written += rows.length;
    opts.onProgress?.(`items ${written.toLocaleString("en")} of ${opts.items.toLocaleString("en")}`);
  }

  // ------------------------------------------------------------------------------------------- applications
  const appCols = [
    "id",
    "site_id",
    "tracking_code",
    "secret_hash",
    "channel",
    "status",
    "applicant_type",
    "applicant_name",
    "phone_enc",
    "credit_code",
    "description",
    "delivery",
    "carrier",
    "submitted_at",
    "received_on",
    "org_id",
    "handler_id",
    "correction_used",
    "extended_days",
    "outcome",
    "outcome_note",
    "withheld_ground",
    "replied_on",
    "merged_into_id",
    "created_at",
    "updated_at",
  ] as const;
  const disputeCols = [
    "id",
    "application_id",
    "kind",
    "filed_on",
    "result",
    "decided_on",
    "note",
    "created_at",
  ] as const;
  const Y = REPORT_YEAR;
  const start = `${Y}-01-01`;
  const end = `${Y}-12-31`;
  const table3: Table3Expect = {};
  const table4: Record<string, Record<string, number>> = {};
  const bump3 = (row: string, col: string) => {
    table3[row] ??= {};
    table3[row][col] = (table3[row][col] ?? 0) + 1;
  };
  const bump4 = (kind: string, result: string) => {
    table4[kind] ??= {};
    table4[kind][result] = (table4[kind][result] ?? 0) + 1;
  };
  const shape: Record<string, number> = {};
  const count = (what: string) => {
    shape[what] = (shape[what] ?? 0) + 1;
  };
  let tracking = 0;
  let lastCounted: string | null = null;
  let disputes = 0;
  /**
   * One application received on `received` (null: submitted online, never registered) and answered
   * `delay` days later (null: still open).
   */
  const appRow = (
    received: number | null,
    delay: number | null,
    kind: "normal" | "merged",
    dRows: unknown[][],
  ) => {
    const id = newId();
    const type = pickType();
    const org = rand() < 0.02 ? null : pickOrg();
    const recvOn = received === null ? null : dateOf(received);
    const replied =
      received !== null && delay !== null && kind === "normal" ? weekday(received + delay * DAY) : null;
    const repliedOn = replied === null ? null : dateOf(replied);
    const outcome = repliedOn ? pickOutcome() : null;
    const submitted = (received ?? ms(`${Y}-06-01`)) - (rand() < 0.3 ? DAY : 0) + 9 * 3_600_000;
    const status =
      kind === "merged" ? "merged" : received === null ? "submitted" : repliedOn ? "replied" : pickOpen();
    const name =
      type === "natural"
        ? `${SURNAMES[Math.floor(rand() * SURNAMES.length)]}${GIVEN.slice(Math.floor(rand() * 15) * 2, Math.floor(rand() * 15) * 2 + 2) || "华"}`
        : `包头市某${type === "commercial" ? "商贸有限公司" : type === "research" ? "研究院" : type === "legal_service" ? "律师事务所" : "协会"}`;
    tracking++;
    const row = [
      id,
      site.id,
      `YS${(recvOn ?? dateOf(submitted)).replaceAll("-", "")}${tracking.toString(36).toUpperCase().padStart(6, "0")}`,
      randomBytes(32).toString("hex"),
      received === null ? "online" : pickChannel(),
      status,
      type,
      name,
      encryptField(opts.secretKey, `138${String(10_000_000 + Math.floor(rand() * 89_999_999))}`),
      type === "natural" ? null : `91150222MA0${String(tracking % 1_000_000).padStart(6, "0")}X`,
      `申请公开${SUBJECTS[tracking % SUBJECTS.length]}。`,
      DELIVERIES[tracking % DELIVERIES.length],
      rand() < 0.7 ? "electronic" : "paper",
      new Date(submitted).toISOString(),
      recvOn,
      received === null || kind === "merged" ? null : (org?.id ?? null),
      received === null || !org ? null : staffOf(org.id),
      outcome === "other.no_correction" || outcome === "unable.still_unclear" ? 1 : 0,
      delay !== null && delay > 28 ? 20 : 0,
      outcome,
      outcome ? "依据《中华人民共和国政府信息公开条例》作出答复。" : null,
      outcome === "partial" ? WITHHELD[tracking % WITHHELD.length] : null,
      repliedOn,
      kind === "merged" ? lastCounted : null,
      new Date(submitted).toISOString(),
      new Date(replied ?? submitted).toISOString(),
    ];
    // What the report of the year counts (CONTRACT.md, Reports): merged and unregistered ones never.
    if (recvOn && kind === "normal" && recvOn <= end) {
      if (recvOn >= start) bump3("received", type);
      else if (!repliedOn || repliedOn >= start) bump3("carried_in", type);
      if (repliedOn && repliedOn >= start && repliedOn <= end) {
        bump3(outcome!, type);
        bump3("total", type);
      } else if (!repliedOn || repliedOn > end) bump3("carried_out", type);
    }
    if (kind === "normal" && recvOn) lastCounted = id;
    // Reviews and lawsuits: about 1.5 % of replies are disputed, filed within months of the reply.
    if (repliedOn && rand() < 0.015) {
      const r = rand();
      const dKind = r < 0.7 ? "review" : r < 0.85 ? "litigation_direct" : "litigation_after_review";
      const filed = weekday(replied! + (5 + Math.floor(rand() * 80)) * DAY);
      const p = rand();
      const result = p < 0.6 ? "upheld" : p < 0.75 ? "corrected" : p < 0.85 ? "other" : "pending";
      const decided = result === "pending" ? null : weekday(filed + (30 + Math.floor(rand() * 120)) * DAY);
      const filedOn = dateOf(filed);
      const decidedOn = decided === null ? null : dateOf(decided);
      dRows.push([
        newId(),
        id,
        dKind,
        filedOn,
        result,
        decidedOn,
        result === "pending" ? null : "复议机关（法院）已作出决定。",
        new Date(filed + 10 * 3_600_000).toISOString(),
      ]);
      disputes++;
      if (filedOn >= start && filedOn <= end) {
        const decidedInYear = result !== "pending" && decidedOn !== null && decidedOn <= end;
        bump4(dKind, decidedInYear ? result : "pending");
        bump4(dKind, "total");
      }
    }
    return row;
  };

  // The applications, in date order: history (three years before, 40 % as many in all, all answered before the
  // report year except some carried into it), the report year, then the next year's first weeks.
  type Plan = { received: number | null; delay: number | null; kind: "normal" | "merged"; what: string };
  const plans: Plan[] = [];
  const delay = () => {
    // Most within the 20 working days (28 calendar days), some extended, a few very late.
    const r = rand();
    return r < 0.8
      ? 1 + Math.floor(rand() * 27)
      : r < 0.97
        ? 28 + Math.floor(rand() * 20)
        : 48 + Math.floor(rand() * 60);
  };
  const spread = (from: string, to: string, n: number, what: string, open: number) => {
    const a = ms(from);
    const span = ms(to) - a + DAY;
    for (let i = 0; i < n; i++) {
      const received = weekday(a + Math.floor((span * i) / n / DAY) * DAY);
      plans.push({ received, delay: rand() < open ? null : delay(), kind: "normal", what });
    }
  };
  const N = opts.applications;
  spread(`${Y - 3}-01-01`, `${Y - 1}-10-31`, Math.round(N * 0.33), "history", 0);
  // November–December of the year before: most answered in it, some in the report year (carried in), a few open.
  spread(`${Y - 1}-11-01`, `${Y - 1}-12-31`, Math.round(N * 0.07), "year before, Nov–Dec", 0.01);
  spread(start, end, N, "received in the year", 0.004);
  spread(`${Y + 1}-01-01`, `${Y + 1}-02-28`, Math.round(N * 0.1), "next year", 0.05);
  // Merged (合并办理) and never-registered online submissions: in the year, never counted.
  for (let i = 0; i < Math.round(N * 0.005); i++)
    plans.push({
      received: weekday(ms(start) + Math.floor(rand() * 360) * DAY),
      delay: null,
      kind: "merged",
      what: "merged",
    });
  for (let i = 0; i < Math.round(N * 0.003); i++)
    plans.push({ received: null, delay: null, kind: "normal", what: "submitted, never registered" });

  const APPS_PER_TX = 20_000;
  for (let i = 0; i < plans.length; i += APPS_PER_TX) {
    const rows: unknown[][] = [];
    const dRows: unknown[][] = [];
    for (const p of plans.slice(i, i + APPS_PER_TX)) {
      rows.push(appRow(p.received, p.delay, p.kind, dRows));
      count(p.what);
    }
    await k.transaction().execute(async (trx) => {
      await bulkInsert(db, trx, "applications", appCols, rows);
      if (dRows.length) await bulkInsert(db, trx, "application_disputes", disputeCols, dRows);
    });
    opts.onProgress?.(
      `applications ${Math.min(plans.length, i + APPS_PER_TX).toLocaleString("en")} of ${plans.length.toLocaleString("en")}`,
    );
  }
  return {
    items: opts.items,
    applications: plans.length,
    disputes,
    shape,
    table3,
    table4,
    seconds: (performance.now() - t0) / 1000,
  };
}

/** Column types on PostgreSQL for unnest: integers where the migrations made integers, text elsewhere. */
const INTEGER_COLUMNS = new Set(["version", "late", "late_working_days", "correction_used", "extended_days"]);

/** Multi-row INSERTs (SQLite: 500 rows a statement) or one unnest INSERT per 5,000 rows (PostgreSQL). */
async function bulkInsert(
  db: Db,
  trx: Kysely<Database>,
  table: string,
  columns: readonly string[],
  rows: unknown[][],
): Promise<void> {
  const cols = sql.join(columns.map((c) => sql.ref(c)));
  if (db.dialect === "sqlite") {
    for (let i = 0; i < rows.length; i += 500) {
      const values = rows.slice(i, i + 500).map((r) => sql`(${sql.join(r)})`);
      await sql`INSERT INTO ${sql.table(table)} (${cols}) VALUES ${sql.join(values)}`.execute(trx);
    }
    return;
  }
  for (let i = 0; i < rows.length; i += 5_000) {
    const chunk = rows.slice(i, i + 5_000);
    const arrays = columns.map((c, j) => {
      const values = chunk.map((r) => r[j]);
      return INTEGER_COLUMNS.has(c) ? sql`${values}::int[]` : sql`${values}::text[]`;
    });
    await sql`INSERT INTO ${sql.table(table)} (${cols}) SELECT * FROM unnest(${sql.join(arrays)})`.execute(
      trx,
    );
  }
}
