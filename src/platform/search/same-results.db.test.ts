// The same totals and the same order on SQLite and PostgreSQL, for a fixed set of documents (the fixture,
// the demo county's 2020 work plan cut into sentences, and long documents that PostgreSQL stores in several
// chunks) and a few hundred queries drawn from their text. Exact phrases are also checked against plain
// substring matching. Runs where PostgreSQL is selected (the postgres project of `npm test`).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb, testDialects } from "../../../test/helpers/db";
import { systemClock } from "../time";
import { getSearchIndex, parseQuery, type SearchDoc, type SearchQuery } from "./index";
import { FIXTURE, fixtureDoc, SITE } from "./search.fixture";
import { normalise } from "./tokens";

const plan = readFileSync(join(import.meta.dirname, "../../demo/work-plan-2020.txt"), "utf8");
const sentences = plan
  .split(/[。；\n]/)
  .map((s) => s.trim())
  .filter((s) => s.length > 4);
const ORGS = ["org-gov", "org-office", "org-edu"];
const KINDS = ["policy", "notice", "report"];

const DOCS: SearchDoc[] = [
  ...FIXTURE,
  ...sentences.map((s, i) =>
    fixtureDoc({
      id: `s${i}`,
      type: i % 5 === 0 ? "interpretation" : "item",
      title: s.slice(0, 12 + (i % 7)),
      body: s,
      orgId: ORGS[i % 3]!,
      kind: KINDS[i % 3]!,
      docNumber: i % 4 === 0 ? `固政办发〔${2019 + (i % 3)}〕${i}号` : null,
      // Several documents share a second: ties are broken the same way on both engines.
      publishedAt: new Date(Date.UTC(2019, 0, 1) + Math.floor(i / 3) * 86_400_000 * 7).toISOString(),
    }),
  ),
  // Long documents: PostgreSQL splits them into chunks; phrases across chunk boundaries must still match.
  fixtureDoc({
    id: "long1",
    title: "政务公开工作要点汇编",
    body: plan.repeat(3),
    publishedAt: "2020-06-01T00:00:00Z",
  }),
  fixtureDoc({
    id: "long2",
    title: "重复文字",
    body: `${"公开".repeat(3000)}乡村振兴`,
    publishedAt: "2020-06-02T00:00:00Z",
  }),
];

/** Deterministic pseudo-random numbers (mulberry32). */
function seeded(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HAN_ONLY = /^[\u4e00-\u9fff]+$/;

function queries(): { q: SearchQuery; exact: string | null }[] {
  const rnd = seeded(12);
  const out: { q: SearchQuery; exact: string | null }[] = [];
  const base = (q: string): SearchQuery => ({ siteId: SITE, q, sort: "relevance", page: 1, perPage: 10 });
  for (let i = 0; i < 160; i++) {
    const d = DOCS[Math.floor(rnd() * DOCS.length)]!;
    const text = `${d.title}${d.body}`;
    const len = 1 + Math.floor(rnd() * 6);
    const at = Math.floor(rnd() * Math.max(1, text.length - len));
    const sub = text.slice(at, at + len);
    if (!parseQuery(sub).ok) continue;
    const q = base(sub);
    const variant = i % 8;
    if (variant === 1) q.sort = "date";
    if (variant === 2) q.page = 2;
    if (variant === 3) q.org = ORGS[i % 3]!;
    if (variant === 4) q.kind = KINDS[i % 3]!;
    if (variant === 5) q.year = 2019 + (i % 3);
    if (variant === 6) q.type = "interpretation";
    out.push({ q, exact: null });
    if (HAN_ONLY.test(sub)) out.push({ q: base(`"${sub}"`), exact: sub });
  }
  for (const q of [
    "政务公开 乡村振兴",
    "固政办发[2019]12号",
    "固政办发（2020）1号",
    "“政策解读”",
    "县",
    "公开公开公开",
    "决策 执行 管理",
  ])
    out.push({ q: base(q), exact: null });
  return out;
}

describe.runIf(testDialects().includes("postgres"))(
  "search: the same results on SQLite and PostgreSQL",
  () => {
    let lite: TestDb;
    let pg: TestDb;
    beforeAll(async () => {
      [lite, pg] = await Promise.all([createTestDb("sqlite"), createTestDb("postgres")]);
      for (const t of [lite, pg]) {
        const index = getSearchIndex(t.db, systemClock);
        await t.db.kysely.transaction().execute((trx) => index.upsertDocs(trx, DOCS));
      }
    }, 60_000);
    afterAll(async () => {
      await Promise.all([lite?.destroy(), pg?.destroy()]);
    });

    it("answers every query with the same total, page and order, and phrases exactly as substrings", async () => {
      const all = queries();
      expect(all.length).toBeGreaterThan(150);
      let nonEmpty = 0;
      for (const { q, exact } of all) {
        const [a, b] = await Promise.all(
          [lite, pg].map((t) => getSearchIndex(t.db, systemClock).query(t.db.kysely, q)),
        );
        const show = (r: typeof a) => ({
          total: r!.total,
          ids: r!.hits.map((h) => h.id),
          suggestion: r!.suggestion,
        });
        expect(show(b), JSON.stringify(q)).toEqual(show(a));
        expect(a!.hits.map((h) => h.snippetHtml)).toEqual(b!.hits.map((h) => h.snippetHtml));
        if (a!.total) nonEmpty++;
        if (exact) {
          const expected = DOCS.filter(
            (d) =>
              d.siteId === SITE &&
              d.visibility === "public" &&
              normalise(`${d.title} ${d.docNumber ?? ""} ${d.body}`).includes(exact),
          ).length;
          expect(a!.total, exact).toBe(expected);
        }
      }
      expect(nonEmpty).toBeGreaterThan(all.length * 0.7);
    }, 120_000);
  },
);
