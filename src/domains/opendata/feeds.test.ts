import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { type Feed, renderAtom, renderRss, summaryOf, xmlEscape } from "./feeds";
import { renderUrlset, sitemapDocument, sitemapPart } from "./sitemap";

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@" });

const feed: Feed = {
  title: "固阳县 <人民政府> & “公开”",
  description: "最新公开信息",
  self: "https://gk.example.gov.cn/feeds/site.atom",
  alternate: "https://gk.example.gov.cn/gk/list?org=a&kind=notice",
  author: "固阳县人民政府",
  updated: "2026-12-01T02:03:04.000Z",
  entries: [
    {
      id: "1",
      title: "R&D <计划> \"引号\" 'x'\u0001\uFFFE",
      url: "https://gk.example.gov.cn/gk/items/1",
      published: "2026-12-01T02:03:04.000Z",
      updated: "2026-12-01T02:03:04.000Z",
      summary: "]]> 不会截断 <b>",
      author: "县政府办公室",
      category: "notice",
      categoryLabel: "通知公告",
    },
  ],
};

describe("feeds", () => {
  it("escapes the five special characters and drops what XML forbids", () => {
    expect(xmlEscape(`a&b<c>"d"'e'\u0000\u0008\uD800f\u{1F600}`)).toBe(
      "a&amp;b&lt;c&gt;&quot;d&quot;&apos;e&apos;f\u{1F600}",
    );
  });

  it("renders RSS 2.0 and Atom that parse back to the same text", () => {
    for (const body of [renderRss(feed), renderAtom(feed)]) {
      expect(XMLValidator.validate(body)).toBe(true);
    }
    const rss = parser.parse(renderRss(feed)).rss;
    expect(rss.channel.title).toBe(feed.title);
    expect(rss.channel.link).toBe(feed.alternate);
    expect(rss.channel.item.title).toBe("R&D <计划> \"引号\" 'x'");
    expect(rss.channel.item.description).toBe("]]> 不会截断 <b>");
    expect(rss.channel.item.pubDate).toBe("Tue, 01 Dec 2026 02:03:04 GMT");
    const atom = parser.parse(renderAtom(feed)).feed;
    expect(atom.link.map((l: Record<string, string>) => l["@rel"])).toEqual(["self", "alternate"]);
    expect(atom.entry.link["@href"]).toBe("https://gk.example.gov.cn/gk/items/1");
    expect(atom.entry.category["@label"]).toBe("通知公告");
    expect(atom.entry.id).toBe("https://gk.example.gov.cn/gk/items/1");
    const uuid = "0190a000-0000-7000-8000-000000000001";
    const stable = renderAtom({ ...feed, entries: [{ ...feed.entries[0]!, id: uuid }] });
    expect(parser.parse(stable).feed.entry.id).toBe(`urn:uuid:${uuid}`);
    expect(
      parser.parse(renderRss({ ...feed, entries: [{ ...feed.entries[0]!, id: uuid }] })).rss.channel.item
        .guid["#text"],
    ).toBe(`urn:uuid:${uuid}`);
  });

  it("summarises a body in at most 200 characters", () => {
    expect(summaryOf(null, "甲\n\n乙  丙")).toBe("甲 乙 丙");
    expect(summaryOf("  摘要 ", "正文")).toBe("摘要");
    expect(summaryOf(null, "字".repeat(300))).toHaveLength(201);
  });
});

describe("sitemap", () => {
  const urls = Array.from({ length: 5 }, (_, i) => ({
    loc: `https://gk.example.gov.cn/gk/items/${i}?a=1&b=2`,
    lastmod: `2026-0${i + 1}-01T08:00:00.000Z`,
  }));

  it("is one urlset while it fits", () => {
    const doc = parser.parse(sitemapDocument(urls, (n) => `https://x/sitemaps/${n}.xml`, 10));
    expect(doc.urlset.url).toHaveLength(5);
    expect(doc.urlset.url[0].loc).toBe("https://gk.example.gov.cn/gk/items/0?a=1&b=2");
    expect(doc.urlset.url[0].lastmod).toBe("2026-01-01T08:00:00Z");
    expect(renderUrlset([{ loc: "https://x/", lastmod: "2026-01-02" }])).toContain(
      "<lastmod>2026-01-02</lastmod>",
    );
  });

  it("becomes an index of parts past the limit, each part within it", () => {
    const index = parser.parse(sitemapDocument(urls, (n) => `https://x/sitemaps/${n}.xml`, 2)).sitemapindex;
    expect(index.sitemap.map((s: { loc: string }) => s.loc)).toEqual([
      "https://x/sitemaps/1.xml",
      "https://x/sitemaps/2.xml",
      "https://x/sitemaps/3.xml",
    ]);
    expect(index.sitemap[2].lastmod).toBe("2026-05-01T08:00:00Z");
    const parts = [1, 2, 3].map((n) => parser.parse(sitemapPart(urls, n, 2)!).urlset.url);
    expect(parts.flat().length).toBe(5);
    expect(sitemapPart(urls, 4, 2)).toBeUndefined();
    expect(sitemapPart(urls, 0, 2)).toBeUndefined();
  });
});
