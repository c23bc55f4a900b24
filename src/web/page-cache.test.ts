import { describe, expect, it } from "vitest";
import { PageCache } from "./page-cache";

describe("page cache", () => {
  it("serves until the TTL passes, and evicts the least recently used", async () => {
    const c = new PageCache(2);
    c.set("a", "A", 10_000);
    c.set("b", "B", 10_000);
    expect(c.get("a")).toBe("A");
    c.set("c", "C", 10_000);
    expect(c.get("b")).toBeUndefined();
    expect(c.get("a")).toBe("A");
    c.set("d", "D", 1);
    await new Promise((r) => setTimeout(r, 5));
    expect(c.get("d")).toBeUndefined();
    c.clear();
    expect(c.size).toBe(0);
  });
});
