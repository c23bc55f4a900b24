// The personal-information engine (个人信息识别与去标识化), shared by every domain that publishes or releases
// text: detectors with checksums and decoys, the office's own contacts allow-listed, masking that keeps
// lengths. Domain rules (secrecy markings, wording, sensitive words, links) live in the review domain.

export { isLandline, isMobileNumber, isValidBankCard, isValidResidentId } from "./checksums";
export { DEFAULT_MASK_RULES, maskPii, resolveMaskRules } from "./masking";
export {
  detectPii,
  ERROR_PII_KINDS,
  isPiiKind,
  maskText,
  PUBLICATION_MASK_KINDS,
  scanPii,
  toFindings,
} from "./scan";
export { codePointMapper, lineBounds } from "./text-utils";
export {
  type AddressRule,
  type Finding,
  type FindingCategory,
  type KeepRule,
  type MaskOptions,
  type MaskResult,
  type MaskRules,
  PII_KINDS,
  type PiiKind,
  type PiiOptions,
  type RawFinding,
  type Severity,
} from "./types";
