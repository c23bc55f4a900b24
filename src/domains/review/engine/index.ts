// Public API of the pre-publication review engine: personal information (platform/pii, re-exported),
// secrecy markings, wording, sensitive words and links.

export {
  DEFAULT_MASK_RULES,
  isMobileNumber,
  isValidBankCard,
  isValidResidentId,
} from "../../../platform/pii";
export { checkLinks, extractLinks, type LinkChecker, type LinkCheckOptions } from "./link-check";
export { ERROR_PII_KINDS, maskText, scanText } from "./scan";
export {
  type AddressRule,
  ALL_KINDS,
  type Finding,
  type FindingCategory,
  type FindingKind,
  type KeepRule,
  type MaskOptions,
  type MaskResult,
  type MaskRules,
  PII_KINDS,
  type PiiKind,
  type ScanOptions,
  type Severity,
  WORDING_KINDS,
} from "./types";
export { RENAMED_AGENCIES, SERIOUS_ERRORS } from "./wording-data";
