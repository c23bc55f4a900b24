import { isValidCreditCode } from "../../platform/credit-code";
import type { Problems } from "../../platform/errors";
import { isValidResidentId } from "../../platform/pii";
import { isEmailAddress, isPhoneNumber, normalisePhone } from "../../platform/tracking";
import { type ApplyInput, CARRIERS, DELIVERIES, ID_TYPES } from "./applications.schemas";

const PATTERNS: Record<string, RegExp> = {
  passport: /^[A-Z0-9]{5,17}$/,
  hk_macau_permit: /^[HM]\d{8,10}$/,
  taiwan_permit: /^\d{8}(\d{2})?$/,
  other: /^.{4,40}$/,
};

/** Art. 29: name, proof of identity and contact; every problem is listed, values normalised. */
export function checkApplicant(input: ApplyInput, p: Problems) {
  const a = input.applicant;
  const name = a.name.trim();
  if (!name) p.add("applicant.name", "required", "请填写申请人姓名或名称。");
  let idType: string | null = null;
  let idNumber: string | null = null;
  let creditCode: string | null = null;
  if (a.type === "natural") {
    idType = a.id_type ?? "resident_id";
    idNumber = (a.id_number ?? "").replace(/\s+/g, "").toUpperCase();
    if (!idNumber) p.add("applicant.id_number", "required", "请填写身份证件号码。");
    else if (
      idType === "resident_id"
        ? !isValidResidentId(idNumber)
        : !(PATTERNS[idType] ?? PATTERNS.other!).test(idNumber)
    ) {
      p.add(
        "applicant.id_number",
        "invalid_id_number",
        idType === "resident_id"
          ? "居民身份证号码不正确（校验位或出生日期有误），请核对。"
          : "证件号码格式不正确，请核对。",
      );
    }
    if (a.credit_code) p.add("applicant.credit_code", "field_not_used", "自然人无需填写统一社会信用代码。");
  } else {
    creditCode = (a.credit_code ?? "").trim().toUpperCase();
    if (!creditCode) p.add("applicant.credit_code", "required", "法人或其他组织请填写统一社会信用代码。");
    else if (!isValidCreditCode(creditCode))
      p.add("applicant.credit_code", "invalid_credit_code", "统一社会信用代码不正确，请核对。");
    if (a.id_number) {
      idType = a.id_type ?? "resident_id";
      idNumber = a.id_number.replace(/\s+/g, "").toUpperCase();
      if (idType === "resident_id" && !isValidResidentId(idNumber))
        p.add("applicant.id_number", "invalid_id_number", "经办人居民身份证号码不正确，请核对。");
    }
  }
  const phone = normalisePhone(a.phone);
  if (phone && !isPhoneNumber(phone))
    p.add("applicant.phone", "invalid_phone", "联系电话格式不正确（手机号或带区号的固定电话）。");
  const email = a.email?.trim() || null;
  if (email && !isEmailAddress(email)) p.add("applicant.email", "invalid_email", "电子邮箱格式不正确。");
  const address = a.address?.trim() || null;
  if (!phone && !email && !address)
    p.add("applicant.phone", "contact_required", "请至少填写一种联系方式（电话、邮箱或通信地址）。");
  if (input.delivery === "email" && !email)
    p.add("applicant.email", "required_for_delivery", "选择电子邮件获取信息时，请填写电子邮箱。");
  if (input.delivery === "post" && !address)
    p.add("applicant.address", "required_for_delivery", "选择邮寄时，请填写通信地址。");
  const description = input.description.trim();
  if (description.length < 5)
    p.add("description", "too_short", "请具体描述所需政府信息的名称、文号或便于查询的其他特征。");
  // The same limits as the API's schema, for the HTML form whose fields arrive as free text.
  const limits: Array<[field: string, label: string, value: string | undefined, max: number]> = [
    ["applicant.name", "申请人姓名或名称", a.name, 100],
    ["applicant.id_number", "证件号码", a.id_number, 40],
    ["applicant.credit_code", "统一社会信用代码", a.credit_code, 30],
    ["applicant.legal_rep", "法定代表人或负责人", a.legal_rep, 50],
    ["applicant.phone", "联系电话", a.phone, 30],
    ["applicant.email", "电子邮箱", a.email, 120],
    ["applicant.address", "通信地址", a.address, 200],
    ["description", "所需信息的描述", input.description, 5000],
  ];
  for (const [field, label, value, max] of limits)
    if (value && value.length > max)
      p.add(field, "too_long", `${label}不能超过 ${max} 个字（现 ${value.length} 个字）。`);
  if (a.id_type !== undefined && !(ID_TYPES as readonly string[]).includes(a.id_type))
    p.add("applicant.id_type", "not_allowed", "请选择证件类型。");
  if (!(DELIVERIES as readonly string[]).includes(input.delivery))
    p.add("delivery", "not_allowed", "请选择获取信息的方式。");
  if (input.carrier !== undefined && !(CARRIERS as readonly string[]).includes(input.carrier))
    p.add("carrier", "not_allowed", "请选择信息的载体形式。");
  return {
    name,
    idType,
    idNumber,
    creditCode,
    phone,
    email,
    address,
    description,
    legalRep: a.legal_rep?.trim() || null,
  };
}
