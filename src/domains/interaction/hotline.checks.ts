// Checks of a 12345 ticket, the same for a push through the API and a row of an uploaded export: every problem
// named with its field (the import adds the row and the column's Chinese name), values trimmed and normalised.
import { blindIndex } from "../../platform/crypto";
import { isLandline, isMobileNumber } from "../../platform/pii";
import { isRealDate } from "../../platform/time";
import type { OrgTree } from "../orgs";
import { HOTLINE_TYPE_NAMES, SATISFACTION_NAMES } from "./hotline.schemas";
import { MESSAGE_TYPES, type MessageType, RATINGS, type Rating } from "./interaction.schemas";

export const TICKET_FIELDS = [
  "ticket_no",
  "type",
  "title",
  "body",
  "caller_name",
  "caller_phone",
  "dispatched_on",
  "org",
  "satisfaction",
] as const;
export type TicketField = (typeof TICKET_FIELDS)[number];

/** The columns of 12345's export, in its order (工单编号 … 满意度). */
export const TICKET_FIELD_LABELS: Record<TicketField, string> = {
  ticket_no: "工单编号",
  type: "诉求类型",
  title: "标题",
  body: "诉求内容",
  caller_name: "来电人",
  caller_phone: "联系电话",
  dispatched_on: "派单日期",
  org: "承办单位",
  satisfaction: "满意度",
};

/** A ticket as received: every value a string (the API's body, or an export's cells). */
export type RawTicket = Partial<Record<TicketField, string>>;

export interface CheckedTicket {
  ticketNo: string;
  type: Exclude<MessageType, "error_report">;
  title: string;
  body: string;
  callerName: string | null;
  callerPhone: string | null;
  dispatchedOn: string;
  orgId: string | null;
  satisfaction: Rating | null;
}

export type AddProblem = (field: TicketField, code: string, message: string) => void;

const TICKET_NO = /^[A-Za-z0-9][A-Za-z0-9_.\-/]{0,39}$/;

/** A mobile number or a landline with its area code (0472-1234567, 04721234567); null when it is neither. */
export function normalisePhone(raw: string): string | null {
  const s = raw.replace(/[\s()（）]/g, "").replace(/^\+?86(?=1)/, "");
  if (isMobileNumber(s)) return s;
  const m = /^(0\d{2,3})-(\d{7,8})(-\d{1,6})?$/.exec(s);
  if (m) return isLandline(m[1]!, m[2]!) ? s : null;
  const plain = /^0\d{9,11}$/.test(s) ? s : "";
  for (const n of [3, 4])
    if (plain && isLandline(plain.slice(0, n), plain.slice(n)))
      return `${plain.slice(0, n)}-${plain.slice(n)}`;
  return null;
}

/** 2026-01-05, 2026/1/5 or 2026年1月5日 as YYYY-MM-DD; null when it is no date. */
export function normaliseDate(raw: string): string | null {
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T].*)?$/.exec(raw.trim());
  if (!m) return null;
  const d = `${m[1]}-${m[2]!.padStart(2, "0")}-${m[3]!.padStart(2, "0")}`;
  return isRealDate(d) ? d : null;
}

/** The organisation 12345 named as 承办单位, by code or full or short name, in the site (never its root). */
export function orgOfName(tree: OrgTree, siteId: string, raw: string): string | null {
  const root = tree.roots(siteId)[0]?.id;
  const o = tree
    .flatten(siteId)
    .map(({ org }) => org)
    .find((x) => x.id !== root && (x.code === raw || x.name === raw || x.short_name === raw));
  return o?.id ?? null;
}

export function checkTicket(
  raw: RawTicket,
  ctx: { tree: OrgTree; siteId: string; today: string },
  add: AddProblem,
): CheckedTicket {
  const v = (f: TicketField) => (raw[f] ?? "").trim();
  const ticketNo = v("ticket_no");
  if (!ticketNo) add("ticket_no", "required", "请填写工单编号。");
  else if (!TICKET_NO.test(ticketNo))
    add("ticket_no", "invalid_ticket_no", "工单编号只能由字母、数字和 - _ . / 组成，不超过40位。");
  const typeRaw = v("type");
  const type = (MESSAGE_TYPES as readonly string[]).includes(typeRaw)
    ? (typeRaw as CheckedTicket["type"])
    : HOTLINE_TYPE_NAMES[typeRaw];
  if (!typeRaw) add("type", "required", "请填写诉求类型。");
  else if (!type)
    add("type", "invalid_type", `诉求类型“${typeRaw}”无法识别，应为咨询、建议、投诉、举报或求助。`);
  const title = v("title");
  if (!title) add("title", "required", "请填写标题。");
  else if (title.length > 100) add("title", "too_long", "标题不能超过100字。");
  const body = v("body");
  if (!body) add("body", "required", "请填写诉求内容。");
  else if (body.length > 5000) add("body", "too_long", "诉求内容不能超过5000字。");
  const callerName = v("caller_name") || null;
  if (callerName && callerName.length > 50) add("caller_name", "too_long", "来电人姓名不能超过50字。");
  const phoneRaw = v("caller_phone");
  const callerPhone = phoneRaw ? normalisePhone(phoneRaw) : null;
  if (phoneRaw && !callerPhone)
    add("caller_phone", "invalid_phone", "联系电话格式不正确（手机号或带区号的固定电话）。");
  const dateRaw = v("dispatched_on");
  const dispatchedOn = dateRaw ? normaliseDate(dateRaw) : null;
  if (!dateRaw) add("dispatched_on", "required", "请填写派单日期。");
  else if (!dispatchedOn)
    add("dispatched_on", "invalid_date", `派单日期“${dateRaw}”不是真实日期，请按 YYYY-MM-DD 填写。`);
  else if (dispatchedOn > ctx.today) add("dispatched_on", "future_date", "派单日期不能晚于今天。");
  const orgRaw = v("org");
  const orgId = orgRaw ? orgOfName(ctx.tree, ctx.siteId, orgRaw) : null;
  if (orgRaw && !orgId) add("org", "unknown_org", `本站点没有名为或代码为“${orgRaw}”的部门或乡镇。`);
  const satRaw = v("satisfaction");
  const satisfaction = (RATINGS as readonly string[]).includes(satRaw)
    ? (satRaw as Rating)
    : (SATISFACTION_NAMES[satRaw] ?? null);
  if (satRaw && !satisfaction)
    add("satisfaction", "invalid_rating", `满意度“${satRaw}”无法识别，应为满意、基本满意或不满意。`);
  return {
    ticketNo,
    type: type ?? "consult",
    title,
    body,
    callerName,
    callerPhone,
    dispatchedOn: dispatchedOn ?? "",
    orgId,
    satisfaction,
  };
}

/** What makes two pushes "the same ticket": its content (a keyed hash: it covers the caller's name and phone). */
export function ticketHash(key: Buffer, t: CheckedTicket): string {
  return blindIndex(
    key,
    JSON.stringify([
      t.ticketNo,
      t.type,
      t.title,
      t.body,
      t.callerName,
      t.callerPhone,
      t.dispatchedOn,
      t.orgId,
    ]),
  );
}
