// The wording of tables 二, 三 and 四 as the 2021 format (国办公开办函〔2021〕30号) prints them.
import { APPLICANT_TYPES, OUTCOMES } from "../applications";

export const COLUMNS = APPLICANT_TYPES;
export type Column = (typeof COLUMNS)[number];

export const COLUMN_LABELS: Record<Column | "total", string> = {
  natural: "自然人",
  commercial: "商业企业",
  research: "科研机构",
  public_interest: "社会公益组织",
  legal_service: "法律服务机构",
  other: "其他",
  total: "总计",
};

/** The rows of table 三 in order: the contract's keys. */
export const TABLE3_ROWS = ["received", "carried_in", ...OUTCOMES, "total", "carried_out"] as const;
export type Table3Row = (typeof TABLE3_ROWS)[number];

/** Each outcome's group (（三）不予公开 …) and its own line, as the format prints them. */
export const OUTCOME_LINES: Record<string, { group?: string; label: string }> = {
  disclose: { label: "（一）予以公开" },
  partial: { label: "（二）部分公开（区分处理的，只计这一情形，不计其他情形）" },
  "withhold.state_secret": { group: "（三）不予公开", label: "1.属于国家秘密" },
  "withhold.prohibited_by_law": { group: "（三）不予公开", label: "2.其他法律行政法规禁止公开" },
  "withhold.security_stability": { group: "（三）不予公开", label: "3.危及“三安全一稳定”" },
  "withhold.third_party": { group: "（三）不予公开", label: "4.保护第三方合法权益" },
  "withhold.internal_affairs": { group: "（三）不予公开", label: "5.属于三类内部事务信息" },
  "withhold.process_info": { group: "（三）不予公开", label: "6.属于四类过程性信息" },
  "withhold.enforcement_file": { group: "（三）不予公开", label: "7.属于行政执法案卷" },
  "withhold.administrative_query": { group: "（三）不予公开", label: "8.属于行政查询事项" },
  "unable.not_held": { group: "（四）无法提供", label: "1.本机关不掌握相关政府信息" },
  "unable.needs_creation": { group: "（四）无法提供", label: "2.没有现成信息需要另行制作" },
  "unable.still_unclear": { group: "（四）无法提供", label: "3.补正后申请内容仍不明确" },
  "not_handled.petition": { group: "（五）不予处理", label: "1.信访举报投诉类申请" },
  "not_handled.repeated": { group: "（五）不予处理", label: "2.重复申请" },
  "not_handled.publication": { group: "（五）不予处理", label: "3.要求提供公开出版物" },
  "not_handled.excessive": { group: "（五）不予处理", label: "4.无正当理由大量反复申请" },
  "not_handled.confirmation": {
    group: "（五）不予处理",
    label: "5.要求行政机关确认或重新出具已获取信息",
  },
  "other.no_correction": {
    group: "（六）其他处理",
    label: "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
  },
  "other.fee_unpaid": {
    group: "（六）其他处理",
    label: "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
  },
  "other.other": { group: "（六）其他处理", label: "3.其他" },
};

export const ROW_LABELS: Record<"received" | "carried_in" | "total" | "carried_out", string> = {
  received: "一、本年新收政府信息公开申请数量",
  carried_in: "二、上年结转政府信息公开申请数量",
  total: "（七）总计",
  carried_out: "四、结转下年度继续办理",
};

export const DISPUTE_LABELS: Record<string, string> = {
  review: "行政复议",
  litigation_direct: "行政诉讼（未经复议直接起诉）",
  litigation_after_review: "行政诉讼（复议后起诉）",
};
export const RESULT_LABELS: Record<string, string> = {
  upheld: "结果维持",
  corrected: "结果纠正",
  other: "其他结果",
  pending: "尚未审结",
  total: "总计",
};

export const BALANCE_CHECK = "一 + 二 = （七）+ 四";
