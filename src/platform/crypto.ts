import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  hkdfSync,
  randomBytes,
  timingSafeEqual,
} from "node:crypto";
import { hash, verify } from "@node-rs/argon2";

const ARGON = { algorithm: 2 /* Argon2id */, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (password: string): Promise<string> => hash(password, ARGON);

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

/** A hash to compare against when the user does not exist, so timing does not reveal usernames. */
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword(randomBytes(16).toString("hex"));
  return dummyHash;
}

export const sha256Hex = (data: string | Buffer): string => createHash("sha256").update(data).digest("hex");

/** Derives a purpose-bound subkey from the site secret. */
export function deriveKey(secret: Buffer, purpose: string, length = 32): Buffer {
  return Buffer.from(hkdfSync("sha256", secret, Buffer.alloc(0), `gongkai:${purpose}`, length));
}

/** API tokens are random; only an HMAC of them is stored, so a database leak yields no usable token. */
export function newApiToken(): string {
  return `gk_${randomBytes(24).toString("base64url")}`;
}

export function hashApiToken(secret: Buffer, token: string): string {
  return createHmac("sha256", deriveKey(secret, "api-token")).update(token).digest("hex");
}

export function safeEqual(a: string, b: string): boolean {
  const ba = Buffer.from(a);
  const bb = Buffer.from(b);
  return ba.length === bb.length && timingSafeEqual(ba, bb);
}

/**
 * Field encryption at rest (AES-256-GCM) for applicants' identity numbers, addresses and contacts.
 * Format `v1:<base64 iv|tag|ciphertext>`; the key is derived from the site secret for this purpose only.
 */
export function encryptField(secret: Buffer, plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", deriveKey(secret, "field-encryption"), iv);
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return `v1:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64")}`;
}

export function decryptField(secret: Buffer, stored: string): string {
  if (!stored.startsWith("v1:")) throw new Error("unknown field encryption format");
  const raw = Buffer.from(stored.slice(3), "base64");
  const decipher = createDecipheriv(
    "aes-256-gcm",
    deriveKey(secret, "field-encryption"),
    raw.subarray(0, 12),
  );
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8");
}

/** A keyed hash for finding records by a secret value (an ID number) without storing it in clear. */
export function blindIndex(secret: Buffer, value: string): string {
  return createHmac("sha256", deriveKey(secret, "blind-index"))
    .update(value.trim().toUpperCase())
    .digest("hex");
}

const BLOB_MAGIC = Buffer.from("GKE1", "latin1");

/**
 * File encryption at rest (AES-256-GCM) for applicants' uploads (an ID card image, a scanned letter).
 * Layout `GKE1 | iv(12) | tag(16) | ciphertext`, with its own derived key; each call uses a fresh IV, so
 * the same file encrypted twice gives different bytes (the store cannot tell that two people sent the same).
 */
export function encryptBlob(secret: Buffer, plain: Buffer): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", deriveKey(secret, "file-encryption"), iv);
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([BLOB_MAGIC, iv, cipher.getAuthTag(), body]);
}

/** Throws when the bytes were not produced by encryptBlob with this secret, or were altered. */
export function decryptBlob(secret: Buffer, stored: Buffer): Buffer {
  if (stored.length < 32 || !stored.subarray(0, 4).equals(BLOB_MAGIC))
    throw new Error("unknown file encryption format");
  const decipher = createDecipheriv(
    "aes-256-gcm",
    deriveKey(secret, "file-encryption"),
    stored.subarray(4, 16),
  );
  decipher.setAuthTag(stored.subarray(16, 32));
  return Buffer.concat([decipher.update(stored.subarray(32)), decipher.final()]);
}
