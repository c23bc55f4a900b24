import type { Lang } from "../../web/i18n";

// The public catalogue of the online-service statistics and the implementation reports (zh-CN source, mn-Mong
// beside it). Report titles and bodies and departments' names are the county's text and shown as entered.
// Mongolian text to be reviewed by the county's language office (docs/i18n.md).
const ZH = {
  stats_title: "网上办理情况统计",
  stats_intro:
    "本县在用政务服务事项中，可全程网办（全程网上办理，无需到现场）、“零跑动”（无需到现场）和“最多跑一次”（到现场不超过一次）的事项数量和比例，按实施部门和层级统计。",
  as_of: "统计时间：{date}",
  whole: "全县合计",
  by_org: "按实施部门",
  by_level: "按层级",
  col_org: "实施部门（单位）",
  col_level: "层级",
  col_total: "在用事项",
  col_online: "全程网办",
  col_zero: "零跑动",
  col_one: "最多跑一次",
  cell: "{n}（{pct}%）",
  chart_title: "各层级网上办理比例（%）",
  chart_desc: "图中数字见下方数据表。",
  period_year: "{year}年",
  period_1: "{year}年第一季度",
  period_2: "{year}年第二季度",
  period_3: "{year}年第三季度",
  period_4: "{year}年第四季度",
  none: "暂无在用事项。",
  reports_title: "互联网+政务服务实施情况报告",
  reports_intro: "县政务服务管理部门定期发布的“互联网+政务服务”实施情况报告。",
  reports_none: "暂无已发布的报告。",
  published_on: "{date} 发布",
  period: "报告期",
  figures_title: "报告期数据",
  figures_note: "以下数据取自 {date} 的统计，报告发布后不再变动。",
  draft_note: "草稿，尚未发布：数据为 {date} 的统计，保存时更新。",
  back_reports: "返回报告列表",
  back: "返回政务服务",
};
export type ReportTextKey = keyof typeof ZH;

const MN: Record<ReportTextKey, string> = {
  stats_title: "ᠰᠦᠯᠵᠢᠶ᠎ᠡ ᠪᠡᠷ ᠪᠦᠷᠢᠳᠬᠡᠬᠦ ᠪᠠᠢᠳᠠᠯ ᠤᠨ ᠰᠲ᠋ᠠᠲ᠋ᠢᠰᠲ᠋ᠢᠺ",
  stats_intro:
    "ᠰᠢᠶᠠᠨ ᠤ ᠬᠡᠷᠡᠭᠯᠡᠵᠦ ᠪᠤᠢ ᠵᠠᠰᠠᠭ ᠤᠨ ᠭᠠᠵᠠᠷ ᠤᠨ ᠦᠢᠯᠡᠴᠢᠯᠡᠭᠡ ᠶᠢᠨ ᠬᠡᠷᠡᠭ ᠡᠴᠡ ᠪᠦᠬᠦ ᠶᠠᠪᠤᠴᠠ ᠰᠦᠯᠵᠢᠶ᠎ᠡ ᠪᠡᠷ᠂ ᠨᠢᠭᠡ ᠴᠢ ᠤᠳᠠᠭ᠎ᠠ ᠢᠷᠡᠬᠦ ᠦᠭᠡᠢ ᠪᠠ ᠬᠠᠮᠤᠭ ᠤᠯᠠᠨ ᠳᠠᠭᠠᠨ ᠨᠢᠭᠡ ᠤᠳᠠᠭ᠎ᠠ ᠢᠷᠡᠬᠦ ᠬᠡᠷᠡᠭ ᠦᠨ ᠲᠣᠭ᠎ᠠ ᠪᠠ ᠬᠤᠪᠢ ᠶᠢ ᠬᠡᠯᠲᠡᠰ ᠪᠠ ᠳᠡᠰ ᠢᠶᠡᠷ ᠨᠢ ᠪᠣᠳᠣᠨ᠎ᠠ᠃",
  as_of: "ᠪᠣᠳᠣᠭᠰᠠᠨ ᠴᠠᠭ：{date}",
  whole: "ᠰᠢᠶᠠᠨ ᠤ ᠨᠡᠢᠲᠡ",
  by_org: "ᠬᠡᠯᠲᠡᠰ ᠢᠶᠡᠷ",
  by_level: "ᠳᠡᠰ ᠢᠶᠡᠷ",
  col_org: "ᠬᠡᠷᠡᠭᠵᠢᠭᠦᠯᠬᠦ ᠬᠡᠯᠲᠡᠰ",
  col_level: "ᠳᠡᠰ",
  col_total: "ᠬᠡᠷᠡᠭᠯᠡᠵᠦ ᠪᠤᠢ ᠬᠡᠷᠡᠭ",
  col_online: "ᠪᠦᠬᠦ ᠶᠠᠪᠤᠴᠠ ᠰᠦᠯᠵᠢᠶ᠎ᠡ ᠪᠡᠷ",
  col_zero: "ᠨᠢᠭᠡ ᠴᠢ ᠤᠳᠠᠭ᠎ᠠ ᠢᠷᠡᠬᠦ ᠦᠭᠡᠢ",
  col_one: "ᠬᠠᠮᠤᠭ ᠤᠯᠠᠨ ᠳᠠᠭᠠᠨ ᠨᠢᠭᠡ ᠤᠳᠠᠭ᠎ᠠ",
  cell: "{n}（{pct}%）",
  chart_title: "ᠳᠡᠰ ᠪᠦᠷᠢ ᠶᠢᠨ ᠰᠦᠯᠵᠢᠶ᠎ᠡ ᠪᠡᠷ ᠪᠦᠷᠢᠳᠬᠡᠬᠦ ᠬᠤᠪᠢ（%）",
  chart_desc: "ᠵᠢᠷᠤᠭ ᠳᠠᠬᠢ ᠲᠣᠭ᠎ᠠ ᠨᠢ ᠳᠣᠣᠷᠠᠬᠢ ᠬᠦᠰᠦᠨᠦᠭᠲᠦ ᠪᠠᠢᠨ᠎ᠠ᠃",
  period_year: "{year} ᠣᠨ",
  period_1: "{year} ᠣᠨ ᠤ 1 ᠳᠦᠭᠡᠷ ᠤᠯᠠᠷᠢᠯ",
  period_2: "{year} ᠣᠨ ᠤ 2 ᠳᠤᠭᠠᠷ ᠤᠯᠠᠷᠢᠯ",
  period_3: "{year} ᠣᠨ ᠤ 3 ᠳᠤᠭᠠᠷ ᠤᠯᠠᠷᠢᠯ",
  period_4: "{year} ᠣᠨ ᠤ 4 ᠳᠦᠭᠡᠷ ᠤᠯᠠᠷᠢᠯ",
  none: "ᠬᠡᠷᠡᠭᠯᠡᠵᠦ ᠪᠤᠢ ᠬᠡᠷᠡᠭ ᠦᠭᠡᠢ᠃",
  reports_title: "ᠢᠨᠲᠸᠷᠨᠸᠲ+ᠵᠠᠰᠠᠭ ᠤᠨ ᠭᠠᠵᠠᠷ ᠤᠨ ᠦᠢᠯᠡᠴᠢᠯᠡᠭᠡ ᠶᠢᠨ ᠬᠡᠷᠡᠭᠵᠢᠯᠲᠡ ᠶᠢᠨ ᠢᠯᠡᠳᠬᠡᠯ",
  reports_intro: "ᠰᠢᠶᠠᠨ ᠤ ᠵᠠᠰᠠᠭ ᠤᠨ ᠭᠠᠵᠠᠷ ᠤᠨ ᠦᠢᠯᠡᠴᠢᠯᠡᠭᠡ ᠶᠢᠨ ᠬᠡᠯᠲᠡᠰ ᠦᠨ ᠳᠠᠪᠲᠠᠮᠵᠢᠲᠠᠢ ᠨᠡᠢᠲᠡᠯᠡᠳᠡᠭ ᠢᠯᠡᠳᠬᠡᠯ᠃",
  reports_none: "ᠨᠡᠢᠲᠡᠯᠡᠭᠰᠡᠨ ᠢᠯᠡᠳᠬᠡᠯ ᠦᠭᠡᠢ᠃",
  published_on: "{date} ᠨᠡᠢᠲᠡᠯᠡᠭᠰᠡᠨ",
  period: "ᠢᠯᠡᠳᠬᠡᠯ ᠦᠨ ᠬᠤᠭᠤᠴᠠᠭ᠎ᠠ",
  figures_title: "ᠢᠯᠡᠳᠬᠡᠯ ᠦᠨ ᠬᠤᠭᠤᠴᠠᠭᠠᠨ ᠤ ᠲᠣᠭ᠎ᠠ ᠪᠠᠷᠢᠮᠲᠠ",
  figures_note: "ᠳᠣᠣᠷᠠᠬᠢ ᠲᠣᠭ᠎ᠠ ᠪᠠᠷᠢᠮᠲᠠ {date} ᠦ ᠰᠲ᠋ᠠᠲ᠋ᠢᠰᠲ᠋ᠢᠺ ᠡᠴᠡ ᠠᠪᠤᠭᠰᠠᠨ᠂ ᠨᠡᠢᠲᠡᠯᠡᠭᠰᠡᠨ ᠦ ᠳᠠᠷᠠᠭ᠎ᠠ ᠦᠯᠦ ᠦᠬᠡᠷᠡᠴᠢᠯᠡᠨ᠎ᠡ᠃",
  draft_note: "ᠨᠣᠶᠤᠭ᠎ᠠ᠂ ᠨᠡᠢᠲᠡᠯᠡᠭᠡ ᠦᠭᠡᠢ：{date} ᠦ ᠰᠲ᠋ᠠᠲ᠋ᠢᠰᠲ᠋ᠢᠺ᠃",
  back_reports: "ᠢᠯᠡᠳᠬᠡᠯ ᠦᠨ ᠵᠢᠭᠰᠠᠭᠠᠯᠲᠠ ᠳᠤ ᠪᠤᠴᠠᠬᠤ",
  back: "ᠵᠠᠰᠠᠭ ᠤᠨ ᠭᠠᠵᠠᠷ ᠤᠨ ᠦᠢᠯᠡᠴᠢᠯᠡᠭᠡ ᠳᠦ ᠪᠤᠴᠠᠬᠤ",
};

export function reportText(lang: Lang) {
  return (key: ReportTextKey, params?: Record<string, string | number>): string => {
    const template = lang === "mn-Mong" ? MN[key] : ZH[key];
    return params
      ? template.replace(/\{(\w+)\}/g, (m, n: string) => (n in params ? String(params[n]) : m))
      : template;
  };
}

/** A report's period in the page's language: a year, or a quarter of it. */
export function periodText(lang: Lang, year: number, quarter: number): string {
  const x = reportText(lang);
  return quarter >= 1 && quarter <= 4
    ? x(`period_${quarter}` as ReportTextKey, { year })
    : x("period_year", { year });
}
