// Unified social credit code (统一社会信用代码), GB 32100-2015: 18 characters from a 31-symbol alphabet
// (digits and capitals without I O Z S V); positions 9-17 are the GB 11714 organisation code with its own
// check character; the last is a mod-31 check character over the first 17.
const ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

export function creditCodeCheckChar(first17: string): string | undefined {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = ALPHABET.indexOf(first17[i] ?? "");
    if (v < 0) return undefined;
    sum += v * WEIGHTS[i]!;
  }
  return ALPHABET[(31 - (sum % 31)) % 31];
}

/** GB 11714 check character of an 8-character organisation code body. */
export function orgCodeCheckChar(body8: string): string | undefined {
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const c = body8[i] ?? "";
    const v = /[0-9]/.test(c) ? Number(c) : /[A-Z]/.test(c) ? c.charCodeAt(0) - 55 : -1;
    if (v < 0) return undefined;
    sum += v * ORG_WEIGHTS[i]!;
  }
  const r = 11 - (sum % 11);
  return r === 10 ? "X" : r === 11 ? "0" : String(r);
}

export type CreditCodeProblem = "format" | "check_char" | "org_code_check";

export function checkCreditCode(raw: string): CreditCodeProblem | null {
  const code = raw.trim().toUpperCase();
  if (!/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(code)) return "format";
  if (creditCodeCheckChar(code.slice(0, 17)) !== code[17]) return "check_char";
  if (orgCodeCheckChar(code.slice(8, 16)) !== code[16]) return "org_code_check";
  return null;
}

export const isValidCreditCode = (raw: string): boolean => checkCreditCode(raw) === null;

/** Builds a valid code from registration authority+type (2), division (6) and an 8-char org body. */
export function buildCreditCode(prefix2: string, division6: string, orgBody8: string): string {
  const org = orgBody8 + orgCodeCheckChar(orgBody8);
  const first17 = prefix2 + division6 + org;
  return first17 + creditCodeCheckChar(first17);
}

/** 6-digit administrative division code (GB/T 2260), optionally extended to 9 or 12 digits for towns and villages. */
export const isValidDivisionCode = (s: string): boolean => /^[1-8]\d{5}(\d{3}(\d{3})?)?$/.test(s);
