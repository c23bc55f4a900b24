import { describe, expect, it } from "vitest";
import { isUuid, newId } from "./ids";

describe("ids", () => {
  it("are UUIDv7 and sort in the order they were made, even within one millisecond", () => {
    const ids = Array.from({ length: 5000 }, () => newId());
    expect(ids.every(isUuid)).toBe(true);
    expect(ids.every((id) => id[14] === "7")).toBe(true);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
