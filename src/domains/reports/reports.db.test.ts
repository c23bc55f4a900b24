import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import mammoth from "mammoth";
import { afterAll, beforeAll, expect, it } from "vitest";
import { bearer, buildTestApp, tokenFor } from "../../../test/helpers/app";
import { cliRunner } from "../../../test/helpers/cli";
import { describeEachDialect } from "../../../test/helpers/db";
import { Session } from "../../../test/helpers/forms";
import { DEMO_PASSWORD } from "../../demo/seed";
import { buildCreditCode } from "../../platform/credit-code";
import type { AppError } from "../../platform/errors";
import { fixedClock } from "../../platform/time";
import type { AppInstance } from "../../web/types";
import { type CurrentUser, findCurrentUser } from "../accounts";
import { performApplicationAction, submitOnline } from "../applications";
import { intakeApplication, recordDispute } from "../applications/applications.service";
import { loadOrgTree } from "../orgs";
import { outstandingReports } from "./reports.deadlines";
import { formatWan } from "./reports.docx";
import { authoriseSections, saveSections } from "./reports.sections";

// The annual report of 2025 over a year of applications built through the applications service with their
// business dates: one reply of every outcome (the applicant types in turn), carry-overs into 2025 and out of
// it, one application received in 2024 and still open (both), a 2024 and a 2026 application that must not
// count, one merged into another and one online submission never registered (neither counts), and reviews
// and lawsuits filed in, before and after 2025, decided in and after it. Every cell of tables 三 and 四 is
// compared with counts made here from the same list, for the site, for 县政府办 (gyx-zfb) and for the
// county government's own (unassigned) applications.
const clock = fixedClock("2026-03-20T02:00:00Z");
const { gongkai, dir } = cliRunner("report-cli");

const TYPES = ["natural", "commercial", "research", "public_interest", "legal_service", "other"] as const;
type Type = (typeof TYPES)[number];
const OUTCOMES = [
  "disclose",
  "partial",
  "withhold.state_secret",
  "withhold.prohibited_by_law",
  "withhold.security_stability",
  "withhold.third_party",
  "withhold.internal_affairs",
  "withhold.process_info",
  "withhold.enforcement_file",
  "withhold.administrative_query",
  "unable.not_held",
  "unable.needs_creation",
  "unable.still_unclear",
  "not_handled.petition",
  "not_handled.repeated",
  "not_handled.publication",
  "not_handled.excessive",
  "not_handled.confirmation",
  "other.no_correction",
  "other.fee_unpaid",
  "other.other",
] as const;

interface Spec {
  key: string;
  type: Type;
  received: string;
  org?: string;
  /** Steps before the reply, each with its date. */
  before?: Array<Record<string, unknown>>;
  reply?: { on: string; outcome: string; note?: string; withheld_ground?: string };
  mergeInto?: string;
}

const specs: Spec[] = [
  ...OUTCOMES.map((outcome, i): Spec => {
    const s: Spec = {
      key: outcome,
      type: TYPES[i % 6]!,
      received: "2025-03-03",
      org: i % 3 === 0 ? "gyx-zfb" : i % 3 === 1 ? "gyx-zjj" : undefined,
      reply: { on: "2025-03-10", outcome },
    };
    if (outcome === "other.no_correction") {
      s.before = [{ action: "request_correction", on: "2025-03-04" }];
      s.reply!.on = "2025-04-10";
    }
    if (outcome === "unable.still_unclear")
      s.before = [
        { action: "request_correction", on: "2025-03-04" },
        { action: "receive_correction", on: "2025-03-06" },
      ];
    if (outcome === "other.fee_unpaid") {
      s.before = [{ action: "fee_notice", on: "2025-03-04", pages: 50 }];
      s.reply!.on = "2025-04-15";
    }
    if (outcome === "not_handled.excessive") {
      s.before = [{ action: "request_reasons", on: "2025-03-04" }];
      s.reply!.on = "2025-03-20";
    }
    if (outcome === "other.other") s.reply!.note = "申请事项已转交有关部门办理。";
    if (outcome === "partial") s.reply!.withheld_ground = "withhold.third_party";
    return s;
  }),
  // carried into 2025 and replied in it
  {
    key: "in1",
    type: "natural",
    received: "2024-12-20",
    org: "gyx-zfb",
    reply: { on: "2025-01-10", outcome: "disclose" },
  },
  {
    key: "in2",
    type: "legal_service",
    received: "2024-12-25",
    reply: { on: "2025-02-05", outcome: "unable.not_held" },
  },
  // received in 2024, still open: carried into 2025 and out of it
  { key: "open", type: "other", received: "2024-11-11", org: "gyx-zjj" },
  // 2024 only, 2026 only
  {
    key: "old",
    type: "commercial",
    received: "2024-06-03",
    reply: { on: "2024-06-20", outcome: "disclose" },
  },
  { key: "next", type: "research", received: "2026-01-05" },
  // carried out of 2025: still open, and replied in 2026
  { key: "out1", type: "natural", received: "2025-12-22", org: "gyx-zfb" },
  {
    key: "out2",
    type: "commercial",
    received: "2025-12-29",
    reply: { on: "2026-01-08", outcome: "partial", withheld_ground: "withhold.process_info" },
  },
  // merged into the open one: counts once, as that one
  { key: "merged", type: "public_interest", received: "2025-05-05", mergeInto: "open" },
];

interface DisputeSpec {
  on: string;
  kind: "review" | "litigation_direct" | "litigation_after_review";
  filed_on: string;
  result: "upheld" | "corrected" | "other" | "pending";
  decided_on?: string;
}
const disputes: DisputeSpec[] = [
  { on: "disclose", kind: "review", filed_on: "2025-04-01", result: "upheld", decided_on: "2025-04-20" },
  { on: "partial", kind: "review", filed_on: "2025-06-01", result: "corrected", decided_on: "2025-08-01" },
  {
    on: "withhold.state_secret",
    kind: "review",
    filed_on: "2025-11-20",
    result: "other",
    decided_on: "2026-01-15",
  },
  { on: "withhold.prohibited_by_law", kind: "review", filed_on: "2025-12-01", result: "pending" },
  {
    on: "withhold.third_party",
    kind: "review",
    filed_on: "2025-07-07",
    result: "upheld",
    decided_on: "2025-07-30",
  },
  {
    on: "withhold.security_stability",
    kind: "litigation_direct",
    filed_on: "2025-05-10",
    result: "other",
    decided_on: "2025-10-01",
  },
  { on: "old", kind: "litigation_direct", filed_on: "2024-12-30", result: "pending" },
  {
    on: "disclose",
    kind: "litigation_after_review",
    filed_on: "2025-09-01",
    result: "upheld",
    decided_on: "2025-12-31",
  },
  {
    on: "in1",
    kind: "litigation_after_review",
    filed_on: "2026-01-10",
    result: "corrected",
    decided_on: "2026-03-01",
  },
];

// ------------------------------------------------------------------ the expected tables, counted here

type Cells = Record<Type | "total", number>;
const zero = (): Cells => ({
  natural: 0,
  commercial: 0,
  research: 0,
  public_interest: 0,
  legal_service: 0,
  other: 0,
  total: 0,
});

function expectedTable3(year: number, only?: (s: Spec) => boolean) {
  const y = String(year);
  const t: Record<string, Cells> = {};
  for (const r of ["received", "carried_in", ...OUTCOMES, "total", "carried_out"]) t[r] = zero();
  const bump = (row: string, type: Type) => {
    t[row]![type]++;
    t[row]!.total++;
  };
  for (const s of specs) {
    if (s.mergeInto || (only && !only(s))) continue;
    const replied = s.reply?.on;
    if (s.received.slice(0, 4) === y) bump("received", s.type);
    if (s.received.slice(0, 4) < y && (!replied || replied.slice(0, 4) >= y)) bump("carried_in", s.type);
    if (replied?.slice(0, 4) === y) {
      bump(s.reply!.outcome, s.type);
      bump("total", s.type);
    }
    if (s.received.slice(0, 4) <= y && (!replied || replied.slice(0, 4) > y)) bump("carried_out", s.type);
  }
  return t;
}

function expectedTable4(year: number, only?: (s: Spec) => boolean) {
  const y = String(year);
  type Cell = { upheld: number; corrected: number; other: number; pending: number; total: number };
  const t: Record<string, Cell> = {};
  for (const k of ["review", "litigation_direct", "litigation_after_review"])
    t[k] = { upheld: 0, corrected: 0, other: 0, pending: 0, total: 0 };
  for (const d of disputes) {
    const app = specs.find((s) => s.key === d.on)!;
    if (d.filed_on.slice(0, 4) !== y || (only && !only(app))) continue;
    const settled = d.decided_on && d.decided_on.slice(0, 4) === y ? d.result : "pending";
    t[d.kind]![settled]++;
    t[d.kind]!.total++;
  }
  return t;
}

const LINES: Record<string, string> = {
  received: "一、本年新收政府信息公开申请数量",
  carried_in: "二、上年结转政府信息公开申请数量",
  disclose: "（一）予以公开",
  partial: "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
  "withhold.state_secret": "1.属于国家秘密",
  "withhold.prohibited_by_law": "2.其他法律行政法规禁止公开",
  "withhold.security_stability": "3.危及“三安全一稳定”",
  "withhold.third_party": "4.保护第三方合法权益",
  "withhold.internal_affairs": "5.属于三类内部事务信息",
  "withhold.process_info": "6.属于四类过程性信息",
  "withhold.enforcement_file": "7.属于行政执法案卷",
  "withhold.administrative_query": "8.属于行政查询事项",
  "unable.not_held": "1.本机关不掌握相关政府信息",
  "unable.needs_creation": "2.没有现成信息需要另行制作",
  "unable.still_unclear": "3.补正后申请内容仍不明确",
  "not_handled.petition": "1.信访举报投诉类申请",
  "not_handled.repeated": "2.重复申请",
  "not_handled.publication": "3.要求提供公开出版物",
  "not_handled.excessive": "4.无正当理由大量反复申请",
  "not_handled.confirmation": "5.要求行政机关确认或重新出具已获取信息",
  "other.no_correction": "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
  "other.fee_unpaid": "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
  "other.other": "3.其他",
  total: "（七）总计",
  carried_out: "四、结转下年度继续办理",
};

/** Every cell of the Word file's tables, read back as text: each row's label followed by its numbers. */
function expectTablesInWord(
  text: string,
  r: {
    table2: Record<string, never>;
    table3: Record<string, Cells>;
    table4: Record<string, Record<string, number>>;
  },
  /** PDF text: a label shares its line with the merged label cells drawn just before it. */
  endsWith = false,
) {
  const lines = text
    .split(/\n+/)
    .map((l) => l.trim())
    .filter(Boolean);
  const after = (label: string, n: number, from = 0) => {
    const i = endsWith
      ? lines.findIndex((l, k) => k >= from && l.endsWith(label))
      : lines.indexOf(label, from);
    expect(i, label).toBeGreaterThanOrEqual(0);
    return lines.slice(i + 1, i + 1 + n);
  };
  for (const [row, label] of Object.entries(LINES))
    expect(after(label, 7), row).toEqual([...TYPES, "total"].map((c) => String(r.table3[row]![c as Type])));
  const t2 = r.table2 as unknown as {
    normative: { made: number; repealed: number; in_force: number };
    licensing: number;
    penalty: number;
    coercion: number;
    fees_wan_yuan: number;
  };
  expect(after("行政规范性文件", 3)).toEqual(
    [t2.normative.made, t2.normative.repealed, t2.normative.in_force].map(String),
  );
  expect(after("行政许可", 1)).toEqual([String(t2.licensing)]);
  expect(after("行政处罚", 1)).toEqual([String(t2.penalty)]);
  expect(after("行政强制", 1)).toEqual([String(t2.coercion)]);
  expect(after("行政事业性收费", 1)).toEqual([formatWan(t2.fees_wan_yuan)]);
  if (endsWith) {
    const heads = `复议后起诉${"结果维持结果纠正其他结果尚未审结总计".repeat(3)}`;
    const i = lines.findIndex((l) => l.endsWith(heads));
    expect(i, "table 四 heads").toBeGreaterThanOrEqual(0);
    expect(lines.slice(i + 1, i + 16)).toEqual(
      ["review", "litigation_direct", "litigation_after_review"].flatMap((k) =>
        ["upheld", "corrected", "other", "pending", "total"].map((x) => String(r.table4[k]![x])),
      ),
    );
    return;
  }
  const heads = after("复议后起诉", 15);
  expect(heads.slice(0, 5)).toEqual(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]);
  const nums = lines.slice(lines.indexOf("复议后起诉") + 16, lines.indexOf("复议后起诉") + 31);
  expect(nums).toEqual(
    ["review", "litigation_direct", "litigation_after_review"].flatMap((k) =>
      ["upheld", "corrected", "other", "pending", "total"].map((x) => String(r.table4[k]![x])),
    ),
  );
}

/**
 * The Word file as LibreOffice reads it (`soffice --headless --convert-to txt`): what an office opening it in
 * WPS or Word gets. soffice (Debian libreoffice-writer-nogui) is required: missing, the test fails.
 */
function sofficeText(docx: string, outDir: string): string {
  const r = spawnSync(
    "soffice",
    [
      `-env:UserInstallation=file://${outDir}/lo-profile`,
      "--headless",
      "--convert-to",
      "txt:Text (encoded):UTF8",
      "--outdir",
      outDir,
      docx,
    ],
    { encoding: "utf8", timeout: 120_000 },
  );
  expect(r.error?.message ?? "", "soffice (apt-get install libreoffice-writer-nogui) must run").toBe("");
  expect(r.status, r.stderr).toBe(0);
  return readFileSync(join(outDir, docx.replace(/^.*\//, "").replace(/\.docx$/, ".txt")), "utf8").replace(
    /^\uFEFF/,
    "",
  );
}

let pdfjsReady: Promise<void> | undefined;

/**
 * The PDF's text as tokens in drawing order: each number on its own, each run of text (a label wrapped over
 * lines, merged label cells drawn one after another) joined without spaces.
 */
async function pdfTokens(data: Buffer): Promise<string[]> {
  const unpdf = await import("unpdf");
  pdfjsReady ??= unpdf.definePDFJSModule(() => import("unpdf/pdfjs"));
  await pdfjsReady;
  const doc = await unpdf.getDocumentProxy(new Uint8Array(data), {
    verbosity: 0,
    isEvalSupported: false,
    disableFontFace: true,
  });
  try {
    const items: string[] = [];
    for (let i = 1; i <= doc.numPages; i++) {
      const content = await (await doc.getPage(i)).getTextContent();
      for (const it of content.items)
        if ("str" in it && it.str.trim()) items.push(it.str.replace(/\s+/g, ""));
    }
    const out: string[] = [];
    for (const s of items) {
      const num = /^\d+(\.\d+)?$/.test(s);
      if (!num && out.length && !/^\d+(\.\d+)?$/.test(out[out.length - 1]!)) out[out.length - 1] += s;
      else out.push(s);
    }
    return out;
  } finally {
    void doc.destroy();
  }
}

describeEachDialect(
  "the annual report (tables 二, 三, 四 and the check)",
  (ctx) => {
    let app: AppInstance;
    let office: CurrentUser;
    const tokens: Record<string, string> = {};
    const ids: Record<string, string> = {};

    beforeAll(async () => {
      app = await buildTestApp(ctx);
      office = (await findCurrentUser(ctx.deps, "demo-office"))!;
      for (const u of [
        "demo-office",
        "demo-inspector",
        "demo-admin",
        "demo-clerk",
        "demo-reviewer",
        "demo-zjj-clerk",
      ])
        tokens[u] = await tokenFor(ctx, u);
      const act = (id: string, input: Record<string, unknown>) =>
        performApplicationAction(ctx.deps, office, id, input as never);
      let n = 0;
      for (const s of specs) {
        n++;
        const person = s.type === "natural";
        const created = await intakeApplication(ctx.deps, office, {
          applicant: {
            type: s.type,
            name: person ? `申请人${n}` : `测试单位${n}`,
            ...(person
              ? { id_number: "11010519491231002X" }
              : { credit_code: buildCreditCode("91", "150222", String(10_000_000 + n)) }),
            phone: "13912345678",
          },
          description: `请公开固阳县2025年第${n}批城乡低保资金的发放情况。`,
          delivery: "pickup",
          channel: "letter",
          on: s.received,
        });
        ids[s.key] = created.row.id;
        if (s.org) await act(created.row.id, { action: "assign", org: s.org, on: s.received });
        for (const step of s.before ?? []) await act(created.row.id, step);
        if (s.reply) await act(created.row.id, { action: "reply", ...s.reply });
      }
      for (const s of specs.filter((x) => x.mergeInto)) {
        const into = await ctx.deps.db.kysely
          .selectFrom("applications")
          .select("tracking_code")
          .where("id", "=", ids[s.mergeInto!]!)
          .executeTakeFirstOrThrow();
        await act(ids[s.key]!, { action: "merge", into: into.tracking_code, on: "2025-05-06" });
      }
      for (const d of disputes)
        await recordDispute(ctx.deps, office, ids[d.on]!, {
          kind: d.kind,
          filed_on: d.filed_on,
          result: d.result,
          ...(d.decided_on ? { decided_on: d.decided_on } : {}),
        });
      // An online application never registered: not received, so not counted.
      await submitOnline(ctx.deps, {
        applicant: { type: "natural", name: "未登记", id_number: "11010519491231002X", phone: "13912345678" },
        description: "请公开固阳县2025年城乡低保资金的发放情况。",
        delivery: "pickup",
      });
    }, 240_000);
    afterAll(async () => app?.close());

    const get = (url: string, who = "demo-office") => app.inject({ url, headers: bearer(tokens[who]!) });

    it("counts every cell of tables 三 and 四 for the site, and the columns balance", async () => {
      const res = await get("/api/v1/reports/annual?year=2025");
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json();
      expect(body).toMatchObject({ year: 2025, org: null });
      expect(Object.keys(body.table3)).toEqual([
        "received",
        "carried_in",
        ...OUTCOMES,
        "total",
        "carried_out",
      ]);
      expect(body.table3).toEqual(expectedTable3(2025));
      expect(body.table4).toEqual(expectedTable4(2025));
      // the fixture reaches every kind of cell it claims to
      expect(body.table3.carried_in.total).toBe(3);
      expect(body.table3.carried_out.total).toBe(3);
      for (const o of OUTCOMES) expect(body.table3[o].total, o).toBeGreaterThanOrEqual(1);
      for (const t of TYPES) expect(body.table3.received[t], t).toBeGreaterThan(0);
      expect(body.table4.review).toEqual({ upheld: 2, corrected: 1, other: 0, pending: 2, total: 5 });
      expect(body.checks).toEqual([{ name: "一 + 二 = （七）+ 四", ok: true, details: [] }]);
      const t = body.table3;
      for (const c of [...TYPES, "total"])
        expect(t.received[c] + t.carried_in[c], c).toBe(t.total[c] + t.carried_out[c]);
      // 2024 and 2026 from the same rows
      const y24 = (await get("/api/v1/reports/annual?year=2024")).json();
      expect(y24.table3).toEqual(expectedTable3(2024));
      expect(y24.table4).toEqual(expectedTable4(2024));
      expect(y24.table3.carried_out).toEqual(body.table3.carried_in);
      const y26 = (await get("/api/v1/reports/annual?year=2026")).json();
      expect(y26.table3).toEqual(expectedTable3(2026));
      expect(y26.table3.carried_in).toEqual(body.table3.carried_out);
    });

    it("reports one organisation alone; the county government's own includes the unassigned", async () => {
      const zfb = (await get("/api/v1/reports/annual?year=2025&org=gyx-zfb")).json();
      expect(zfb).toMatchObject({ org: "gyx-zfb" });
      expect(zfb.table3).toEqual(expectedTable3(2025, (s) => s.org === "gyx-zfb"));
      expect(zfb.table4).toEqual(expectedTable4(2025, (s) => s.org === "gyx-zfb"));
      const root = (await get("/api/v1/reports/annual?year=2025&org=gyx")).json();
      expect(root.table3).toEqual(expectedTable3(2025, (s) => !s.org));
      expect(root.table4).toEqual(expectedTable4(2025, (s) => !s.org));
      expect(root.checks[0].ok).toBe(true);
    });

    it("lets a department's staff read only their own organisation's report", async () => {
      for (const who of ["demo-inspector", "demo-admin"])
        expect((await get("/api/v1/reports/annual?year=2025", who)).json().org).toBeNull();
      const own = await get("/api/v1/reports/annual?year=2025&org=gyx-zfb", "demo-clerk");
      expect(own.statusCode).toBe(200);
      expect((await get("/api/v1/reports/annual?year=2025", "demo-clerk")).json().org).toBe("gyx-zfb");
      for (const [who, org] of [
        ["demo-clerk", "gyx-zjj"],
        ["demo-clerk", "gyx"],
        ["demo-reviewer", "gyx"],
        ["demo-zjj-clerk", "gyx-zfb"],
        ["demo-office", "no-such-org"],
      ] as const) {
        const r = await get(`/api/v1/reports/annual?year=2025&org=${org}`, who);
        expect(r.statusCode, `${who} ${org}`).toBe(404);
        expect(r.json().error.code).toBe("org_not_found");
      }
      expect((await app.inject("/api/v1/reports/annual?year=2025")).statusCode).toBe(401);
    });

    it("refuses a bad year with every problem listed", async () => {
      const codes = async (q: string) => {
        const r = await get(`/api/v1/reports/annual${q}`);
        expect(r.statusCode, q).toBe(400);
        return r.json().error.details.map((d: { code: string }) => d.code);
      };
      expect(await codes("")).toEqual(["required"]);
      expect(await codes("?year=abc")).toEqual(["invalid_year"]);
      expect(await codes("?year=2020")).toEqual(["year_before_format"]);
      expect(await codes("?year=2027")).toEqual(["future_year"]);
      expect(await codes("?year=20x5&org=%3Cscript%3E")).toEqual(["invalid_year", "invalid_org"]);
    });

    it("takes the entered table 二 figures and counts the published normative documents", async () => {
      const put = (body: Record<string, unknown>, who = "demo-office", year = "2025") =>
        app.inject({
          method: "PUT",
          url: `/api/v1/reports/annual/${year}/figures`,
          headers: bearer(tokens[who]!),
          payload: body,
        });
      const figures = { licensing: 120, penalty: 15, coercion: 2, fees_wan_yuan: 1.25 };
      const ok = await put({ org: "gyx-zjj", ...figures, regulations_in_force: 0 });
      expect(ok.statusCode, ok.body).toBe(200);
      expect(ok.json()).toMatchObject({ org: "gyx-zjj", ...figures });
      expect(
        (await put({ ...figures, licensing: 80, fees_wan_yuan: 0.5 }, "demo-clerk")).json(),
      ).toMatchObject({
        org: "gyx-zfb",
        licensing: 80,
      });
      expect((await put({ org: "gyx-zfb", ...figures }, "demo-zjj-clerk")).statusCode).toBe(404);
      const reviewer = await put({ ...figures }, "demo-reviewer");
      expect(reviewer.statusCode).toBe(403);
      const bad = await put({ org: "gyx-zjj", licensing: 1 }, "demo-office", "2019");
      expect(bad.statusCode).toBe(400);
      expect(
        bad
          .json()
          .error.details.map((d: { field: string }) => d.field)
          .sort(),
      ).toEqual(["coercion", "fees_wan_yuan", "penalty", "year"].sort());
      // Two saves of the same organisation's figures at once: both answer, the last one wins, one row.
      const race = await Promise.all([
        put({ org: "gyx-zjj", ...figures, licensing: 1 }),
        put({ org: "gyx-zjj", ...figures, licensing: 2 }),
      ]);
      expect(race.map((r) => r.statusCode)).toEqual([200, 200]);
      const rows = await ctx.deps.db.kysely
        .selectFrom("report_figures")
        .select("licensing")
        .where("year", "=", 2025)
        .execute();
      expect(rows).toHaveLength(2);
      expect((await put({ org: "gyx-zjj", ...figures, regulations_in_force: 0 })).statusCode).toBe(200);
      const site = (await get("/api/v1/reports/annual?year=2025")).json();
      expect(site.table2).toMatchObject({
        licensing: 200,
        penalty: 30,
        coercion: 4,
        fees_wan_yuan: 1.75,
        regulations: { made: 0, repealed: 0, in_force: 0 },
        figures: { entered: true, orgs: 2 },
      });
      const zjj = (await get("/api/v1/reports/annual?year=2025&org=gyx-zjj")).json();
      expect(zjj.table2).toMatchObject({ licensing: 120, fees_wan_yuan: 1.25 });
      const docs = await ctx.deps.db.kysely
        .selectFrom("items")
        .select(["formed_on", "validity", "validity_on"])
        .where("kind", "=", "normative")
        .where("status", "=", "published")
        .execute();
      const inForce = docs.filter(
        (d) =>
          d.formed_on <= "2025-12-31" && (d.validity === "valid" || (d.validity_on ?? "") > "2025-12-31"),
      ).length;
      expect(site.table2.normative).toEqual({
        made: docs.filter((d) => d.formed_on.startsWith("2025")).length,
        repealed: docs.filter((d) => d.validity !== "valid" && d.validity_on?.startsWith("2025")).length,
        in_force: inForce,
      });
      const audit = await ctx.deps.db.kysely
        .selectFrom("audit_log")
        .select("action")
        .where("action", "=", "report.figures")
        .execute();
      expect(audit).toHaveLength(5);
    });

    it("gives the same JSON through the CLI, and every table cell in the Word and PDF files", async () => {
      const api = (await get("/api/v1/reports/annual?year=2025&org=gyx-zfb")).json();
      const out = join(dir, `report-${ctx.dialect}.docx`);
      const pdfOut = join(dir, `report-${ctx.dialect}.pdf`);
      const annual = (...args: string[]) =>
        gongkai(ctx.testDb.url, "report", "annual", "--year", "2025", ...args);
      // Four commands that read the same figures, at once (each is a Node process of its own).
      const [cli, docx, pdf, bad] = await Promise.all([
        annual("--org", "gyx-zfb"),
        annual("--org", "gyx-zfb", "--format", "docx", "--out", out),
        annual("--org", "gyx-zfb", "--format", "pdf", "--out", pdfOut),
        annual("--format", "odt"),
      ]);
      expect(cli.code, cli.stderr).toBe(0);
      expect(JSON.parse(cli.stdout)).toEqual(api);
      expect(docx.code, docx.stderr).toBe(0);
      expectTablesInWord((await mammoth.extractRawText({ buffer: readFileSync(out) })).value, api);
      // LibreOffice opens it and finds every cell of tables 二, 三 and 四 (a table it cannot read loses cells).
      expectTablesInWord(sofficeText(out, dir), api);
      expect(pdf.code, pdf.stderr).toBe(0);
      const bytes = readFileSync(pdfOut);
      expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
      const tokens = await pdfTokens(bytes);
      expect(tokens.join("")).toContain(`${api.org_name}2025年政府信息公开工作年度报告`);
      for (const h of [
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
      ])
        expect(
          tokens.some((t) => t.includes(h)),
          h,
        ).toBe(true);
      expectTablesInWord(tokens.join("\n"), api, true);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain("invalid_format");
    }, 180_000);

    it("shows the tables on the back-office page and names the applications that break the check", async () => {
      const db = ctx.deps.db.kysely;
      const broken = ids["withhold.internal_affairs"]!;
      const type = specs.find((s) => s.key === "withhold.internal_affairs")!.type;
      await db
        .updateTable("applications")
        .set({ outcome: "no.such.outcome" })
        .where("id", "=", broken)
        .execute();
      try {
        const body = (await get("/api/v1/reports/annual?year=2025")).json();
        expect(body.checks[0].ok).toBe(false);
        expect(body.checks[0].details.map((d: { column: string }) => d.column)).toEqual([type, "total"]);
        expect(body.checks[0].details[0].applications.map((a: { id: string }) => a.id)).toEqual([broken]);
        const session = new Session(app);
        expect((await session.login("demo-office", DEMO_PASSWORD)).statusCode).toBe(303);
        const page = await session.get("/admin/reports/annual?year=2025");
        expect(page.statusCode).toBe(200);
        for (const text of [
          "一、本年新收政府信息公开申请数量",
          "二、上年结转政府信息公开申请数量",
          "三、本年度办理结果",
          "（一）予以公开",
          "四、结转下年度继续办理",
          "结果维持",
          "行政规范性文件",
          "勾稽关系不平衡",
          `/admin/applications/${broken}`,
          "/admin/reports/annual.docx?year=2025",
        ])
          expect(page.body, text).toContain(text);
        const word = await session.get("/admin/reports/annual.docx?year=2025");
        expect(word.statusCode).toBe(200);
        expect(word.headers["content-type"]).toContain("wordprocessingml");
        const text = (await mammoth.extractRawText({ buffer: word.rawPayload })).value;
        expect(text).toContain("不平衡，修正前不能发布");
      } finally {
        await db
          .updateTable("applications")
          .set({ outcome: "withhold.internal_affairs" })
          .where("id", "=", broken)
          .execute();
      }
      const session = new Session(app);
      await session.login("demo-office", DEMO_PASSWORD);
      const url = "/admin/reports/annual?year=2025&org=gyx-zjj";
      const csrf = await session.csrfFrom(url);
      const refused = await session.post(`/admin/reports/annual/figures?year=2025&org=gyx-zjj`, {
        _csrf: csrf,
        licensing: "-1",
        penalty: "3",
        coercion: "0",
        fees_wan_yuan: "abc",
      });
      expect(refused.statusCode).toBe(400);
      expect(refused.body).toContain("收费金额应为不小于 0 的数");
      const saved = await session.post(`/admin/reports/annual/figures?year=2025&org=gyx-zjj`, {
        _csrf: csrf,
        licensing: "7",
        penalty: "3",
        coercion: "0",
        fees_wan_yuan: "0",
      });
      expect(saved.statusCode, saved.body).toBe(303);
      expect((await get("/api/v1/reports/annual?year=2025&org=gyx-zjj")).json().table2.licensing).toBe(7);
    });

    it("keeps the office's sections 一, 五, 六 in locked steps, beside last year's, in every output", async () => {
      const session = new Session(app);
      expect((await session.login("demo-office", DEMO_PASSWORD)).statusCode).toBe(303);
      const edit = "/admin/reports/annual/edit?year=2025";
      const page = await session.get(edit);
      expect(page.statusCode, page.body).toBe(200);
      const site = (await get("/api/v1/reports/annual?year=2025")).json();
      expect(site.sections).toBeNull();
      expect(page.body).toContain("本年办结政府信息公开申请");
      expect(page.body).toContain(`${site.table3.total.total} 件`);
      expect(page.body).toContain("答复网民留言");
      expect(page.body).toContain("上一年度没有这一部分的内容");
      const csrf = await session.csrfFrom(edit);
      const write = (year: number, body: Record<string, string>) =>
        session.post(`/admin/reports/annual/edit?year=${year}`, { _csrf: csrf, ...body });
      const last = await write(2024, {
        version: "0",
        overview: "二〇二四年总体情况。",
        problems: "二〇二四年的问题。",
        other: "",
      });
      expect(last.statusCode, last.body).toBe(303);
      expect((await session.get(edit)).body).toContain("二〇二四年的问题。");
      const tooLong = await write(2025, { version: "0", overview: "长".repeat(20_001) });
      expect(tooLong.statusCode).toBe(400);
      expect(tooLong.body).toContain("不能超过 20000 字");
      const text = {
        overview: "全年主动公开政府信息一千二百条。\n第二段。",
        problems: "解读形式单一。",
        other: "未收取信息处理费。",
      };
      expect((await write(2025, { version: "0", ...text })).statusCode).toBe(303);
      // the same version again: someone saved meanwhile; refused, the typed text kept
      const stale = await write(2025, { version: "0", ...text, other: "我的修改" });
      expect(stale.statusCode).toBe(409);
      expect(stale.body).toContain("刚刚被他人修改过");
      expect(stale.body).toContain("我的修改");
      const r = (await get("/api/v1/reports/annual?year=2025")).json();
      expect(r.sections).toMatchObject({ ...text, version: 1 });
      // two saves of version 1 at once: exactly one wins
      const tree = await loadOrgTree(ctx.deps, office.siteId);
      const target = authoriseSections(office, tree);
      const race = await Promise.allSettled(
        ["甲", "乙"].map((t) => saveSections(ctx.deps, office, target, 2025, { ...text, other: t }, 1)),
      );
      expect(race.map((x) => x.status).sort()).toEqual(["fulfilled", "rejected"]);
      const lost = race.find((x) => x.status === "rejected") as PromiseRejectedResult;
      expect((lost.reason as AppError).code).toBe("report_sections_changed");
      const after = (await get("/api/v1/reports/annual?year=2025")).json().sections;
      expect(after.version).toBe(2);
      // in the page, the Word file and the PDF
      const shown = await session.get("/admin/reports/annual?year=2025");
      for (const t of [
        "一、总体情况",
        "全年主动公开政府信息一千二百条。",
        "五、存在的主要问题及改进情况",
        after.other,
      ])
        expect(shown.body, t).toContain(t);
      const word = await session.get("/admin/reports/annual.docx?year=2025");
      const wordText = (await mammoth.extractRawText({ buffer: word.rawPayload })).value;
      for (const t of ["一、总体情况", "第二段。", "六、其他需要报告的事项", after.other])
        expect(wordText).toContain(t);
      const pdf = await session.get("/admin/reports/annual.pdf?year=2025");
      expect(pdf.statusCode).toBe(200);
      expect(pdf.headers["content-type"]).toBe("application/pdf");
      const flat = (await pdfTokens(pdf.rawPayload)).join("");
      for (const t of [
        "一、总体情况全年主动公开政府信息一千二百条。第二段。",
        "五、存在的主要问题及改进情况解读形式单一。",
        `六、其他需要报告的事项${after.other}`,
      ])
        expect(flat).toContain(t);
      // a department's clerk writes their own organisation's; a reviewer reads but may not write
      const clerk = new Session(app);
      await clerk.login("demo-clerk", DEMO_PASSWORD);
      expect((await clerk.get("/admin/reports/annual/edit?year=2025")).statusCode).toBe(200);
      const reviewer = new Session(app);
      await reviewer.login("demo-reviewer", DEMO_PASSWORD);
      expect((await reviewer.get("/admin/reports/annual/edit?year=2025&org=gyx-zfb")).statusCode).toBe(403);
      const audit = await ctx.deps.db.kysely
        .selectFrom("audit_log")
        .select("action")
        .where("action", "=", "report.sections")
        .execute();
      expect(audit).toHaveLength(3);
    }, 60_000);

    it("releases the report as a draft in the annual-report column, refused while a check fails", async () => {
      const db = ctx.deps.db.kysely;
      const release = (body: Record<string, unknown>, who = "demo-office") =>
        app.inject({
          method: "POST",
          url: "/api/v1/reports/annual/2025/release",
          headers: bearer(tokens[who]!),
          payload: body,
        });
      const codesOf = (r: { json(): { error: { details: Array<{ code: string; field: string }> } } }) =>
        r.json().error.details.map((d) => `${d.field}:${d.code}`);
      // no sections written for this organisation
      const unwritten = await release({ org: "gyx-zjj" });
      expect(unwritten.statusCode).toBe(409);
      expect(unwritten.json().error.code).toBe("report_not_releasable");
      expect(codesOf(unwritten)).toEqual([
        "sections.overview:section_missing",
        "sections.problems:section_missing",
        "sections.other:section_missing",
      ]);
      // the site's sections were written above; a broken column blocks it, named with the application
      const broken = ids["not_handled.repeated"]!;
      const type = specs.find((x) => x.key === "not_handled.repeated")!.type;
      await db.updateTable("applications").set({ outcome: null }).where("id", "=", broken).execute();
      const session = new Session(app);
      await session.login("demo-office", DEMO_PASSWORD);
      const csrf = await session.csrfFrom("/admin/reports/annual?year=2025");
      try {
        const refused = await release({});
        expect(refused.statusCode).toBe(409);
        expect(codesOf(refused)).toEqual([`table3.${type}:check_failed`, "table3.total:check_failed"]);
        const tracking = (
          await db
            .selectFrom("applications")
            .select("tracking_code")
            .where("id", "=", broken)
            .executeTakeFirstOrThrow()
        ).tracking_code;
        expect(refused.json().error.details[0].message).toContain(tracking);
        const page = await session.post("/admin/reports/annual/release?year=2025", { _csrf: csrf });
        expect(page.statusCode).toBe(409);
        expect(page.body).toContain("年度报告不能发布");
        expect(page.body).toContain(tracking);
      } finally {
        await db
          .updateTable("applications")
          .set({ outcome: "not_handled.repeated" })
          .where("id", "=", broken)
          .execute();
      }
      const done = await session.post("/admin/reports/annual/release?year=2025", { _csrf: csrf });
      expect(done.statusCode, done.body).toBe(303);
      const itemId = String(done.headers.location).replace("/admin/items/", "");
      const item = await db
        .selectFrom("items")
        .selectAll()
        .where("id", "=", itemId)
        .executeTakeFirstOrThrow();
      const root = await db
        .selectFrom("orgs")
        .select(["id", "code"])
        .where("code", "=", "gyx")
        .executeTakeFirstOrThrow();
      expect(item).toMatchObject({
        kind: "other",
        status: "draft",
        org_id: root.id,
        title: "固阳县人民政府2025年政府信息公开工作年度报告",
      });
      for (const t of [
        "一、总体情况",
        "全年主动公开政府信息一千二百条。",
        "四、结转下年度继续办理",
        "复议后起诉",
        "六、其他需要报告的事项",
      ])
        expect(item.body_html, t).toContain(t);
      const column = await db
        .selectFrom("item_catalog_nodes as l")
        .innerJoin("catalog_nodes as n", "n.id", "l.node_id")
        .select("n.code")
        .where("l.item_id", "=", itemId)
        .execute();
      expect(column.map((c) => c.code)).toEqual(["annual-report"]);
      expect(
        await db
          .selectFrom("report_releases")
          .select(["org_id", "year", "item_id"])
          .where("item_id", "=", itemId)
          .execute(),
      ).toEqual([{ org_id: "", year: 2025, item_id: itemId }]);
      const shown = await session.get("/admin/reports/annual?year=2025");
      expect(shown.body).toContain(`/admin/items/${itemId}`);
      expect(shown.body).not.toContain("发布年报</button>");
      const again = await release({});
      expect(again.statusCode).toBe(409);
      expect(again.json().error.code).toBe("report_already_released");
      // two releases of one organisation's report at once: one item
      const tree = await loadOrgTree(ctx.deps, office.siteId);
      const text = { overview: "总体。", problems: "问题。", other: "其他。" };
      await saveSections(ctx.deps, office, authoriseSections(office, tree, "gyx-zfb"), 2025, text, 0);
      const race = await Promise.all([release({ org: "gyx-zfb" }), release({ org: "gyx-zfb" })]);
      expect(race.map((r) => r.statusCode).sort()).toEqual([201, 409]);
      const zfbItems = await db
        .selectFrom("items")
        .select("id")
        .where("title", "=", race.find((r) => r.statusCode === 201)!.json().title)
        .execute();
      expect(zfbItems).toHaveLength(1);
      const audit = await db
        .selectFrom("audit_log")
        .select("action")
        .where("action", "=", "report.release")
        .execute();
      expect(audit).toHaveLength(2);

      // the dashboard (20 March 2026): the departments' 31 January has passed, the county's 31 March has not
      const due = (await outstandingReports(ctx.deps, office, "2026-03-20"))!;
      expect(due.year).toBe(2025);
      expect(due.outstanding.length).toBeGreaterThan(0);
      for (const o of due.outstanding)
        expect(o, o.org.code).toMatchObject(
          o.county ? { due: "2026-03-31", overdue: false } : { due: "2026-01-31", overdue: true },
        );
      const dashboard = await session.get("/admin");
      expect(dashboard.body).toContain("年度报告发布期限");
      for (const o of due.outstanding.slice(0, 15)) expect(dashboard.body).toContain(o.org.name);
      // once the county's item is published it is no longer listed; a clerk sees their own organisation only
      await db.updateTable("items").set({ status: "published" }).where("id", "=", itemId).execute();
      const after = (await outstandingReports(ctx.deps, office, "2026-03-20"))!;
      expect(after.outstanding.some((o) => o.county)).toBe(false);
      const clerk = (await findCurrentUser(ctx.deps, "demo-clerk"))!;
      const own = (await outstandingReports(ctx.deps, clerk, "2026-03-20"))!;
      expect(own.outstanding.every((o) => o.org.code === "gyx-zfb")).toBe(true);
      expect(await outstandingReports(ctx.deps, office, "2026-04-01")).toBeNull();

      // Next year's editor shows the stored 2025 sections beside each field; with none stored, the text of the
      // published 2025 report item itself (section by section, tables left out), linked.
      const edit2026 = "/admin/reports/annual/edit?year=2026";
      expect((await session.get(edit2026)).body).toContain("全年主动公开政府信息一千二百条。");
      await db.deleteFrom("report_sections").where("year", "=", 2025).where("org_id", "=", "").execute();
      const fallback = (await session.get(edit2026)).body;
      expect(fallback).toContain(`/gk/items/${itemId}`);
      expect(fallback).toContain("摘自已发布的");
      for (const t of ["全年主动公开政府信息一千二百条。", "第二段。", "解读形式单一。"])
        expect(fallback, t).toContain(t);
      expect(fallback).not.toContain("上一年度没有这一部分的内容");
    }, 60_000);
  },
  { clock },
);
