// An RSS 2.0 or Atom feed as plain entries (title, text, link, date), read without an XML library: the feed is
// untrusted, so this runs in the file worker (text-job.ts, parser "rss-feed") with its heap limit and deadline.
// No entity expansion beyond the five XML ones and numeric references; no DTD, no external anything.

export interface FeedEntry {
  title: string;
  text: string;
  link: string | null;
  /** The entry's date as given (RFC 822 or ISO); the caller parses and checks it. */
  date: string | null;
}

export interface ParsedFeed {
  /** The feed's own title. */
  title: string;
  entries: FeedEntry[];
  /** True when the feed held more entries than were read. */
  truncated: boolean;
}

export const FEED_LIMITS = { maxEntries: 2000, maxFieldChars: 20_000 };

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

function decode(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_m, e: string) => {
    if (e[0] === "#") {
      const n = e[1] === "x" || e[1] === "X" ? Number.parseInt(e.slice(2), 16) : Number(e.slice(1));
      return Number.isFinite(n) && n > 0 && n < 0x110000 ? String.fromCodePoint(n) : "";
    }
    return ENTITIES[e.toLowerCase()] ?? "";
  });
}

/** The text of an element's content: CDATA kept, markup inside (an HTML description) dropped. */
function textOf(raw: string): string {
  const parts: string[] = [];
  const re = /<!\[CDATA\[([\s\S]*?)\]\]>/g;
  let last = 0;
  for (const m of raw.matchAll(re)) {
    parts.push(decode(raw.slice(last, m.index)));
    parts.push(m[1]!);
    last = m.index! + m[0].length;
  }
  parts.push(decode(raw.slice(last)));
  const joined = parts.join("");
  // A description often holds escaped HTML: strip its tags after decoding.
  return decode(joined.replace(/<[^>]*>/g, " "))
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, FEED_LIMITS.maxFieldChars);
}

function field(block: string, names: readonly string[]): string | null {
  for (const n of names) {
    const m = new RegExp(`<${n}(?:\\s[^>]*)?>([\\s\\S]*?)</${n}>`, "i").exec(block);
    if (m) return textOf(m[1]!);
  }
  return null;
}

function linkOf(block: string): string | null {
  const text = field(block, ["link"]);
  if (text) return text;
  const m = /<link\b[^>]*\bhref\s*=\s*["']([^"']+)["'][^>]*\/?>/i.exec(block);
  return m ? decode(m[1]!).slice(0, 2000) : null;
}

export function parseFeed(xml: string): ParsedFeed {
  const body = xml.replace(/<!--[\s\S]*?-->/g, "");
  if (!/<(rss|feed|rdf:RDF)\b/i.test(body)) throw new Error("not_a_feed");
  const blocks = [...body.matchAll(/<(item|entry)\b[^>]*>([\s\S]*?)<\/\1>/gi)].map((m) => m[2]!);
  const head = body.replace(/<(item|entry)\b[^>]*>[\s\S]*?<\/\1>/gi, "");
  const entries = blocks.slice(0, FEED_LIMITS.maxEntries).map((b) => ({
    title: field(b, ["title"]) ?? "",
    text: field(b, ["description", "content:encoded", "content", "summary"]) ?? "",
    link: linkOf(b),
    date: field(b, ["pubDate", "published", "updated", "dc:date"]),
  }));
  return { title: field(head, ["title"]) ?? "", entries, truncated: blocks.length > FEED_LIMITS.maxEntries };
}

/** The worker's parser: a feed, or `{error}` when the text is not one (the caller turns it into a 400). */
export function parseFeedSafely(text: string): ParsedFeed | { error: string } {
  try {
    return parseFeed(text);
  } catch {
    return { error: "not_a_feed" };
  }
}
