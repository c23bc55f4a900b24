// Query segmentation: jieba `cut` splits what someone typed into words, and the county dictionary (built-in
// words plus the office's own, table search_terms) keeps place names, organisations and policy terms whole.
// The dictionary is applied here, after jieba, rather than loaded into jieba: jieba's dictionary is global
// and only grows, while each site has its own words and a removed word must stop counting at once.
import { createRequire } from "node:module";
import type { Jieba } from "@node-rs/jieba";
import { classOf, normalise } from "./tokens";

// Loaded on the first segmentation, not at every start (the package and its dictionary module take about 0.1 s
// to import; bench/startup.ts). A plain function name, so the bundler leaves the calls to Node.
const load = createRequire(import.meta.url);
let jieba: Jieba | null = null;

/** The shared jieba instance (about 0.4 s and 60 MB to load the default dictionary, so once per process). */
export function getJieba(): Jieba {
  if (!jieba) {
    const { Jieba: JiebaClass } = load("@node-rs/jieba") as typeof import("@node-rs/jieba");
    const { dict } = load("@node-rs/jieba/dict") as typeof import("@node-rs/jieba/dict");
    jieba = JiebaClass.withDict(dict);
  }
  return jieba;
}

/** Words of the demo county and of government disclosure that jieba splits or does not know. */
export const BUILTIN_TERMS: readonly string[] = [
  // Places
  "内蒙古自治区",
  "包头市",
  "固阳县",
  "金山镇",
  "西斗铺镇",
  "下湿壕镇",
  "银号镇",
  "怀朔镇",
  "兴顺西镇",
  "春坤山",
  "秦长城",
  // Bodies
  "固阳县人民政府",
  "县人民政府",
  "县政府办公室",
  "县人民政府办公室",
  "县民政局",
  "县教育局",
  "县政务服务局",
  "县市场监督管理局",
  "县住房和城乡建设局",
  "县发展和改革委员会",
  "县卫生健康委员会",
  "县人力资源和社会保障局",
  "县财政局",
  "县自然资源局",
  "县农牧局",
  "县人民医院",
  "政务公开办公室",
  "村民委员会",
  "居民委员会",
  "嘎查村",
  // Policy and legal terms
  "乡村振兴",
  "脱贫攻坚",
  "行政复议",
  "行政诉讼",
  "行政许可",
  "行政处罚",
  "行政强制",
  "政府信息公开",
  "依申请公开",
  "主动公开",
  "政务公开",
  "规范性文件",
  "政策解读",
  "最低生活保障",
  "特困人员",
  "临时救助",
  "城乡居民",
  "基本医疗保险",
  "养老保险",
  "营商环境",
  "放管服",
  "一网通办",
  "高标准农田",
  "人居环境",
  "河长制",
  "林长制",
  "草原生态",
  "禁牧休牧",
  "生态保护",
  "安全生产",
  "双随机一公开",
];

/** Longest-first list of dictionary words present in `text` (normalised), as [start, end) spans. */
function dictionarySpans(text: string, words: readonly string[]): [number, number][] {
  const spans: [number, number][] = [];
  const sorted = [...new Set(words.map(normalise))].filter((w) => w.length >= 2);
  sorted.sort((a, b) => b.length - a.length || (a < b ? -1 : a > b ? 1 : 0));
  const taken = new Uint8Array(text.length);
  for (const w of sorted) {
    for (let at = text.indexOf(w); at >= 0; at = text.indexOf(w, at + 1)) {
      let free = true;
      for (let k = at; k < at + w.length; k++) if (taken[k]) free = false;
      if (!free) continue;
      for (let k = at; k < at + w.length; k++) taken[k] = 1;
      spans.push([at, at + w.length]);
    }
  }
  return spans.sort((a, b) => a[0] - b[0]);
}

const MONGOLIAN = /[\u1800-\u18AF]/;
const HAN = /\p{Script=Han}/u;

/**
 * Splits one run of typed text without separators (normalised) into the words that must all be found:
 * jieba's words, with dictionary words kept whole and one-character words joined to a neighbour (a lone
 * 年 or 的 finds nearly everything and adds nothing). Each word is a contiguous part of the input, so a
 * document containing the input as a substring contains every word (recall is never lost by splitting).
 */
export function segmentQuery(chunk: string, words: readonly string[]): string[] {
  if (Array.from(chunk).length <= 2) return [chunk];
  // jieba knows no Mongolian and would cut a word into letters: a Mongolian word is one term.
  if (MONGOLIAN.test(chunk) && !HAN.test(chunk)) return [chunk];
  const pieces = getJieba().cut(chunk, false);
  // Boundaries of jieba's pieces, as offsets.
  const cuts = new Set<number>();
  let at = 0;
  for (const p of pieces) {
    at += p.length;
    cuts.add(at);
  }
  cuts.delete(chunk.length);
  for (const [s, e] of dictionarySpans(chunk, [...BUILTIN_TERMS, ...words])) {
    for (let k = s + 1; k < e; k++) cuts.delete(k);
  }
  const bounds = [0, ...[...cuts].sort((a, b) => a - b), chunk.length];
  let parts: string[] = [];
  for (let k = 0; k + 1 < bounds.length; k++) parts.push(chunk.slice(bounds[k], bounds[k + 1]));
  // Join one-character parts (and pure separators, which cannot occur in a chunk) to a neighbour.
  const merged: string[] = [];
  for (const p of parts) {
    const single = Array.from(p).length === 1 && classOf(p) === "han";
    if (single && merged.length) merged[merged.length - 1] += p;
    else merged.push(p);
  }
  parts = merged;
  if (parts.length > 1 && Array.from(parts[0]!).length === 1 && classOf(parts[0]!) === "han") {
    parts = [parts[0]! + parts[1]!, ...parts.slice(2)];
  }
  return parts;
}
