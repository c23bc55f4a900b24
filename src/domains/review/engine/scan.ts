// scanText: the personal-information engine (platform/pii) plus the review domain's own checks: secrecy
// markings, wording, sensitive words.
import { detectPii, PII_KINDS, type RawFinding, toFindings } from "../../../platform/pii";
import type { Finding, FindingCategory, FindingKind, ScanOptions } from "./types";
import {
  detectChineseNumeralDates,
  detectCuratedWording,
  detectDocNumbers,
  detectFullWidthDigits,
  detectPunctuation,
  detectSecrecy,
  detectSensitiveWords,
} from "./wording-detectors";

export { ERROR_PII_KINDS, maskText } from "../../../platform/pii";

function categoryOf(kind: string): FindingCategory {
  if (kind === "secrecy_mark") return "secrecy";
  if (kind === "sensitive_word") return "sensitive";
  if (kind === "dead_link") return "link";
  return "wording";
}

/** All findings with UTF-16 offsets, unsorted. */
export function scanRaw(text: string, options: ScanOptions = {}): RawFinding[] {
  const only = options.kinds ? new Set<string>(options.kinds) : undefined;
  const want = (k: FindingKind) => !only || only.has(k);
  const raw: RawFinding[] = [];
  if (PII_KINDS.some(want)) raw.push(...detectPii(text, options));
  if (want("secrecy_mark")) detectSecrecy(text, raw);
  if (want("serious_error") || want("outdated_agency")) detectCuratedWording(text, raw);
  if (want("doc_number_format")) detectDocNumbers(text, raw);
  if (want("mixed_punctuation")) detectPunctuation(text, raw);
  if (want("chinese_numeral_date")) detectChineseNumeralDates(text, raw);
  if (want("fullwidth_digits")) detectFullWidthDigits(text, raw);
  if (want("sensitive_word") && options.sensitiveWords)
    detectSensitiveWords(text, options.sensitiveWords, raw);
  return only ? raw.filter((f) => only.has(f.kind)) : raw;
}

/** Every finding in the text, sorted by start; offsets are code points. */
export function scanText(text: string, options: ScanOptions = {}): Finding[] {
  return toFindings(text, scanRaw(text, options), options, categoryOf) as Finding[];
}
