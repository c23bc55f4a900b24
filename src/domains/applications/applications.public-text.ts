import { defineCatalog, type Lang } from "../../web/i18n";

// The public application pages' catalog (zh-CN source, mn-Mong where translated; missing keys fall back
// to Chinese). Mongolian text to be reviewed by the county's language office (docs/i18n.md).
const ZH = {
  apply_title: "政府信息公开申请",
  apply_intro:
    "公民、法人或者其他组织可以向本机关申请获取政府信息（《中华人民共和国政府信息公开条例》第二十七条）。请如实填写以下内容，带 * 的为必填项。",
  applicant: "申请人信息",
  type: "申请人类型",
  type_natural: "自然人",
  type_org: "法人或其他组织",
  org_kind: "组织类型（法人或其他组织填写）",
  name_natural: "姓名 *",
  name_org: "名称 *",
  id_type: "证件类型",
  id_number: "证件号码（自然人必填）",
  credit_code: "统一社会信用代码（法人或其他组织必填）",
  legal_rep: "法定代表人或负责人（法人或其他组织填写，选填）",
  contact: "联系方式（至少填写一项）",
  phone: "联系电话",
  email: "电子邮箱",
  address: "通信地址",
  wanted: "所需政府信息",
  description: "所需信息的名称、文号或便于查询的其他特征描述 *",
  description_hint: "例如：《关于……的通知》（固政发〔2020〕1号），或“2024年金山镇低保资金发放情况”。",
  delivery: "获取信息的方式 *",
  carrier: "信息的载体形式",
  carrier_paper: "纸质",
  carrier_electronic: "电子",
  check: "验证问题：{question}（请填写阿拉伯数字）",
  declaration: "本人承诺所填信息真实，并知悉申请将按《条例》规定办理。",
  submit: "提交申请",
  error_title: "申请未提交，请修改以下问题：",
  declaration_required: "请阅读并勾选承诺。",
  check_failed: "验证问题的答案不正确，请重新作答。",
  done_title: "申请已提交",
  done_intro: "请记下查询码和查询密码，用于查询办理进度和下载答复。密码只显示这一次。",
  code: "查询码",
  secret: "查询密码",
  track_title: "申请办理进度查询",
  track_intro: "输入提交申请时获得的查询码和查询密码。",
  track_submit: "查询",
  track_failed: "查询码或查询密码不正确。",
  status: "办理状态",
  received_on: "收到申请日期",
  due_on: "答复期限",
  replied_on: "答复日期",
  outcome: "答复结果",
  steps: "办理过程",
  letters: "答复文书下载",
  letter_docx: "答复书（Word）",
  letter_pdf: "答复书（PDF）",
  to_track: "查看办理进度",
  pending: "待登记后确定",
  optional: "（选填）",
  files: "证明材料（选填）",
  files_hint:
    "可上传身份证件、营业执照或授权委托书的照片或扫描件（JPG、PNG 或 PDF），最多 3 个，每个不超过 5 MB。材料加密保存，仅办理人员可以查看。",
  files_reselect: "出于安全考虑，已选择的文件不会保留，请重新选择后提交。",
  files_received: "已收到证明材料 {count} 个。",
} as const;

export type PublicKey = keyof typeof ZH;

const MN: Partial<Record<PublicKey, string>> = {
  apply_title: "ᠵᠠᠰᠠᠭ ᠤᠨ ᠭᠠᠵᠠᠷ ᠤᠨ ᠮᠡᠳᠡᠭᠡ ᠢᠯᠡ ᠪᠣᠯᠭᠠᠬᠤ ᠶᠢ ᠭᠣᠶᠤᠴᠢᠯᠠᠬᠤ",
  applicant: "ᠭᠣᠶᠤᠴᠢᠯᠠᠭᠴᠢ",
  name_natural: "ᠨᠡᠷ᠎ᠡ *",
  phone: "ᠤᠲᠠᠰᠤ",
  email: "ᠢᠮᠸᠯ",
  address: "ᠬᠠᠶᠢᠭ",
  submit: "ᠲᠤᠰᠢᠶᠠᠬᠤ",
  track_title: "ᠠᠵᠢᠯ ᠤᠨ ᠶᠠᠪᠤᠴᠠ ᠶᠢ ᠠᠰᠠᠭᠤᠨ ᠯᠠᠪᠯᠠᠬᠤ",
  track_submit: "ᠠᠰᠠᠭᠤᠨ ᠯᠠᠪᠯᠠᠬᠤ",
  code: "ᠠᠰᠠᠭᠤᠨ ᠯᠠᠪᠯᠠᠬᠤ ᠺᠣᠳ᠋",
  secret: "ᠨᠢᠭᠤᠴᠠ ᠺᠣᠳ᠋",
  status: "ᠪᠠᠶᠢᠳᠠᠯ",
  apply_intro:
    "ᠢᠷᠭᠡᠨ᠂ ᠬᠠᠤᠯᠢ ᠶᠢᠨ ᠡᠲᠡᠭᠡᠳ ᠪᠤᠶᠤ ᠪᠤᠰᠤᠳ ᠪᠠᠶᠢᠭᠤᠯᠤᠮᠵᠢ ᠡᠨᠡ ᠪᠠᠶᠢᠭᠤᠯᠤᠮᠵᠢ ᠳᠤ ᠵᠠᠰᠠᠭ ᠤᠨ ᠭᠠᠵᠠᠷ ᠤᠨ ᠮᠡᠳᠡᠭᠡ ᠶᠢ ᠭᠣᠶᠤᠴᠢᠯᠠᠨ ᠣᠯᠵᠤ ᠪᠣᠯᠣᠨ᠎ᠠ（《ᠪᠦᠭᠦᠳᠡ ᠨᠠᠶᠢᠷᠠᠮᠳᠠᠬᠤ ᠳᠤᠮᠳᠠᠳᠤ ᠠᠷᠠᠳ ᠤᠯᠤᠰ ᠤᠨ ᠵᠠᠰᠠᠭ ᠤᠨ ᠭᠠᠵᠠᠷ ᠤᠨ ᠮᠡᠳᠡᠭᠡ ᠶᠢ ᠢᠯᠡ ᠪᠣᠯᠭᠠᠬᠤ ᠳᠦᠷᠢᠮ》 ᠦᠨ 27 ᠳᠦᠭᠡᠷ ᠵᠦᠢᠯ）᠃ ᠳᠣᠣᠷᠠᠬᠢ ᠠᠭᠤᠯᠭ᠎ᠠ ᠶᠢ ᠦᠨᠡᠨ ᠵᠥᠪ ᠪᠥᠭᠡᠯᠡᠭᠡᠷᠡᠢ᠂ * ᠲᠡᠮᠳᠡᠭ ᠲᠡᠢ ᠨᠢ ᠵᠠᠪᠠᠯ ᠪᠥᠭᠡᠯᠡᠬᠦ ᠵᠦᠢᠯ᠃",
  type: "ᠭᠣᠶᠤᠴᠢᠯᠠᠭᠴᠢ ᠶᠢᠨ ᠲᠥᠷᠥᠯ",
  type_natural: "ᠪᠣᠳᠠᠲᠤ ᠬᠦᠮᠦᠨ",
  type_org: "ᠬᠠᠤᠯᠢ ᠶᠢᠨ ᠡᠲᠡᠭᠡᠳ ᠪᠤᠶᠤ ᠪᠤᠰᠤᠳ ᠪᠠᠶᠢᠭᠤᠯᠤᠮᠵᠢ",
  org_kind: "ᠪᠠᠶᠢᠭᠤᠯᠤᠮᠵᠢ ᠶᠢᠨ ᠲᠥᠷᠥᠯ（ᠬᠠᠤᠯᠢ ᠶᠢᠨ ᠡᠲᠡᠭᠡᠳ ᠪᠤᠶᠤ ᠪᠤᠰᠤᠳ ᠪᠠᠶᠢᠭᠤᠯᠤᠮᠵᠢ ᠪᠥᠭᠡᠯᠡᠨ᠎ᠡ）",
  name_org: "ᠨᠡᠷ᠎ᠡ *",
  id_type: "ᠦᠨᠡᠮᠯᠡᠯ ᠦᠨ ᠲᠥᠷᠥᠯ",
  id_number: "ᠦᠨᠡᠮᠯᠡᠯ ᠦᠨ ᠳ᠋ᠤᠭᠠᠷ（ᠪᠣᠳᠠᠲᠤ ᠬᠦᠮᠦᠨ ᠵᠠᠪᠠᠯ ᠪᠥᠭᠡᠯᠡᠨ᠎ᠡ）",
  credit_code: "ᠨᠡᠢᠭᠡᠮ ᠦᠨ ᠨᠢᠭᠡᠳᠦᠯ ᠲᠡᠢ ᠶᠠᠷᠢᠭ ᠤᠨ ᠺᠣᠳ᠋（ᠬᠠᠤᠯᠢ ᠶᠢᠨ ᠡᠲᠡᠭᠡᠳ ᠪᠤᠶᠤ ᠪᠤᠰᠤᠳ ᠪᠠᠶᠢᠭᠤᠯᠤᠮᠵᠢ ᠵᠠᠪᠠᠯ ᠪᠥᠭᠡᠯᠡᠨ᠎ᠡ）",
  legal_rep: "ᠬᠠᠤᠯᠢ ᠶᠢᠨ ᠲᠥᠯᠦᠭᠡᠯᠡᠭᠴᠢ ᠪᠤᠶᠤ ᠬᠠᠷᠢᠭᠤᠴᠠᠭᠴᠢ（ᠰᠣᠩᠭᠣᠯᠲᠠ）",
  contact: "ᠬᠠᠷᠢᠯᠴᠠᠬᠤ ᠠᠷᠭ᠎ᠠ（ᠳᠣᠣᠷ᠎ᠠ ᠬᠢᠵᠠᠭᠠᠷ ᠨᠢᠭᠡ ᠢ ᠪᠥᠭᠡᠯᠡᠨ᠎ᠡ）",
  wanted: "ᠭᠣᠶᠤᠴᠢᠯᠠᠬᠤ ᠵᠠᠰᠠᠭ ᠤᠨ ᠭᠠᠵᠠᠷ ᠤᠨ ᠮᠡᠳᠡᠭᠡ",
  description: "ᠮᠡᠳᠡᠭᠡ ᠶᠢᠨ ᠨᠡᠷ᠎ᠡ᠂ ᠪᠢᠴᠢᠭ ᠦᠨ ᠳ᠋ᠤᠭᠠᠷ ᠪᠤᠶᠤ ᠡᠷᠢᠬᠦ ᠳᠦ ᠳᠥᠬᠦᠮ ᠪᠤᠰᠤᠳ ᠣᠨᠴᠠᠯᠢᠭ *",
  description_hint:
    "ᠵᠢᠱᠢᠶᠡᠯᠡᠪᠡᠯ᠄ 《关于……的通知》（固政发〔2020〕1号）᠂ ᠡᠰᠡᠪᠡᠯ “2024年金山镇低保资金发放情况”᠃",
  delivery: "ᠮᠡᠳᠡᠭᠡ ᠣᠯᠬᠤ ᠠᠷᠭ᠎ᠠ *",
  carrier: "ᠮᠡᠳᠡᠭᠡ ᠶᠢᠨ ᠬᠡᠯᠪᠡᠷᠢ",
  carrier_paper: "ᠴᠠᠭᠠᠰᠤᠨ",
  carrier_electronic: "ᠴᠠᠬᠢᠯᠭᠠᠨ",
  check: "ᠰᠢᠯᠭᠠᠬᠤ ᠠᠰᠠᠭᠤᠯᠲᠠ᠄ {question}（ᠠᠷᠠᠪ ᠲᠣᠭ᠎ᠠ ᠪᠢᠴᠢᠭᠡᠷᠡᠢ）",
  declaration:
    "ᠪᠥᠭᠡᠯᠡᠭᠰᠡᠨ ᠮᠡᠳᠡᠭᠡ ᠦᠨᠡᠨ ᠵᠥᠪ ᠪᠣᠯᠬᠤ ᠶᠢ ᠠᠮᠠᠯᠠᠵᠤ᠂ ᠭᠣᠶᠤᠴᠢᠯᠠᠯ ᠢ 《ᠳᠦᠷᠢᠮ》 ᠦᠨ ᠳᠠᠭᠠᠤ ᠰᠢᠢᠳᠪᠦᠷᠢᠯᠡᠬᠦ ᠶᠢ ᠮᠡᠳᠡᠵᠡᠢ᠃",
  error_title: "ᠭᠣᠶᠤᠴᠢᠯᠠᠯ ᠲᠤᠰᠢᠶᠠᠭᠳᠠᠭᠰᠠᠨ ᠦᠭᠡᠢ᠂ ᠳᠣᠣᠷᠠᠬᠢ ᠠᠰᠠᠭᠤᠳᠠᠯ ᠢ ᠵᠠᠰᠠᠭᠠᠷᠠᠢ᠄",
  declaration_required: "ᠠᠮᠠᠯᠠᠯᠲᠠ ᠶᠢ ᠤᠩᠰᠢᠭᠠᠳ ᠲᠡᠮᠳᠡᠭᠯᠡᠭᠡᠷᠡᠢ᠃",
  check_failed: "ᠰᠢᠯᠭᠠᠬᠤ ᠠᠰᠠᠭᠤᠯᠲᠠ ᠶᠢᠨ ᠬᠠᠷᠢᠭᠤ ᠪᠤᠷᠤᠭᠤ᠂ ᠳᠠᠬᠢᠨ ᠬᠠᠷᠢᠭᠤᠯᠠᠭᠠᠷᠠᠢ᠃",
  done_title: "ᠭᠣᠶᠤᠴᠢᠯᠠᠯ ᠲᠤᠰᠢᠶᠠᠭᠳᠠᠪᠠ",
  done_intro:
    "ᠠᠰᠠᠭᠤᠨ ᠯᠠᠪᠯᠠᠬᠤ ᠺᠣᠳ᠋ ᠪᠠ ᠨᠢᠭᠤᠴᠠ ᠦᠭᠡ ᠶᠢ ᠲᠡᠮᠳᠡᠭᠯᠡᠵᠦ ᠠᠪᠤᠭᠠᠷᠠᠢ᠂ ᠰᠢᠢᠳᠪᠦᠷᠢᠯᠡᠬᠦ ᠪᠠᠢᠳᠠᠯ ᠢ ᠠᠰᠠᠭᠤᠬᠤ ᠪᠠ ᠬᠠᠷᠢᠭᠤ ᠪᠠᠭᠤᠯᠭᠠᠬᠤ ᠳᠤ ᠬᠡᠷᠡᠭᠯᠡᠨ᠎ᠡ᠃ ᠨᠢᠭᠤᠴᠠ ᠦᠭᠡ ᠵᠥᠪᠬᠡᠨ ᠨᠢᠭᠡ ᠤᠳᠠᠭ᠎ᠠ ᠭᠠᠷᠴᠤ ᠢᠷᠡᠨ᠎ᠡ᠃",
  track_intro: "ᠭᠣᠶᠤᠴᠢᠯᠠᠯ ᠲᠤᠰᠢᠶᠠᠬᠤ ᠦᠶ᠎ᠡ ᠳᠦ ᠣᠯᠤᠭᠰᠠᠨ ᠠᠰᠠᠭᠤᠨ ᠯᠠᠪᠯᠠᠬᠤ ᠺᠣᠳ᠋ ᠪᠠ ᠨᠢᠭᠤᠴᠠ ᠦᠭᠡ ᠶᠢ ᠣᠷᠣᠭᠤᠯᠤᠭᠠᠷᠠᠢ᠃",
  track_failed: "ᠠᠰᠠᠭᠤᠨ ᠯᠠᠪᠯᠠᠬᠤ ᠺᠣᠳ᠋ ᠪᠤᠶᠤ ᠨᠢᠭᠤᠴᠠ ᠦᠭᠡ ᠪᠤᠷᠤᠭᠤ᠃",
  received_on: "ᠭᠣᠶᠤᠴᠢᠯᠠᠯ ᠢ ᠬᠦᠯᠢᠶᠡᠨ ᠠᠪᠤᠭᠰᠠᠨ ᠡᠳᠦᠷ",
  due_on: "ᠬᠠᠷᠢᠭᠤᠯᠠᠬᠤ ᠬᠤᠭᠤᠴᠠᠭ᠎ᠠ",
  replied_on: "ᠬᠠᠷᠢᠭᠤᠯᠠᠭᠰᠠᠨ ᠡᠳᠦᠷ",
  outcome: "ᠬᠠᠷᠢᠭᠤ ᠶᠢᠨ ᠦᠷ᠎ᠡ ᠳ᠋ᠦᠩ",
  steps: "ᠰᠢᠢᠳᠪᠦᠷᠢᠯᠡᠭᠰᠡᠨ ᠶᠠᠪᠤᠴᠠ",
  letters: "ᠬᠠᠷᠢᠭᠤ ᠶᠢᠨ ᠪᠢᠴᠢᠭ ᠪᠠᠭᠤᠯᠭᠠᠬᠤ",
  letter_docx: "ᠬᠠᠷᠢᠭᠤ ᠪᠢᠴᠢᠭ（Word）",
  letter_pdf: "ᠬᠠᠷᠢᠭᠤ ᠪᠢᠴᠢᠭ（PDF）",
  to_track: "ᠰᠢᠢᠳᠪᠦᠷᠢᠯᠡᠬᠦ ᠪᠠᠢᠳᠠᠯ ᠢ ᠦᠵᠡᠬᠦ",
  pending: "ᠪᠦᠷᠢᠳᠬᠡᠭᠰᠡᠨ ᠦ ᠳᠠᠷᠠᠭ᠎ᠠ ᠲᠣᠭᠲᠠᠨ᠎ᠠ",
  optional: "（ᠰᠣᠩᠭᠣᠯᠲᠠ）",
  files: "ᠨᠤᠲᠠᠯᠭᠠᠬᠤ ᠮᠠᠲ᠋ᠧᠷᠢᠶᠠᠯ（ᠰᠣᠩᠭᠣᠯᠲᠠ）",
  files_hint:
    "ᠪᠡᠶ᠎ᠡ ᠶᠢᠨ ᠦᠨᠡᠮᠯᠡᠯ᠂ ᠠᠵᠤ ᠠᠬᠤᠢ ᠶᠢᠨ ᠦᠨᠡᠮᠯᠡᠯ ᠪᠤᠶᠤ ᠢᠯᠡᠭᠡᠮᠵᠢ ᠶᠢᠨ ᠵᠢᠷᠤᠭ ᠪᠤᠶᠤ ᠰᠢᠷᠪᠢᠭᠰᠡᠨ ᠹᠠᠢᠯ（JPG᠂ PNG ᠪᠤᠶᠤ PDF）ᠢ ᠣᠷᠣᠭᠤᠯᠵᠤ ᠪᠣᠯᠣᠨ᠎ᠠ᠂ ᠬᠠᠮᠤᠭ ᠤᠯᠠᠨ ᠳᠠᠭᠠᠨ 3᠂ ᠨᠢᠭᠡ ᠪᠦᠷᠢ 5 MB ᠡᠴᠡ ᠬᠡᠲᠦᠷᠡᠬᠦ ᠦᠭᠡᠢ᠃ ᠮᠠᠲ᠋ᠧᠷᠢᠶᠠᠯ ᠢ ᠨᠢᠭᠤᠴᠠᠯᠠᠨ ᠬᠠᠳᠠᠭᠠᠯᠠᠵᠤ᠂ ᠵᠥᠪᠬᠡᠨ ᠪᠦᠷᠢᠳᠬᠡᠬᠦ ᠠᠵᠢᠯᠲᠠᠨ ᠦᠵᠡᠨ᠎ᠡ᠃",
  files_reselect: "ᠠᠶᠤᠯᠭᠦᠢ ᠶᠢᠨ ᠦᠦᠳᠡ ᠡᠴᠡ ᠰᠣᠩᠭᠣᠭᠰᠠᠨ ᠹᠠᠢᠯ ᠢ ᠬᠠᠳᠠᠭᠠᠯᠠᠬᠤ ᠦᠭᠡᠢ᠂ ᠳᠠᠬᠢᠨ ᠰᠣᠩᠭᠣᠭᠠᠳ ᠲᠤᠰᠢᠶᠠᠭᠠᠷᠠᠢ᠃",
  files_received: "ᠨᠤᠲᠠᠯᠭᠠᠬᠤ ᠮᠠᠲ᠋ᠧᠷᠢᠶᠠᠯ {count} ᠢ ᠬᠦᠯᠢᠶᠡᠨ ᠠᠪᠤᠯᠠ᠃",
};

// Registered with the shared catalogs (src/web/i18n defineCatalog): the site's overrides apply, and a missing
// Mongolian text is shown in Chinese, marked and listed as untranslated, never silently.
const text = defineCatalog("applications", ZH, MN);

export function publicText(lang: Lang) {
  return text(lang);
}
