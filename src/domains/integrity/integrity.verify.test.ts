import { createHash } from "node:crypto";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { AppError } from "../../platform/errors";
import { canonicalJson, publishedFileSha } from "./integrity.canonical";
import { dayRecordHash, GENESIS_HASH, nextDay } from "./integrity.chain";
import { hashGroups, parseDayRange } from "./integrity.present";
import { hashStream, parseSha256 } from "./integrity.verify";

const sha = (b: Buffer | string) => createHash("sha256").update(b).digest("hex");

describe("verification helpers", () => {
  it("accepts a SHA-256 with spaces around and in upper case, and refuses anything else", () => {
    const h = sha("x");
    expect(parseSha256(`  ${h.toUpperCase()}\n`)).toBe(h);
    for (const bad of [undefined, "", h.slice(1), `${h}0`, `${h.slice(1)}g`, `sha256:${h}`])
      expect(() => parseSha256(bad), String(bad)).toThrow(
        expect.objectContaining({ code: "invalid_sha256", status: 400 }),
      );
  });

  it("hashes a stream in pieces, and refuses one past the limit with 413", async () => {
    const data = Buffer.from("政务公开".repeat(1000));
    const chunks = [data.subarray(0, 100), data.subarray(100, 5000), data.subarray(5000)];
    expect(await hashStream(Readable.from(chunks))).toEqual({ sha256: sha(data), size: data.length });
    const err = await hashStream(Readable.from(chunks), 1000).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: "verify_file_too_large", status: 413 });
  });

  it("the published file is the masked one where there is one", () => {
    const original = sha("original");
    expect(publishedFileSha({ sha256: original, masked_sha256: null, masked_text: null })).toBe(original);
    expect(publishedFileSha({ sha256: original, masked_sha256: sha("masked"), masked_text: "x" })).toBe(
      sha("masked"),
    );
    expect(publishedFileSha({ sha256: original, masked_sha256: null, masked_text: "张*" })).toBe(
      sha(Buffer.from("\ufeff张*", "utf8")),
    );
  });

  it("canonical JSON sorts keys at every depth and writes no whitespace", () => {
    expect(canonicalJson({ b: [{ z: 1, a: "中" }], a: null, c: undefined })).toBe(
      '{"a":null,"b":[{"a":"中","z":1}]}',
    );
    const rec = { site_id: "s", day: "2026-03-02", prev_hash: GENESIS_HASH, leaves: [] };
    expect(dayRecordHash(rec)).toBe(
      sha(`{"day":"2026-03-02","leaves":[],"prev_hash":"${GENESIS_HASH}","site_id":"s","v":1}`),
    );
  });

  it("day arithmetic and ranges", () => {
    expect(nextDay("2026-02-28")).toBe("2026-03-01");
    expect(nextDay("2028-02-28")).toBe("2028-02-29");
    expect(nextDay("2026-12-31")).toBe("2027-01-01");
    expect(parseDayRange(" 2026-01-01 ", "2026-12-31")).toEqual({ from: "2026-01-01", to: "2026-12-31" });
    const problems = (f?: string, t?: string) => {
      try {
        parseDayRange(f, t);
        return [];
      } catch (e) {
        return (e as AppError).details.map((d) => `${d.field}:${d.code}`);
      }
    };
    expect(problems("2026-02-30", "x")).toEqual(["from:invalid_date", "to:invalid_date"]);
    expect(problems("2026-03-02", "2026-03-01")).toEqual(["to:invalid_date_range"]);
    expect(problems("2025-01-01", "2026-01-01")).toEqual([]); // 366 days counted inclusively
    expect(problems("2025-01-01", "2026-01-02")).toEqual(["to:invalid_date_range"]);
    expect(hashGroups(sha("x")).join("")).toBe(sha("x"));
    expect(hashGroups(sha("x"))).toHaveLength(4);
  });
});
