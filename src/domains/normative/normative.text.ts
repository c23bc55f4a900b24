import { defineCatalog, type Lang } from "../../web/i18n";

// The public register's catalogue, zh-CN and mn-Mong side by side (every key in both; the Mongolian to be
// reviewed by the county's language office, docs/i18n.md).
const ZH = {
  title: "规范性文件登记册",
  intro:
    "本县人民政府及其部门制定的行政规范性文件，经合法性审核、集体讨论决定后统一登记、统一编号、统一印发。登记册列明每份文件的有效性，文件废止或失效后仍保留在册，便于查询。",
  filters: "筛选",
  all: "全部",
  validity: "有效性",
  org: "发文机关",
  year: "成文年份",
  apply: "筛选",
  csv: "下载登记册（CSV）",
  none: "没有符合条件的规范性文件。",
  count: "共 {n} 件",
  doc_title: "标题",
  doc_number: "发文字号",
  registration_number: "登记编号",
  index_number: "索引号",
  formed_on: "成文日期",
  published_on: "发布日期",
  topic: "主题分类",
  expires_on: "有效期至",
  valid: "有效",
  expired: "已失效",
  repealed: "已废止",
  revised: "已修订",
  block_title: "规范性文件登记信息",
  cleanup: "依据《{title}》",
  amends: "修改了",
  amended_by: "被以下文件修改",
  repeals: "废止了",
  repealed_by: "被以下文件废止",
  register_link: "查看规范性文件登记册",
} as const;

export type NormativeKey = keyof typeof ZH;

const MN: Record<NormativeKey, string> = {
  title: "ᠬᠡᠮ ᠬᠡᠯᠪᠡᠷᠢᠵᠢᠭᠦᠯᠦᠭᠰᠡᠨ ᠪᠢᠴᠢᠭ ᠪᠠᠷᠢᠮᠲᠠ ᠶᠢᠨ ᠳᠠᠩᠰᠠ",
  intro:
    "ᠰᠢᠶᠠᠨ ᠦ ᠠᠷᠠᠳ ᠤᠨ ᠵᠠᠰᠠᠭ ᠤᠨ ᠭᠠᠵᠠᠷ ᠪᠣᠯᠤᠨ ᠲᠡᠭᠦᠨ ᠦ ᠬᠡᠯᠳᠡᠰ ᠦᠨ ᠲᠣᠭᠲᠠᠭᠠᠭᠰᠠᠨ ᠬᠡᠮ ᠬᠡᠯᠪᠡᠷᠢᠵᠢᠭᠦᠯᠦᠭᠰᠡᠨ ᠪᠢᠴᠢᠭ ᠪᠠᠷᠢᠮᠲᠠ ᠨᠢ ᠬᠠᠤᠯᠢ ᠶᠣᠰᠣᠨ ᠤ ᠬᠢᠨᠠᠯᠲᠠ᠂ ᠬᠠᠮᠲᠤ ᠶᠢᠨ ᠬᠡᠯᠡᠯᠴᠡᠭᠡᠨ ᠦ ᠳᠠᠷᠠᠭ᠎ᠠ ᠨᠢᠭᠡᠳᠦᠯᠲᠡᠢ ᠪᠦᠷᠢᠳᠬᠡᠭᠰᠡᠨ ᠪᠠᠢᠨ᠎ᠠ᠃ ᠳᠠᠩᠰᠠ ᠨᠢ ᠪᠢᠴᠢᠭ ᠪᠦᠷᠢ ᠶᠢᠨ ᠬᠦᠴᠦᠨ ᠲᠡᠢ ᠡᠰᠡᠬᠦ ᠶᠢ ᠢᠯᠡᠷᠬᠡᠢᠯᠡᠨ᠎ᠡ᠃",
  filters: "ᠰᠢᠯᠢᠬᠦ",
  all: "ᠪᠦᠬᠦ",
  validity: "ᠬᠦᠴᠦᠨ ᠲᠡᠢ ᠡᠰᠡᠬᠦ",
  org: "ᠪᠢᠴᠢᠭ ᠭᠠᠷᠭᠠᠭᠰᠠᠨ ᠪᠠᠢᠭᠤᠯᠤᠯᠭ᠎ᠠ",
  year: "ᠪᠢᠴᠢᠭ ᠪᠣᠯᠤᠭᠰᠠᠨ ᠣᠨ",
  apply: "ᠰᠢᠯᠢᠬᠦ",
  csv: "ᠳᠠᠩᠰᠠ ᠶᠢ ᠪᠠᠭᠤᠯᠭᠠᠬᠤ (CSV)",
  none: "ᠨᠥᠬᠦᠴᠡᠯ ᠳᠦ ᠲᠣᠬᠢᠷᠠᠬᠤ ᠪᠢᠴᠢᠭ ᠪᠠᠷᠢᠮᠲᠠ ᠦᠭᠡᠢ᠃",
  count: "ᠨᠡᠢᠲᠡ {n}",
  doc_title: "ᠭᠠᠷᠴᠠᠭ",
  doc_number: "ᠪᠢᠴᠢᠭ ᠤᠨ ᠳ᠋ᠤᠭᠠᠷ",
  registration_number: "ᠪᠦᠷᠢᠳᠬᠡᠯ ᠦᠨ ᠳ᠋ᠤᠭᠠᠷ",
  index_number: "ᠡᠷᠢᠬᠦ ᠳ᠋ᠤᠭᠠᠷ",
  formed_on: "ᠪᠢᠴᠢᠭ ᠪᠣᠯᠤᠭᠰᠠᠨ ᠡᠳᠦᠷ",
  published_on: "ᠨᠡᠢᠲᠡᠯᠡᠭᠰᠡᠨ ᠡᠳᠦᠷ",
  topic: "ᠰᠡᠳᠦᠪ ᠦᠨ ᠠᠩᠭᠢᠯᠠᠯ",
  expires_on: "ᠬᠦᠴᠦᠨ ᠲᠡᠢ ᠬᠤᠭᠤᠴᠠᠭ᠎ᠠ",
  valid: "ᠬᠦᠴᠦᠨ ᠲᠡᠢ",
  expired: "ᠬᠦᠴᠦᠨ ᠦᠭᠡᠢ ᠪᠣᠯᠤᠭᠰᠠᠨ",
  repealed: "ᠬᠦᠴᠦᠨ ᠢ ᠨᠢ ᠬᠦᠴᠦᠨ ᠦᠭᠡᠢ ᠪᠣᠯᠭᠠᠭᠰᠠᠨ",
  revised: "ᠵᠠᠰᠠᠪᠤᠷᠢᠯᠠᠭᠰᠠᠨ",
  block_title: "ᠬᠡᠮ ᠬᠡᠯᠪᠡᠷᠢᠵᠢᠭᠦᠯᠦᠭᠰᠡᠨ ᠪᠢᠴᠢᠭ ᠪᠠᠷᠢᠮᠲᠠ ᠶᠢᠨ ᠪᠦᠷᠢᠳᠬᠡᠯ",
  cleanup: "《{title}》 ᠢ ᠦᠨᠳᠦᠰᠦᠯᠡᠨ",
  amends: "ᠵᠠᠰᠠᠭᠰᠠᠨ ᠪᠢᠴᠢᠭ",
  amended_by: "ᠳᠣᠣᠷᠠᠬᠢ ᠪᠢᠴᠢᠭ ᠢᠶᠡᠷ ᠵᠠᠰᠠᠭᠳᠠᠭᠰᠠᠨ",
  repeals: "ᠬᠦᠴᠦᠨ ᠦᠭᠡᠢ ᠪᠣᠯᠭᠠᠭᠰᠠᠨ ᠪᠢᠴᠢᠭ",
  repealed_by: "ᠳᠣᠣᠷᠠᠬᠢ ᠪᠢᠴᠢᠭ ᠢᠶᠡᠷ ᠬᠦᠴᠦᠨ ᠦᠭᠡᠢ ᠪᠣᠯᠭᠠᠭᠳᠠᠭᠰᠠᠨ",
  register_link: "ᠳᠠᠩᠰᠠ ᠶᠢ ᠦᠵᠡᠬᠦ",
};

// Registered with the shared catalogs (src/web/i18n defineCatalog): the site's overrides apply, and a missing
// Mongolian text is shown in Chinese, marked and listed as untranslated, never silently.
const text = defineCatalog("normative", ZH, MN);

export function normativeText(lang: Lang) {
  return text(lang);
}

/** Validity as the register words it (已废止 for a repealed document). */
export const validityKey = (v: string): NormativeKey =>
  (["valid", "expired", "repealed", "revised"].includes(v) ? v : "valid") as NormativeKey;
