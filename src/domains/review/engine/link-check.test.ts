import { describe, expect, it } from "vitest";
import { checkLinks, extractLinks, type LinkChecker } from "./link-check";

const fake =
  (status: Record<string, number | "throw" | "hang">): LinkChecker =>
  async (url, init) => {
    const s = status[url] ?? 200;
    if (s === "throw") throw new TypeError("fetch failed");
    if (s === "hang") {
      return new Promise((_, reject) =>
        init.signal.addEventListener("abort", () =>
          reject(Object.assign(new Error("aborted"), { name: "AbortError" })),
        ),
      );
    }
    return { ok: s >= 200 && s < 300, status: s };
  };

describe("link checking", () => {
  it("extracts URLs without trailing punctuation", () => {
    expect(extractLinks("见http://a.gov.cn/x.html。另见https://b.cn/y?z=1).").map((l) => l.url)).toEqual([
      "http://a.gov.cn/x.html",
      "https://b.cn/y?z=1",
    ]);
  });

  it("reports dead links once per URL occurrence, with code-point offsets", async () => {
    const text =
      "𠀀详见http://gone.gov.cn/a 和 http://ok.gov.cn/ 及 http://down.gov.cn/ http://gone.gov.cn/a";
    const found = await checkLinks(
      text,
      fake({ "http://gone.gov.cn/a": 404, "http://down.gov.cn/": "throw" }),
    );
    expect(found.map((f) => [f.kind, f.category, f.severity, f.text, f.start])).toEqual([
      ["dead_link", "link", "error", "http://gone.gov.cn/a", 3],
      ["dead_link", "link", "error", "http://down.gov.cn/", 46],
      ["dead_link", "link", "error", "http://gone.gov.cn/a", 66],
    ]);
  });

  it("retries refused HEAD requests with GET and treats timeouts as warnings", async () => {
    const calls: string[] = [];
    const checker: LinkChecker = async (url, init) => {
      calls.push(`${init.method} ${url}`);
      return init.method === "HEAD" ? { ok: false, status: 405 } : { ok: true, status: 200 };
    };
    expect(await checkLinks("http://a.cn/", checker)).toEqual([]);
    expect(calls).toEqual(["HEAD http://a.cn/", "GET http://a.cn/"]);
    const slow = await checkLinks("http://slow.cn/", fake({ "http://slow.cn/": "hang" }), { timeoutMs: 20 });
    expect(slow.map((f) => f.severity)).toEqual(["warning"]);
  });
});
