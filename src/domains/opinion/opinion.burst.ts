// Early warning (舆情监测预警, issue 17 item 2) as pure functions over the county's own streams: keyword hits,
// and bursts — topics found by jieba segmentation (platform/search) and clustering of shared key terms, whose
// volume in the window is well above the baseline. No database here: opinion.scan.ts gathers the texts.
//
// A burst: a term is a candidate when the documents of the window holding it number at least `min` and at
// least `ratio` times its expected count (its baseline rate over the window, never less than 1). Candidates
// that share most of their documents are one topic (the most frequent seeds it, see below); the topic is raised
// when its documents pass the same test against the baseline of the same rule. Noise of the same volume
// spread over many topics does not: no term of it reaches `min`.
import { getJieba } from "../../platform/search";

export interface StreamText {
  /** message | hotline_ticket | application | comment | feed */
  type: string;
  id: string;
  text: string;
  /** When it arrived (an instant, ISO). */
  at: string;
}

export interface Evidence {
  type: string;
  id: string;
}

export interface BurstOptions {
  now: Date;
  windowHours: number;
  baselineDays: number;
  ratio: number;
  min: number;
}

export interface FoundTopic {
  kind: "burst" | "keyword";
  topic: string;
  /** The topic's terms sorted and joined: the same topic in the next scan of the window is not raised again. */
  key: string;
  count: number;
  /** Expected count in one window, from the baseline period (one decimal). */
  baseline: number;
  window_hours: number;
  evidence: Evidence[];
}

// Words of any complaint or request that say nothing about its topic.
const STOPWORDS = new Set(
  (
    "问题 反映 希望 解决 我们 你们 他们 自己 这个 那个 这些 那些 没有 什么 怎么 为什么 已经 一直 现在 目前 请问 " +
    "有关 部门 政府 领导 情况 相关 谢谢 感谢 是否 可以 能否 尽快 处理 群众 老百姓 居民 市民 咨询 投诉 举报 建议 " +
    "求助 今天 昨天 最近 一下 时候 还是 就是 但是 因为 所以 如果 进行 工作 要求 关于 非常 特别 一个 这样 那样 " +
    "能够 需要 应该 不是 还有 以及 或者 而且 并且 我家 家里 您好 你好 此事 这件 事情 答复 回复 办理 落实 " +
    "固阳县 固阳 县里 本县 我县 村里 镇上 多次 很多 一些 及时 严重 影响 导致 出现 发现 存在 " +
    // The words of every information-disclosure application (依申请公开): they say nothing of the matter.
    "申请 公开 信息 政府信息 提供 获取 复制 查阅 文件 资料 材料 年度 本人 具体 内容 方式 电子版 纸质 依法 规定 "
  )
    .split(/\s+/)
    .filter(Boolean),
);

const HAS_WORD = /[\p{Script=Han}A-Za-z]/u;
const DIGITS = /^[\p{N}\p{P}\s]+$/u;

/** The distinct key terms of a text: jieba's words of two characters or more, stopwords and numbers left out. */
export function termsOf(text: string): string[] {
  const out = new Set<string>();
  for (const w of getJieba().cut(text.slice(0, 2000), true)) {
    const t = w.trim().toLowerCase();
    if (Array.from(t).length < 2 || !HAS_WORD.test(t) || DIGITS.test(t) || STOPWORDS.has(t)) continue;
    out.add(t);
  }
  return [...out];
}

const HOUR = 3_600_000;
const round1 = (n: number) => Math.round(n * 10) / 10;

interface Doc {
  ev: Evidence;
  terms: Set<string>;
  text: string;
  inWindow: boolean;
}

function docsOf(texts: readonly StreamText[], o: BurstOptions, withTerms = true): Doc[] {
  const end = o.now.getTime();
  const windowStart = end - o.windowHours * HOUR;
  const baselineStart = windowStart - o.baselineDays * 24 * HOUR;
  const docs: Doc[] = [];
  for (const t of texts) {
    const at = new Date(t.at).getTime();
    if (!(at >= baselineStart && at < end)) continue;
    docs.push({
      ev: { type: t.type, id: t.id },
      terms: new Set(withTerms ? termsOf(t.text) : []),
      text: t.text,
      inWindow: at >= windowStart,
    });
  }
  return docs;
}

/** Windows in the baseline period: a baseline count divided by this is the expected count of one window. */
const baselineWindows = (o: BurstOptions) => (o.baselineDays * 24) / o.windowHours;

function passes(count: number, expected: number, o: BurstOptions) {
  return count >= o.min && count >= o.ratio * Math.max(expected, 1);
}

/** Bursting topics of the streams at `now`, largest first. */
export function findBursts(texts: readonly StreamText[], o: BurstOptions): FoundTopic[] {
  const docs = docsOf(texts, o);
  const windowDocs = docs.filter((d) => d.inWindow);
  const baseDocs = docs.filter((d) => !d.inWindow);
  const df = (set: readonly Doc[]) => {
    const m = new Map<string, number>();
    for (const d of set) for (const t of d.terms) m.set(t, (m.get(t) ?? 0) + 1);
    return m;
  };
  const wdf = df(windowDocs);
  const bdf = df(baseDocs);
  const perWindow = baselineWindows(o);
  const candidates = [...wdf.entries()]
    .filter(([t, n]) => passes(n, (bdf.get(t) ?? 0) / perWindow, o))
    .map(([t]) => t);
  if (!candidates.length) return [];

  // Cluster: the most frequent candidate not yet used seeds a topic; the candidates whose window documents lie
  // mostly (60 %) among the seed's join it. A shared word of two topics (公司 in 热力公司 and 自来水公司) joins
  // the topic it mostly belongs to and never bridges the two.
  const docsWith = new Map(candidates.map((t) => [t, windowDocs.filter((d) => d.terms.has(t))]));
  candidates.sort((a, b) => (wdf.get(b) ?? 0) - (wdf.get(a) ?? 0) || a.localeCompare(b));
  const used = new Set<string>();
  const found: FoundTopic[] = [];
  const covered = new Set<Doc>();
  for (const seed of candidates) {
    if (used.has(seed)) continue;
    // A word mostly found in topics already formed (电话打不通 in heating and water complaints) is not a topic.
    const own = docsWith.get(seed)!;
    if (own.filter((d) => covered.has(d)).length * 2 >= own.length) {
      used.add(seed);
      continue;
    }
    const seedDocs = new Set(own);
    const terms = candidates.filter((t) => {
      if (used.has(t)) return false;
      const ds = docsWith.get(t)!;
      return ds.filter((d) => seedDocs.has(d)).length >= 0.6 * ds.length;
    });
    for (const t of terms) used.add(t);
    // A document is the topic's when it holds the seed, or two of its terms one of which is a core term (found
    // almost only with the seed): words the topic shares with others (电话、打不通) never bring those in alone.
    const inSeed = (t: string) => docsWith.get(t)!.filter((d) => seedDocs.has(d)).length;
    const core = new Set(terms.filter((t) => inSeed(t) >= 0.9 * docsWith.get(t)!.length));
    const holds = (d: Doc) =>
      d.terms.has(seed) ||
      (terms.filter((t) => d.terms.has(t)).length >= 2 && [...core].some((t) => d.terms.has(t)));
    const inWindow = windowDocs.filter(holds);
    for (const d of inWindow) covered.add(d);
    const expected = baseDocs.filter(holds).length / perWindow;
    if (!passes(inWindow.length, expected, o)) continue;
    found.push({
      kind: "burst",
      topic: terms.slice(0, 3).join("、"),
      key: `burst:${[...terms].slice(0, 5).sort().join("|")}`,
      count: inWindow.length,
      baseline: round1(expected),
      window_hours: o.windowHours,
      evidence: inWindow.map((d) => d.ev),
    });
  }
  return found.sort((a, b) => b.count - a.count);
}

/** Texts of the window holding one of the office's keywords: one topic per keyword hit, however few. */
export function findKeywordHits(
  texts: readonly StreamText[],
  keywords: readonly string[],
  o: BurstOptions,
): FoundTopic[] {
  const docs = docsOf(texts, o, false);
  const perWindow = baselineWindows(o);
  const found: FoundTopic[] = [];
  for (const word of keywords) {
    const w = word.toLowerCase();
    const holds = (d: Doc) => d.text.toLowerCase().includes(w);
    const inWindow = docs.filter((d) => d.inWindow && holds(d));
    if (!inWindow.length) continue;
    found.push({
      kind: "keyword",
      topic: word,
      key: `keyword:${w}`,
      count: inWindow.length,
      baseline: round1(docs.filter((d) => !d.inWindow && holds(d)).length / perWindow),
      window_hours: o.windowHours,
      evidence: inWindow.map((d) => d.ev),
    });
  }
  return found;
}
