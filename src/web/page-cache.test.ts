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

describe("the page cache's record of answers", () => {
  it("records an answer only for a page it holds, and not across a clear", () => {
    const c = new PageCache();
    c.set("k", "<p>page</p>", 10_000);
    expect(c.heldUntil("<p>page</p>")).toBeGreaterThan(performance.now());
    expect(c.heldUntil("<p>other</p>")).toBeUndefined();
    const gen = c.generation;
    c.clear();
    expect(c.heldUntil("<p>page</p>")).toBeUndefined();
    c.setResponse("h|/", gen, { body: Buffer.from("x"), headers: {}, expires: performance.now() + 1000 });
    expect(c.response("h|/")).toBeUndefined();
    c.setResponse("h|/", c.generation, {
      body: Buffer.from("x"),
      headers: {},
      expires: performance.now() + 1000,
    });
    expect(c.response("h|/")?.body.toString()).toBe("x");
  });
});
