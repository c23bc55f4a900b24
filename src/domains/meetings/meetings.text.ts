import type { Lang } from "../../web/i18n";

// The public meeting pages' catalogue (zh-CN source, mn-Mong beside it; a missing Mongolian key falls back to
// Chinese, as for the consultation pages). Mongolian text to be reviewed by the county's language office
// (docs/i18n.md).
const ZH = {
  title: "政府会议",
  intro:
    "涉及群众切身利益的政府常务会议、专题会议和听证会，在此公布会议预告和议题。市民、企业代表、利益相关方等可在报名期内申请列席；会议纪要和决定在会后公开。",
  none: "暂无会议。",
  back: "返回政府会议",
  org: "组织单位",
  kind: "会议类型",
  kind_executive: "政府常务会议",
  kind_topical: "专题会议",
  kind_hearing: "听证会",
  kind_forum: "座谈会",
  kind_other: "其他会议",
  when: "会议时间",
  place: "会议地点",
  agenda: "会议议题",
  related_item: "相关信息",
  related_consultation: "相关征求意见",
  apply_period: "列席报名时间",
  apply_range: "{start} 至 {end}",
  counts_label: "公众列席",
  counts: "名额 {seats} 个，已收到申请 {applications} 份，已同意 {approved} 人",
  status_open: "正在接受列席报名",
  status_upcoming: "即将召开",
  status_applications_closed: "报名已截止",
  status_held: "已召开",
  status_minutes_published: "已公开会议纪要",
  status_cancelled: "已取消",
  stream: "网络直播",
  stream_watch: "观看直播或回放",
  stream_later: "会议当天在此公布直播地址。",
  cancel_reason: "取消原因",
  minutes: "会议纪要和决定",
  decision: "决定文件",
  form_title: "申请列席",
  form_intro:
    "姓名和联系电话加密保存，仅用于审核和通知，不会公开。提交后请记下查询码和密码，凭此查看审核结果。",
  f_name: "姓名",
  f_phone: "联系电话",
  f_identity: "身份",
  identity_citizen: "市民代表",
  identity_business: "企业代表",
  identity_stakeholder: "利益相关方",
  identity_deputy: "人大代表、政协委员",
  identity_expert: "专家学者",
  identity_media: "新闻媒体",
  f_reason: "申请列席的理由",
  check: "验证问题：{question}",
  submit: "提交申请",
  errors: "申请未提交，请按提示修改：",
  check_failed: "验证问题回答不正确，请重新计算后填写。",
  not_open: "列席报名将于 {start} 开始。",
  closed_notice: "列席报名已截止，不再接受申请。",
  cancelled_notice: "会议已取消。",
  done_title: "列席申请已提交",
  done_intro: "请记下查询码和密码（只显示这一次），凭此查看审核结果：",
  code: "查询码",
  secret: "密码",
  track_title: "列席申请查询",
  track_link: "查询列席申请",
  track_intro: "请输入提交申请时得到的查询码和密码。",
  track_submit: "查询",
  track_failed: "查询码或密码不正确。",
  result: "审核结果",
  meeting: "会议",
  reason: "理由",
  att_pending: "待审核",
  att_approved: "同意列席",
  att_declined: "未同意列席",
  previous: "上一页",
  next: "下一页",
  page_of: "第 {page} 页，共 {pages} 页",
} as const;

export type MeetingKey = keyof typeof ZH;

const MN: Partial<Record<MeetingKey, string>> = {
  title: "ᠵᠠᠰᠠᠭ ᠤᠨ ᠭᠠᠵᠠᠷ ᠤᠨ ᠬᠤᠷᠠᠯ",
  none: "ᠬᠤᠷᠠᠯ ᠪᠠᠶᠢᠬᠤ ᠦᠭᠡᠶ᠃",
  org: "ᠵᠣᠬᠢᠶᠠᠨ ᠪᠠᠶᠢᠭᠤᠯᠬᠤ ᠪᠠᠶᠢᠭᠤᠯᠤᠯᠭ᠎ᠠ",
  when: "ᠬᠤᠷᠠᠯ ᠤᠨ ᠴᠠᠭ",
  place: "ᠬᠤᠷᠠᠯ ᠤᠨ ᠭᠠᠵᠠᠷ",
  agenda: "ᠬᠤᠷᠠᠯ ᠤᠨ ᠰᠡᠳᠦᠪ",
  back: "ᠵᠠᠰᠠᠭ ᠤᠨ ᠭᠠᠵᠠᠷ ᠤᠨ ᠬᠤᠷᠠᠯ ᠳᠤ ᠪᠤᠴᠠᠬᠤ",
  kind: "ᠬᠤᠷᠠᠯ ᠤᠨ ᠲᠦᠷᠦᠯ",
  apply_range: "{start} ᠡᠴᠡ {end} ᠬᠦᠷᠲᠡᠯ᠎ᠡ",
  minutes: "ᠬᠤᠷᠠᠯ ᠤᠨ ᠲᠡᠮᠳᠡᠭᠯᠡᠯ",
  f_name: "ᠨᠡᠷ᠎ᠡ",
  f_phone: "ᠤᠲᠠᠰᠤ",
  check: "ᠪᠠᠲᠤᠯᠠᠬᠤ ᠠᠰᠠᠭᠤᠯᠲᠠ：{question}",
  check_failed: "ᠪᠠᠲᠤᠯᠠᠬᠤ ᠠᠰᠠᠭᠤᠯᠲᠠ ᠶᠢᠨ ᠬᠠᠷᠢᠭᠤ ᠪᠤᠷᠤᠭᠤ᠃",
  previous: "ᠡᠮᠦᠨᠡᠬᠢ ᠨᠢᠭᠤᠷ",
  next: "ᠳᠠᠷᠠᠭᠠᠴᠢ ᠨᠢᠭᠤᠷ",
  page_of: "{pages} ᠨᠢᠭᠤᠷ ᠠᠴᠠ {page} ᠳ᠋ᠤᠭᠠᠷ",
};

export function meetingText(lang: Lang) {
  return (key: MeetingKey, params?: Record<string, string | number>): string => {
    const template = (lang === "mn-Mong" ? MN[key] : undefined) ?? ZH[key];
    return params
      ? template.replace(/\{(\w+)\}/g, (m, n: string) => (n in params ? String(params[n]) : m))
      : template;
  };
}
