// scanPii and maskText: runs the personal-information detectors, drops decoys and the office's own
// published contacts, resolves overlaps between findings and converts offsets to code points. The review
// domain adds its own checks (secrecy markings, wording) on top of detectPii and toFindings.
import { detectAddresses } from "./address-detector";
import { detectEmails, detectParenLandlines, detectPlates, detectTravelDocuments } from "./contact-detectors";
import { findDecoys } from "./decoys";
import { detectDigitRuns } from "./digit-detectors";
import { maskPii, resolveMaskRules } from "./masking";
import { detectNames } from "./name-detector";
import { codePointMapper, digitsOf, normalizeWidth } from "./text-utils";
import {
  type Finding,
  type MaskOptions,
  type MaskResult,
  PII_KINDS,
  type PiiKind,
  type PiiOptions,
  type RawFinding,
  type Severity,
} from "./types";

const PII_SET: ReadonlySet<string> = new Set(PII_KINDS);
export const isPiiKind = (k: string): k is PiiKind => PII_SET.has(k);

/** PII kinds that must be masked or exempted before publishing; the rest need a person's judgement. */
export const ERROR_PII_KINDS: readonly PiiKind[] = [
  "id_card",
  "mobile",
  "landline",
  "bank_card",
  "email",
  "passport",
  "travel_permit",
];
const ERROR_PII: ReadonlySet<string> = new Set(ERROR_PII_KINDS);

/**
 * Kinds masked in texts published from what people wrote (published Q&A, consultation comments): the error
 * kinds and ID numbers whose check digit is wrong, which a reader cannot tell from real ones (a mistyped
 * real number is still a person's number). The scanner keeps reporting the latter as `id_card_invalid`.
 */
export const PUBLICATION_MASK_KINDS: readonly PiiKind[] = [...ERROR_PII_KINDS, "id_card_invalid"];

const PII_MESSAGES: Record<PiiKind, string> = {
  id_card: "居民身份证号码，发布前须去标识化处理。",
  id_card_invalid: "疑似居民身份证号码，但校验位不符，请核实是否为身份证号码。",
  mobile: "手机号码，发布前须去标识化处理。",
  landline: "固定电话号码；如为机关对外公布的办公电话，请加入本站电话白名单。",
  bank_card: "银行卡号，发布前须去标识化处理。",
  email: "电子邮箱地址，发布前须去标识化处理；如为机关公开邮箱，请加入白名单。",
  passport: "护照号码，发布前须去标识化处理。",
  travel_permit: "港澳台通行证件号码，发布前须去标识化处理。",
  plate: "机动车号牌，请确认是否需要公开。",
  address: "详细住址（精确到门牌），除依法公示外应去标识化处理。",
  name: "人员名单中的个人姓名，除依法公示外应去标识化处理。",
};

// When two personal-information findings overlap, the more specific reading wins.
const PRIORITY: Record<PiiKind, number> = {
  id_card: 10,
  bank_card: 9,
  passport: 8,
  travel_permit: 8,
  mobile: 7,
  landline: 6,
  email: 6,
  id_card_invalid: 5,
  plate: 4,
  address: 3,
  name: 2,
};

const normPhone = (s: string) => s.replace(/\D/g, "").replace(/^(?:0086|86)(?=1\d{10}$)/, "");

const normAddress = (s: string) => normalizeWidth(s).replace(/[\s,，、。·•・()（）-]/g, "");

interface Allowed {
  phones: Set<string>;
  emails: Set<string>;
  addresses: string[];
}

function isAllowed(f: RawFinding, text: string, { phones, emails, addresses }: Allowed): boolean {
  const t = text.slice(f.start, f.end);
  if (f.kind === "email") return emails.has(t.toLowerCase());
  if (f.kind === "address") {
    // The office's own address, written out whole or in part (the part found lies inside it).
    const a = normAddress(t);
    return a.length > 0 && addresses.some((x) => x.includes(a) || a.includes(x));
  }
  if (f.kind !== "mobile" && f.kind !== "landline") return false;
  const d = normPhone(digitsOf(t));
  if (phones.has(d)) return true;
  // An allow-listed local number covers the same number written with its area code.
  for (const p of phones) if (p.length >= 7 && d.endsWith(p)) return true;
  return false;
}

/** Keeps, of overlapping findings, the one with the higher priority (then the longer). */
function resolveOverlaps(found: RawFinding[]): RawFinding[] {
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: RawFinding[] = [];
  for (const f of found) {
    const last = out[out.length - 1];
    if (!last || f.start >= last.end) {
      out.push(f);
      continue;
    }
    const pf = PRIORITY[f.kind as PiiKind];
    const pl = PRIORITY[last.kind as PiiKind];
    if (pf > pl || (pf === pl && f.end - f.start > last.end - last.start)) out[out.length - 1] = f;
  }
  return out;
}

/** Personal-information findings with UTF-16 offsets, overlaps resolved, allow-listed contacts dropped. */
export function detectPii(text: string, options: PiiOptions = {}): RawFinding[] {
  const norm = normalizeWidth(text);
  const decoys = findDecoys(norm);
  const found: RawFinding[] = [];
  detectDigitRuns(norm, decoys, found);
  detectParenLandlines(norm, decoys, found);
  detectEmails(norm, decoys, found);
  detectTravelDocuments(norm, decoys, found);
  detectPlates(norm, found);
  detectAddresses(norm, found);
  detectNames(norm, found.slice(), found);
  const allowed: Allowed = {
    phones: new Set((options.allowPhones ?? []).map(normPhone).filter(Boolean)),
    emails: new Set((options.allowEmails ?? []).map((e) => e.trim().toLowerCase())),
    addresses: (options.allowAddresses ?? []).map(normAddress).filter((a) => a.length >= 4),
  };
  const any = allowed.phones.size || allowed.emails.size || allowed.addresses.length;
  const kept = any ? found.filter((f) => !isAllowed(f, text, allowed)) : found;
  return resolveOverlaps(kept);
}

/** detectPii restricted to `options.kinds` (after overlaps are resolved over every kind, as before). */
function detectPiiOf(text: string, options: PiiOptions): RawFinding[] {
  const raw = detectPii(text, options);
  if (!options.kinds) return raw;
  const only = new Set<string>(options.kinds);
  return raw.filter((f) => only.has(f.kind));
}

/**
 * Findings with code-point offsets, sorted by start. Personal information gets its message, severity and
 * masked form; other kinds (the review domain's) keep what their detector gave and `categoryOf` names them.
 */
export function toFindings(
  text: string,
  raw: RawFinding[],
  options: PiiOptions,
  categoryOf: (kind: string) => string = () => "pii",
): Finding[] {
  const cp = codePointMapper(text);
  const rules = resolveMaskRules(options.maskRules);
  const seen = new Set<string>();
  const out: Finding[] = [];
  raw.sort((a, b) => a.start - b.start || a.end - b.end);
  for (const f of raw) {
    const key = `${f.kind}:${f.start}:${f.end}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const t = text.slice(f.start, f.end);
    const pii = isPiiKind(f.kind);
    const severity: Severity = f.severity ?? (ERROR_PII.has(f.kind) ? "error" : "warning");
    const finding: Finding = {
      kind: f.kind,
      category: pii ? "pii" : categoryOf(f.kind),
      severity,
      text: t,
      start: cp(f.start),
      end: cp(f.end),
      message: f.message ?? (pii ? PII_MESSAGES[f.kind as PiiKind] : ""),
    };
    if (f.suggestion !== undefined) finding.suggestion = f.suggestion;
    if (pii) finding.masked = maskPii(f.kind as PiiKind, t, rules, f.meta);
    out.push(finding);
  }
  return out;
}

/** Every personal-information finding in the text, sorted by start; offsets are code points. */
export function scanPii(text: string, options: PiiOptions = {}): Finding<PiiKind>[] {
  return toFindings(text, detectPiiOf(text, options), options) as Finding<PiiKind>[];
}

/**
 * De-identifies a copy of the text: replaces personal information of the masked kinds (by default those
 * reported as errors; never id_card_invalid unless asked). Masks keep lengths, so masking is idempotent.
 */
export function maskText(text: string, options: MaskOptions = {}): MaskResult {
  const maskKinds = new Set<string>(options.maskKinds ?? ERROR_PII_KINDS);
  const kinds = (options.kinds ?? PII_KINDS).filter((k) => maskKinds.has(k));
  const raw = detectPiiOf(text, { ...options, kinds }).sort((a, b) => a.start - b.start);
  const rules = resolveMaskRules(options.maskRules);
  let out = "";
  let at = 0;
  for (const f of raw) {
    out += text.slice(at, f.start) + maskPii(f.kind as PiiKind, text.slice(f.start, f.end), rules, f.meta);
    at = f.end;
  }
  out += text.slice(at);
  return { text: out, applied: toFindings(text, raw, options) };
}
