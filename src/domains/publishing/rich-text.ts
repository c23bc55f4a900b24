import { createRequire } from "node:module";
import type sanitizeHtmlType from "sanitize-html";

// sanitize-html is loaded on the first body sanitised, not at every start (about 0.2 s to import with its
// parser; bench/startup.ts). A plain function name, so the bundler leaves the call to Node.
const load = createRequire(import.meta.url);
let loaded: typeof sanitizeHtmlType | undefined;
/** Loads sanitize-html now (serve calls it just after listening, so the first save does not wait for it). */
export function loadSanitizer(): typeof sanitizeHtmlType {
  loaded ??= load("sanitize-html") as typeof sanitizeHtmlType;
  return loaded;
}
const sanitizeHtml = (html: string, options: sanitizeHtmlType.IOptions): string =>
  loadSanitizer()(html, options);

// Bodies are rich text from editors and from 公文管理系统 exports: keep structure (paragraphs, headings,
// lists, tables, links), drop everything that could run or restyle the page. The CSP forbids inline styles.
const OPTIONS: sanitizeHtmlType.IOptions = {
  allowedTags: [
    "p",
    "br",
    "h2",
    "h3",
    "h4",
    "h5",
    "strong",
    "b",
    "em",
    "i",
    "u",
    "sub",
    "sup",
    "blockquote",
    "pre",
    "hr",
    "ul",
    "ol",
    "li",
    "table",
    "caption",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "th",
    "td",
    "a",
    "span",
  ],
  allowedAttributes: {
    a: ["href", "title"],
    th: ["colspan", "rowspan", "scope"],
    td: ["colspan", "rowspan"],
  },
  allowedSchemes: ["http", "https", "mailto"],
  allowProtocolRelative: false,
  transformTags: {
    h1: "h2",
    div: "p",
    font: "span",
    a: (tagName, attribs) => ({
      tagName,
      attribs: { ...attribs, ...(attribs.href?.startsWith("http") ? { rel: "noopener noreferrer" } : {}) },
    }),
  },
  exclusiveFilter: (frame) => frame.tag === "span" && !frame.text.trim(),
};
OPTIONS.allowedAttributes = {
  ...(OPTIONS.allowedAttributes as Record<string, string[]>),
  a: ["href", "title", "rel"],
};

const looksLikeHtml = (s: string) => /<\/?[a-zA-Z][^>]*>/.test(s);

const escapeText = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** Sanitised HTML for a body given as HTML, or as plain text with blank-line or line-break paragraphs. */
export function toSafeHtml(body: string): string {
  if (!looksLikeHtml(body)) {
    return body
      .replace(/\r\n?/g, "\n")
      .split(/\n+/)
      .map((l) => l.trim())
      .filter(Boolean)
      .map((l) => `<p>${escapeText(l)}</p>`)
      .join("\n");
  }
  return sanitizeHtml(body, OPTIONS).trim();
}

/** Plain text of sanitised HTML, paragraphs on their own lines: for review checks, search and summaries. */
export function htmlToText(html: string): string {
  return sanitizeHtml(html.replace(/<\/(p|h\d|li|tr|blockquote|pre)>|<br\s*\/?>/gi, "$&\n"), {
    allowedTags: [],
    allowedAttributes: {},
  })
    .replace(/&nbsp;/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/[ \t]+\n/g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}
