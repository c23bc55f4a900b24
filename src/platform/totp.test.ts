import { describe, expect, it } from "vitest";
import {
  base32Decode,
  base32Encode,
  hotp,
  newRecoveryCodes,
  newTotpSecret,
  normaliseRecoveryCode,
  otpauthUri,
  qrSvg,
  totpCode,
  totpStep,
  verifyTotp,
} from "./totp";

// RFC 6238 Appendix B: the SHA-1 seed "12345678901234567890", 8-digit codes.
const RFC_SEED = Buffer.from("12345678901234567890", "ascii");
const RFC_VECTORS: Array<[number, string]> = [
  [59, "94287082"],
  [1111111109, "07081804"],
  [1111111111, "14050471"],
  [1234567890, "89005924"],
  [2000000000, "69279037"],
  [20000000000, "65353130"],
];

describe("TOTP (RFC 6238)", () => {
  it("gives the RFC's test vectors", () => {
    for (const [t, code] of RFC_VECTORS) expect(hotp(RFC_SEED, Math.floor(t / 30), 8)).toBe(code);
    // RFC 4226 Appendix D, HOTP counter 0..2, 6 digits.
    expect([0, 1, 2].map((c) => hotp(RFC_SEED, c))).toEqual(["755224", "287082", "359152"]);
  });

  it("round-trips base32 and refuses other characters", () => {
    const secret = base32Encode(RFC_SEED);
    expect(secret).toBe("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
    expect(base32Decode(secret)?.equals(RFC_SEED)).toBe(true);
    expect(base32Decode("gezd gnbv-gy3t qojq====")?.toString("ascii")).toBe("1234567890");
    expect(base32Decode("GEZ1")).toBeUndefined();
    expect(newTotpSecret()).toMatch(/^[A-Z2-7]{32}$/);
  });

  it("accepts the current code and one step either side, never a step already used", () => {
    const secret = base32Encode(RFC_SEED);
    const at = new Date(1_111_111_111_000);
    const step = totpStep(at);
    expect(verifyTotp(secret, totpCode(secret, at), at, null)).toBe(step);
    expect(verifyTotp(secret, totpCode(secret, new Date(at.getTime() - 30_000)), at, null)).toBe(step - 1);
    expect(verifyTotp(secret, totpCode(secret, new Date(at.getTime() + 30_000)), at, null)).toBe(step + 1);
    expect(verifyTotp(secret, totpCode(secret, new Date(at.getTime() - 90_000)), at, null)).toBeUndefined();
    // Replay: the same code (or an older one) after it was used is refused.
    expect(verifyTotp(secret, totpCode(secret, at), at, step)).toBeUndefined();
    expect(verifyTotp(secret, totpCode(secret, new Date(at.getTime() + 30_000)), at, step)).toBe(step + 1);
    // Spaces are tolerated; anything but six digits is not a code.
    const c = totpCode(secret, at);
    expect(verifyTotp(secret, `${c.slice(0, 3)} ${c.slice(3)}`, at, null)).toBe(step);
    for (const bad of ["", "12345", "1234567", "abcdef", "１２３４５６"])
      expect(verifyTotp(secret, bad, at, null)).toBeUndefined();
  });

  it("writes the otpauth URI and a QR code as SVG", () => {
    const uri = otpauthUri("固阳县政务公开", "admin", "GEZDGNBVGY3TQOJQ");
    expect(uri).toMatch(/^otpauth:\/\/totp\/%E5%9B%BA.*:admin\?secret=GEZDGNBVGY3TQOJQ&issuer=/);
    expect(uri).toContain("digits=6&period=30");
    const svg = qrSvg(uri);
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg).not.toMatch(/<script|on\w+=/i);
  });

  it("makes ten distinct recovery codes and reads them back however typed", () => {
    const codes = newRecoveryCodes();
    expect(new Set(codes).size).toBe(10);
    for (const c of codes) expect(c).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
    const c = codes[0]!;
    expect(normaliseRecoveryCode(c.toUpperCase().replace("-", " "))).toBe(c);
    expect(normaliseRecoveryCode("123456")).toBeUndefined();
  });
});
