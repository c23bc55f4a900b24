import { createHmac, randomBytes } from "node:crypto";
import { renderSVG } from "uqr";

// Time-based one-time passwords (RFC 6238 over RFC 4226 HOTP): HMAC-SHA1, 30-second steps, 6 digits, the
// parameters every authenticator app (Google Authenticator, Microsoft Authenticator, 腾讯身份验证器, FreeOTP)
// assumes when the otpauth URI names none. Used for the staff second factor (src/domains/accounts).

export const TOTP_STEP_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** Codes of the step before and after the current one are accepted too: phone clocks drift. */
export const TOTP_WINDOW = 1;

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/** RFC 4648 base32 without padding, as otpauth URIs carry secrets. */
export function base32Encode(data: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = "";
  for (const byte of data) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

/** Decodes base32 (case, spaces and padding ignored); undefined for any other character. */
export function base32Decode(text: string): Buffer | undefined {
  const clean = text.replace(/[\s=-]/g, "").toUpperCase();
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const ch of clean) {
    const i = ALPHABET.indexOf(ch);
    if (i < 0) return undefined;
    value = (value << 5) | i;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** A new 160-bit secret (RFC 4226 recommends 160 bits), base32. */
export const newTotpSecret = (): string => base32Encode(randomBytes(20));

/** HOTP(K, C) truncated to `digits` (RFC 4226 §5.3). */
export function hotp(key: Buffer, counter: number, digits = TOTP_DIGITS): string {
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac("sha1", key).update(msg).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const bin = (mac.readUInt32BE(offset) & 0x7fffffff) % 10 ** digits;
  return String(bin).padStart(digits, "0");
}

/** The time step of an instant. */
export const totpStep = (at: Date): number => Math.floor(at.getTime() / 1000 / TOTP_STEP_SECONDS);

/** The code of a base32 secret at an instant. */
export function totpCode(secret: string, at: Date, digits = TOTP_DIGITS): string {
  const key = base32Decode(secret);
  if (!key) throw new Error("invalid base32 secret");
  return hotp(key, totpStep(at), digits);
}

/**
 * Checks a typed code against the secret at `at`, within ±TOTP_WINDOW steps, refusing any step at or before
 * `lastStep` (a code seen once is never accepted again, RFC 6238 §5.2). Returns the step the code matched,
 * to be stored as the new `lastStep`, or undefined.
 */
export function verifyTotp(
  secret: string,
  code: string,
  at: Date,
  lastStep: number | null,
): number | undefined {
  const typed = code.replace(/\s/g, "");
  if (!/^\d{6}$/.test(typed)) return undefined;
  const key = base32Decode(secret);
  if (!key) return undefined;
  const now = totpStep(at);
  let matched: number | undefined;
  // Every candidate is computed and compared, so the time taken says nothing about which one matched.
  for (let step = now - TOTP_WINDOW; step <= now + TOTP_WINDOW; step++) {
    const expected = hotp(key, step);
    let diff = 0;
    for (let i = 0; i < TOTP_DIGITS; i++) diff |= expected.charCodeAt(i) ^ typed.charCodeAt(i);
    if (diff === 0 && (lastStep === null || step > lastStep) && matched === undefined) matched = step;
  }
  return matched;
}

/** The otpauth:// URI authenticator apps read from the QR code (Key Uri Format). */
export function otpauthUri(issuer: string, account: string, secret: string): string {
  const label = `${encodeURIComponent(issuer)}:${encodeURIComponent(account)}`;
  const q = new URLSearchParams({
    secret,
    issuer,
    algorithm: "SHA1",
    digits: String(TOTP_DIGITS),
    period: String(TOTP_STEP_SECONDS),
  });
  return `otpauth://totp/${label}?${q.toString()}`;
}

/** The URI as an SVG QR code (black on white, a quiet zone of 4 modules), safe to inline: it holds no text. */
export const qrSvg = (text: string): string =>
  renderSVG(text, { ecc: "M", border: 4, pixelSize: 6, whiteColor: "#ffffff", blackColor: "#000000" });

/** The secret in groups of four, for typing into an app by hand. */
export const groupSecret = (secret: string): string => secret.replace(/(.{4})(?=.)/g, "$1 ");

/** Ten one-use recovery codes, `xxxxx-xxxxx` from an alphabet without look-alike characters. */
export function newRecoveryCodes(count = 10): string[] {
  const alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
  return Array.from({ length: count }, () => {
    const bytes = randomBytes(10);
    const chars = [...bytes].map((b) => alphabet[b % alphabet.length]).join("");
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
}

/** A typed recovery code in its stored form (lower case, dash restored), or undefined when it is not one. */
export function normaliseRecoveryCode(typed: string): string | undefined {
  const t = typed.replace(/[\s-]/g, "").toLowerCase();
  return /^[a-z2-9]{10}$/.test(t) ? `${t.slice(0, 5)}-${t.slice(5)}` : undefined;
}
