import { describe, expect, it } from "vitest";
import {
  ALL_KEYS,
  allTextIds,
  hasTranslation,
  isPublicKey,
  langFromPath,
  markUntranslated,
  missingTranslationCounts,
  renderContext,
  shippedTextOf,
  stripUntranslated,
  switchLangPath,
  translator,
  UNTRANSLATED_CLOSE,
  UNTRANSLATED_OPEN,
} from "./index";
import { mnMong } from "./mn-Mong";
import { type MessageKey, zhCN } from "./zh-CN";

// Names that are the same in every language (a file format, the language switch written in Chinese).
const SAME_IN_EVERY_LANGUAGE = new Set(["lang.switch", "export.json", "feeds.rss", "feeds.atom"]);

describe("i18n", () => {
  it("interpolates parameters", () => {
    expect(translator("zh-CN")("footer.identifier", { code: "1502220001" })).toBe("网站标识码：1502220001");
    expect(translator("mn-Mong")("footer.icp", { icp: "X" })).toBe("ICP ᠪᠦᠷᠢᠳᠭᠡᠯ ᠦᠨ ᠳ᠋ᠤᠭᠠᠷ᠄ X");
  });

  it("keeps every Mongolian key in the Chinese catalog, in Mongolian script, with the same placeholders", () => {
    const holes = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const [key, value] of Object.entries(mnMong)) {
      expect(zhCN).toHaveProperty(key);
      if (!SAME_IN_EVERY_LANGUAGE.has(key)) expect(value, key).toMatch(/[\u1800-\u18AF]/);
      expect(holes(value!), key).toEqual(holes(zhCN[key as MessageKey]));
    }
  });

  it("has a Mongolian text for every key the public portal shows", () => {
    const missing = ALL_KEYS.filter((k) => isPublicKey(k) && mnMong[k] === undefined);
    expect(missing).toEqual([]);
  });

  it("has a Mongolian text for every key of every domain's public catalog, with the same placeholders", async () => {
    await import("../../app"); // every domain registers its catalog (defineCatalog) when its pages load
    const holes = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    const ids = allTextIds().filter((id) => !Object.hasOwn(zhCN, id));
    for (const ns of ["services", "gazette", "meetings", "applications", "calendar", "catalog"])
      expect(
        ids.some((id) => id.startsWith(`${ns}.`)),
        ns,
      ).toBe(true);
    const missing = ids.filter((id) => shippedTextOf("mn-Mong", id) === undefined);
    expect(missing).toEqual([]);
    for (const id of ids)
      expect(holes(shippedTextOf("mn-Mong", id)!), id).toEqual(holes(shippedTextOf("zh-CN", id)!));
  }, 60_000);

  it("never falls back silently: a missing Mongolian text is the Chinese one, marked, and counted", () => {
    // A back-office key has no Mongolian text: asked for in Mongolian, it comes back marked.
    const key = ALL_KEYS.find((k) => !isPublicKey(k) && mnMong[k] === undefined)!;
    expect(key).toBeDefined();
    const before = missingTranslationCounts().get(`mn-Mong|${key}`) ?? 0;
    const text = translator("mn-Mong")(key);
    expect(text).toBe(`${UNTRANSLATED_OPEN}${zhCN[key]}${UNTRANSLATED_CLOSE}`);
    expect(missingTranslationCounts().get(`mn-Mong|${key}`)).toBe(before + 1);
    expect(hasTranslation("mn-Mong", key)).toBe(false);
    const html = `<!doctype html><html><head><title>${text}</title></head><body><a title="${text}">${text}</a><textarea>${text}</textarea></body></html>`;
    const out = markUntranslated(html);
    expect(out).toContain(
      `<a title="${zhCN[key]}"><span lang="zh-CN" class="untranslated">${zhCN[key]}</span></a>`,
    );
    expect(out).toContain(`<title>${zhCN[key]}</title>`);
    expect(out).toContain(`<textarea>${zhCN[key]}</textarea>`);
    expect(out).not.toMatch(/[\uE0F0\uE0F1]/);
    expect(stripUntranslated(text)).toBe(zhCN[key]);
    // Chinese never counts as missing.
    expect(translator("zh-CN")(key)).toBe(zhCN[key]);
  });

  it("takes the site's override from the request's render context, in that language only", () => {
    const overrides = { "mn-Mong": new Map([["nav.home", "ᠡᠬᠢᠨ ᠨᠢᠭᠤᠷ"]]) };
    renderContext.run({ overrides }, () => {
      expect(translator("mn-Mong")("nav.home")).toBe("ᠡᠬᠢᠨ ᠨᠢᠭᠤᠷ");
      expect(translator("zh-CN")("nav.home")).toBe("首页");
    });
    expect(translator("mn-Mong")("nav.home")).toBe(mnMong["nav.home"]);
  });

  it("maps paths between languages", () => {
    expect(langFromPath("/mn/")).toBe("mn-Mong");
    expect(langFromPath("/mnx")).toBe("zh-CN");
    expect(switchLangPath("/", "mn-Mong")).toBe("/mn/");
    expect(switchLangPath("/mn/", "zh-CN")).toBe("/");
    expect(switchLangPath("/mn/gk", "zh-CN")).toBe("/gk");
  });
});
