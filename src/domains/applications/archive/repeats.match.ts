// Which applications ask for the same information (Art. 44, 多次申请的政府信息): pure functions, no I/O.
//
// Two requests are the same when they cite the same document number (〔年份〕号), or, when neither rules it
// out, when their normalised texts share most character bigrams (Jaccard ≥ SAME_THRESHOLD). Normalising
// removes personal information (already masked to *), punctuation, whitespace and the stock phrases every
// application contains ("申请公开", "本人"…), so two people asking for the same thing in their own words
// still match. Requests citing different document numbers, or different years, are never the same.

export const SAME_THRESHOLD = 0.5;

/** Phrases of the application form itself, not of the information asked for; longest first. */
const STOCK_PHRASES = [
  "中华人民共和国政府信息公开条例",
  "政府信息公开条例",
  "特此申请",
  "申请公开",
  "请求公开",
  "要求公开",
  "申请获取",
  "请予公开",
  "依法公开",
  "予以公开",
  "政府信息",
  "相关信息",
  "相关材料",
  "申请人",
  "身份证号码",
  "身份证号",
  "联系电话",
  "电话",
  "手机号",
  "电子邮箱",
  "邮箱",
  "住址",
  "本人",
  "我单位",
  "我公司",
  "根据",
  "请公开",
  "请提供",
  "申请",
  "提供",
  "请求",
  "的",
];

/** Document numbers as `<last 3 chars of the issuer prefix>〔year〕n号`, so bracket styles and padding agree. */
export function docNumbersOf(text: string): string[] {
  const t = text.normalize("NFKC");
  const out = new Set<string>();
  const re = /([\p{Script=Han}]{1,12})\s*[〔[［【(（]\s*(\d{4})\s*[〕\]］】)）]\s*第?\s*0*(\d{1,6})\s*号/gu;
  for (const m of t.matchAll(re)) out.add(`${m[1]!.slice(-3)}〔${m[2]}〕${m[3]}号`);
  return [...out];
}

/** The years a request names (2024年), to keep one year's figures apart from another's. */
export function yearsOf(text: string): string[] {
  return [
    ...new Set([...text.normalize("NFKC").matchAll(/(?<!\d)((?:19|20)\d{2})\s*年/g)].map((m) => m[1]!)),
  ];
}

/**
 * Letters and digits only, lower case, without stock phrases and without what masking left of personal
 * information (the surname before a masked name, the kept digits of a masked number), which would
 * otherwise make the same request from two people look different.
 */
export function normaliseRequest(text: string): string {
  let t = text
    .normalize("NFKC")
    .replace(/\p{Script=Han}\*+/gu, "")
    .replace(/[0-9A-Za-z@._-]*\*+[0-9A-Za-z@._*-]*/g, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, "")
    .replace(/年度/g, "年");
  for (const p of STOCK_PHRASES) t = t.split(p).join("");
  return t;
}

export function bigramsOf(normalised: string): Set<string> {
  const chars = [...normalised];
  const out = new Set<string>();
  if (chars.length === 1) out.add(chars[0]!);
  for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i]! + chars[i + 1]!);
  return out;
}

export interface RequestText {
  /** The request as masked by the review engine. */
  text: string;
}

interface Prepared {
  grams: Set<string>;
  docs: string[];
  years: string[];
}

export const prepare = (text: string): Prepared => ({
  grams: bigramsOf(normaliseRequest(text)),
  docs: docNumbersOf(text),
  years: yearsOf(text),
});

const intersects = (a: string[], b: string[]) => a.some((x) => b.includes(x));

/** 0..1: 1 for the same document number, 0 when document numbers or years rule it out, else Jaccard. */
export function similarity(a: Prepared, b: Prepared): number {
  if (a.docs.length && b.docs.length) return intersects(a.docs, b.docs) ? 1 : 0;
  if (a.years.length && b.years.length && !intersects(a.years, b.years)) return 0;
  if (a.grams.size === 0 || b.grams.size === 0) return 0;
  let shared = 0;
  for (const g of a.grams) if (b.grams.has(g)) shared++;
  return shared / (a.grams.size + b.grams.size - shared);
}

/**
 * Clusters the requests (single linkage over "the same"); returns groups of indexes, each sorted, in order
 * of their first member. Candidate pairs come from an inverted index of bigrams and document numbers, so
 * unrelated requests are never compared.
 */
export function clusterRequests(texts: string[], threshold = SAME_THRESHOLD): number[][] {
  const prepared = texts.map(prepare);
  const parent = texts.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  const postings = new Map<string, number[]>();
  prepared.forEach((p, i) => {
    const seen = new Set<number>();
    for (const key of [...p.docs.map((d) => `doc:${d}`), ...p.grams]) {
      const list = postings.get(key);
      if (list) for (const j of list) seen.add(j);
    }
    for (const j of seen) {
      if (find(i) !== find(j) && similarity(p, prepared[j]!) >= threshold) parent[find(i)] = find(j);
    }
    for (const key of [...p.docs.map((d) => `doc:${d}`), ...p.grams]) {
      const list = postings.get(key) ?? [];
      list.push(i);
      postings.set(key, list);
    }
  });
  const groups = new Map<number, number[]>();
  texts.forEach((_, i) => {
    const r = find(i);
    const g = groups.get(r) ?? [];
    g.push(i);
    groups.set(r, g);
  });
  return [...groups.values()].sort((a, b) => a[0]! - b[0]!);
}
