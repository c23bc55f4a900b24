import { createHmac, randomInt } from "node:crypto";
import { deriveKey, safeEqual } from "../crypto";

// A human check that needs no third-party service: a small sum in words, answered in digits. The form
// carries a signed token (answer hashed with a nonce and an expiry), so no server state is kept.
const NUMERALS = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
const TTL_MS = 60 * 60_000;

function sign(secret: Buffer, answer: string, nonce: string, expires: number): string {
  return createHmac("sha256", deriveKey(secret, "human-check"))
    .update(`${answer}|${nonce}|${expires}`)
    .digest("base64url");
}

export function newHumanCheck(
  secret: Buffer,
  now: number,
): { question: string; token: string; terms: [number, number] } {
  const a = randomInt(1, 10);
  const b = randomInt(1, 10);
  const nonce = randomInt(0, 2 ** 31).toString(36);
  const expires = now + TTL_MS;
  return {
    question: `${NUMERALS[a]}加${NUMERALS[b]}等于几？`,
    // The two numbers, for a page that words the question in its own language.
    terms: [a, b],
    token: `${nonce}.${expires}.${sign(secret, String(a + b), nonce, expires)}`,
  };
}

export function checkHumanAnswer(secret: Buffer, token: string, answer: string, now: number): boolean {
  const [nonce, expiresRaw, mac] = token.split(".");
  const expires = Number(expiresRaw);
  if (!nonce || !mac || !Number.isFinite(expires) || expires < now) return false;
  const normalised = answer.trim().replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
  if (!/^\d{1,2}$/.test(normalised)) return false;
  return safeEqual(mac, sign(secret, String(Number(normalised)), nonce, expires));
}

/**
 * The spam defences of a public form, as problems to list with the form's own: the hidden `website` field
 * people never see filled in (a robot), or the human check's answer wrong or expired. `message` is the
 * form's text for both, in the page's language.
 */
export function publicFormProblems(
  secret: Buffer,
  now: number,
  v: { website?: string; check_token?: string; check_answer?: string },
  message: string,
): Array<{ field?: string; code: string; message: string }> {
  const out: Array<{ field?: string; code: string; message: string }> = [];
  if (v.website) out.push({ code: "rejected", message });
  if (!checkHumanAnswer(secret, v.check_token ?? "", v.check_answer ?? "", now))
    out.push({ field: "check_answer", code: "human_check_failed", message });
  return out;
}
