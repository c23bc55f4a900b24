import type { Lang } from "../../web/i18n";

// The public consultation pages' catalogue (zh-CN source, mn-Mong beside it; a missing Mongolian key falls
// back to Chinese). Mongolian text to be reviewed by the county's language office (docs/i18n.md).
const ZH = {
  title: "征求意见",
  intro: "重大行政决策和政策文件草案在此公开征求社会公众意见。欢迎您在征求意见期限内提出意见和建议。",
  none: "暂无征求意见。",
  org: "起草单位",
  period: "征求意见期限",
  period_range: "{start} 至 {end}（{days}日）",
  days_left: "距截止还有 {days} 天",
  last_day: "今天是最后一天",
  not_started: "尚未开始，{start} 起接收意见",
  ended: "已截止",
  short_reason: "期限少于30日的理由",
  close_note: "提前结束的原因",
  major: "重大行政决策",
  status_open: "正在征求意见",
  status_closed: "征求意见已结束",
  status_reported: "已发布反馈报告",
  draft: "征求意见稿",
  documents: "相关文件",
  comments: "公众意见",
  no_comments: "暂无公开的意见。",
  comment_number: "第{number}条",
  anonymous: "匿名",
  form_title: "提交意见",
  form_intro: "姓名和联系方式可不填写。联系方式加密保存，不会公开；意见经起草单位审核后去除个人信息公开。",
  body: "意见内容",
  name: "姓名（选填）",
  phone: "联系电话（选填）",
  email: "电子邮箱（选填）",
  check: "验证问题：{question}",
  submit: "提交意见",
  sent: "您的第{number}条意见已收到，经审核后公开。谢谢您的参与！",
  errors: "意见未提交，请按提示修改：",
  check_failed: "验证问题回答不正确，请重新计算后填写。",
  closed_notice: "征求意见已结束，不再接收意见。",
  report: "意见采纳情况反馈报告",
  decision: "采纳情况",
  decision_adopted: "采纳",
  decision_partly: "部分采纳",
  decision_not_adopted: "未采纳",
  reason: "理由",
  report_counts: "共公开意见 {total} 条：采纳 {adopted} 条，部分采纳 {partly} 条，未采纳 {not_adopted} 条。",
  report_group: "{decision}（{count}条）",
  report_none: "无。",
  final_policy: "正式政策文件",
  back_link: "本文件曾公开征求意见：",
  previous: "上一页",
  next: "下一页",
  page_of: "第 {page} 页，共 {pages} 页",
} as const;

export type ConsultationKey = keyof typeof ZH;

const MN: Partial<Record<ConsultationKey, string>> = {
  title: "ᠰᠠᠨᠠᠯ ᠠᠰᠠᠭᠤᠬᠤ",
  intro:
    "ᠶᠡᠬᠡ ᠵᠠᠰᠠᠭ ᠵᠠᠬᠢᠷᠭᠠᠨ ᠤ ᠱᠢᠢᠳᠪᠦᠷᠢ ᠪᠣᠯᠤᠨ ᠪᠣᠳᠣᠯᠭ᠎ᠠ ᠶᠢᠨ ᠪᠢᠴᠢᠭ ᠤᠨ ᠨᠣᠮᠤᠭ ᠢ ᠡᠨᠳᠡ ᠣᠯᠠᠨ ᠨᠡᠶᠢᠲᠡ ᠡᠴᠡ ᠰᠠᠨᠠᠯ ᠠᠰᠠᠭᠤᠨ᠎ᠠ᠃",
  none: "ᠰᠠᠨᠠᠯ ᠠᠰᠠᠭᠤᠬᠤ ᠵᠦᠢᠯ ᠪᠠᠶᠢᠬᠤ ᠦᠭᠡᠶ᠃",
  org: "ᠨᠣᠮᠤᠭᠯᠠᠭᠰᠠᠨ ᠪᠠᠶᠢᠭᠤᠯᠤᠯᠭ᠎ᠠ",
  period: "ᠰᠠᠨᠠᠯ ᠠᠰᠠᠭᠤᠬᠤ ᠬᠤᠭᠤᠴᠠᠭ᠎ᠠ",
  period_range: "{start} ᠡᠴᠡ {end} ᠬᠦᠷᠲᠡᠯ᠎ᠡ（{days} ᠡᠳᠦᠷ）",
  days_left: "ᠳᠠᠭᠤᠰᠬᠤ ᠳᠤ {days} ᠡᠳᠦᠷ ᠦᠯᠡᠳᠡᠪᠡ",
  last_day: "ᠥᠨᠥᠳᠦᠷ ᠰᠡᠭᠦᠯᠴᠢ ᠡᠳᠦᠷ",
  not_started: "ᠡᠬᠢᠯᠡᠭᠡ ᠦᠭᠡᠶ᠂ {start} ᠡᠴᠡ ᠰᠠᠨᠠᠯ ᠬᠦᠯᠢᠶᠡᠨ ᠠᠪᠤᠨ᠎ᠠ",
  ended: "ᠳᠠᠭᠤᠰᠪᠠ",
  short_reason: "30 ᠡᠳᠦᠷ ᠡᠴᠡ ᠳᠣᠣᠷ᠎ᠠ ᠬᠤᠭᠤᠴᠠᠭ᠎ᠠ ᠶᠢᠨ ᠰᠢᠯᠲᠠᠭᠠᠨ",
  close_note: "ᠡᠷᠲᠡ ᠳᠠᠭᠤᠰᠭᠠᠭᠰᠠᠨ ᠰᠢᠯᠲᠠᠭᠠᠨ",
  major: "ᠶᠡᠬᠡ ᠵᠠᠰᠠᠭ ᠵᠠᠬᠢᠷᠭᠠᠨ ᠤ ᠱᠢᠢᠳᠪᠦᠷᠢ",
  status_open: "ᠰᠠᠨᠠᠯ ᠠᠰᠠᠭᠤᠵᠤ ᠪᠠᠶᠢᠨ᠎ᠠ",
  status_closed: "ᠰᠠᠨᠠᠯ ᠠᠰᠠᠭᠤᠬᠤ ᠳᠠᠭᠤᠰᠪᠠ",
  status_reported: "ᠬᠠᠷᠢᠭᠤ ᠮᠡᠳᠡᠭᠦᠯᠦᠯᠲᠡ ᠶᠢ ᠨᠡᠶᠢᠲᠡᠯᠡᠪᠡ",
  draft: "ᠰᠠᠨᠠᠯ ᠠᠰᠠᠭᠤᠬᠤ ᠨᠣᠮᠤᠭ",
  documents: "ᠬᠣᠯᠪᠣᠭᠳᠠᠯ ᠪᠢᠴᠢᠭ",
  comments: "ᠣᠯᠠᠨ ᠨᠡᠶᠢᠲᠡ ᠶᠢᠨ ᠰᠠᠨᠠᠯ",
  no_comments: "ᠨᠡᠶᠢᠲᠡᠯᠡᠭᠰᠡᠨ ᠰᠠᠨᠠᠯ ᠪᠠᠶᠢᠬᠤ ᠦᠭᠡᠶ᠃",
  comment_number: "ᠳ᠋ᠤᠭᠠᠷ {number}",
  anonymous: "ᠨᠡᠷ᠎ᠡ ᠦᠭᠡᠶ",
  form_title: "ᠰᠠᠨᠠᠯ ᠲᠤᠰᠢᠶᠠᠬᠤ",
  form_intro:
    "ᠨᠡᠷ᠎ᠡ ᠪᠠ ᠬᠠᠷᠢᠯᠴᠠᠬᠤ ᠠᠷᠭ᠎ᠠ ᠶᠢ ᠪᠢᠴᠢᠬᠦ ᠦᠭᠡᠶ ᠴᠦ ᠪᠣᠯᠤᠨ᠎ᠠ᠃ ᠬᠠᠷᠢᠯᠴᠠᠬᠤ ᠠᠷᠭ᠎ᠠ ᠶᠢ ᠨᠢᠭᠤᠴᠠᠯᠠᠨ ᠬᠠᠳᠠᠭᠠᠯᠠᠵᠤ᠂ ᠨᠡᠶᠢᠲᠡᠯᠡᠬᠦ ᠦᠭᠡᠶ᠃",
  body: "ᠰᠠᠨᠠᠯ ᠤᠨ ᠠᠭᠤᠯᠭ᠎ᠠ",
  name: "ᠨᠡᠷ᠎ᠡ（ᠰᠣᠩᠭᠣᠨ ᠪᠢᠴᠢᠨ᠎ᠡ）",
  phone: "ᠤᠲᠠᠰᠤ（ᠰᠣᠩᠭᠣᠨ ᠪᠢᠴᠢᠨ᠎ᠡ）",
  email: "ᠢᠮᠸᠯ（ᠰᠣᠩᠭᠣᠨ ᠪᠢᠴᠢᠨ᠎ᠡ）",
  check: "ᠪᠠᠲᠤᠯᠠᠬᠤ ᠠᠰᠠᠭᠤᠯᠲᠠ：{question}",
  submit: "ᠰᠠᠨᠠᠯ ᠲᠤᠰᠢᠶᠠᠬᠤ",
  sent: "ᠲᠠᠨ ᠤ {number} ᠳ᠋ᠤᠭᠠᠷ ᠰᠠᠨᠠᠯ ᠢ ᠬᠦᠯᠢᠶᠡᠨ ᠠᠪᠤᠯ᠎ᠠ᠂ ᠬᠢᠨᠠᠭᠠᠳ ᠨᠡᠶᠢᠲᠡᠯᠡᠨ᠎ᠡ᠃ ᠪᠠᠶᠠᠷᠯᠠᠯ᠎ᠠ！",
  errors: "ᠰᠠᠨᠠᠯ ᠲᠤᠰᠢᠶᠠᠭᠳᠠᠭᠰᠠᠨ ᠦᠭᠡᠶ᠂ ᠵᠠᠰᠠᠭᠠᠷᠠᠶ᠎ᠠ：",
  check_failed: "ᠪᠠᠲᠤᠯᠠᠬᠤ ᠠᠰᠠᠭᠤᠯᠲᠠ ᠶᠢᠨ ᠬᠠᠷᠢᠭᠤ ᠪᠤᠷᠤᠭᠤ᠃",
  closed_notice: "ᠰᠠᠨᠠᠯ ᠠᠰᠠᠭᠤᠬᠤ ᠳᠠᠭᠤᠰᠴᠤ᠂ ᠰᠠᠨᠠᠯ ᠬᠦᠯᠢᠶᠡᠨ ᠠᠪᠬᠤ ᠦᠭᠡᠶ᠃",
  report: "ᠰᠠᠨᠠᠯ ᠬᠦᠯᠢᠶᠡᠨ ᠠᠪᠤᠭᠰᠠᠨ ᠪᠠᠶᠢᠳᠠᠯ ᠤᠨ ᠬᠠᠷᠢᠭᠤ ᠮᠡᠳᠡᠭᠦᠯᠦᠯᠲᠡ",
  decision: "ᠬᠦᠯᠢᠶᠡᠨ ᠠᠪᠤᠭᠰᠠᠨ ᠪᠠᠶᠢᠳᠠᠯ",
  decision_adopted: "ᠬᠦᠯᠢᠶᠡᠨ ᠠᠪᠤᠭᠰᠠᠨ",
  decision_partly: "ᠬᠡᠰᠡᠭ ᠴᠢᠯᠡᠨ ᠬᠦᠯᠢᠶᠡᠨ ᠠᠪᠤᠭᠰᠠᠨ",
  decision_not_adopted: "ᠬᠦᠯᠢᠶᠡᠨ ᠠᠪᠤᠭ᠎ᠠ ᠦᠭᠡᠶ",
  reason: "ᠰᠢᠯᠲᠠᠭᠠᠨ",
  report_group: "{decision}（{count}）",
  report_counts:
    "ᠨᠡᠢᠲᠡ ᠳᠦ ᠢᠯᠡ ᠪᠣᠯᠭᠠᠭᠰᠠᠨ ᠰᠠᠨᠠᠯ {total}᠄ ᠬᠦᠯᠢᠶᠡᠨ ᠠᠪᠤᠭᠰᠠᠨ {adopted}᠂ ᠬᠡᠰᠡᠭ ᠴᠢᠯᠡᠨ ᠬᠦᠯᠢᠶᠡᠨ ᠠᠪᠤᠭᠰᠠᠨ {partly}᠂ ᠬᠦᠯᠢᠶᠡᠨ ᠠᠪᠤᠭ᠎ᠠ ᠦᠭᠡᠶ {not_adopted}᠃",
  report_none: "—",
  final_policy: "ᠠᠯᠪᠠᠨ ᠪᠣᠳᠣᠯᠭ᠎ᠠ ᠶᠢᠨ ᠪᠢᠴᠢᠭ",
  back_link: "ᠡᠨᠡ ᠪᠢᠴᠢᠭ ᠢ ᠣᠯᠠᠨ ᠨᠡᠶᠢᠲᠡ ᠡᠴᠡ ᠰᠠᠨᠠᠯ ᠠᠰᠠᠭᠤᠭᠰᠠᠨ：",
  previous: "ᠡᠮᠦᠨᠡᠬᠢ ᠨᠢᠭᠤᠷ",
  next: "ᠳᠠᠷᠠᠭᠠᠴᠢ ᠨᠢᠭᠤᠷ",
  page_of: "{pages} ᠨᠢᠭᠤᠷ ᠠᠴᠠ {page} ᠳ᠋ᠤᠭᠠᠷ",
};

export function consultationText(lang: Lang) {
  return (key: ConsultationKey, params?: Record<string, string | number>): string => {
    const template = (lang === "mn-Mong" ? MN[key] : undefined) ?? ZH[key];
    return params
      ? template.replace(/\{(\w+)\}/g, (m, n: string) => (n in params ? String(params[n]) : m))
      : template;
  };
}
