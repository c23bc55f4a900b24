import type { MessageKey } from "./zh-CN";

// Traditional Mongolian (Uighurjin script) catalog for the public portal. Keys missing here fall back to
// Chinese. Translations were prepared by the developers and need review by the county's Mongolian
// language office before publication (docs/i18n.md).
export const mnMong: Partial<Record<MessageKey, string>> = {
  "lang.name": "ᠮᠣᠩᠭᠣᠯ",
  "lang.switch": "中文",
  "lang.switch_label": "ᠬᠢᠲᠠᠳ ᠬᠡᠯᠡ",
  "site.skip": "ᠭᠣᠣᠯ ᠠᠭᠤᠯᠭ᠎ᠠ ᠳᠤ ᠣᠴᠢᠬᠤ",
  "nav.label": "ᠭᠣᠣᠯ ᠵᠢᠭᠠᠯᠲᠠ",
  "nav.home": "ᠨᠢᠭᠤᠷ ᠬᠠᠭᠤᠳᠠᠰᠤ",
  "nav.disclosure": "ᠵᠠᠰᠠᠭ ᠤᠨ ᠠᠵᠢᠯ ᠢᠯᠡ ᠪᠣᠯᠭᠠᠬᠤ",
  "nav.services": "ᠵᠠᠰᠠᠭ ᠤᠨ ᠠᠵᠢᠯ ᠦᠢᠯᠡᠴᠢᠯᠡᠭᠡ",
  "nav.interaction": "ᠬᠠᠷᠢᠯᠴᠠᠨ ᠰᠣᠯᠢᠯᠴᠠᠭ᠎ᠠ",
  "nav.gazette": "ᠵᠠᠰᠠᠭ ᠤᠨ ᠭᠠᠵᠠᠷ ᠤᠨ ᠮᠡᠳᠡᠭᠳᠡᠯ",
  "search.label": "ᠬᠠᠢᠯᠲᠠ",
  "search.placeholder": "ᠲᠦᠯᠬᠢᠭᠦᠷ ᠦᠭᠡ",
  "search.submit": "ᠬᠠᠢᠬᠤ",
  "footer.sponsor": "ᠡᠷᠬᠢᠯᠡᠭᠴᠢ᠄ {site}",
  "footer.identifier": "ᠰᠦᠯᠵᠢᠶ᠎ᠡ ᠶᠢᠨ ᠥᠷᠲᠡᠭᠡ ᠶᠢᠨ ᠲᠡᠮᠳᠡᠭ ᠤᠨ ᠺᠣᠳ᠋᠄ {code}",
  "footer.contact": "ᠤᠲᠠᠰᠤ᠄ {phone}",
  "footer.address": "ᠬᠠᠶᠢᠭ᠄ {address}",
  "footer.staff_login": "ᠠᠵᠢᠯᠲᠠᠨ ᠨᠡᠪᠲᠡᠷᠡᠬᠦ",
  "home.title": "ᠨᠢᠭᠤᠷ ᠬᠠᠭᠤᠳᠠᠰᠤ",
  "home.welcome": "{site} ᠤᠨ ᠰᠦᠯᠵᠢᠶ᠎ᠡ ᠶᠢᠨ ᠥᠷᠲᠡᠭᠡ ᠳᠦ ᠬᠦᠷᠦᠯᠴᠡᠨ ᠢᠷᠡᠭᠰᠡᠨ ᠢ ᠲᠠᠨ ᠢ ᠤᠳᠤᠷᠢᠳᠬᠠᠨ ᠤᠳᠬᠤᠭᠠᠳ ᠪᠠᠶᠠᠷᠯᠠᠯ᠎ᠠ",
  "home.orgs": "ᠪᠠᠶᠢᠭᠤᠯᠤᠮᠵᠢ ᠶᠢᠨ ᠪᠦᠲᠦᠴᠡ",
  "page.published_at": "ᠨᠡᠶᠢᠲᠡᠯᠡᠭᠰᠡᠨ ᠴᠠᠭ᠄ {time}",
  "error.title": "ᠠᠯᠳᠠᠭ᠎ᠠ ᠭᠠᠷᠪᠠ",
  "error.not_found": "ᠲᠠᠨ ᠤ ᠬᠠᠢᠭᠰᠠᠨ ᠨᠢᠭᠤᠷ ᠣᠯᠳᠠᠭᠰᠠᠨ ᠦᠭᠡᠢ",
  "error.back_home": "ᠨᠢᠭᠤᠷ ᠬᠠᠭᠤᠳᠠᠰᠤ ᠳᠤ ᠪᠤᠴᠠᠬᠤ",
};
