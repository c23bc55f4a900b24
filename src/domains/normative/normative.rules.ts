// The ledger's rules as pure functions (RULES.md §12; 国办发〔2018〕37号): the registration number pattern
// (三统一), validity (usually 5 years, 暂行 / 试行 2), filing with the higher authority within 15 days, and the
// alerts (filing late; expiry within 6 months). Every number is a per-site setting (normative_settings).

export interface LedgerSettings {
  number_pattern: string;
  validity_years: number;
  provisional_years: number;
  filing_days: number;
  alert_months: number;
}

export const DEFAULT_SETTINGS: Omit<LedgerSettings, "number_pattern"> = {
  validity_years: 5,
  provisional_years: 2,
  filing_days: 15,
  alert_months: 6,
};

/** The default pattern of a site: its code in capitals, the year and a four-digit serial (GUYANG-2026-0001). */
export const defaultPattern = (siteCode: string) => `${siteCode.toUpperCase()}-{YYYY}-{NNNN}`;

const SERIAL = /\{(N{1,6})\}/;

/** Problems of a pattern: one serial placeholder, at most 40 characters, plain letters, digits and 〔〕-. */
export function patternProblems(pattern: string): string[] {
  const out: string[] = [];
  if (!SERIAL.test(pattern)) out.push("编号规则须包含序号占位符 {NNNN}（N 的个数为序号位数）。");
  if ((pattern.match(/\{N+\}/g) ?? []).length > 1) out.push("编号规则只能有一个序号占位符。");
  if (pattern.length > 40) out.push("编号规则不能超过 40 个字符。");
  const rest = pattern.replace(/\{YYYY\}|\{N{1,6}\}/g, "");
  if (!/^[\p{Script=Han}A-Za-z0-9〔〕[\]()（）\-_/]*$/u.test(rest))
    out.push("编号规则只能包含汉字、字母、数字、括号、- _ / 和占位符 {YYYY}、{NNNN}。");
  return out;
}

/** The counter key of a pattern in a year: the pattern with the year filled in (the serial left as is). */
export const counterPrefix = (pattern: string, year: string) => pattern.replace(/\{YYYY\}/g, year);

export function renderNumber(pattern: string, year: string, serial: number): string {
  return counterPrefix(pattern, year).replace(SERIAL, (_m, ns: string) =>
    String(serial).padStart(ns.length, "0"),
  );
}

/** 暂行 / 试行 documents are valid for the shorter period. */
export const isProvisional = (title: string) => /暂行|试行/.test(title);

const pad = (n: number) => String(n).padStart(2, "0");

/** YYYY-MM-DD plus whole months; the day clamped to the month's end (2024-02-29 + 12 months → 2025-02-28). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  const last = new Date(Date.UTC(ny, nm, 0)).getUTCDate();
  return `${ny}-${pad(nm)}-${pad(Math.min(d, last))}`;
}

/** YYYY-MM-DD plus natural days (备案 counts calendar days, not working days). */
export function addDays(date: string, days: number): string {
  const t = Date.parse(`${date}T00:00:00Z`) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

/** The years a document is valid: its own, else the site's default for its kind. */
export const validityYearsOf = (s: LedgerSettings, title: string, own: number | null) =>
  own ?? (isProvisional(title) ? s.provisional_years : s.validity_years);

/** Valid until the day before the anniversary: published 2026-03-01 for 5 years → expires 2031-02-28. */
export const expiryOf = (publishedOn: string, years: number) =>
  addDays(addMonths(publishedOn, years * 12), -1);

export const filingDueOf = (publishedOn: string, s: LedgerSettings) => addDays(publishedOn, s.filing_days);

export type AlertKind = "filing_late" | "expiring" | "expired";

export interface AlertFacts {
  validity: string;
  published_on: string | null;
  filing_due_on: string | null;
  filed_on: string | null;
  expires_on: string | null;
}

/** The alerts a registered, published document raises on `today`. */
export function alertsOf(e: AlertFacts, today: string, s: LedgerSettings): AlertKind[] {
  const out: AlertKind[] = [];
  if (!e.published_on) return out;
  if (e.filing_due_on && !e.filed_on && today > e.filing_due_on) out.push("filing_late");
  if (e.validity === "valid" && e.expires_on) {
    if (today > e.expires_on) out.push("expired");
    else if (today >= addMonths(e.expires_on, -s.alert_months)) out.push("expiring");
  }
  return out;
}

/** Whether a recorded filing was late (the register shows it). */
export const filedLate = (e: Pick<AlertFacts, "filing_due_on" | "filed_on">) =>
  !!e.filing_due_on && !!e.filed_on && e.filed_on > e.filing_due_on;
