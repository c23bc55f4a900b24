// Check digits and plausibility checks for numbers that identify people. Kept free of regexes over the
// whole text: these run only on candidate spans the detectors found.

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = "10X98765432";

// GB/T 2260 province-level codes: a resident ID starts with one of these (83 = Taiwan residents' permits).
const PROVINCES = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61,
  62, 63, 64, 65, 71, 81, 82, 83,
]);

const THIS_YEAR = new Date().getUTCFullYear();

/** GB 11643-1999 mod 11-2 check character over the first 17 digits. */
export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * ID_WEIGHTS[i]!;
  return ID_CHECK[sum % 11]!;
}

/** A calendar date that exists, from 1900 up to today (nobody alive was born later or earlier). */
export function isValidBirthDate(y: number, m: number, d: number): boolean {
  if (y < 1900 || y > THIS_YEAR || m < 1 || m > 12 || d < 1) return false;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d > days) return false;
  return Date.UTC(y, m - 1, d) <= Date.now();
}

const hasProvince = (s: string) => PROVINCES.has(Number(s.slice(0, 2)));

/** 17 digits + check character with a real province and birth date: the shape of an ID, check not verified. */
export function looksLikeResidentId(s: string): boolean {
  if (!/^\d{17}[\dXx]$/.test(s) || !hasProvince(s)) return false;
  return isValidBirthDate(Number(s.slice(6, 10)), Number(s.slice(10, 12)), Number(s.slice(12, 14)));
}

/** A second-generation resident ID whose check character is right. */
export const isValidResidentId = (s: string): boolean =>
  looksLikeResidentId(s) && idCheckChar(s) === s[17]!.toUpperCase();

/** First-generation 15-digit ID: division code + YYMMDD (19YY) + sequence; it has no check digit. */
export function isValidOldResidentId(s: string): boolean {
  if (!/^\d{15}$/.test(s) || !hasProvince(s)) return false;
  return isValidBirthDate(1900 + Number(s.slice(6, 8)), Number(s.slice(8, 10)), Number(s.slice(10, 12)));
}

export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let v = digits.charCodeAt(i) - 48;
    if (v < 0 || v > 9) return false;
    if (double) {
      v *= 2;
      if (v > 9) v -= 9;
    }
    sum += v;
    double = !double;
  }
  return sum % 10 === 0;
}

// Issuer prefixes and lengths of cards issued in China (UnionPay 62/60 at 16-19 digits, old domestic
// 95xx/94xx at 19, Visa/Mastercard/JCB at 16). Luhn alone passes one random number in ten, so prefix and
// length keep table columns of figures out.
const CARD_PREFIX_16_19 = /^(?:62|60)/;
const CARD_PREFIX_19 = /^9[45]/;
const CARD_PREFIX_16 = /^(?:4|5[1-5]|35)/;

export function isValidBankCard(digits: string): boolean {
  const n = digits.length;
  const shape =
    (n >= 16 && n <= 19 && CARD_PREFIX_16_19.test(digits)) ||
    (n === 19 && CARD_PREFIX_19.test(digits)) ||
    (n === 16 && CARD_PREFIX_16.test(digits));
  return shape && luhnValid(digits);
}

// Mobile number segments allocated by MIIT (13x, 145-149, 15x without 154, 16x, 17x, 18x, 19x).
const MOBILE = /^1(?:3\d|4[5-9]|5[0-35-9]|6[2567]|7[0-8]|8\d|9[0-35-9])\d{8}$/;
export const isMobileNumber = (digits: string): boolean => MOBILE.test(digits);

/** Area code (0 + 2-3 digits, not a mobile or service prefix) followed by a 7-8 digit local number. */
export function isLandline(area: string, local: string): boolean {
  if (!/^0[1-9]\d{1,2}$/.test(area) || !/^[2-9]\d{6,7}$/.test(local)) return false;
  // Three-digit area codes are 010 and 020-029; any other 0xx is the start of a four-digit code.
  if (area.length === 3) return area === "010" || area[1] === "2";
  return area[1] !== "1" && area[1] !== "2";
}
