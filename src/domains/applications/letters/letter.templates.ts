// The default reply letters (告知书), one per reply outcome plus the non-final notices. They are plain data
// so a county can copy one, edit its wording in the back office and store it, and the renderer treats the
// edited copy exactly like the default. The legal quotations are the 2019 Regulation
// (《中华人民共和国政府信息公开条例》, 国务院令第711号) verbatim, because applicants and courts read them.
import type { LetterKind, ReplyOutcome } from "./letter.outcomes";

/**
 * Every placeholder a template may use. The first group is shared by all letters; the second is used by
 * the notices (补正, 延期, 收费, 征求意见). Values are plain text; an ISO date (YYYY-MM-DD) is written the
 * Chinese way (2025年3月20日) when filled.
 */
export const PLACEHOLDERS = [
  "applicant_name",
  "tracking_code",
  "received_on",
  "description",
  "outcome_text",
  "reasons",
  "legal_basis",
  "where_published",
  "other_agency",
  "documents",
  "fee_text",
  "review_rights",
  "org_name",
  "reply_on",
  "contact_phone",
  "doc_number",
  "correction_items",
  "correction_deadline",
  "extension_days",
  "new_due_on",
  "fee_deadline",
  "payment_method",
  "third_party_name",
  "consultation_deadline",
  "reasons_deadline",
] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

/**
 * A body paragraph: plain text, or text shown only when `when` has a non-blank value (or, with `unless`,
 * only when it has none), so one template covers e.g. "already published, here is where" and "provided
 * herewith" without an empty sentence in the letter. A conditional placeholder may be left out of the values.
 */
export type TemplateParagraph = string | { text: string; when?: Placeholder; unless?: Placeholder };

export interface LetterTemplate {
  kind: LetterKind;
  /** E.g. 政府信息公开申请答复书. */
  title: string;
  /** Suggested middle of the document number, e.g. 依复 → 固政办依复〔2025〕3号 (see formatDocNumber). */
  docNumberHint: string;
  /** The addressee line, e.g. "{applicant_name}：". */
  salutation: string;
  paragraphs: TemplateParagraph[];
  /** Signature block, right-aligned above the date. */
  signature: string;
  /** Date line under the signature. */
  date: string;
}

/** 固政办 + 依复 + 2025 + 3 → 固政办依复〔2025〕3号 (GB/T 9704: 六角括号 around the year). */
export const formatDocNumber = (orgAbbreviation: string, hint: string, year: number, seq: number) =>
  `${orgAbbreviation}${hint}〔${year}〕${seq}号`;

const R = "《中华人民共和国政府信息公开条例》（以下简称《条例》）";
const ART14 =
  "依法确定为国家秘密的政府信息，法律、行政法规禁止公开的政府信息，以及公开后可能危及国家安全、公共安全、经济安全、社会稳定的政府信息，不予公开";
const ART15 =
  "涉及商业秘密、个人隐私等公开会对第三方合法权益造成损害的政府信息，行政机关不得公开。但是，第三方同意公开或者行政机关认为不公开会对公共利益造成重大影响的，予以公开";
const ART16_1 = "行政机关的内部事务信息，包括人事管理、后勤管理、内部工作流程等方面的信息，可以不予公开";
const ART16_2 =
  "行政机关在履行行政管理职能过程中形成的讨论记录、过程稿、磋商信函、请示报告等过程性信息以及行政执法案卷信息，可以不予公开。法律、法规、规章规定上述信息应当公开的，从其规定";
const ART36_3 = "行政机关依据本条例的规定决定不予公开的，告知申请人不予公开并说明理由";
const ART30 =
  "政府信息公开申请内容不明确的，行政机关应当给予指导和释明，并自收到申请之日起7个工作日内一次性告知申请人作出补正，说明需要补正的事项和合理的补正期限。答复期限自行政机关收到补正的申请之日起计算。申请人无正当理由逾期不补正的，视为放弃申请，行政机关不再处理该政府信息公开申请";

const ART35 =
  "申请人申请公开政府信息的数量、频次明显超过合理范围，行政机关可以要求申请人说明理由。行政机关认为申请理由不合理的，告知申请人不予处理；行政机关认为申请理由合理，但是无法在本条例第三十三条规定的期限内答复申请人的，可以确定延迟答复的合理期限并告知申请人";

const RECEIVED =
  "本机关于{received_on}收到您提出的政府信息公开申请（申请编号：{tracking_code}），您申请获取“{description}”。";
const CONTACT = "如有疑问，请与本机关联系，联系电话：{contact_phone}。";

/** Every final reply: receipt, the outcome's own paragraphs, the case-specific text, remedies, contact. */
function reply(kind: ReplyOutcome, body: TemplateParagraph[]): LetterTemplate {
  return {
    kind,
    title: "政府信息公开申请答复书",
    docNumberHint: "依复",
    salutation: "{applicant_name}：",
    paragraphs: [RECEIVED, "现答复如下：", ...body, "{review_rights}", CONTACT],
    signature: "{org_name}",
    date: "{reply_on}",
  };
}

/** 不予公开 under Art. 14, 15 or 16: the ground, the quoted article, then the reasons (Art. 36(3)). */
const withhold = (
  kind: ReplyOutcome,
  finding: string,
  article: string,
  quote: string,
  extra: TemplateParagraph[] = [],
) =>
  reply(kind, [
    `${finding}根据${R}${article}“${quote}”及第三十六条第（三）项“${ART36_3}”的规定，本机关决定不予公开。`,
    ...extra,
    "不予公开的理由：{reasons}",
    { text: "{outcome_text}", when: "outcome_text" },
  ]);

/** Art. 32: said only when a third party was consulted; the letter does not name it to the applicant. */
const ART32_CONSULTED: TemplateParagraph = {
  text: "作出本答复前，本机关已根据《条例》第三十二条“依申请公开的政府信息公开会损害第三方合法权益的，行政机关应当书面征求第三方的意见”的规定，书面征求了第三方的意见。",
  when: "third_party_name",
};

export const DEFAULT_LETTER_TEMPLATES: Readonly<Record<LetterKind, LetterTemplate>> = {
  disclose: reply("disclose", [
    "经审查，您申请获取的政府信息属于可以公开的政府信息，本机关决定予以公开。",
    {
      text: `该信息已经主动公开。根据${R}第三十六条第（一）项“所申请公开信息已经主动公开的，告知申请人获取该政府信息的方式、途径”的规定，您可以通过以下途径获取：{where_published}`,
      when: "where_published",
    },
    {
      text: `根据${R}第三十六条第（二）项“所申请公开信息可以公开的，向申请人提供该政府信息，或者告知申请人获取该政府信息的方式、途径和时间”的规定，现向您提供：{documents}`,
      when: "documents",
    },
    "{outcome_text}",
    { text: "本次信息处理费：{fee_text}", when: "fee_text" },
  ]),
  partial: reply("partial", [
    `经审查，您申请获取的政府信息中含有不应当公开的内容，但是能够作区分处理。根据${R}第三十七条“申请公开的信息中含有不应当公开或者不属于政府信息的内容，但是能够作区分处理的，行政机关应当向申请人提供可以公开的政府信息内容，并对不予公开的内容说明理由”的规定，本机关决定部分公开。`,
    { text: "现向您提供可以公开的内容：{documents}", when: "documents" },
    "{outcome_text}",
    "对不予公开的内容，理由如下：{reasons}",
    { text: "不予公开的依据：{legal_basis}", when: "legal_basis" },
    { text: "本次信息处理费：{fee_text}", when: "fee_text" },
  ]),
  "withhold.state_secret": withhold(
    "withhold.state_secret",
    "经审查，您申请获取的政府信息已依法确定为国家秘密。",
    "第十四条",
    ART14,
  ),
  "withhold.prohibited_by_law": reply("withhold.prohibited_by_law", [
    `经审查，您申请获取的政府信息属于法律、行政法规禁止公开的政府信息（{legal_basis}）。根据${R}第十四条“${ART14}”及第三十六条第（三）项“${ART36_3}”的规定，本机关决定不予公开。`,
    "不予公开的理由：{reasons}",
    { text: "{outcome_text}", when: "outcome_text" },
  ]),
  "withhold.security_stability": withhold(
    "withhold.security_stability",
    "经审查，您申请获取的政府信息公开后可能危及国家安全、公共安全、经济安全、社会稳定。",
    "第十四条",
    ART14,
  ),
  "withhold.third_party": withhold(
    "withhold.third_party",
    "经审查，您申请获取的政府信息涉及商业秘密、个人隐私等，公开会对第三方合法权益造成损害。",
    "第十五条",
    ART15,
    [ART32_CONSULTED],
  ),
  "withhold.internal_affairs": withhold(
    "withhold.internal_affairs",
    "经审查，您申请获取的政府信息属于行政机关的内部事务信息。",
    "第十六条第一款",
    ART16_1,
  ),
  "withhold.process_info": withhold(
    "withhold.process_info",
    "经审查，您申请获取的政府信息属于本机关在履行行政管理职能过程中形成的过程性信息。",
    "第十六条第二款",
    ART16_2,
  ),
  "withhold.enforcement_file": withhold(
    "withhold.enforcement_file",
    "经审查，您申请获取的政府信息属于行政执法案卷信息。",
    "第十六条第二款",
    ART16_2,
  ),
  "withhold.administrative_query": reply("withhold.administrative_query", [
    `经审查，您申请获取的信息属于行政查询事项，有关法律、行政法规对该信息的获取有特别规定。根据${R}第三十六条第（七）项“所申请公开信息属于工商、不动产登记资料等信息，有关法律、行政法规对信息的获取有特别规定的，告知申请人依照有关法律、行政法规的规定办理”的规定，本机关不作为政府信息公开申请提供，请您依照有关法律、行政法规的规定办理查询。`,
    "{outcome_text}",
    { text: "相关规定：{legal_basis}", when: "legal_basis" },
  ]),
  "unable.not_held": reply("unable.not_held", [
    "{outcome_text}",
    {
      text: `经检索，本机关未制作或者获取您申请公开的上述政府信息。根据${R}第三十六条第（四）项“经检索没有所申请公开信息的，告知申请人该政府信息不存在”的规定，现告知您该政府信息不存在。`,
      unless: "other_agency",
    },
    {
      text: `经审查，您申请公开的上述政府信息不属于本机关负责公开。根据${R}第三十六条第（五）项“所申请公开信息不属于本行政机关负责公开的，告知申请人并说明理由；能够确定负责公开该政府信息的行政机关的，告知申请人该行政机关的名称、联系方式”的规定，该信息由{other_agency}负责公开，您可以向其提出申请。`,
      when: "other_agency",
    },
  ]),
  "unable.needs_creation": reply("unable.needs_creation", [
    `经审查，本机关没有您申请获取的现成信息，提供该信息需要本机关对现有政府信息进行加工、分析。根据${R}第三十八条“行政机关向申请人提供的信息，应当是已制作或者获取的政府信息。除依照本条例第三十七条的规定能够作区分处理的外，需要行政机关对现有政府信息进行加工、分析的，行政机关可以不予提供”的规定，本机关不予提供。`,
    "{outcome_text}",
  ]),
  "unable.still_unclear": reply("unable.still_unclear", [
    `本机关已告知您对申请作出补正。经审查，补正后您的申请内容仍不明确，本机关无法据此确定您所申请的政府信息。根据${R}第二十九条第二款第（二）项“申请公开的政府信息的名称、文号或者便于行政机关查询的其他特征性描述”及第三十条的规定，本机关无法向您提供。`,
    "{outcome_text}",
    "您可以在明确所需信息的名称、文号或者其他特征性描述后重新提出申请。",
  ]),
  "not_handled.petition": reply("not_handled.petition", [
    `经审查，您的申请系以政府信息公开申请的形式进行信访、投诉、举报等活动。根据${R}第三十九条第一款“申请人以政府信息公开申请的形式进行信访、投诉、举报等活动，行政机关应当告知申请人不作为政府信息公开申请处理并可以告知通过相应渠道提出”的规定，本机关不作为政府信息公开申请处理。`,
    "{outcome_text}",
  ]),
  "not_handled.repeated": reply("not_handled.repeated", [
    `经审查，本机关已就您提出的相同政府信息公开申请作出答复，您本次申请系重复申请公开相同政府信息。根据${R}第三十六条第（六）项“行政机关已就申请人提出的政府信息公开申请作出答复、申请人重复申请公开相同政府信息的，告知申请人不予重复处理”的规定，本机关不予重复处理。`,
    "{outcome_text}",
  ]),
  "not_handled.publication": reply("not_handled.publication", [
    `经审查，您的申请内容为要求提供政府公报、报刊、书籍等公开出版物。根据${R}第三十九条第二款“申请人提出的申请内容为要求行政机关提供政府公报、报刊、书籍等公开出版物的，行政机关可以告知获取的途径”的规定，您可以通过以下途径获取：{where_published}`,
    { text: "{outcome_text}", when: "outcome_text" },
  ]),
  "not_handled.excessive": reply("not_handled.excessive", [
    `经审查，您申请公开政府信息的数量、频次明显超过合理范围，本机关已要求您说明理由，本机关认为申请理由不合理。根据${R}第三十五条“申请人申请公开政府信息的数量、频次明显超过合理范围，行政机关可以要求申请人说明理由。行政机关认为申请理由不合理的，告知申请人不予处理”的规定，本机关不予处理。`,
    "理由：{reasons}",
    { text: "{outcome_text}", when: "outcome_text" },
  ]),
  "not_handled.confirmation": reply("not_handled.confirmation", [
    `经审查，您的申请系要求本机关对您已获取的信息予以确认或者重新出具，不属于${R}第二条所称获取“行政机关在履行行政管理职能过程中制作或者获取的，以一定形式记录、保存的信息”的申请，本机关不作为政府信息公开申请处理。`,
    "{outcome_text}",
  ]),
  "other.no_correction": reply("other.no_correction", [
    `本机关已一次性告知您对申请作出补正并说明了补正期限，您无正当理由逾期未补正。根据${R}第三十条“${ART30}”的规定，视为您放弃申请，本机关不再处理该政府信息公开申请。`,
    { text: "{outcome_text}", when: "outcome_text" },
  ]),
  "other.fee_unpaid": reply("other.fee_unpaid", [
    `本机关已向您发出信息处理费收费通知，您逾期未缴纳。根据${R}第四十二条及《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）关于申请人逾期未缴纳信息处理费的，视为放弃申请，行政机关不再处理该政府信息公开申请的规定，本机关不再处理该政府信息公开申请。`,
    { text: "{outcome_text}", when: "outcome_text" },
  ]),
  "other.other": reply("other.other", [
    "{outcome_text}",
    { text: "依据：{legal_basis}", when: "legal_basis" },
    { text: "理由：{reasons}", when: "reasons" },
  ]),

  correction: {
    kind: "correction",
    title: "政府信息公开申请补正告知书",
    docNumberHint: "补正",
    salutation: "{applicant_name}：",
    paragraphs: [
      RECEIVED,
      `经审查，您的申请内容不明确。根据${R}第三十条“${ART30}”的规定，请您对以下事项作出补正：`,
      "{correction_items}",
      "请您于{correction_deadline}前将补正后的申请提交本机关。答复期限自本机关收到补正后的申请之日起计算；无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请。",
      { text: "{outcome_text}", when: "outcome_text" },
      CONTACT,
    ],
    signature: "{org_name}",
    date: "{reply_on}",
  },
  extension: {
    kind: "extension",
    title: "政府信息公开申请延期答复告知书",
    docNumberHint: "延期",
    salutation: "{applicant_name}：",
    paragraphs: [
      RECEIVED,
      "因{reasons}，本机关无法在规定期限内作出答复。",
      `根据${R}第三十三条第二款“行政机关不能当场答复的，应当自收到申请之日起20个工作日内予以答复；需要延长答复期限的，应当经政府信息公开工作机构负责人同意并告知申请人，延长的期限最长不得超过20个工作日”的规定，经本机关政府信息公开工作机构负责人同意，答复期限延长{extension_days}个工作日，本机关将于{new_due_on}前作出答复。`,
      CONTACT,
    ],
    signature: "{org_name}",
    date: "{reply_on}",
  },
  fee_notice: {
    kind: "fee_notice",
    title: "政府信息公开信息处理费收费通知书",
    docNumberHint: "收费",
    salutation: "{applicant_name}：",
    paragraphs: [
      RECEIVED,
      `经审查，您申请公开政府信息的数量、频次明显超过合理范围。根据${R}第四十二条“行政机关依申请提供政府信息，不收取费用。但是，申请人申请公开政府信息的数量、频次明显超过合理范围的，行政机关可以收取信息处理费”及《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）的规定，本机关决定收取信息处理费。`,
      "收费计算：{fee_text}。",
      "请您于{fee_deadline}前通过{payment_method}缴纳。自本通知发出之日至您缴纳费用之日，不计算在答复期限内；逾期未缴纳的，视为放弃申请，本机关不再处理该政府信息公开申请。",
      "{review_rights}",
      CONTACT,
    ],
    signature: "{org_name}",
    date: "{reply_on}",
  },
  // To the third party: it names neither the applicant nor their contact, which the third party has no
  // need to know (and which would itself be personal information disclosed without a basis).
  consultation: {
    kind: "consultation",
    title: "政府信息公开征求第三方意见函",
    docNumberHint: "征询",
    salutation: "{third_party_name}：",
    paragraphs: [
      "本机关于{received_on}收到一份政府信息公开申请（申请编号：{tracking_code}），申请获取“{description}”。该信息可能涉及贵方的商业秘密、个人隐私等合法权益。",
      `根据${R}第三十二条“依申请公开的政府信息公开会损害第三方合法权益的，行政机关应当书面征求第三方的意见。第三方应当自收到征求意见书之日起15个工作日内提出意见。第三方逾期未提出意见的，由行政机关依照本条例的规定决定是否公开。第三方不同意公开且有合理理由的，行政机关不予公开。行政机关认为不公开可能对公共利益造成重大影响的，可以决定予以公开，并将决定公开的政府信息内容和理由书面告知第三方”的规定，现书面征求贵方意见。`,
      { text: "拟公开的信息：{documents}", when: "documents" },
      "请贵方于{consultation_deadline}前（自收到本函之日起15个工作日内）书面提出是否同意公开的意见；不同意公开的，请说明理由。逾期未提出意见的，本机关将依照《条例》的规定决定是否公开。",
      CONTACT,
    ],
    signature: "{org_name}",
    date: "{reply_on}",
  },
  reasons_request: {
    kind: "reasons_request",
    title: "政府信息公开申请说明理由通知书",
    docNumberHint: "说明",
    salutation: "{applicant_name}：",
    paragraphs: [
      RECEIVED,
      `经审查，您申请公开政府信息的数量、频次明显超过合理范围。根据${R}第三十五条“${ART35}”的规定，请您于{reasons_deadline}前向本机关书面说明申请理由。`,
      "本机关将根据您说明的理由决定是否处理该申请；逾期未说明理由的，本机关将依照《条例》的规定处理。",
      CONTACT,
    ],
    signature: "{org_name}",
    date: "{reply_on}",
  },
  delayed_reply: {
    kind: "delayed_reply",
    title: "政府信息公开申请延迟答复告知书",
    docNumberHint: "延迟",
    salutation: "{applicant_name}：",
    paragraphs: [
      RECEIVED,
      `本机关已要求您说明申请理由。经审查，您的申请理由合理，但本机关无法在${R}第三十三条规定的期限内答复。根据《条例》第三十五条“${ART35}”的规定，本机关确定延迟答复的合理期限，将于{new_due_on}前作出答复。`,
      { text: "理由：{reasons}", when: "reasons" },
      CONTACT,
    ],
    signature: "{org_name}",
    date: "{reply_on}",
  },
};
