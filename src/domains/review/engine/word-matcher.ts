// Multi-word literal matcher for word lists that are data (curated wording errors, a site's sensitive
// words). Short lists become one escaped alternation, which V8's regex engine scans fastest; long lists
// (a site may paste thousands of words) use a trie over UTF-16 code units, whose cost per position does
// not grow with the list.

export interface WordMatch {
  word: string;
  start: number;
  end: number;
}

interface Node {
  next: Map<number, Node>;
  word?: string;
}

const escapeRegex = (w: string) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const REGEX_LIMIT = 300;

export class WordMatcher {
  private readonly re?: RegExp;
  private readonly root: Node = { next: new Map() };
  readonly empty: boolean;

  constructor(words: Iterable<string>) {
    const list = [...new Set([...words].map((w) => w.trim()).filter(Boolean))].sort(
      (a, b) => b.length - a.length,
    );
    this.empty = list.length === 0;
    if (list.length <= REGEX_LIMIT) {
      if (!this.empty) this.re = new RegExp(list.map(escapeRegex).join("|"), "g");
      return;
    }
    for (const w of list) {
      let n = this.root;
      for (let i = 0; i < w.length; i++) {
        const c = w.charCodeAt(i);
        let child = n.next.get(c);
        if (!child) {
          child = { next: new Map() };
          n.next.set(c, child);
        }
        n = child;
      }
      n.word = w;
    }
  }

  /** Leftmost-longest, non-overlapping matches, UTF-16 offsets. */
  findAll(text: string): WordMatch[] {
    const out: WordMatch[] = [];
    if (this.empty) return out;
    if (this.re) {
      this.re.lastIndex = 0;
      for (let m = this.re.exec(text); m; m = this.re.exec(text)) {
        out.push({ word: m[0], start: m.index, end: m.index + m[0].length });
      }
      return out;
    }
    const first = this.root.next;
    for (let i = 0; i < text.length; ) {
      let n = first.get(text.charCodeAt(i));
      let best = -1;
      let word = "";
      for (let j = i + 1; n; j++) {
        if (n.word) {
          best = j;
          word = n.word;
        }
        n = j < text.length ? n.next.get(text.charCodeAt(j)) : undefined;
      }
      if (best > 0) {
        out.push({ word, start: i, end: best });
        i = best;
      } else i++;
    }
    return out;
  }
}
