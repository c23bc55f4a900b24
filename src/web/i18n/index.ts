import { AsyncLocalStorage } from "node:async_hooks";
import { mnMong } from "./mn-Mong";
import { type MessageKey, zhCN } from "./zh-CN";

export type Lang = "zh-CN" | "mn-Mong";
export const LANGS: readonly Lang[] = ["zh-CN", "mn-Mong"];

/** URL prefix of each language on the public portal: Chinese at the root, Mongolian under /mn. */
export const LANG_PREFIX: Record<Lang, string> = { "zh-CN": "", "mn-Mong": "/mn" };

const catalogs: Record<Lang, Partial<Record<MessageKey, string>>> = { "zh-CN": zhCN, "mn-Mong": mnMong };

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/** A site's own texts that replace the shipped catalog's (src/domains/translations), per language. */
export type Overrides = Partial<Record<Lang, ReadonlyMap<string, string>>>;

/**
 * What one request renders with, set by the translations domain's hook before the route runs: the site's
 * overrides and whether the visitor chose the 适老化 (elder-friendly) mode (src/web/elder-mode.ts).
 */
export interface RenderContext {
  overrides?: Overrides;
  elder?: boolean;
}
export const renderContext = new AsyncLocalStorage<RenderContext>();

/** Whether this request renders in the 适老化 mode (a cookie, src/web/elder-mode.ts). */
export const elderMode = (): boolean => renderContext.getStore()?.elder === true;

// A Chinese text standing in for a missing translation is wrapped in these two private-use characters by t();
// `markUntranslated` turns them into a visible, lang-tagged element in HTML (and drops them anywhere an
// element cannot go), `stripUntranslated` drops them from other outputs. Nothing falls back silently.
export const UNTRANSLATED_OPEN = "\uE0F0";
export const UNTRANSLATED_CLOSE = "\uE0F1";
const SENTINELS = /[\uE0F0\uE0F1]/g;

/** Keys only the back office shows (Chinese only): never required in Mongolian. */
export const BACK_OFFICE_PREFIXES = ["assessment.", "error.next.dashboard"] as const;
export const isPublicKey = (key: string): boolean => !BACK_OFFICE_PREFIXES.some((p) => key.startsWith(p));

const missing = new Map<string, number>();
let onMissing: ((lang: Lang, key: string) => void) | undefined;

/** Called the first time each key is rendered without its translation (the app logs a warning). */
export function setMissingListener(fn: ((lang: Lang, key: string) => void) | undefined): void {
  onMissing = fn;
}

/** How many times each `lang|key` was rendered without a translation since the process started. */
export const missingTranslationCounts = (): ReadonlyMap<string, number> => missing;

function noteMissing(lang: Lang, key: string): void {
  const id = `${lang}|${key}`;
  const n = missing.get(id) ?? 0;
  missing.set(id, n + 1);
  if (n === 0) onMissing?.(lang, key);
}

/**
 * A Chinese text a page in `lang` shows for want of a translation that no catalog key holds (a domain's own
 * text, a check's sentence): marked and counted like a missing catalog key, under `id`.
 */
export function untranslatedText(lang: Lang, id: string, chinese: string): string {
  if (lang === "zh-CN") return chinese;
  noteMissing(lang, id);
  return `${UNTRANSLATED_OPEN}${chinese}${UNTRANSLATED_CLOSE}`;
}

/** The shipped text of `key` in `lang`, if the catalog has one. */
export const shippedText = (lang: Lang, key: MessageKey): string | undefined => catalogs[lang][key];

export function translator(lang: Lang): Translate {
  const catalog = catalogs[lang];
  return (key, params) => {
    const own = renderContext.getStore()?.overrides?.[lang]?.get(key) ?? catalog[key];
    let template: string;
    if (own !== undefined) template = own;
    else {
      // A key the language lacks: the Chinese text, marked so the page shows it is untranslated.
      noteMissing(lang, key);
      template = `${UNTRANSLATED_OPEN}${zhCN[key]}${UNTRANSLATED_CLOSE}`;
    }
    if (!params) return template;
    return template.replace(/\{(\w+)\}/g, (m, name: string) =>
      name in params ? String(params[name]).replace(SENTINELS, "") : m,
    );
  };
}

/** Whether a key is translated in `lang`, by the catalog or the site's override. */
export const hasTranslation = (lang: Lang, key: MessageKey): boolean =>
  catalogs[lang][key] !== undefined || renderContext.getStore()?.overrides?.[lang]?.has(key) === true;

/** Drops the untranslated markers (text that is not HTML: feeds, JSON, e-mail). */
export const stripUntranslated = (text: string): string =>
  text.includes(UNTRANSLATED_OPEN) ? text.replace(SENTINELS, "") : text;

const RAW_TEXT = /^<(\/?)(title|textarea|script|style|option)\b/i;
const MARKED = /\uE0F0([^\uE0F0\uE0F1]*)\uE0F1/g;

/**
 * Shows each untranslated text of an HTML page as what it is: Chinese (`lang="zh-CN"`, so a screen reader
 * switches voice) in an element the stylesheet marks. Inside tags (attribute values) and elements that hold
 * only text (title, textarea, option) the markers are dropped.
 */
export function markUntranslated(html: string): string {
  if (!html.includes(UNTRANSLATED_OPEN)) return html;
  let raw = false;
  return html.replace(/<[^>]*>|[^<]+/g, (tok) => {
    if (tok.startsWith("<")) {
      const m = RAW_TEXT.exec(tok);
      if (m) raw = m[1] === "";
      return tok.replace(SENTINELS, "");
    }
    if (raw) return tok.replace(SENTINELS, "");
    return tok.replace(MARKED, '<span lang="zh-CN" class="untranslated">$1</span>').replace(SENTINELS, "");
  });
}

/** Every key of the catalog (the Chinese one is the source). */
export const ALL_KEYS = Object.keys(zhCN) as MessageKey[];

// A domain's own catalog of its public pages' words (services, gazette, meetings…), kept beside its pages and
// registered here under a namespace, so it follows the same rules as the shared one: the site's overrides
// (`<namespace>.<key>`), a missing Mongolian text shown in Chinese and marked, and the back office's list.
interface DomainCatalog {
  zh: Readonly<Record<string, string>>;
  mn: Readonly<Partial<Record<string, string>>>;
}
const domainCatalogs = new Map<string, DomainCatalog>();

const fill = (template: string, params?: Record<string, string | number>) =>
  params
    ? template.replace(/\{(\w+)\}/g, (m, name: string) =>
        name in params ? String(params[name]).replace(SENTINELS, "") : m,
      )
    : template;

/**
 * Registers a domain's catalog and returns its translator factory: `text(lang)(key, params)`. The Mongolian
 * side may lack keys (shown in Chinese, marked, listed as untranslated); the Chinese side is the source.
 */
export function defineCatalog<K extends string>(
  namespace: string,
  zh: Readonly<Record<K, string>>,
  mn: Readonly<Partial<Record<K, string>>>,
): (lang: Lang) => (key: K, params?: Record<string, string | number>) => string {
  domainCatalogs.set(namespace, { zh, mn });
  return (lang) => (key, params) => {
    const id = `${namespace}.${key}`;
    const own =
      renderContext.getStore()?.overrides?.[lang]?.get(id) ?? (lang === "zh-CN" ? zh[key] : mn[key]);
    return fill(own ?? untranslatedText(lang, id, zh[key]), params);
  };
}

const domainEntry = (id: string): { catalog: DomainCatalog; key: string } | undefined => {
  const dot = id.indexOf(".");
  const catalog = dot > 0 ? domainCatalogs.get(id.slice(0, dot)) : undefined;
  const key = id.slice(dot + 1);
  return catalog && Object.hasOwn(catalog.zh, key) ? { catalog, key } : undefined;
};

/** Every UI string's id: the shared catalog's keys, then each domain catalog's (`namespace.key`). */
export function allTextIds(): string[] {
  const out: string[] = [...ALL_KEYS];
  for (const [ns, c] of [...domainCatalogs].sort(([a], [b]) => a.localeCompare(b)))
    for (const k of Object.keys(c.zh)) out.push(`${ns}.${k}`);
  return out;
}

/** The shipped text of any UI string (shared or a domain's) in `lang`; undefined when it has none. */
export function shippedTextOf(lang: Lang, id: string): string | undefined {
  if (Object.hasOwn(zhCN, id)) return catalogs[lang][id as MessageKey];
  const d = domainEntry(id);
  if (!d) return undefined;
  return lang === "zh-CN" ? d.catalog.zh[d.key] : d.catalog.mn[d.key];
}

/** Whether `id` names a UI string of the shared catalog or a domain's. */
export const isTextId = (id: string): boolean => Object.hasOwn(zhCN, id) || domainEntry(id) !== undefined;

export function langFromPath(path: string): Lang {
  return path === "/mn" || path.startsWith("/mn/") ? "mn-Mong" : "zh-CN";
}

/** The same page in the other language. */
export function switchLangPath(path: string, to: Lang): string {
  const bare = langFromPath(path) === "mn-Mong" ? path.slice(3) || "/" : path;
  return to === "mn-Mong" ? (bare === "/" ? "/mn/" : `/mn${bare}`) : bare;
}

export type { MessageKey };
