import { mnMong } from "./mn-Mong";
import { type MessageKey, zhCN } from "./zh-CN";

export type Lang = "zh-CN" | "mn-Mong";
export const LANGS: readonly Lang[] = ["zh-CN", "mn-Mong"];

/** URL prefix of each language on the public portal: Chinese at the root, Mongolian under /mn. */
export const LANG_PREFIX: Record<Lang, string> = { "zh-CN": "", "mn-Mong": "/mn" };

const catalogs: Record<Lang, Partial<Record<MessageKey, string>>> = { "zh-CN": zhCN, "mn-Mong": mnMong };

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

export function translator(lang: Lang): Translate {
  const catalog = catalogs[lang];
  return (key, params) => {
    const template = catalog[key] ?? zhCN[key];
    if (!params) return template;
    return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
  };
}

/** Whether a key is translated in `lang` (so pages can say which content has a Mongolian version). */
export const hasTranslation = (lang: Lang, key: MessageKey): boolean => catalogs[lang][key] !== undefined;

export function langFromPath(path: string): Lang {
  return path === "/mn" || path.startsWith("/mn/") ? "mn-Mong" : "zh-CN";
}

/** The same page in the other language. */
export function switchLangPath(path: string, to: Lang): string {
  const bare = langFromPath(path) === "mn-Mong" ? path.slice(3) || "/" : path;
  return to === "mn-Mong" ? (bare === "/" ? "/mn/" : `/mn${bare}`) : bare;
}

export type { MessageKey };
