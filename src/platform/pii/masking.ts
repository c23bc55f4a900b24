// De-identification of one finding's text. Every rule keeps the length in code points, so offsets of
// the other findings stay valid and masking twice changes nothing.
import { addressKeepLength } from "./address-detector";
import { surnameLength } from "./surnames";
import type { KeepRule, MaskRules, PiiKind } from "./types";

const keep = (keepStart: number, keepEnd: number, char = "*"): KeepRule => ({ keepStart, keepEnd, char });

export const DEFAULT_MASK_RULES: MaskRules = {
  id_card: keep(4, 4),
  id_card_invalid: keep(4, 4),
  mobile: keep(3, 4),
  landline: keep(0, 2),
  bank_card: keep(4, 4),
  email: keep(1, 0),
  passport: keep(1, 2),
  travel_permit: keep(1, 2),
  plate: keep(2, 1),
  name: keep(1, 0),
  address: { keepLevel: "street", char: "*" },
};

export function resolveMaskRules(over?: Partial<MaskRules>): MaskRules {
  return over ? { ...DEFAULT_MASK_RULES, ...over } : DEFAULT_MASK_RULES;
}

// Digits and Latin letters, half- or full-width: what identifies; dashes and spaces only format it.
const ALNUM = /[0-9A-Za-z\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/;
const NOT_SPACE = /[^\s\-－·•・()（）]/;

/** Masks the significant characters between the first keepStart and the last keepEnd of them. */
function maskKeeping(text: string, rule: KeepRule, significant: RegExp): string {
  const chars = [...text];
  const sig = chars.map((c) => significant.test(c));
  const n = sig.filter(Boolean).length;
  let ks = Math.max(0, rule.keepStart);
  let ke = Math.max(0, rule.keepEnd);
  // Always hide at least one character, even where the rule would keep everything.
  if (ks + ke >= n) {
    ke = Math.max(0, n - ks - 1);
    ks = Math.min(ks, Math.max(0, n - 1));
  }
  let seen = 0;
  return chars
    .map((c, i) => {
      if (!sig[i]) return c;
      seen++;
      return seen <= ks || seen > n - ke ? c : rule.char;
    })
    .join("");
}

/** The masked form of a finding's text; `meta` is the landline's area-code length. */
export function maskPii(kind: PiiKind, text: string, rules: MaskRules, meta?: number): string {
  switch (kind) {
    case "email": {
      const at = text.lastIndexOf("@");
      return maskKeeping(text.slice(0, at), { ...rules.email, keepEnd: 0 }, /./u) + text.slice(at);
    }
    case "landline": {
      // Keep the whole area code (an area is not personal), then apply the rule to the local number.
      const area = meta ?? 0;
      let i = 0;
      let digits = 0;
      while (i < text.length && digits < area) if (ALNUM.test(text[i++]!)) digits++;
      while (i < text.length && !ALNUM.test(text[i]!)) i++;
      return text.slice(0, i) + maskKeeping(text.slice(i), rules.landline, ALNUM);
    }
    case "name": {
      const r = rules.name;
      const ks = r.keepStart >= 1 ? Math.max(r.keepStart, surnameLength(text)) : r.keepStart;
      return maskKeeping(text, { ...r, keepStart: ks }, NOT_SPACE);
    }
    case "plate":
      return maskKeeping(text, rules.plate, NOT_SPACE);
    case "address": {
      const cut = addressKeepLength(text, rules.address.keepLevel);
      const head = text.slice(0, cut);
      return head + [...text.slice(cut)].map(() => rules.address.char).join("");
    }
    default:
      return maskKeeping(text, rules[kind], ALNUM);
  }
}
