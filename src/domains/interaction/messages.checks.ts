// Checks of what the public types into a message or error report: every problem named with its field and
// a Chinese message (nothing is saved when any is found); values trimmed and normalised.
import type { Problems } from "../../platform/errors";
import {
  isEmailAddress,
  normalisePhone as phoneOf,
  isPhoneNumber as validPhone,
} from "../../platform/tracking";
import { visibleTrim } from "../../platform/visible-text";
import type { ErrorReportInput, MessageInput } from "./interaction.schemas";

function text(p: Problems, field: string, label: string, raw: string | undefined, required: boolean): string {
  // Invisible characters alone are no text (platform/visible-text.ts).
  const v = visibleTrim(raw);
  if (required && !v) p.add(field, "required", `请填写${label}。`);
  return v;
}

export interface CheckedMessage {
  title: string;
  body: string;
  name: string;
  phone: string | null;
  email: string | null;
}

/** A message needs a title, the text, the asker's name and a phone number or e-mail address. */
export function checkMessage(input: MessageInput, p: Problems): CheckedMessage {
  const title = text(p, "title", "留言标题", input.title, true);
  const body = text(p, "body", "留言内容", input.body, true);
  const name = text(p, "name", "姓名", input.name, true);
  const phone = phoneOf(input.phone);
  if (phone && !validPhone(phone))
    p.add("phone", "invalid_phone", "联系电话格式不正确（手机号或带区号的固定电话）。");
  const email = input.email?.trim() || null;
  if (email && !isEmailAddress(email)) p.add("email", "invalid_email", "电子邮箱格式不正确。");
  if (!phone && !email) p.add("phone", "contact_required", "请填写联系电话或电子邮箱，以便答复。");
  return { title, body, name, phone, email };
}

export interface CheckedErrorReport {
  pageUrl: string;
  description: string;
  contact: string | null;
}

/** An error report names the page (an http(s) address or a path of this site) and what is wrong. */
export function checkErrorReport(input: ErrorReportInput, p: Problems): CheckedErrorReport {
  const pageUrl = text(p, "page_url", "出错页面的网址", input.page_url, true);
  if (pageUrl && !isPageAddress(pageUrl))
    p.add("page_url", "invalid_url", "出错页面的网址格式不正确（以 http://、https:// 或 / 开头）。");
  const description = text(p, "description", "问题描述", input.description, true);
  const contact = input.contact?.trim() || null;
  if (contact) {
    const phone = phoneOf(contact);
    if (!(phone && validPhone(phone)) && !isEmailAddress(contact))
      p.add("contact", "invalid_contact", "联系方式请填写手机号、带区号的固定电话或电子邮箱。");
  }
  return { pageUrl, description, contact };
}

function isPageAddress(s: string): boolean {
  if (/\s/.test(s)) return false;
  if (s.startsWith("/") && !s.startsWith("//")) return true;
  try {
    const u = new URL(s);
    return u.protocol === "http:" || u.protocol === "https:";
  } catch {
    return false;
  }
}
