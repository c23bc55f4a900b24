// RSS 2.0 and Atom (RFC 4287) documents of the latest publications. Pure functions over plain values: the
// routes (opendata.routes.ts) load the entries and pass absolute URLs.

/** Characters XML 1.0 does not allow at all (control characters, lone surrogates, U+FFFE/U+FFFF). */
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Text or attribute content: the characters XML forbids dropped, the five special ones escaped. */
export function xmlEscape(s: string): string {
  return s
    .replace(NOT_XML, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

export interface FeedEntry {
  id: string;
  title: string;
  /** Absolute URL of the item's page. */
  url: string;
  /** ISO instants. */
  published: string;
  updated: string;
  summary: string;
  author: string;
  category: string;
  categoryLabel: string;
}

export interface Feed {
  title: string;
  description: string;
  /** Absolute URL of this feed document. */
  self: string;
  /** Absolute URL of the HTML list the feed follows. */
  alternate: string;
  /** Who publishes the feed (the site). */
  author: string;
  /** ISO instant of the latest change among the entries (or of the site when there are none). */
  updated: string;
  entries: FeedEntry[];
}

/** The latest publications a feed carries. */
export const FEED_SIZE = 50;

/** Plain text of a summary: at most `max` characters, whitespace collapsed. */
export function summaryOf(summary: string | null, bodyText: string, max = 200): string {
  const text = (summary?.trim() || bodyText).replace(/\s+/g, " ").trim();
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

const rfc822 = (iso: string) => new Date(iso).toUTCString();
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** An entry's permanent id: its UUID as a URN (the same whichever host name served the feed), else its URL. */
export const entryId = (x: Pick<FeedEntry, "id" | "url">) => (UUID.test(x.id) ? `urn:uuid:${x.id}` : x.url);
const e = xmlEscape;

export function renderRss(feed: Feed): string {
  const items = feed.entries.map(
    (x) =>
      `<item><title>${e(x.title)}</title><link>${e(x.url)}</link>` +
      `<guid isPermaLink="false">${e(entryId(x))}</guid><pubDate>${rfc822(x.published)}</pubDate>` +
      `<category>${e(x.categoryLabel)}</category><dc:creator>${e(x.author)}</dc:creator>` +
      `<description>${e(x.summary)}</description></item>`,
  );
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/">',
    "<channel>",
    `<title>${e(feed.title)}</title>`,
    `<link>${e(feed.alternate)}</link>`,
    `<description>${e(feed.description)}</description>`,
    "<language>zh-CN</language>",
    `<lastBuildDate>${rfc822(feed.updated)}</lastBuildDate>`,
    `<atom:link href="${e(feed.self)}" rel="self" type="application/rss+xml"/>`,
    "<generator>gongkai</generator>",
    ...items,
    "</channel>",
    "</rss>",
    "",
  ].join("\n");
}

export function renderAtom(feed: Feed): string {
  const entries = feed.entries.map(
    (x) =>
      `<entry><id>${e(entryId(x))}</id><title>${e(x.title)}</title>` +
      `<link rel="alternate" type="text/html" href="${e(x.url)}"/>` +
      `<published>${x.published}</published><updated>${x.updated}</updated>` +
      `<author><name>${e(x.author)}</name></author>` +
      `<category term="${e(x.category)}" label="${e(x.categoryLabel)}"/>` +
      `<summary>${e(x.summary)}</summary></entry>`,
  );
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">',
    `<id>${e(feed.self)}</id>`,
    `<title>${e(feed.title)}</title>`,
    `<subtitle>${e(feed.description)}</subtitle>`,
    `<updated>${feed.updated}</updated>`,
    `<link rel="self" type="application/atom+xml" href="${e(feed.self)}"/>`,
    `<link rel="alternate" type="text/html" href="${e(feed.alternate)}"/>`,
    `<author><name>${e(feed.author)}</name></author>`,
    "<generator>gongkai</generator>",
    ...entries,
    "</feed>",
    "",
  ].join("\n");
}

export const FEED_TYPES = {
  atom: "application/atom+xml; charset=utf-8",
  rss: "application/rss+xml; charset=utf-8",
} as const;
