import { describe, expect, it } from "vitest";
import { AppError } from "./errors";
import { decodeCursor, encodeCursor, MAX_OFFSET, pageRequest, readPage } from "./paging";

const code = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return e instanceof AppError ? `${e.status} ${e.code}` : "other";
  }
  return "none";
};

describe("paging cursors", () => {
  it("round-trips a cursor", () => {
    const c = { key: "2026-01-02T03:04:05.000Z", id: "abc", dir: "after" as const, page: 7 };
    expect(decodeCursor(encodeCursor(c))).toEqual(c);
    const n = { key: 12345, id: "x", dir: "before" as const, page: 1 };
    expect(decodeCursor(encodeCursor(n))).toEqual(n);
  });

  it("refuses every malformed cursor with 400 bad_cursor", () => {
    const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");
    for (const bad of [
      "%%%",
      "a".repeat(301),
      "bm90IGpzb24",
      b64({ key: "k" }),
      b64(["k", "id", "x", 1]),
      b64(["k", "", "a", 1]),
      b64(["k", "id", "a", 0]),
      b64(["k", "id", "a", 1.5]),
      b64([null, "id", "a", 1]),
      b64([-1, "id", "a", 1]),
      b64(["k".repeat(65), "id", "a", 1]),
      b64(["k", 5, "a", 1]),
    ])
      expect(
        code(() => decodeCursor(bad)),
        bad,
      ).toBe("400 bad_cursor");
  });

  it("serves pages by number up to MAX_OFFSET rows and refuses deeper ones with 400 page_too_deep", () => {
    const last = MAX_OFFSET / 20 + 1;
    expect(pageRequest({ page: last }, 20)).toEqual({ size: 20, page: last });
    expect(code(() => pageRequest({ page: last + 1 }, 20))).toBe("400 page_too_deep");
    expect(pageRequest({}, 20)).toEqual({ size: 20, page: 1 });
    const cursor = encodeCursor({ key: "k", id: "i", dir: "after", page: 90_000 });
    expect(pageRequest({ page: 3, cursor }, 20).cursor?.page).toBe(90_000);
  });
});

describe("readPage by page number", () => {
  // Rows with many ties on the key, ordered newest first by (key, id).
  const rows = Array.from({ length: 53 }, (_, i) => ({
    key: `k${i % 4}`,
    id: `id${String(i).padStart(3, "0")}`,
  }));
  const cmp = (a: { key: string; id: string }, b: { key: string; id: string }) =>
    a.key === b.key ? (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) : a.key < b.key ? -1 : 1;
  const sorted = [...rows].sort((a, b) => -cmp(a, b));
  // Pages by number only: the cursors' conditions run in the database (publishing/paging.db.test.ts).
  const read = async (s: Parameters<Parameters<typeof readPage>[3]>[0]) =>
    sorted.slice(s.offset, s.offset + s.limit);
  it("reports neighbours for pages by number", async () => {
    const p = await readPage(
      { size: 10, page: 2 },
      (r) => r.key,
      (r) => r.id,
      read,
    );
    expect(p.rows).toEqual(sorted.slice(10, 20));
    expect(p.next).toMatchObject({ key: sorted[19]!.key, id: sorted[19]!.id, dir: "after", page: 3 });
    expect(p.prev).toMatchObject({ key: sorted[10]!.key, id: sorted[10]!.id, dir: "before", page: 1 });
    const last = await readPage(
      { size: 10, page: 6 },
      (r) => r.key,
      (r) => r.id,
      read,
    );
    expect(last.rows).toHaveLength(3);
    expect(last.next).toBeUndefined();
  });
});
