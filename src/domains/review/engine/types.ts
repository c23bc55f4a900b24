// Shapes of the pre-publication review engine: the personal-information kinds of platform/pii plus the
// review domain's own checks (secrecy markings, wording, sensitive words, dead links).
import type { Finding as PiiFinding, PiiKind, PiiOptions } from "../../../platform/pii";
import { PII_KINDS } from "../../../platform/pii";

export {
  type AddressRule,
  type KeepRule,
  type MaskOptions,
  type MaskResult,
  type MaskRules,
  PII_KINDS,
  type PiiKind,
  type RawFinding,
  type Severity,
} from "../../../platform/pii";

export const WORDING_KINDS = [
  "serious_error",
  "outdated_agency",
  "doc_number_format",
  "mixed_punctuation",
  "chinese_numeral_date",
  "fullwidth_digits",
] as const;
export type WordingKind = (typeof WORDING_KINDS)[number];

export type FindingKind = PiiKind | WordingKind | "secrecy_mark" | "sensitive_word" | "dead_link";
export const ALL_KINDS: readonly FindingKind[] = [
  ...PII_KINDS,
  ...WORDING_KINDS,
  "secrecy_mark",
  "sensitive_word",
];

export type FindingCategory = "pii" | "secrecy" | "wording" | "sensitive" | "link";

export type Finding = PiiFinding<FindingKind>;

export interface ScanOptions extends PiiOptions {
  /** The site's sensitive-word list, edited by the site; empty by default. */
  sensitiveWords?: readonly string[];
  /** Only these kinds are reported (default: all). */
  kinds?: readonly FindingKind[];
}
