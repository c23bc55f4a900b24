// Values for one application, shared by the letter tests: every placeholder filled with something a
// test can look for in the output.
import { AppError } from "../../../platform/errors";
import type { Letterhead } from "./letter.layout";
import { reviewRightsText } from "./letter.remedies";
import type { LetterValues } from "./letter.render";

export const TEST_LETTERHEAD: Letterhead = { name: "固阳县人民政府办公室" };

export const TEST_VALUES = {
  applicant_name: "乌云其木格",
  tracking_code: "GK-2025-000123",
  received_on: "2025-03-03",
  description: "固阳县2024年城乡居民最低生活保障资金发放情况",
  outcome_text: "本案处理说明：经在本机关档案室及社会救助股检索。",
  reasons: "该信息包含低保对象的身份证号码和家庭住址，属于个人隐私",
  legal_basis: "《中华人民共和国保守国家秘密法》第九条",
  where_published: "固阳县人民政府门户网站“政府信息公开—法定主动公开内容”栏目",
  other_agency: "",
  documents: "《固阳县2024年低保资金发放汇总表》（1份，共3页）",
  fee_text: "",
  review_rights: reviewRightsText("固阳县人民政府"),
  org_name: "固阳县人民政府办公室",
  reply_on: "2025-03-20",
  contact_phone: "0472-8121234",
  doc_number: "固政办依复〔2025〕3号",
  correction_items: "请写明所需信息的名称、文号或者便于查询的其他特征性描述。",
  correction_deadline: "2025-03-31",
  extension_days: "20",
  new_due_on: "2025-04-29",
  fee_deadline: "2025-04-18",
  payment_method: "固阳县财政局非税收入汇缴账户转账",
  third_party_name: "固阳县金山矿业有限公司",
  consultation_deadline: "2025-04-02",
  reasons_deadline: "2025-03-31",
} satisfies LetterValues;

/** The AppError a call throws (fails the test when it throws nothing or something else). */
export function errorOf(fn: () => unknown): AppError {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error("expected an AppError");
}
