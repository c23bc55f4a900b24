/**
 * What the audit log shows people: a Chinese name for every action code passed to `recordAudit`, grouped by
 * area for the filter, and the summary's keys and values as 字段：值 lines. The codes themselves stay in the
 * database, the API and the CLI. audit.labels.test.ts fails when an action used in src has no label here.
 */
import { formatShanghai } from "../../platform/time";
// Leaf label tables only (they import nothing of ours): the domains' index files would import audit back.
import { ROLE_LABELS } from "../accounts/accounts.policy";
import {
  APPLICANT_TYPE_LABELS,
  STATUS_LABELS as APPLICATION_STATUS_LABELS,
  CHANNEL_LABELS,
} from "../applications/applications.schemas";
import { OUTCOME_LABELS } from "../applications/letters/letter.outcomes";
import {
  CHANNEL_LABELS as MESSAGE_CHANNEL_LABELS,
  STATUS_LABELS as MESSAGE_STATUS_LABELS,
  TYPE_LABELS as MESSAGE_TYPE_LABELS,
  RATING_LABELS,
  REJECT_REASON_LABELS,
} from "../interaction/interaction.schemas";
import { MN_STATUS_LABELS } from "../mongolian/mongolian.schemas";
import {
  KIND_LABELS as ITEM_KIND_LABELS,
  STATUS_LABELS as ITEM_STATUS_LABELS,
  VALIDITY_LABELS,
} from "../publishing/publishing.schemas";
import type { VerifyProblem } from "./audit.verify";

export interface ActionArea {
  key: string;
  label: string;
  actions: Record<string, string>;
}

export const AUDIT_AREAS: readonly ActionArea[] = [
  {
    key: "auth",
    label: "登录与账户",
    actions: {
      "auth.login": "登录",
      "auth.logout": "退出登录",
      "auth.login_failed": "登录失败",
      "auth.locked": "多次登录失败，暂停登录",
      "auth.totp_verified": "双因素认证通过",
      "auth.totp_failed": "双因素验证码错误",
      "auth.recovery_code_used": "使用恢复码登录",
      "auth.totp_enabled": "启用双因素认证",
      "auth.totp_disabled": "停用双因素认证",
      "auth.reauth_failed": "更改双因素认证前确认密码失败",
      "auth.recovery_codes_renewed": "重新生成恢复码",
      "auth.totp_reset": "管理员重置双因素认证",
      "user.create": "创建账户",
      "user.password_change": "修改密码",
      "user.email": "修改电子邮箱",
      "user.unlock": "解除登录锁定",
      "user.disable": "停用账户",
      "user.enable": "启用账户",
      "token.create": "创建接口令牌",
      "token.revoke": "撤销接口令牌",
    },
  },
  {
    key: "org",
    label: "站点与机构",
    actions: {
      "site.create": "新建站点",
      "site.four_eyes": "修改审签回避设置",
      "org.create": "新建机构",
      "site.parent_government": "设置上一级人民政府",
      "org.review_route": "设置行政复议机关",
    },
  },
  {
    key: "catalog",
    label: "公开目录",
    actions: {
      "catalog.seed": "初始化公开目录",
      "catalog.node.create": "新建目录栏目",
      "catalog.node.rename": "栏目改名",
      "catalog.node.update": "修改栏目",
      "catalog.node.move": "移动栏目",
      "catalog.node.reorder": "调整栏目顺序",
      "catalog.node.archive": "停用栏目",
      "catalog.node.restore": "恢复栏目",
    },
  },
  {
    key: "consultation",
    label: "征求意见",
    actions: {
      "consultation.create": "新建征求意见",
      "consultation.edit": "修改征求意见草稿",
      "consultation.auto_close": "征求意见期满自动结束",
      "consultation.submit": "提交征求意见审核",
      "consultation.approve": "审核通过并发布征求意见",
      "consultation.reject": "退回征求意见",
      "consultation.close": "结束征求意见",
      "consultation.comment": "收到公众意见",
      "consultation.comment_approve": "公开公众意见",
      "consultation.comment_hide": "不予显示公众意见",
      "consultation.report_save": "保存意见采纳情况反馈报告",
      "consultation.submit_report": "提交反馈报告审核",
      "consultation.approve_report": "审核通过并发布反馈报告",
      "consultation.reject_report": "退回反馈报告",
      "consultation.link_policy": "关联正式政策文件",
      "consultation.document_add": "上传征求意见相关文件",
    },
  },
  {
    key: "meeting",
    label: "政府会议",
    actions: {
      "meeting.create": "新建会议预告",
      "meeting.update": "修改会议预告",
      "meeting.announce": "发布会议预告",
      "meeting.close_applications": "截止列席报名",
      "meeting.mark_held": "登记会议已召开",
      "meeting.publish_minutes": "公开会议纪要",
      "meeting.cancel": "取消会议",
      "meeting.attendance_apply": "收到列席申请",
      "meeting.attendance_approve": "同意列席申请",
      "meeting.attendance_decline": "不同意列席申请",
    },
  },
  {
    key: "service",
    label: "政务服务",
    actions: {
      "service.create": "新增政务服务事项",
      "service.edit": "修改事项待审版本",
      "service.propose_change": "提出变更事项",
      "service.propose_cancel": "提出取消事项",
      "service.submit": "提交事项审核",
      "service.approve": "批准事项版本",
      "service.reject": "退回事项修改",
      "service.material_create": "新增办事材料",
      "service.material_update": "修改办事材料",
      "service.material_file": "上传材料表格或样本",
      "service.import": "导入政务服务事项（Excel）",
      "service.hall_create": "新增服务大厅",
      "service.window_create": "新增服务窗口",
      "service.window_modes": "设置窗口便民服务模式",
      "service.modes": "修改便民服务模式清单",
      "service.bundle_create": "新增“一件事”",
      "service.list_create": "新建权责清单或公共服务事项清单",
      "service.list_edit": "修改清单草稿",
      "service.list_entry_add": "清单草稿添加事项",
      "service.list_entry_edit": "清单草稿修改事项",
      "service.list_entry_remove": "清单草稿删除事项",
      "service.list_new_version": "编制清单新版本",
      "service.list_submit": "提交清单审核",
      "service.list_publish": "审核通过并发布清单",
      "service.list_reject": "退回清单修改",
      "service.hall_update": "修改服务大厅",
      "service.window_update": "修改服务窗口",
      "service.bundle_update": "修改“一件事”",
      "service.report_create": "起草政务服务实施情况报告",
      "service.report_update": "修改政务服务实施情况报告",
      "service.report_publish": "发布政务服务实施情况报告",
    },
  },
  {
    key: "gazette",
    label: "政府公报",
    actions: {
      "gazette.create": "新建一期公报",
      "gazette.update": "编辑公报",
      "gazette.submit": "提交公报审核",
      "gazette.return": "退回公报修改",
      "gazette.review": "审核公报",
      "gazette.release": "发布公报",
      "gazette.correct": "刊登公报更正",
      "gazette.import": "导入往期公报",
    },
  },
  {
    key: "opinion",
    label: "舆情回应",
    actions: {
      "opinion.settings": "修改舆情回应时限和预警设置",
      "opinion.keyword_add": "添加舆情监测关键词",
      "opinion.keyword_remove": "删除舆情监测关键词",
      "opinion.feed_import": "导入新闻舆情",
      "opinion.warning_raise": "发出舆情预警",
      "opinion.case_draft": "由预警生成待研判舆情事件",
      "opinion.case_create": "登记舆情事件",
      "opinion.case_confirm": "研判立案",
      "opinion.case_dismiss": "舆情事件不予立案",
      "opinion.case_event": "记录舆情会商、跟进或发布情况",
      "opinion.case_response_draft": "起草舆情回应稿",
      "opinion.case_respond": "登记舆情已回应",
      "opinion.case_evaluate": "评估舆情回应效果",
      "opinion.case_close": "舆情事件办结",
      "opinion.case_accountability": "舆情回应问责",
      "supervision.issue": "发出12345热线督办通知",
      "supervision.close": "办结12345热线督办",
    },
  },
  {
    key: "newmedia",
    label: "政务新媒体",
    actions: {
      "newmedia.open": "登记开设政务新媒体账号",
      "newmedia.change": "政务新媒体变更备案",
      "newmedia.close": "政务新媒体关停备案",
      "newmedia.merge": "政务新媒体整合备案",
      "newmedia.activity": "登记政务新媒体运营情况",
      "newmedia.import": "导入政务新媒体运营情况",
      "newmedia.decide": "作出政务新媒体关停或整合意见",
      "newmedia.post_draft": "起草政务新媒体稿件",
      "newmedia.post_submit": "提交政务新媒体稿件审核",
      "newmedia.post_approve": "政务新媒体稿件审核通过",
      "newmedia.post_reject": "退回政务新媒体稿件",
      "newmedia.post_release": "发布政务新媒体稿件",
    },
  },
  {
    key: "report",
    label: "年度报告",
    actions: {
      "report.figures": "录入年度报告表二数据",
      "report.sections": "撰写年度报告总体情况、存在问题和其他事项",
      "report.release": "发布年度报告（生成信息草稿）",
    },
  },
  {
    key: "search",
    label: "站内搜索",
    actions: {
      "search.term_added": "添加搜索词典词语",
      "search.term_removed": "删除搜索词典词语",
      "search.reindex": "重建搜索索引",
    },
  },
  {
    key: "item",
    label: "信息发布",
    actions: {
      "item.create": "起草信息",
      "item.update": "修改草稿",
      "item.submit": "提交审查",
      "item.approve": "审查通过",
      "item.reject": "退回修改",
      "item.sign": "审签",
      "item.publish": "发布",
      "item.withdraw": "撤回",
      "item.supersede": "被新版本替换",
      "item.revise": "修订（生成新版本）",
      "item.validity": "变更效力状态",
      "item.attachment_add": "添加附件",
      "item.attachment_remove": "删除附件",
    },
  },
  {
    key: "mn",
    label: "蒙古文版本",
    actions: {
      "mn.save": "保存蒙古文译稿",
      "mn.submit": "提交蒙古文译文审核",
      "mn.approve": "蒙古文译文审核通过",
      "mn.reject": "退回蒙古文译文",
    },
  },
  {
    key: "review",
    label: "保密审查",
    actions: {
      "review.scan": "发布前检查",
      "review.mask": "去标识化处理",
      "review.exempt": "审查提示豁免",
      "review.settings": "修改审查设置",
      "review.links": "链接检查",
    },
  },
  {
    key: "application",
    label: "依申请公开",
    actions: {
      "application.create": "收到申请",
      "application.register": "登记受理",
      "application.assign": "分办",
      "application.request_correction": "告知补正",
      "application.receive_correction": "收到补正",
      "application.start_consultation": "征求第三方意见",
      "application.end_consultation": "结束征求意见",
      "application.extend": "延期答复",
      "application.fee_notice": "发出收费通知",
      "application.fee_paid": "确认已缴费",
      "application.reply": "答复",
      "application.merge": "合并办理",
      "application.request_reasons": "要求说明理由",
      "application.set_period": "确定延迟答复期限",
      "application.record_delivery": "登记送达",
      "application.dispute": "登记复议或诉讼",
      "application.file.view": "查看申请人材料",
      "application.file.add": "添加申请人材料",
      "application.document_add": "添加答复材料",
      "application.document_remove": "删除答复材料",
      "application.archive_publish": "答复选登发布",
      "application.archive_withdraw": "撤回答复选登",
      "application.repeat_decide": "认定重复申请",
      "application.suggest_proactive": "建议转为主动公开",
    },
  },
  {
    key: "message",
    label: "互动交流",
    actions: {
      "message.create": "收到留言",
      "message.error_report": "收到网站纠错",
      "message.accept": "受理留言",
      "message.reject": "留言不予受理",
      "message.transfer": "转办留言",
      "message.return": "退回留言",
      "message.draft_reply": "起草留言答复",
      "message.approve_reply": "审核并答复留言",
      "message.publish": "公开留言问答",
      "message.make_private": "留言设为不公开",
      "message.rate": "评价留言答复",
      "message.follow_up": "追问留言",
      "message.deadlines": "修改留言办理时限",
      "message.statistics_refresh": "更新互动交流统计存档",
    },
  },
  {
    key: "hotline",
    label: "12345热线",
    actions: {
      "hotline.ticket_create": "接收12345工单",
      "hotline.ticket_update": "更新12345工单",
      "hotline.satisfaction": "登记12345回访满意度",
      "hotline.import": "导入12345工单",
      "hotline.number_create": "登记热线号码",
      "hotline.number_update": "修改热线号码",
      "hotline.number_delete": "删除热线号码",
    },
  },
  {
    key: "translation",
    label: "网站界面文字",
    actions: {
      "translation.override": "改写界面文字",
      "translation.revert": "恢复界面文字",
    },
  },
  {
    key: "mail",
    label: "邮件",
    actions: {
      "mail.enqueue": "邮件待发送",
      "mail.sent": "邮件已发送",
      "mail.failed": "邮件发送失败",
      "mail.retry_scheduled": "邮件稍后重发",
      "mail.retry": "手动重发邮件",
    },
  },
  {
    key: "calendar",
    label: "节假日与期限",
    actions: {
      "calendar.notice.import": "导入节假日安排",
      "calendar.notice.replace": "更新节假日安排",
      "calendar.closure.add": "添加本地停止办公日",
      "calendar.closure.delete": "删除本地停止办公日",
      "clock.recompute": "重新计算办理期限",
      "clock.provisional": "按暂定节假日计算期限",
    },
  },
  {
    key: "integrity",
    label: "可核查与防篡改",
    actions: {
      "integrity.seal": "封存当日发布核验记录",
      "integrity.alert": "防篡改检查发现差异",
      "integrity.acknowledge": "确认防篡改告警",
    },
  },
  {
    key: "static",
    label: "静态发布",
    actions: {
      "static.publish": "发布静态站点",
      "static.restore": "静态站点文件被改，已恢复",
      "static.check": "静态站点文件核对发现差异",
    },
  },
  {
    key: "health",
    label: "网站健康检查",
    actions: { "health.check": "网站健康检查（预判检查结果）" },
  },
  {
    key: "assessment",
    label: "考核与问责",
    actions: {
      "assessment.indicator_create": "新增考核指标",
      "assessment.indicator_update": "修改考核指标",
      "assessment.indicator_defaults": "添加默认考核指标",
      "assessment.deductions": "设置问责扣分标准",
      "assessment.manual_value": "录入考核得分",
      "assessment.run": "计算考核结果",
      "assessment.finalise": "确定考核结果",
      "accountability.record": "登记问责（通报批评、约谈整改）",
      "accountability.rectify": "登记整改情况",
    },
  },
  {
    key: "normative",
    label: "规范性文件台账",
    actions: {
      "normative.register": "登记规范性文件（统一编号）",
      "normative.review": "修改合法性审核、集体讨论记录",
      "normative.filing": "登记规范性文件备案",
      "normative.link": "登记文件修改、废止关系",
      "normative.settings": "修改规范性文件台账规则",
      "normative.cleanup_create": "记录规范性文件清理",
      "normative.cleanup_release": "生成清理结果发布稿",
      "normative.cleanup_published": "清理结果发布，变更文件有效性",
      "normative.alerts": "规范性文件台账每日提醒",
    },
  },
  {
    key: "audit",
    label: "审计",
    actions: {
      "audit.reanchor": "重写审计链头文件",
      "backup.create": "备份数据库和数据目录",
      "backup.restore": "从备份恢复数据库和数据目录",
    },
  },
];

const ACTION_LABELS: ReadonlyMap<string, string> = new Map(
  AUDIT_AREAS.flatMap((a) => Object.entries(a.actions)),
);

export const hasActionLabel = (code: string) => ACTION_LABELS.has(code);

/** The Chinese name of an action; an unknown one (an entry from a newer version) gets a neutral name, not its code. */
export const actionLabel = (code: string) => ACTION_LABELS.get(code) ?? "其他操作";

export const areaByKey = (key: string) => AUDIT_AREAS.find((a) => a.key === key);

const ENTITY_LABELS: Record<string, string> = {
  item: "信息",
  application: "申请",
  application_repeat: "重复申请认定",
  message: "留言",
  user: "账户",
  api_token: "接口令牌",
  org: "机构",
  site: "站点",
  catalog_node: "目录栏目",
  calendar_notice: "节假日安排",
  calendar_closure: "停止办公日",
  statutory_clock: "办理期限",
  mail_message: "邮件",
  audit_head: "审计链",
  integrity_day: "每日发布核验记录",
  integrity_alert: "防篡改告警",
  static_target: "静态站点",
  hotline_number: "热线号码",
  translation: "界面文字",
  hotline_import: "12345工单导入",
  gazette_issue: "政府公报",
  normative_cleanup: "规范性文件清理",
  service_import: "政务服务事项导入",
  mn_version: "蒙古文版本",
};

export const entityLabel = (type: string) => ENTITY_LABELS[type] ?? "其他对象";

/** What a broken chain means, for the notice on the audit page (audit.verify.ts names the problem). */
const CHAIN_PROBLEMS: Record<VerifyProblem, string> = {
  hash_mismatch: "记录内容被改动",
  chain_broken: "记录之间的链接断开，可能被插入或替换",
  gap: "序号缺失，可能有记录被删除",
  head_mismatch: "链头与最后一条记录不符，可能末尾记录被删除",
  seal_mismatch: "早期记录的封存校验不符",
  rolled_back: "库外链头文件所记的记录在数据库中已不存在，数据库可能被回退",
  anchor_mismatch: "库外链头文件与数据库中的同一条记录不一致，数据库可能被回退后又写入",
  anchor_invalid: "库外链头文件无效或属于其他数据库",
};

export const chainProblemLabel = (problem: VerifyProblem) => CHAIN_PROBLEMS[problem] ?? "校验不通过";

// ---- summary: 字段：值 ----

const KEY_LABELS: Record<string, string> = {
  revision: "译稿稿次",
  translates_version: "所译中文版本",
  ticket_no: "工单编号",
  satisfaction: "满意度",
  status: "状态",
  note: "备注",
  reason: "原因",
  title: "标题",
  name: "名称",
  kind: "类别",
  kinds: "类别",
  code: "编码",
  org: "机构",
  org_id: "机构",
  parent: "上级机构",
  username: "用户名",
  user: "用户",
  label: "说明",
  roles: "角色",
  role: "角色",
  ip: "来源地址",
  failures: "连续失败次数",
  locked_until: "锁定至",
  disabled: "已停用",
  has_email: "已设电子邮箱",
  session_epoch: "会话批次",
  sessions_ended: "结束的会话数",
  index_number: "索引号",
  doc_number: "文号",
  late: "超过公开时限",
  version: "版本",
  revises: "修订自",
  replaced_by_version: "替换为",
  interprets: "解读对象",
  validity: "效力状态",
  on: "日期",
  relaxed: "放宽回避",
  tracking_code: "查询码",
  type: "类型",
  rating: "评价",
  drafted_by: "起草人",
  was_published: "曾公开",
  duplicate_of: "重复于",
  outcome: "答复结果",
  days: "天数",
  handler: "经办人",
  due_on: "答复期限",
  old_due_on: "原答复期限",
  new_due_on: "新答复期限",
  result: "结果",
  decision: "处理决定",
  finding: "审查提示",
  findings: "审查提示数",
  open: "未处理提示数",
  masked: "去标识化处数",
  sources: "来源",
  links: "链接数",
  dead: "失效链接数",
  nodes: "栏目数",
  year: "年份",
  date: "日期",
  file: "文件",
  files: "文件数",
  written: "写入文件数",
  removed: "删除文件数",
  missing: "缺失文件数",
  added: "多出文件数",
  restored: "恢复文件数",
  out_dir: "发布目录",
  position: "序号",
  source: "来源",
  archive: "选登记录",
  suggestion: "建议",
  reason_chars: "理由字数",
  seq: "序号",
  hash: "哈希",
  subject: "邮件主题",
  to: "收件人",
  attempts: "尝试次数",
  error: "错误",
  channel: "收件方式",
  filed_on: "提起日期",
  days_off: "放假天数",
  workdays: "调休上班天数",
  sha256: "文件指纹",
  content_sha256: "内容哈希",
  leaves: "信息数",
  day: "日期",
  differences: "差异数",
  difference_kinds: "差异类别",
  size: "大小",
  filename: "文件名",
  identifier_code: "网站标识码",
  hosts: "域名",
  applicant_type: "申请人类型",
  change: "变更",
  changed: "变更项",
  summary_chars: "摘要字数",
  reply_summary_chars: "答复摘要字数",
  address: "地址",
  allow_emails: "允许的电子邮箱",
  allow_phones: "允许的电话号码",
  sensitive_words: "敏感词",
  applicants: "申请人数",
  applications: "申请数",
  attachment: "附件",
  attachments: "附件数",
  attempt: "第几次尝试",
  max_attempts: "最多尝试次数",
  next_attempt_at: "下次尝试时间",
  document: "材料",
  ended: "已结束",
  entity: "对象",
  epoch: "会话批次",
  fee_yuan: "费用（元）",
  formed_on: "形成日期",
  from: "自",
  item: "信息",
  item_status: "信息状态",
  mime: "文件类型",
  platform_admin: "平台管理员",
  replaced: "被替换",
  replaced_by: "替换为",
  site_id: "站点",
  until: "截至",
  clock_id: "期限编号",
  owner_type: "所属对象类型",
  owner_id: "所属对象",
  four_eyes: "审签回避",
  document_number: "文号",
  makeup_days: "调休上班天数",
  checked: "检查数",
  parent_government: "上一级人民政府",
  review_route: "复议途径",
  review_body: "复议机关",
  provisional: "暂定",
};

// PII kinds, dispute kinds and organisation kinds have no label table of their own elsewhere.
const OTHER_KINDS: Record<string, string> = {
  department: "部门",
  government: "政府",
  town: "乡镇",
  community: "村（居）民委员会",
  institution: "事业单位",
  reply: "答复期限",
  review: "行政复议",
  litigation_direct: "直接起诉",
  litigation_after_review: "复议后起诉",
  id_card: "身份证号",
  mobile: "手机号",
  landline: "固定电话",
  bank_card: "银行卡号",
  email: "电子邮箱",
  passport: "护照号",
};

const VALUE_LABELS: Record<string, Readonly<Record<string, string>>> = {
  kind: { ...OTHER_KINDS, ...ITEM_KIND_LABELS },
  kinds: { ...OTHER_KINDS, ...ITEM_KIND_LABELS },
  applicant_type: APPLICANT_TYPE_LABELS,
  outcome: OUTCOME_LABELS,
  channel: CHANNEL_LABELS,
  validity: VALIDITY_LABELS,
  roles: ROLE_LABELS,
  role: ROLE_LABELS,
  source: { package: "内置数据", notice: "导入的通知", office: "经办机构", applicant: "申请人" },
  four_eyes: { relaxed: "已放宽" },
  change: { publish: "发布", withdraw: "撤回", update: "修改" },
  owner_type: { application: "申请", item: "信息" },
  result: { upheld: "维持", corrected: "纠正", other: "其他", pending: "尚未审结" },
  decision: { exempt: "豁免", accept: "接受", dismiss: "忽略" },
};

/** Statuses by the entity they belong to (an item's `submitted` is 待审查, an application's 待登记). */
const STATUS_BY_ENTITY: Record<string, Readonly<Record<string, string>>> = {
  item: ITEM_STATUS_LABELS,
  application: APPLICATION_STATUS_LABELS,
  message: MESSAGE_STATUS_LABELS,
  mn_version: MN_STATUS_LABELS,
};

/** Values that mean something else for a message (its channel is 来电/来信, not 网上申请). */
const VALUES_BY_ENTITY: Record<string, Readonly<Record<string, Readonly<Record<string, string>>>>> = {
  message: {
    channel: MESSAGE_CHANNEL_LABELS,
    type: { ...MESSAGE_TYPE_LABELS, error_report: "网站纠错" },
    rating: RATING_LABELS,
    reason: REJECT_REASON_LABELS,
  },
};

/** Keys whose values are organisations (by id or code); "to"/"from" of a message's transfer and return. */
const ORG_KEYS = new Set(["org_id", "org", "parent", "to", "from"]);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

export interface SummaryNames {
  /** The entry's entity type, which decides what a status means. */
  entityType?: string;
  /** Organisation names by id, for `org_id` and similar. */
  orgs?: ReadonlyMap<string, string>;
}

function formatValue(key: string, v: unknown, names: SummaryNames, depth = 0): string {
  if (v === null || v === undefined || v === "") return "无";
  if (typeof v === "boolean") return v ? "是" : "否";
  if (key === "disabled" || key === "late" || key === "relaxed" || key === "has_email") {
    if (v === 1 || v === 0) return v ? "是" : "否";
  }
  if (typeof v === "number") return String(v);
  if (typeof v === "string") {
    const table: Readonly<Record<string, string>> | undefined =
      key === "status" || key === "item_status"
        ? (STATUS_BY_ENTITY[key === "item_status" ? "item" : (names.entityType ?? "item")] ??
          ITEM_STATUS_LABELS)
        : (VALUES_BY_ENTITY[names.entityType ?? ""]?.[key] ?? VALUE_LABELS[key]);
    if (table?.[v]) return table[v];
    if (ORG_KEYS.has(key) && names.orgs?.get(v)) return names.orgs.get(v)!;
    // Row ids mean nothing to a reader: their first block is enough to tell two apart.
    if (UUID.test(v)) return `编号 ${v.slice(0, 8)}`;
    if (ISO_INSTANT.test(v)) {
      if (!Number.isNaN(Date.parse(v))) return formatShanghai(v);
    }
    return v.length > 200 ? `${v.slice(0, 200)}…` : v;
  }
  if (Array.isArray(v)) {
    return v.length === 0 ? "无" : v.map((x) => formatValue(key, x, names, depth + 1)).join("、");
  }
  if (typeof v === "object") {
    if (depth > 1) return "（略）";
    const parts = Object.entries(v as Record<string, unknown>).map(
      ([k, x]) => `${keyLabel(k)} ${formatValue(k, x, names, depth + 1)}`,
    );
    return parts.length === 0 ? "无" : parts.join("，");
  }
  return String(v);
}

const keyLabel = (k: string) => KEY_LABELS[k] ?? "其他信息";

export interface SummaryLine {
  label: string;
  value: string;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * The summary as 字段：值 lines. A before/after pair becomes one line per changed field (`旧值 → 新值`);
 * other keys one line each. Never raw JSON: a summary that does not parse gives no lines.
 */
export function describeSummary(
  raw: string | Record<string, unknown>,
  names: SummaryNames = {},
): SummaryLine[] {
  let summary: unknown = raw;
  if (typeof raw === "string") {
    try {
      summary = JSON.parse(raw);
    } catch {
      return [];
    }
  }
  if (!isRecord(summary)) return [];
  const lines: SummaryLine[] = [];
  const { before, after, ...rest } = summary;
  if (isRecord(before) || isRecord(after)) {
    const b = isRecord(before) ? before : {};
    const a = isRecord(after) ? after : {};
    for (const k of new Set([...Object.keys(b), ...Object.keys(a)])) {
      const from = k in b ? formatValue(k, b[k], names) : undefined;
      const to = k in a ? formatValue(k, a[k], names) : undefined;
      const value = from !== undefined && to !== undefined ? `${from} → ${to}` : (to ?? `${from}（已删除）`);
      lines.push({ label: keyLabel(k), value });
    }
  } else {
    if (before !== undefined) lines.push({ label: "变更前", value: formatValue("before", before, names) });
    if (after !== undefined) lines.push({ label: "变更后", value: formatValue("after", after, names) });
  }
  for (const [k, v] of Object.entries(rest))
    lines.push({ label: keyLabel(k), value: formatValue(k, v, names) });
  return lines;
}
