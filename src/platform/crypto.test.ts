import { describe, expect, it } from "vitest";
import {
  blindIndex,
  decryptBlob,
  decryptField,
  encryptBlob,
  encryptField,
  hashApiToken,
  newApiToken,
} from "./crypto";

const key = Buffer.alloc(32, 3);

describe("crypto", () => {
  it("encrypts fields so the clear text is nowhere in the stored form, and decrypts them", () => {
    const id = "110101199003074514";
    const a = encryptField(key, id);
    const b = encryptField(key, id);
    expect(a).not.toContain(id);
    expect(a).not.toBe(b); // a fresh IV each time
    expect(decryptField(key, a)).toBe(id);
    expect(() => decryptField(Buffer.alloc(32, 4), a)).toThrow();
    const raw = Buffer.from(a.slice(3), "base64");
    raw[30] = raw[30]! ^ 1;
    const tampered = `v1:${raw.toString("base64")}`;
    expect(() => decryptField(key, tampered)).toThrow();
  });

  it("gives a stable blind index and never stores tokens in clear", () => {
    expect(blindIndex(key, "11010119900307451x")).toBe(blindIndex(key, " 11010119900307451X"));
    const t = newApiToken();
    expect(hashApiToken(key, t)).not.toContain(t);
  });

  it("encrypts files with a fresh IV, refuses other keys, tampering and foreign bytes", () => {
    const image = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.from("110101199003074514 张三")]);
    const a = encryptBlob(key, image);
    const b = encryptBlob(key, image);
    expect(a.includes(Buffer.from("110101199003074514"))).toBe(false);
    expect(a.equals(b)).toBe(false);
    expect(decryptBlob(key, a).equals(image)).toBe(true);
    expect(() => decryptBlob(Buffer.alloc(32, 4), a)).toThrow();
    const tampered = Buffer.from(a);
    tampered[tampered.length - 1] = tampered[tampered.length - 1]! ^ 1;
    expect(() => decryptBlob(key, tampered)).toThrow();
    expect(() => decryptBlob(key, image)).toThrow(/format/);
  });
});
