// The search test corpus (issue 12): real Chinese legal text from ../shared/corpus/ (beside the repository;
// the product never needs it, tests and benchmarks read it), split into items and passages, published through
// the real publishing workflow, and the queries whose right answers are known by exact substring matching.
// Used by scripts/search-corpus.ts, the recall test (test/search-recall.db.test.ts) and bench/search.bench.ts.
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { gunzipSync } from "node:zlib";
import { depsAt } from "../../src/demo/timeline";
import type { Deps, Executor } from "../../src/deps";
import { type CurrentUser, findCurrentUser } from "../../src/domains/accounts";
import { createItem, performAction } from "../../src/domains/publishing";
import { AppError } from "../../src/platform/errors";
import { getSearchIndex } from "../../src/platform/search";
import type { SearchHit, SearchIndex } from "../../src/platform/search/search.types";

const ROOT = resolve(import.meta.dirname, "../..");
/** The real legal text: `{title, date, category, text}` per line, gzipped (see its README). */
export const CORPUS_FILE = resolve(ROOT, "../shared/corpus/laws-zh.jsonl.gz");

export interface Law {
  title: string;
  date: string;
  category: string;
  text: string;
}

/** One article (条) of a law, or one paragraph of a text that has no articles (judicial interpretations, cases). */
export interface Article {
  law: string;
  date: string;
  /** The chapter heading it sits under (第一章 总则), or "". */
  chapter: string;
  /** 第十二条, or "" when the text has no articles. */
  number: string;
  paragraphs: string[];
}

let lawsCache: Law[] | undefined;

/** Every law of the corpus, in file order. Fails with a clear message when the corpus is not beside the repo. */
export function readLaws(file = CORPUS_FILE): Law[] {
  if (file === CORPUS_FILE && lawsCache) return lawsCache;
  if (!existsSync(file))
    throw new Error(
      `The search corpus is missing: ${file} not found. Tests and benchmarks of search read the real legal ` +
        `text from ../shared/corpus/laws-zh.jsonl.gz beside the repository (${join(ROOT, "..")}); put it there ` +
        "(the product itself never needs it).",
    );
  const laws = gunzipSync(readFileSync(file))
    .toString("utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Law);
  if (file === CORPUS_FILE) lawsCache = laws;
  return laws;
}

const ARTICLE = /^(第[一二三四五六七八九十百千零〇]+条(?:之[一二三四五六七八九十]+)?)[\s\u3000]*/;

/** Splits a law into its articles (or paragraphs), skipping the title block before `<!-- INFO END -->`. */
export function articlesOf(law: Law): Article[] {
  const lines = law.text.split("\n");
  const infoEnd = lines.findIndex((l) => l.includes("INFO END"));
  const out: Article[] = [];
  let chapter = "";
  let current: Article | undefined;
  for (const raw of lines.slice(infoEnd + 1)) {
    const line = raw.trim();
    if (!line || line.startsWith("<!--")) continue;
    if (line.startsWith("#")) {
      const heading = line.replace(/^#+\s*/, "").replace(/\s+/g, " ");
      // Sections (第一节) keep the chapter; a chapter replaces it.
      if (!/^第.+节/.test(heading)) chapter = heading;
      current = undefined;
      continue;
    }
    const m = ARTICLE.exec(line);
    if (m) {
      current = { law: law.title, date: law.date, chapter, number: m[1]!, paragraphs: [line] };
      out.push(current);
    } else if (current?.number) current.paragraphs.push(line);
    else out.push({ law: law.title, date: law.date, chapter, number: "", paragraphs: [line] });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Items published through the workflow

/** Who drafts, reviews and signs for an organisation of the demo county (four eyes, as src/demo/publish.ts). */
type Crew = "clerk" | "office";

export interface CorpusItem {
  org: string;
  crew: Crew;
  kind: "notice" | "plan" | "other" | "news";
  title: string;
  body: string;
  /** The 文号 as a clerk typed it (any bracket style), or null. */
  docNumberInput: string | null;
  /** The same 文号 in the canonical form the workflow stores (〔YYYY〕). */
  docNumber: string | null;
  formedOn: string;
}

/** Organisations of the demo county and their 机关代字. The county office (gyx-zfb) has its own clerk. */
const ISSUERS: Array<[org: string, prefix: string]> = [
  ["gyx-zfb", "固政办发"],
  ["gyx-zfb", "固政发"],
  ["gyx-fgw", "固发改发"],
  ["gyx-czj", "固财发"],
  ["gyx-jyj", "固教发"],
  ["gyx-wjw", "固卫健发"],
  ["gyx-zrzyj", "固自然资发"],
  ["gyx-zjj", "固住建发"],
  ["gyx-nmkjj", "固农牧科技发"],
  ["gyx-mzj", "固民发"],
  ["gyx-rsj", "固人社发"],
  ["gyx-scjgj", "固市监发"],
  ["gyx-yjglj", "固应急发"],
];

/** The bracket styles a 文号 is typed in: the canonical 〔〕 and the look-alikes offices really use. */
export const BRACKET_STYLES: Array<[open: string, close: string]> = [
  ["〔", "〕"],
  ["[", "]"],
  ["【", "】"],
  ["(", ")"],
  ["（", "）"],
  ["［", "］"],
];

export const withBrackets = (prefix: string, year: number, serial: number, style: number, spaced = false) => {
  const [open, close] = BRACKET_STYLES[style % BRACKET_STYLES.length]!;
  return `${prefix}${spaced ? " " : ""}${open}${year}${close}${serial}号`;
};

/** A deterministic pseudo-random sequence (mulberry32), so every run builds the same corpus. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const MAX_BODY = 1_500;
const MAX_ARTICLES = 8;

/**
 * `count` items from the corpus: laws taken at an even stride across the whole file (every category), each
 * giving up to three items of consecutive articles (title: the law, its chapter and the articles' numbers).
 * About one in four carries a 文号 typed in one of the bracket styles, unique across the corpus.
 */
export function buildCorpusItems(count: number, laws = readLaws()): CorpusItem[] {
  const rand = seeded(12);
  const perLaw = 3;
  const stride = Math.max(1, Math.floor(laws.length / Math.ceil((count * 1.3) / perLaw)));
  const items: CorpusItem[] = [];
  const titles = new Set<string>();
  const serials = new Map<string, number>();
  for (let start = 0; items.length < count && start < stride; start++) {
    for (let i = start; i < laws.length && items.length < count; i += stride) {
      const law = laws[i]!;
      const articles = articlesOf(law);
      let taken = 0;
      for (let a = 0; a < articles.length && taken < perLaw && items.length < count; ) {
        const group: Article[] = [];
        let length = 0;
        const chapter = articles[a]!.chapter;
        while (
          a < articles.length &&
          group.length < MAX_ARTICLES &&
          articles[a]!.chapter === chapter &&
          (group.length === 0 || length + articles[a]!.paragraphs.join("\n").length <= MAX_BODY)
        ) {
          length += articles[a]!.paragraphs.join("\n").length;
          group.push(articles[a]!);
          a++;
        }
        const first = group[0]!;
        const last = group[group.length - 1]!;
        const span = first.number
          ? first === last
            ? first.number
            : `${first.number}至${last.number}`
          : `第${taken + 1}部分`;
        const title = `${law.title}${chapter && chapter !== law.title ? ` ${chapter}` : ""}（${span}）`.slice(
          0,
          190,
        );
        if (titles.has(title)) continue;
        titles.add(title);
        taken++;
        const body = group.map((g) => g.paragraphs.join("\n")).join("\n");
        const issuer = ISSUERS[Math.floor(rand() * ISSUERS.length)]!;
        const year = 2015 + Math.floor(rand() * 11);
        const withNumber = rand() < 0.25;
        const kind = withNumber ? (["notice", "plan", "other"] as const)[items.length % 3]! : "news";
        let docNumberInput: string | null = null;
        let docNumber: string | null = null;
        if (withNumber) {
          const key = `${issuer[1]}${year}`;
          const serial = (serials.get(key) ?? 0) + 1 + Math.floor(rand() * 3);
          serials.set(key, serial);
          docNumberInput = withBrackets(issuer[1], year, serial, items.length, rand() < 0.1);
          docNumber = `${issuer[1]}〔${year}〕${serial}号`;
        }
        const month = 1 + Math.floor(rand() * 12);
        const day = 1 + Math.floor(rand() * 28);
        items.push({
          org: issuer[0],
          crew: issuer[0] === "gyx-zfb" ? "clerk" : "office",
          kind,
          title,
          body,
          docNumberInput,
          docNumber,
          formedOn: `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`,
        });
      }
    }
  }
  if (items.length < count) throw new Error(`the corpus gave only ${items.length} items of ${count}`);
  return items;
}

/** One passage of the benchmark's index: a paragraph of an article, titled by its law and article. */
export interface Passage {
  title: string;
  body: string;
  docNumber: string | null;
  /** The law's date (YYYY-MM-DD). */
  date: string;
}

/**
 * `count` passages (paragraphs of articles, at an even stride over the whole corpus, about 340,000 in all; past
 * that the corpus is taken again, titled as a second printing). One in five carries a unique 文号.
 */
export function buildPassages(count: number, laws = readLaws()): Passage[] {
  const all: Array<{ title: string; body: string; date: string }> = [];
  for (const law of laws)
    for (const a of articlesOf(law)) {
      const many = a.paragraphs.length > 1;
      for (const [j, p] of a.paragraphs.entries())
        all.push({
          title: `${a.law}${a.number ? ` ${a.number}` : ""}${many && a.number ? `第${j + 1}款` : ""}`.slice(
            0,
            190,
          ),
          body: p,
          date: a.date,
        });
    }
  const rand = seeded(99);
  const serials = new Map<string, number>();
  const out: Passage[] = [];
  for (let i = 0; i < count; i++) {
    const round = Math.floor(i / all.length);
    const within = i % all.length;
    const perRound = Math.min(count - round * all.length, all.length);
    const src = all[Math.floor((within * all.length) / perRound)]!;
    let docNumber: string | null = null;
    if (rand() < 0.2) {
      const prefix = ISSUERS[Math.floor(rand() * ISSUERS.length)]![1];
      const year = 2000 + Math.floor(rand() * 26);
      const key = `${prefix}${year}`;
      const serial = (serials.get(key) ?? 0) + 1;
      serials.set(key, serial);
      docNumber = `${prefix}〔${year}〕${serial}号`;
    }
    out.push({
      title: round ? `${src.title}（第${round + 1}版）` : src.title,
      body: src.body,
      docNumber,
      date: src.date,
    });
  }
  return out;
}

interface Staff {
  drafter: CurrentUser;
  reviewer: CurrentUser;
  signer: CurrentUser;
}

async function demoCrews(deps: Deps): Promise<Record<Crew, Staff>> {
  const user = async (name: string) => {
    const u = await findCurrentUser(deps, name);
    if (!u) throw new Error(`demo user ${name} missing: seed the demo county first (seedDemo)`);
    return u;
  };
  return {
    clerk: {
      drafter: await user("demo-clerk"),
      reviewer: await user("demo-reviewer"),
      signer: await user("demo-signer"),
    },
    office: {
      drafter: await user("demo-office"),
      reviewer: await user("demo-county-reviewer"),
      signer: await user("demo-county-signer"),
    },
  };
}

export interface PublishReport {
  published: number;
  /** Items the 保密审查 stopped (left unpublished, as the workflow wants): none is expected in legal text. */
  stopped: number;
  seconds: number;
}

/**
 * Publishes the items through the real workflow in the seeded demo county: drafted, submitted (the review scan
 * runs), approved, signed and published by the demo staff, each step its own transaction with the hooks that
 * fill the search index. Items on PostgreSQL go `concurrency` at a time (each step still locks its row; four
 * is about twice as fast as one there); SQLite has one writer, so one at a time.
 */
export async function publishCorpus(
  deps: Deps,
  items: CorpusItem[],
  opts: { concurrency?: number; onProgress?: (done: number) => void } = {},
): Promise<PublishReport> {
  const crews = await demoCrews(deps);
  const t0 = performance.now();
  // Each item lives on its own second, one after the other from midnight of the day before (Shanghai time),
  // whatever the order the workers reach it. The index orders by second of publication, then by a hash of the
  // id, and ids differ between two databases: two builds from the same items sort them the same only on
  // seconds of their own, fixed and apart from the demo county's (working hours, or the time of seeding).
  const DAY = 86_400_000;
  const EIGHT_HOURS = 8 * 3_600_000;
  const base = Math.floor((deps.clock.now().getTime() + EIGHT_HOURS) / DAY) * DAY - EIGHT_HOURS - DAY;
  const at = new Map(items.map((spec, i) => [spec, depsAt(deps, new Date(base + i * 1000))]));
  let published = 0;
  let stopped = 0;
  let next = 0;
  // Drafted, submitted, approved and signed by `concurrency` workers; then published one by one in corpus
  // order, so the index receives the items in the same order on every engine (its ties follow that order).
  const signed: Array<{ spec: CorpusItem; id: string } | null> = items.map(() => null);
  const prepare = async (n: number) => {
    const spec = items[n]!;
    const crew = crews[spec.crew];
    const deps = at.get(spec)!;
    const item = await createItem(deps, crew.drafter, {
      org: spec.org,
      kind: spec.kind,
      title: spec.title,
      body: spec.body,
      formed_on: spec.formedOn,
      ...(spec.docNumberInput ? { doc_number: spec.docNumberInput } : {}),
    });
    await performAction(deps, crew.drafter, item.id, { action: "submit" });
    try {
      await performAction(deps, crew.reviewer, item.id, { action: "approve" });
    } catch (e) {
      if (e instanceof AppError && e.code === "review_findings_open") {
        stopped++;
        return;
      }
      throw e;
    }
    await performAction(deps, crew.signer, item.id, { action: "sign" });
    signed[n] = { spec, id: item.id };
  };
  const worker = async () => {
    while (next < items.length) await prepare(next++);
  };
  const concurrency = deps.db.dialect === "postgres" ? (opts.concurrency ?? 4) : 1;
  await Promise.all(Array.from({ length: concurrency }, worker));
  for (const s of signed) {
    if (!s) continue;
    await performAction(at.get(s.spec)!, crews[s.spec.crew].signer, s.id, { action: "publish" });
    published++;
    if (opts.onProgress && published % 100 === 0) opts.onProgress(published);
  }
  return { published, stopped, seconds: (performance.now() - t0) / 1000 };
}

// ---------------------------------------------------------------------------------------------------------
// The right answers: exact substring matching over the published text

/** What a published item says, as the right answers see it. */
export interface PublishedDoc {
  id: string;
  title: string;
  docNumber: string | null;
  /** title, body and 文号, normalised for matching (see normaliseForMatch). */
  haystack: string;
}

const OPENERS = /[[【(（［〔{｛<＜〈]/g;
const CLOSERS = /[\]】)）］〕}｝>＞〉]/g;

/**
 * Normalises text and queries alike for the right answers: NFKC (full-width letters and digits), lower case,
 * every bracket look-alike to 〔〕 (so a 文号 typed [2020] matches 〔2020〕), whitespace collapsed.
 */
export function normaliseForMatch(s: string): string {
  return s.normalize("NFKC").toLowerCase().replace(OPENERS, "〔").replace(CLOSERS, "〕").replace(/\s+/g, " ");
}

/** Every published item of the site (the corpus and whatever else the county published), for the right answers. */
export async function loadPublishedDocs(db: Executor, siteId: string): Promise<PublishedDoc[]> {
  const rows = await db
    .selectFrom("items")
    .select(["id", "title", "body_text", "doc_number"])
    .where("site_id", "=", siteId)
    .where("status", "=", "published")
    .orderBy("id")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    docNumber: r.doc_number,
    haystack: [r.title, r.body_text, r.doc_number ?? ""].map(normaliseForMatch).join("\n"),
  }));
}

export type QueryCategory = "frequent" | "two_char" | "single_char" | "multi_word" | "phrase" | "doc_number";

export interface KnownQuery {
  category: QueryCategory;
  /** What the citizen types (a phrase in quotes, words separated by a space). */
  q: string;
  /** The substrings every right answer contains (normalised). */
  terms: string[];
}

/** The ids whose published text contains every term: the right answers. */
export function rightAnswers(query: KnownQuery, docs: PublishedDoc[]): Set<string> {
  return new Set(docs.filter((d) => query.terms.every((t) => d.haystack.includes(t))).map((d) => d.id));
}

const CJK = /^[\u4e00-\u9fff]+$/;

/**
 * Queries with known right answers, generated from the corpus (deterministic): frequent words, two-character
 * words, single characters, rarer two-word queries, exact phrases in quotes, and every 文号 of the corpus in
 * every bracket style. `cut` is the query-side segmentation (jieba `cut`), used to pick real words.
 */
export function buildQueries(
  items: Array<Pick<CorpusItem, "title" | "body" | "docNumber">>,
  cut: (text: string) => string[],
  opts: { words?: number; docNumbers?: number } = {},
): KnownQuery[] {
  const n = opts.words ?? 40;
  const rand = seeded(7);
  // Document frequency of every word over the corpus items (title and body).
  const df = new Map<string, number>();
  const chars = new Map<string, number>();
  for (const it of items) {
    const text = `${it.title}\n${it.body}`;
    for (const w of new Set(cut(text))) if (CJK.test(w)) df.set(w, (df.get(w) ?? 0) + 1);
    for (const c of new Set(text)) if (CJK.test(c)) chars.set(c, (chars.get(c) ?? 0) + 1);
  }
  const byDf = [...df.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const queries: KnownQuery[] = [];
  const word = (category: QueryCategory, w: string) =>
    queries.push({ category, q: w, terms: [normaliseForMatch(w)] });
  // Frequent words: the most frequent words of two characters or more (人民政府, 管理, 规定…).
  for (const [w] of byDf.filter(([w]) => w.length >= 2).slice(0, n)) word("frequent", w);
  // Two-character words across the frequency range, from common to found in two or three items.
  const two = byDf.filter(([w, f]) => w.length === 2 && f >= 2);
  for (let i = 0; i < n; i++) word("two_char", two[Math.floor((i * two.length) / n)]![0]);
  // Single characters across the frequency range.
  const singles = [...chars.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  for (let i = 0; i < Math.min(n, 30); i++)
    word("single_char", singles[Math.floor((i * singles.length) / 30)]![0]);
  // Rarer multi-word queries: two words of the same item, each found in at most 2% of the items.
  const rare = (w: string) => (df.get(w) ?? 0) <= Math.max(3, items.length / 50);
  for (let i = 0, tries = 0; i < n && tries < n * 50; tries++) {
    const it = items[Math.floor(rand() * items.length)]!;
    const words = [...new Set(cut(it.body))].filter((w) => w.length >= 2 && CJK.test(w) && rare(w));
    if (words.length < 2) continue;
    const a = words[Math.floor(rand() * words.length)]!;
    const b = words.filter((w) => w !== a && !w.includes(a) && !a.includes(w))[
      Math.floor(rand() * (words.length - 1))
    ];
    if (!b) continue;
    queries.push({ category: "multi_word", q: `${a} ${b}`, terms: [a, b].map(normaliseForMatch) });
    i++;
  }
  // Exact phrases in quotes: 4 to 10 characters of running text, starting anywhere (across word boundaries).
  for (let i = 0, tries = 0; i < n && tries < n * 50; tries++) {
    const it = items[Math.floor(rand() * items.length)]!;
    const len = 4 + Math.floor(rand() * 7);
    const at = Math.floor(rand() * Math.max(1, it.body.length - len));
    const phrase = it.body.slice(at, at + len);
    if (!CJK.test(phrase) || phrase.length !== len) continue;
    queries.push({ category: "phrase", q: `"${phrase}"`, terms: [normaliseForMatch(phrase)] });
    i++;
  }
  // Every 文号 in every bracket style (or the first `docNumbers` of them).
  const numbered = items.filter((it) => it.docNumber).slice(0, opts.docNumbers ?? Number.POSITIVE_INFINITY);
  for (const it of numbered) {
    const m = /^(.+)〔(\d{4})〕(\d+)号$/.exec(it.docNumber!)!;
    for (let s = 0; s < BRACKET_STYLES.length; s++) {
      const q = withBrackets(m[1]!, Number(m[2]), Number(m[3]), s);
      queries.push({ category: "doc_number", q, terms: [normaliseForMatch(q)] });
    }
  }
  return queries;
}

/** Recall per category: found right answers over all right answers, summed over the category's queries. */
export interface RecallLine {
  category: QueryCategory;
  queries: number;
  expected: number;
  found: number;
  recall: number;
  /** Queries with no right answer at all (kept out of the sums). */
  empty: number;
}

export function recallByCategory(
  results: Array<{ query: KnownQuery; expected: Set<string>; found: Set<string> }>,
): RecallLine[] {
  const lines = new Map<QueryCategory, RecallLine>();
  for (const r of results) {
    const line = lines.get(r.query.category) ?? {
      category: r.query.category,
      queries: 0,
      expected: 0,
      found: 0,
      recall: 1,
      empty: 0,
    };
    line.queries++;
    if (r.expected.size === 0) line.empty++;
    line.expected += r.expected.size;
    for (const id of r.expected) if (r.found.has(id)) line.found++;
    line.recall = line.expected ? line.found / line.expected : 1;
    lines.set(r.query.category, line);
  }
  return [...lines.values()];
}

export const formatRecall = (lines: RecallLine[]): string =>
  lines
    .map(
      (l) =>
        `${l.category.padEnd(12)} ${String(l.queries).padStart(5)} queries  recall ${l.recall.toFixed(4)} (${l.found}/${l.expected})${l.empty ? `  ${l.empty} without answers` : ""}`,
    )
    .join("\n");

// ---------------------------------------------------------------------------------------------------------
// Asking the index

/** The public search of the site for `q` (relevance order unless asked): every hit, all pages. */
export async function searchAll(
  index: SearchIndex,
  db: Executor,
  siteId: string,
  q: string,
  opts: { perPage?: number; max?: number; sort?: "relevance" | "date" } = {},
): Promise<{ hits: SearchHit[]; total: number }> {
  const perPage = opts.perPage ?? 100;
  const max = opts.max ?? 100_000;
  const hits: SearchHit[] = [];
  let total = 0;
  for (let page = 1; hits.length < max; page++) {
    const r = await index.query(db, { siteId, q, sort: opts.sort ?? "relevance", page, perPage });
    total = r.total;
    hits.push(...r.hits);
    if (r.hits.length < perPage || (r.totalExact && hits.length >= r.total)) break;
  }
  return { hits, total };
}

/** A hit as a key comparable across databases (ids differ between two builds: type, title and 文号 do not). */
export const keyOf = (h: SearchHit): string => `${h.type}|${h.title}|${h.docNumber ?? ""}`;

/**
 * The first `n` keys of a ranking, with runs of hits published in the same second put in key order: the
 * index breaks such ties by a hash of the id, and ids differ between two databases (a policy and its
 * interpretations are published in one step, in one second). Everything else keeps the index's order.
 */
export function comparableTop(hits: Array<{ key: string; second: string }>, n = 10): string[] {
  const out: string[] = [];
  for (let i = 0; i < hits.length && out.length < n; ) {
    let j = i;
    while (j < hits.length && hits[j]!.second === hits[i]!.second) j++;
    out.push(
      ...hits
        .slice(i, j)
        .map((h) => h.key)
        .sort(),
    );
    i = j;
  }
  return out.slice(0, n);
}

/** Hits that are published items (items and interpretations): what the right answers are made of. */
const ITEM_TYPES = new Set(["item", "interpretation"]);

export interface QueryOutcome {
  query: KnownQuery;
  expected: Set<string>;
  /** Every published item found (items and interpretations), all pages. */
  found: Set<string>;
  /** The index's total (-1 when the relevance and date orders disagree on it). */
  total: number;
  /** Ids of the first ten in relevance order, any type. */
  top: string[];
  /** The first ten as `key@second`, for a message when two engines disagree. */
  rawTop: string[];
  /** The first ten as keys comparable across databases (type, title, 文号; see comparableTop). */
  topKeys: string[];
}

export interface RecallRun {
  lines: RecallLine[];
  results: QueryOutcome[];
  /** Time spent in the index's query(), all pages of all queries. */
  queryMs: number;
}

/** Runs every query against the site's index and compares its hits with the right answers. */
export async function evaluateRecall(
  deps: Deps,
  siteId: string,
  queries: KnownQuery[],
  docs: PublishedDoc[],
): Promise<RecallRun> {
  const index = getSearchIndex(deps.db, deps.clock);
  const results: QueryOutcome[] = [];
  let queryMs = 0;
  for (const query of queries) {
    const t0 = performance.now();
    // The first page as people see it (relevance; twenty, to complete a run of same-second ties at the tenth),
    // then every match newest first (one tier in the index: the cheaper way to list them all).
    const first = await index.query(deps.db.kysely, {
      siteId,
      q: query.q,
      sort: "relevance",
      page: 1,
      perPage: 20,
    });
    const { hits, total } = await searchAll(index, deps.db.kysely, siteId, query.q, { sort: "date" });
    queryMs += performance.now() - t0;
    const found = new Set(hits.filter((h) => ITEM_TYPES.has(h.type)).map((h) => h.id));
    const second = (h: SearchHit) => h.publishedAt?.slice(0, 19) ?? "";
    results.push({
      query,
      expected: rightAnswers(query, docs),
      found,
      // The first page's count stops at its cap: exact below it, a lower bound of the whole walk's above it.
      total: (first.totalExact ? first.total === total : first.total <= total) ? total : -1,
      top: first.hits.slice(0, 10).map((h) => h.id),
      // An undated hit (a catalogue column) is ordered by the hash of its id alone: only its place compares.
      topKeys: comparableTop(
        first.hits.map((h) => ({ key: h.publishedAt ? keyOf(h) : `${h.type}|undated`, second: second(h) })),
        10,
      ),
      rawTop: first.hits.slice(0, 10).map((h) => `${keyOf(h)}@${second(h)}`),
    });
  }
  return { lines: recallByCategory(results), results, queryMs };
}
