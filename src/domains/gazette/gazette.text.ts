import { defineCatalog, type Lang } from "../../web/i18n";

// The public gazette pages' catalogue (zh-CN source, mn-Mong beside it; a missing Mongolian key falls back to
// Chinese, as for the meeting pages). Mongolian text to be reviewed by the county's language office
// (docs/i18n.md).
const ZH = {
  title: "政府公报",
  database: "政府公报数据库",
  intro:
    "政府公报刊登县人民政府及其部门制发的规章和规范性文件，是政府信息公开的法定载体之一。公报以 PDF 版为准，每期公布其 SHA-256 校验值，可在本站“文件核验”中核对下载的文件。数据库收录自创刊以来的全部各期。",
  latest: "最新一期",
  issues: "历期公报",
  none: "暂无公报。",
  year: "年份",
  year_all: "全部年份",
  issue: "期次",
  issue_all: "全部期次",
  org: "发布机关",
  org_all: "全部机关",
  doc_number: "发文字号",
  q: "全文检索",
  search: "检索",
  results: "检索结果：共 {n} 篇",
  results_capped: "检索结果：共 {n} 篇以上",
  no_results: "没有找到符合条件的公报文件。",
  problems: "检索条件有误，请修改：",
  issue_label: "{year}年第{number}期（总第{total}期）",
  published_on: "出版日期",
  pdf: "下载 PDF 版（以此为准）",
  file: "下载原件",
  sha256: "PDF 文件 SHA-256 校验值",
  file_sha256: "文件 SHA-256 校验值",
  verify: "核验下载的文件",
  toc: "目录",
  corrections: "更正",
  corrected: "本文已刊登更正，见",
  correction_of: "更正对象：",
  correction_issue: "本期公报",
  correction_on: "{date}刊登",
  back: "返回政府公报数据库",
  imported: "本期为往期公报，内容以原件为准。",
  full_text: "全文",
  export: "开放数据：下载全部公报目录",
  previous: "上一页",
  next: "下一页",
  page_of: "第 {page} 页，共 {pages} 页",
  home_more: "查看全部公报",
} as const;

export type GazetteKey = keyof typeof ZH;

const MN: Partial<Record<GazetteKey, string>> = {
  title: "ᠵᠠᠰᠠᠭ ᠤᠨ ᠭᠠᠵᠠᠷ ᠤᠨ ᠮᠡᠳᠡᠭᠳᠡᠯ",
  database: "ᠵᠠᠰᠠᠭ ᠤᠨ ᠭᠠᠵᠠᠷ ᠤᠨ ᠮᠡᠳᠡᠭᠳᠡᠯ ᠦᠨ ᠮᠡᠳᠡᠭᠡᠯᠡᠯ ᠦᠨ ᠬᠥᠮᠥᠷᠭᠡ",
  latest: "ᠬᠠᠮᠤᠭ ᠰᠢᠨ᠎ᠡ ᠳᠤᠭᠠᠷ",
  issues: "ᠦᠡ ᠳᠡᠭᠡᠷᠡᠬᠢ ᠳᠤᠭᠠᠷ",
  none: "ᠮᠡᠳᠡᠭᠳᠡᠯ ᠪᠠᠶᠢᠬᠤ ᠦᠭᠡᠶ᠃",
  year: "ᠣᠨ",
  year_all: "ᠪᠦᠬᠦ ᠣᠨ",
  issue: "ᠳᠤᠭᠠᠷ",
  issue_all: "ᠪᠦᠬᠦ ᠳᠤᠭᠠᠷ",
  org: "ᠭᠠᠷᠭᠠᠭᠰᠠᠨ ᠪᠠᠶᠢᠭᠤᠯᠤᠯᠭ᠎ᠠ",
  org_all: "ᠪᠦᠬᠦ ᠪᠠᠶᠢᠭᠤᠯᠤᠯᠭ᠎ᠠ",
  doc_number: "ᠪᠢᠴᠢᠭ ᠦᠨ ᠳ᠋ᠤᠭᠠᠷ",
  q: "ᠪᠦᠬᠦ ᠪᠢᠴᠢᠭ ᠡᠴᠡ ᠬᠠᠢᠬᠤ",
  search: "ᠬᠠᠢᠬᠤ",
  results: "ᠬᠠᠶᠢᠯᠲᠠ ᠶᠢᠨ ᠦᠷ᠎ᠡ ᠳ᠋ᠦᠩ：{n}",
  results_capped: "ᠬᠠᠶᠢᠯᠲᠠ ᠶᠢᠨ ᠦᠷ᠎ᠡ ᠳ᠋ᠦᠩ：{n} ᠠᠴᠠ ᠢᠯᠡᠭᠦᠦ",
  no_results: "ᠲᠣᠬᠢᠷᠠᠬᠤ ᠮᠡᠳᠡᠭᠳᠡᠯ ᠣᠯᠳᠠᠭᠰᠠᠨ ᠦᠭᠡᠶ᠃",
  problems: "ᠬᠠᠢᠬᠤ ᠨᠥᠬᠦᠴᠡᠯ ᠪᠤᠷᠤᠭᠤ᠂ ᠵᠠᠰᠠᠭᠠᠷᠠᠢ：",
  issue_label: "{year} ᠣᠨ ᠤ {number} ᠳᠤᠭᠠᠷ（ᠶᠡᠷᠦᠩᠬᠡᠢ {total} ᠳᠤᠭᠠᠷ）",
  published_on: "ᠨᠡᠢᠲᠡᠯᠡᠭᠰᠡᠨ ᠡᠳᠦᠷ",
  pdf: "PDF ᠪᠢᠴᠢᠭ ᠪᠠᠭᠤᠯᠭᠠᠬᠤ（ᠡᠭᠦᠨ ᠢ ᠪᠠᠷᠢᠮᠵᠢᠯᠠᠨ᠎ᠠ）",
  file: "ᠡᠬᠢ ᠪᠢᠴᠢᠭ ᠪᠠᠭᠤᠯᠭᠠᠬᠤ",
  sha256: "PDF ᠪᠢᠴᠢᠭ ᠦᠨ SHA-256 ᠰᠢᠯᠭᠠᠬᠤ ᠲᠣᠭ᠎ᠠ",
  file_sha256: "ᠪᠢᠴᠢᠭ ᠦᠨ SHA-256 ᠰᠢᠯᠭᠠᠬᠤ ᠲᠣᠭ᠎ᠠ",
  verify: "ᠪᠠᠭᠤᠯᠭᠠᠭᠰᠠᠨ ᠪᠢᠴᠢᠭ ᠢ ᠰᠢᠯᠭᠠᠬᠤ",
  toc: "ᠭᠠᠷᠴᠠᠭ",
  corrections: "ᠵᠠᠰᠠᠪᠤᠷᠢ",
  corrected: "ᠡᠨᠡ ᠪᠢᠴᠢᠭ ᠲᠦ ᠵᠠᠰᠠᠪᠤᠷᠢ ᠨᠡᠢᠲᠡᠯᠡᠭᠰᠡᠨ᠂ ᠦᠵᠡᠬᠦ：",
  correction_of: "ᠵᠠᠰᠠᠭᠰᠠᠨ ᠪᠢᠴᠢᠭ：",
  correction_issue: "ᠡᠨᠡ ᠳᠤᠭᠠᠷ",
  correction_on: "{date} ᠨᠡᠢᠲᠡᠯᠡᠭᠰᠡᠨ",
  back: "ᠮᠡᠳᠡᠭᠳᠡᠯ ᠦᠨ ᠮᠡᠳᠡᠭᠡᠯᠡᠯ ᠦᠨ ᠬᠥᠮᠥᠷᠭᠡ ᠳᠦ ᠪᠤᠴᠠᠬᠤ",
  imported: "ᠡᠨᠡ ᠪᠣᠯ ᠡᠮᠦᠨᠡᠬᠢ ᠳᠤᠭᠠᠷ᠂ ᠡᠬᠢ ᠪᠢᠴᠢᠭ ᠢ ᠪᠠᠷᠢᠮᠵᠢᠯᠠᠨ᠎ᠠ᠃",
  full_text: "ᠪᠦᠬᠦ ᠪᠢᠴᠢᠭ",
  export: "ᠨᠡᠭᠡᠭᠡᠯᠲᠡᠲᠡᠢ ᠮᠡᠳᠡᠭᠡᠯᠡᠯ：ᠪᠦᠬᠦ ᠭᠠᠷᠴᠠᠭ ᠢ ᠪᠠᠭᠤᠯᠭᠠᠬᠤ",
  previous: "ᠡᠮᠦᠨᠡᠬᠢ ᠨᠢᠭᠤᠷ",
  next: "ᠳᠠᠷᠠᠭᠠᠴᠢ ᠨᠢᠭᠤᠷ",
  page_of: "{pages} ᠨᠢᠭᠤᠷ ᠠᠴᠠ {page} ᠳ᠋ᠤᠭᠠᠷ",
  home_more: "ᠪᠦᠬᠦ ᠮᠡᠳᠡᠭᠳᠡᠯ ᠢ ᠦᠵᠡᠬᠦ",
  intro:
    "ᠵᠠᠰᠠᠭ ᠤᠨ ᠭᠠᠵᠠᠷ ᠤᠨ ᠮᠡᠳᠡᠭᠳᠡᠯ ᠳᠦ ᠰᠢᠶᠠᠨ ᠤ ᠠᠷᠠᠳ ᠤᠨ ᠵᠠᠰᠠᠭ ᠪᠣᠯᠤᠨ ᠲᠡᠭᠦᠨ ᠦ ᠭᠠᠵᠠᠷ ᠬᠡᠯᠲᠡᠰ ᠦᠨ ᠳᠦᠷᠢᠮ ᠪᠢᠴᠢᠭ ᠢ ᠨᠡᠢᠲᠡᠯᠡᠨ᠎ᠡ᠃ PDF ᠪᠢᠴᠢᠭ ᠢ ᠪᠠᠷᠢᠮᠵᠢᠯᠠᠬᠤ ᠪᠥᠭᠡᠳ ᠳᠤᠭᠠᠷ ᠪᠦᠷᠢ ᠶᠢᠨ SHA-256 ᠲᠣᠭ᠎ᠠ ᠶᠢ ᠨᠡᠢᠲᠡᠯᠡᠨ᠎ᠡ᠃",
};

// Registered with the shared catalogs (src/web/i18n defineCatalog): the site's overrides apply, and a missing
// Mongolian text is shown in Chinese, marked and listed as untranslated, never silently.
const text = defineCatalog("gazette", ZH, MN);

export function gazetteText(lang: Lang) {
  return text(lang);
}

/** 「2025年第3期（总第15期）」 in the page's language. */
export const labelOf = (
  x: ReturnType<typeof gazetteText>,
  r: { year: number; number: number | null; total_number: number | null },
) => x("issue_label", { year: r.year, number: r.number ?? "—", total: r.total_number ?? "—" });
