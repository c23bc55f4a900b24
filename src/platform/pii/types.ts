// Shared shapes of the personal-information engine (detect and mask). Offsets in public findings are code points of the
// scanned text (CONTRACT.md), so callers in other languages and the CLI agree on where a finding sits.

export const PII_KINDS = [
  "id_card",
  "id_card_invalid",
  "mobile",
  "landline",
  "bank_card",
  "email",
  "passport",
  "travel_permit",
  "plate",
  "address",
  "name",
] as const;
export type PiiKind = (typeof PII_KINDS)[number];

/** "pii" here; the review domain adds its own categories (secrecy, wording, sensitive, link). */
export type FindingCategory = string;
export type Severity = "blocking" | "error" | "warning";

export interface Finding<K extends string = string> {
  kind: K;
  category: FindingCategory;
  severity: Severity;
  text: string;
  /** Code-point offset of the first character. */
  start: number;
  /** Code-point offset just past the last character. */
  end: number;
  /** For people, in Chinese. */
  message: string;
  suggestion?: string;
  /** The de-identified replacement, for personal information. */
  masked?: string;
}

/** Keeps `keepStart` leading and `keepEnd` trailing digits/letters; separators are never masked. */
export interface KeepRule {
  keepStart: number;
  keepEnd: number;
  char: string;
}

/** Addresses keep the administrative part down to this level and mask the rest. */
export interface AddressRule {
  keepLevel: "county" | "town" | "street";
  char: string;
}

export interface MaskRules {
  id_card: KeepRule;
  id_card_invalid: KeepRule;
  mobile: KeepRule;
  /** For landlines keepStart counts digits after the area code, which is always kept. */
  landline: KeepRule;
  bank_card: KeepRule;
  /** keepStart counts characters of the local part; the domain is always kept. */
  email: KeepRule;
  passport: KeepRule;
  travel_permit: KeepRule;
  plate: KeepRule;
  /** keepStart counts characters, but a compound surname (欧阳, 司马…) is kept whole when keepStart ≥ 1. */
  name: KeepRule;
  address: AddressRule;
}

export interface PiiOptions {
  /** Office numbers published on purpose (any formatting; compared by digits). */
  allowPhones?: readonly string[];
  /** Office mailboxes published on purpose (compared case-insensitively). */
  allowEmails?: readonly string[];
  /** Office addresses published on purpose: an address finding inside one of them is not personal. */
  allowAddresses?: readonly string[];
  maskRules?: Partial<MaskRules>;
  /** Only these kinds are reported (default: all). */
  kinds?: readonly string[];
}

export interface MaskOptions extends PiiOptions {
  /** Kinds replaced by maskText; default: PII kinds reported with severity error. */
  maskKinds?: readonly PiiKind[];
}

export interface MaskResult {
  text: string;
  applied: Finding[];
}

/** A finding while the engine works: offsets are UTF-16 indexes into the scanned string. */
export interface RawFinding {
  kind: string;
  start: number;
  end: number;
  severity?: Severity;
  message?: string;
  suggestion?: string;
  /** Kind-specific detail the masker needs (e.g. length of the area code or surname). */
  meta?: number;
}
