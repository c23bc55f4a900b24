import { randomBytes } from "node:crypto";
import { hashApiToken, safeEqual } from "../crypto";
import { shanghaiDateOf } from "../time";

// A tracking code and secret for something a member of the public submitted without an account (an
// application, a letter to the office): the code is read aloud over the phone, the secret proves it is
// theirs. Only a keyed hash of the secret is stored; a wrong code and a wrong secret look the same.

/** What is being tracked: the code's prefix ("YS" for 依申请) and the purpose the secret is hashed for. */
export interface TrackingKind {
  prefix: string;
  purpose: string;
}

/** Characters that cannot be mistaken for one another (no I, O, 0, 1). */
export const CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
export const CODE_RANDOM_LENGTH = 6;
export const SECRET_LENGTH = 10;

export const randomCode = (n: number): string =>
  [...randomBytes(n)].map((b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join("");

/** As typed by a person: spaces around and lower case do not matter. */
export const normaliseTrackingInput = (s: string): string => s.trim().toUpperCase();

/** Prefix, the Shanghai date (YYYYMMDD) and six unambiguous characters: `YS20250318K7MQ2D`. */
export function newTrackingCode(kind: TrackingKind, now: Date): string {
  return `${kind.prefix}${shanghaiDateOf(now).replace(/-/g, "")}${randomCode(CODE_RANDOM_LENGTH)}`;
}

export const hashTrackingSecret = (key: Buffer, kind: TrackingKind, secret: string): string =>
  hashApiToken(key, `${kind.purpose}:${secret}`);

/** A new code and secret; the secret is shown once and only its hash is kept. */
export function newTracking(
  key: Buffer,
  kind: TrackingKind,
  now: Date,
): { code: string; secret: string; secretHash: string } {
  const secret = randomCode(SECRET_LENGTH);
  return { code: newTrackingCode(kind, now), secret, secretHash: hashTrackingSecret(key, kind, secret) };
}

/** Whether the secret a person typed matches the stored hash (constant-time). */
export function verifyTrackingSecret(
  key: Buffer,
  kind: TrackingKind,
  storedHash: string,
  typed: string,
): boolean {
  return safeEqual(storedHash, hashTrackingSecret(key, kind, normaliseTrackingInput(typed)));
}
