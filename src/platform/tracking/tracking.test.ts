import { describe, expect, it } from "vitest";
import { decryptField, hashApiToken } from "../crypto";
import {
  CODE_ALPHABET,
  contactIndex,
  hashTrackingSecret,
  newTracking,
  newTrackingCode,
  openContact,
  sealContact,
  verifyTrackingSecret,
} from "./index";

const key = Buffer.alloc(32, 7);
const kind = { prefix: "YS", purpose: "application" };

describe("tracking code and secret", () => {
  it("makes a code of prefix, Shanghai date and six unambiguous characters", () => {
    // 2025-03-17T20:00Z is already 18 March in Shanghai.
    const code = newTrackingCode(kind, new Date("2025-03-17T20:00:00Z"));
    expect(code).toMatch(/^YS20250318[A-HJ-NP-Z2-9]{6}$/);
    expect(CODE_ALPHABET).not.toMatch(/[IO01]/);
    expect(newTrackingCode({ prefix: "XX", purpose: "m" }, new Date("2025-03-17T00:00:00Z"))).toMatch(
      /^XX20250317/,
    );
  });

  it("stores only the secret's hash and accepts it typed in lower case with spaces, nothing else", () => {
    const t = newTracking(key, kind, new Date());
    expect(t.secret).toMatch(/^[A-HJ-NP-Z2-9]{10}$/);
    expect(t.secretHash).not.toContain(t.secret);
    expect(verifyTrackingSecret(key, kind, t.secretHash, t.secret)).toBe(true);
    expect(verifyTrackingSecret(key, kind, t.secretHash, ` ${t.secret.toLowerCase()} `)).toBe(true);
    expect(verifyTrackingSecret(key, kind, t.secretHash, `${t.secret}X`)).toBe(false);
    expect(verifyTrackingSecret(Buffer.alloc(32, 8), kind, t.secretHash, t.secret)).toBe(false);
    // Another kind's secret with the same text does not open this one.
    expect(verifyTrackingSecret(key, { prefix: "YS", purpose: "message" }, t.secretHash, t.secret)).toBe(
      false,
    );
  });

  it("keeps the hash stable, so codes issued before the move still open", () => {
    // The applications service stored hashApiToken(key, "application:<secret>") before the module existed.
    expect(hashTrackingSecret(key, kind, "ABCDEFGH23")).toBe(hashApiToken(key, "application:ABCDEFGH23"));
  });
});

describe("encrypted contact fields", () => {
  const contact = {
    idNumber: "110101199003074514",
    phone: "13812345678",
    email: "wxm@example.com",
    address: "固阳县金山镇阳光小区3号楼",
  };

  it("stores every field encrypted, with a blind index of the identity", () => {
    const sealed = sealContact(key, contact);
    const stored = JSON.stringify(sealed);
    for (const v of Object.values(contact)) expect(stored).not.toContain(v);
    expect(decryptField(key, sealed.phone_enc!)).toBe(contact.phone);
    expect(sealed.id_index).toBe(contactIndex(key, "110101 19900307 4514"));
    expect(sealed.id_index).toBe(contactIndex(key, contact.idNumber.toLowerCase()));
  });

  it("indexes another identity when asked (an organisation's credit code) and leaves absent fields null", () => {
    const sealed = sealContact(
      key,
      { idNumber: null, phone: null, email: "a@b.cn", address: null },
      "91150222MA0N8X5Y4K",
    );
    expect(sealed).toMatchObject({ id_number_enc: null, phone_enc: null, address_enc: null });
    expect(sealed.id_index).toBe(contactIndex(key, "91150222MA0N8X5Y4K"));
    expect(contactIndex(key, "  ")).toBeNull();
  });

  it("opens the fields only for someone allowed", () => {
    const sealed = sealContact(key, contact);
    expect(openContact(key, sealed, true)).toEqual(contact);
    expect(openContact(key, sealed, false)).toEqual({
      idNumber: null,
      phone: null,
      email: null,
      address: null,
    });
  });
});
