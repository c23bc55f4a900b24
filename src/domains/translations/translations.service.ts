// The county's own wording of the portal's UI strings (issue 18 item 2). Every key of the shipped catalogs
// (src/web/i18n) can be reviewed and replaced per site and language by the office at the site root; a
// replacement is one row (site, language, key), audited, and shown at once: the site's overrides are kept in
// memory per site (one query per site per CACHE_MS, or after a change), and a change clears them and the
// public page cache. Keys missing in Mongolian are listed as untranslated, with how often pages showed them.
import type { Deps } from "../../deps";
import { AppError, Problems } from "../../platform/errors";
import {
  allTextIds,
  isPublicKey,
  isTextId,
  LANGS,
  type Lang,
  missingTranslationCounts,
  type Overrides,
  shippedTextOf,
} from "../../web/i18n";
import { invalidatePublicPages, onOtherInstanceChange } from "../../web/page-cache";
import { actorOf, type CurrentUser } from "../accounts";
import { recordAudit } from "../audit";
import { loadOrgTree, resolvePublicSite } from "../orgs";
import { authoriseTranslations } from "./translations.policy";
import * as repo from "./translations.repo";

/** How long a site's overrides are reused before they are read again (a change made by another process). */
export const CACHE_MS = 60_000;
export const MAX_TEXT = 2000;

interface CacheEntry {
  at: number;
  value: Promise<Overrides>;
}
const caches = new WeakMap<object, Map<string, CacheEntry>>();
/** How many times overrides were read from the database (tests check the cache with it). */
export const overrideLoads = { n: 0 };

function cacheOf(deps: Pick<Deps, "db">): Map<string, CacheEntry> {
  let c = caches.get(deps.db);
  if (!c) {
    const fresh = new Map<string, CacheEntry>();
    caches.set(deps.db, fresh);
    // Several instances: another instance's override change clears the pages here (page-cache.ts); the
    // overrides they are rendered from must go with them, or the pages would be rendered again from stale ones.
    onOtherInstanceChange(deps, () => fresh.clear());
    c = fresh;
  }
  return c;
}

async function loadOverrides(deps: Pick<Deps, "db">, siteId: string): Promise<Overrides> {
  overrideLoads.n++;
  const rows = await repo.listOverrideRows(deps.db.kysely, siteId);
  const out: Record<string, Map<string, string>> = {};
  for (const r of rows) {
    if (!isTextId(r.key)) continue; // a key a later release dropped
    const m = out[r.lang] ?? new Map<string, string>();
    m.set(r.key, r.text);
    out[r.lang] = m;
  }
  return out as Overrides;
}

/** The site's overrides, from memory when read less than CACHE_MS ago and unchanged since. */
export function overridesOf(deps: Pick<Deps, "db">, siteId: string): Promise<Overrides> {
  const cache = cacheOf(deps);
  const hit = cache.get(siteId);
  if (hit && performance.now() - hit.at < CACHE_MS) return hit.value;
  const value = loadOverrides(deps, siteId);
  cache.set(siteId, { at: performance.now(), value });
  value.catch(() => cache.delete(siteId));
  return value;
}

/** The overrides of the site a public request's Host names. */
export async function overridesForHost(deps: Pick<Deps, "db">, hostname: string): Promise<Overrides> {
  const site = await resolvePublicSite(deps, { hostname });
  return overridesOf(deps, site.id);
}

/** A change: the site's overrides are read again, and every cached public page is rendered again. */
function forget(deps: Pick<Deps, "db">, siteId: string): void {
  cacheOf(deps).delete(siteId);
  invalidatePublicPages(deps);
}

export const isLang = (s: string): s is Lang => (LANGS as readonly string[]).includes(s);

const keyNotFound = () => new AppError("translation_key_not_found", 404, "没有这条界面文字。");
const langNotFound = () => new AppError("translation_lang_not_found", 404, "不支持该语言。");

function checkTarget(lang: string, key: string): { lang: Lang; key: string } {
  if (!isLang(lang)) throw langNotFound();
  if (!isTextId(key)) throw keyNotFound();
  return { lang, key };
}

const placeholdersOf = (s: string): string[] =>
  [...new Set([...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!))].sort();

async function authorise(deps: Deps, user: CurrentUser) {
  authoriseTranslations(user, await loadOrgTree(deps, user.siteId));
}

export type TranslationFilter = "all" | "untranslated" | "overridden";

export interface TranslationEntry {
  key: string;
  /** The shipped Chinese text (the source). */
  source: string;
  /** The shipped text in the language asked for; null when the catalog lacks it. */
  shipped: string | null;
  /** The site's own text, if any. */
  override: string | null;
  /** What pages show: the override, else the shipped text, else null (the Chinese text, marked). */
  effective: string | null;
  /** No text in this language at all: pages show the Chinese text, marked as untranslated. */
  untranslated: boolean;
  /** Shown on the public portal (false: the back office only, Chinese only). */
  public_portal: boolean;
  /** How often pages of this process showed the key untranslated since it started. */
  missing_renders: number;
  updated_at: string | null;
}

/** Every key in `lang` with its shipped and overriding texts, filtered and searched. */
export async function listTranslations(
  deps: Deps,
  user: CurrentUser,
  q: { lang: string; filter?: TranslationFilter; search?: string },
): Promise<{ lang: Lang; items: TranslationEntry[]; untranslated: number; overridden: number }> {
  await authorise(deps, user);
  if (!isLang(q.lang)) throw langNotFound();
  const lang = q.lang;
  const rows = await repo.listOverrideRows(deps.db.kysely, user.siteId);
  const own = new Map(rows.filter((r) => r.lang === lang).map((r) => [r.key, r]));
  const counts = missingTranslationCounts();
  const all: TranslationEntry[] = allTextIds().map((key) => {
    const shipped = shippedTextOf(lang, key) ?? null;
    const o = own.get(key);
    const effective = o?.text ?? shipped;
    return {
      key,
      source: shippedTextOf("zh-CN", key)!,
      shipped,
      override: o?.text ?? null,
      effective,
      untranslated: effective === null && isPublicKey(key),
      public_portal: isPublicKey(key),
      missing_renders: counts.get(`${lang}|${key}`) ?? 0,
      updated_at: o?.updated_at ?? null,
    };
  });
  const needle = (q.search ?? "").trim().toLowerCase();
  const items = all.filter((e) => {
    if (q.filter === "untranslated" && !e.untranslated) return false;
    if (q.filter === "overridden" && e.override === null) return false;
    if (!needle) return true;
    return [e.key, e.source, e.shipped ?? "", e.override ?? ""].some((s) => s.toLowerCase().includes(needle));
  });
  return {
    lang,
    items,
    untranslated: all.filter((e) => e.untranslated).length,
    overridden: all.filter((e) => e.override !== null).length,
  };
}

/** One key in `lang` (the edit page). */
export async function getTranslation(deps: Deps, user: CurrentUser, lang: string, key: string) {
  await authorise(deps, user);
  const t = checkTarget(lang, key);
  const row = await repo.findOverrideRow(deps.db.kysely, user.siteId, t.lang, t.key);
  const shipped = shippedTextOf(t.lang, t.key) ?? null;
  return {
    ...t,
    source: shippedTextOf("zh-CN", t.key)!,
    shipped,
    shipped_mn: shippedTextOf("mn-Mong", t.key) ?? null,
    override: row?.text ?? null,
    effective: row?.text ?? shipped,
    public_portal: isPublicKey(t.key),
    updated_at: row?.updated_at ?? null,
  };
}

/**
 * The site's own text for `key` in `lang`. Every problem named: empty, too long, or placeholders ({site},
 * {n}…) that differ from the Chinese source's (the page fills those in; one missing would show nothing,
 * one added would show the braces).
 */
export async function setTranslation(deps: Deps, user: CurrentUser, lang: string, key: string, text: string) {
  await authorise(deps, user);
  const t = checkTarget(lang, key);
  const value = (text ?? "").trim();
  const p = new Problems();
  if (!value) p.add("text", "required", "请填写文字；要恢复系统自带的文字，请使用“恢复默认”。");
  else if ([...value].length > MAX_TEXT) p.add("text", "too_long", `文字不能超过 ${MAX_TEXT} 个字。`);
  const want = placeholdersOf(shippedTextOf("zh-CN", t.key)!);
  const got = placeholdersOf(value);
  if (value && want.join() !== got.join()) {
    const missing = want.filter((x) => !got.includes(x)).map((x) => `{${x}}`);
    const extra = got.filter((x) => !want.includes(x)).map((x) => `{${x}}`);
    p.add(
      "text",
      "translation_placeholders",
      [
        missing.length ? `缺少占位符 ${missing.join("、")}` : "",
        extra.length ? `不能有占位符 ${extra.join("、")}` : "",
      ]
        .filter(Boolean)
        .join("；") + "（占位符由页面填入，须与中文原文一致）。",
    );
  }
  p.throwIfAny("界面文字未保存，请按提示修改。");
  const now = deps.clock.now().toISOString();
  await deps.db.kysely.transaction().execute(async (trx) => {
    const before = await repo.findOverrideRow(trx, user.siteId, t.lang, t.key);
    await repo.upsertOverrideRow(trx, {
      site_id: user.siteId,
      lang: t.lang,
      key: t.key,
      text: value,
      updated_by: user.id,
      updated_at: now,
    });
    await recordAudit(trx, deps.clock, actorOf(user), {
      action: "translation.override",
      entityType: "translation",
      entityId: `${t.lang}:${t.key}`,
      siteId: user.siteId,
      orgId: null,
      summary: {
        lang: t.lang,
        key: t.key,
        before: before?.text ?? shippedTextOf(t.lang, t.key) ?? null,
        after: value,
      },
    });
  });
  forget(deps, user.siteId);
  return getTranslation(deps, user, t.lang, t.key);
}

/** Back to the shipped text: the site's row removed (404 when there is none). */
export async function revertTranslation(deps: Deps, user: CurrentUser, lang: string, key: string) {
  await authorise(deps, user);
  const t = checkTarget(lang, key);
  await deps.db.kysely.transaction().execute(async (trx) => {
    const before = await repo.findOverrideRow(trx, user.siteId, t.lang, t.key);
    if (!before)
      throw new AppError("translation_override_not_found", 404, "本站点没有改写这条文字，无需恢复。");
    await repo.deleteOverrideRow(trx, user.siteId, t.lang, t.key);
    await recordAudit(trx, deps.clock, actorOf(user), {
      action: "translation.revert",
      entityType: "translation",
      entityId: `${t.lang}:${t.key}`,
      siteId: user.siteId,
      orgId: null,
      summary: { lang: t.lang, key: t.key, before: before.text, after: shippedTextOf(t.lang, t.key) ?? null },
    });
  });
  forget(deps, user.siteId);
  return getTranslation(deps, user, t.lang, t.key);
}
