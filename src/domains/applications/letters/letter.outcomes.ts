// The reply outcomes (one per row of the annual report's table 三) and the non-final notices, with the
// Chinese label and report row of each. The applications workflow and the annual report read these too.

/** Reply outcomes, one per row of the annual report's table 三 (CONTRACT.md). */
export const REPLY_OUTCOMES = [
  "disclose",
  "partial",
  "withhold.state_secret",
  "withhold.prohibited_by_law",
  "withhold.security_stability",
  "withhold.third_party",
  "withhold.internal_affairs",
  "withhold.process_info",
  "withhold.enforcement_file",
  "withhold.administrative_query",
  "unable.not_held",
  "unable.needs_creation",
  "unable.still_unclear",
  "not_handled.petition",
  "not_handled.repeated",
  "not_handled.publication",
  "not_handled.excessive",
  "not_handled.confirmation",
  "other.no_correction",
  "other.fee_unpaid",
  "other.other",
] as const;
export type ReplyOutcome = (typeof REPLY_OUTCOMES)[number];

/** The grounds to withhold, also the ground of the part withheld in a partial disclosure (withheld_ground). */
export type WithholdGround = Extract<ReplyOutcome, `withhold.${string}`>;
export const WITHHOLD_GROUNDS: readonly WithholdGround[] = REPLY_OUTCOMES.filter((o): o is WithholdGround =>
  o.startsWith("withhold."),
);
export const isWithholdGround = (s: string | null | undefined): s is WithholdGround =>
  (WITHHOLD_GROUNDS as readonly string[]).includes(s ?? "");

/**
 * Letters sent before the reply: 补正告知书, 延期答复告知书, 收费通知书, 征求第三方意见函, and the two of Art. 35
 * (说明理由通知书; 延迟答复告知书 with the reasonable period the office sets).
 */
export const NOTICE_KINDS = [
  "correction",
  "extension",
  "fee_notice",
  "consultation",
  "reasons_request",
  "delayed_reply",
] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

export type LetterKind = ReplyOutcome | NoticeKind;
export const LETTER_KINDS: readonly LetterKind[] = [...REPLY_OUTCOMES, ...NOTICE_KINDS];

export const isReplyOutcome = (s: string): s is ReplyOutcome =>
  (REPLY_OUTCOMES as readonly string[]).includes(s);
export const isLetterKind = (s: string): s is LetterKind => (LETTER_KINDS as readonly string[]).includes(s);

/** The Chinese name of each outcome, as table 三 of the annual report words it. */
export const OUTCOME_LABELS: Readonly<Record<ReplyOutcome, string>> = {
  disclose: "予以公开",
  partial: "部分公开",
  "withhold.state_secret": "不予公开—属于国家秘密",
  "withhold.prohibited_by_law": "不予公开—其他法律行政法规禁止公开",
  "withhold.security_stability": "不予公开—危及“三安全一稳定”",
  "withhold.third_party": "不予公开—保护第三方合法权益",
  "withhold.internal_affairs": "不予公开—属于三类内部事务信息",
  "withhold.process_info": "不予公开—属于四类过程性信息",
  "withhold.enforcement_file": "不予公开—属于行政执法案卷",
  "withhold.administrative_query": "不予公开—属于行政查询事项",
  "unable.not_held": "无法提供—本机关不掌握相关政府信息",
  "unable.needs_creation": "无法提供—没有现成信息需要另行制作",
  "unable.still_unclear": "无法提供—补正后申请内容仍不明确",
  "not_handled.petition": "不予处理—信访举报投诉类申请",
  "not_handled.repeated": "不予处理—重复申请",
  "not_handled.publication": "不予处理—要求提供公开出版物",
  "not_handled.excessive": "不予处理—无正当理由大量反复申请",
  "not_handled.confirmation": "不予处理—要求行政机关确认或重新出具已获取信息",
  "other.no_correction": "其他处理—申请人逾期不补正，不再处理",
  "other.fee_unpaid": "其他处理—申请人逾期未缴费，不再处理",
  "other.other": "其他处理—其他",
};

/** The row of table 三 (国办公开办函〔2021〕30号 format) each outcome is counted in. */
export const OUTCOME_REPORT_ROWS: Readonly<Record<ReplyOutcome, string>> = {
  disclose: "三（一）",
  partial: "三（二）",
  "withhold.state_secret": "三（三）1",
  "withhold.prohibited_by_law": "三（三）2",
  "withhold.security_stability": "三（三）3",
  "withhold.third_party": "三（三）4",
  "withhold.internal_affairs": "三（三）5",
  "withhold.process_info": "三（三）6",
  "withhold.enforcement_file": "三（三）7",
  "withhold.administrative_query": "三（三）8",
  "unable.not_held": "三（四）1",
  "unable.needs_creation": "三（四）2",
  "unable.still_unclear": "三（四）3",
  "not_handled.petition": "三（五）1",
  "not_handled.repeated": "三（五）2",
  "not_handled.publication": "三（五）3",
  "not_handled.excessive": "三（五）4",
  "not_handled.confirmation": "三（五）5",
  "other.no_correction": "三（六）1",
  "other.fee_unpaid": "三（六）2",
  "other.other": "三（六）3",
};
