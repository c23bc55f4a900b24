// Feeds as one more stream: the RSS/Atom parser (run in the file worker) and the entry dates.
import { describe, expect, it } from "vitest";
import { parseFeed, parseFeedSafely } from "../../platform/files/rss";
import { entryInstant, formatOf } from "./opinion.feeds";

describe("news feeds", () => {
  it("reads RSS items: CDATA, entities, HTML in descriptions, dates", () => {
    const f = parseFeed(`<?xml version="1.0"?><!-- c --><rss version="2.0"><channel><title>包头新闻网</title>
      <item><title><![CDATA[固阳县城区供暖不热 & 引热议]]></title>
        <description>&lt;p&gt;多名居民反映&lt;b&gt;室温偏低&lt;/b&gt;&lt;/p&gt;</description>
        <link>https://news.example.cn/1</link><pubDate>Sun, 06 Dec 2026 20:15:00 +0800</pubDate></item>
      <item><title>第二条 &#x4E2D;&#20013;</title></item></channel></rss>`);
    expect(f.title).toBe("包头新闻网");
    expect(f.entries).toEqual([
      {
        title: "固阳县城区供暖不热 & 引热议",
        text: "多名居民反映 室温偏低",
        link: "https://news.example.cn/1",
        date: "Sun, 06 Dec 2026 20:15:00 +0800",
      },
      { title: "第二条 中中", text: "", link: null, date: null },
    ]);
  });

  it("reads Atom entries with href links", () => {
    const f = parseFeed(`<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><entry><title>A</title>
      <link href="https://x.example/a"/><updated>2026-12-06T12:00:00Z</updated><summary>S</summary></entry></feed>`);
    expect(f.entries).toEqual([
      { title: "A", text: "S", link: "https://x.example/a", date: "2026-12-06T12:00:00Z" },
    ]);
  });

  it("refuses what is not a feed", () => {
    expect(parseFeedSafely("<html><body>hi</body></html>")).toEqual({ error: "not_a_feed" });
  });

  it("reads entry times in the forms offices write them", () => {
    expect(entryInstant("2026-12-06 20:15")).toBe("2026-12-06T12:15:00.000Z");
    expect(entryInstant("2026/12/06 20:15")).toBe("2026-12-06T12:15:00.000Z");
    expect(entryInstant("2026-12-06")).toBe("2026-12-05T16:00:00.000Z");
    expect(entryInstant("Sun, 06 Dec 2026 20:15:00 +0800")).toBe("2026-12-06T12:15:00.000Z");
    expect(entryInstant("昨天")).toBeUndefined();
    expect(formatOf("news.RSS")).toBe("rss");
    expect(formatOf("a.xlsx")).toBe("xlsx");
    expect(formatOf("a.pdf")).toBeUndefined();
  });
});
