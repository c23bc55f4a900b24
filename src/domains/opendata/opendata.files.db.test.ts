// Exports, feeds, the sitemap and the open-data page on both engines: CSV round-trips with its Chinese intact,
// feeds parse as RSS 2.0 and Atom with the right entries, the sitemap lists published items and no draft.
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bearer, buildTestApp, tokenFor } from "../../../test/helpers/app";
import { describeEachDialect } from "../../../test/helpers/db";
import { shanghaiDateOf } from "../../platform/time";
import type { AppInstance } from "../../web/types";
import { parseCsv } from "./csv.test-helpers";

const xml = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  isArray: (n) => ["item", "entry", "url"].includes(n),
});
const ODD_TITLE = "开放数据测试：R&D <规划> \"引号\"，逗号, 与 '单引号'";
const HOST = "gk.example.gov.cn";
const ART44_TITLE = "金山镇2025年征地补偿安置方案";
const ARCHIVE_SUMMARY = '申请公开2024年城乡低保资金发放情况（分镇，"统计表"），含逗号,\n和换行。';

function parseXml(body: string) {
  expect(XMLValidator.validate(body)).toBe(true);
  return xml.parse(body);
}

interface AtomEntry {
  id: string;
  title: string;
  updated: string;
  published: string;
  link: { "@href": string };
  author: { name: string };
}

/** A valid resident ID number (GB 11643 check digit) from a serial. */
function residentId(serial: number): string {
  const body = `11010119900307${String(serial).padStart(3, "0")}`;
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((s, d, i) => s + Number(d) * w[i]!, 0);
  return body + "10X98765432"[sum % 11]!;
}

const asArray = <T>(x: T | T[] | undefined): T[] => (x === undefined ? [] : Array.isArray(x) ? x : [x]);

describeEachDialect("exports, feeds, sitemap and the open-data page", (ctx) => {
  let app: AppInstance;
  const tok: Record<string, string> = {};
  let draft: string;
  let odd: string;
  let archiveId: string;
  let art44Item: string;

  const act = (id: string, who: string, action: string) =>
    app.inject({
      method: "POST",
      url: `/api/v1/items/${id}/actions`,
      headers: bearer(tok[who]!),
      payload: { action },
    });
  const create = async (title: string) => {
    const res = await app.inject({
      method: "POST",
      url: "/api/v1/items",
      headers: bearer(tok["demo-clerk"]!),
      payload: { title, body: `${title}\n第二段<正文>。`, kind: "notice" },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };
  const get = (url: string) => app.inject({ url, headers: { host: HOST } });

  beforeAll(async () => {
    app = await buildTestApp(ctx);
    for (const u of ["demo-clerk", "demo-reviewer", "demo-signer"]) tok[u] = await tokenFor(ctx, u);
    draft = await create("开放数据导出哨兵草稿");
    odd = await create(ODD_TITLE);
    for (const [who, a] of [
      ["demo-clerk", "submit"],
      ["demo-reviewer", "approve"],
      ["demo-signer", "sign"],
      ["demo-signer", "publish"],
    ] as const)
      expect((await act(odd, who, a)).statusCode).toBe(200);
    // One answered application published in the archive.
    const office = bearer(await tokenFor(ctx, "demo-office"));
    const intake = await app.inject({
      method: "POST",
      url: "/api/v1/applications/intake",
      headers: office,
      payload: {
        applicant: {
          type: "natural",
          name: "王小明",
          id_type: "resident_id",
          id_number: "110101199003074514",
          phone: "13812345678",
          email: "wxm@example.com",
          address: "固阳县金山镇",
        },
        description: "申请公开固阳县2024年城乡低保资金发放情况。",
        delivery: "email",
        channel: "registered_post",
        on: "2025-03-03",
      },
    });
    expect(intake.statusCode, intake.body).toBe(201);
    const appId = intake.json().id as string;
    const replied = await app.inject({
      method: "POST",
      url: `/api/v1/applications/${appId}/actions`,
      headers: office,
      payload: { action: "reply", on: "2025-03-10", outcome: "disclose" },
    });
    expect(replied.statusCode, replied.body).toBe(200);
    const archived = await app.inject({
      method: "POST",
      url: `/api/v1/applications/${appId}/archive`,
      headers: office,
      payload: { summary: ARCHIVE_SUMMARY, reply_summary: "予以公开，提供分镇统计表。" },
    });
    expect(archived.statusCode, archived.body).toBe(200);
    archiveId = archived.json().id;
    // Two applicants asked for the same information: included in proactive disclosure (Art. 44), published.
    const recent = shanghaiDateOf(new Date(Date.now() - 3 * 86_400_000));
    for (const [n, name] of [
      [1, "赵一"],
      [2, "钱二"],
    ] as const) {
      const r = await app.inject({
        method: "POST",
        url: "/api/v1/applications/intake",
        headers: office,
        payload: {
          applicant: {
            type: "natural",
            name,
            id_type: "resident_id",
            id_number: residentId(n),
            phone: `1381234500${n}`,
          },
          description: "申请公开金山镇2025年征地补偿安置方案。",
          delivery: "pickup",
          channel: "registered_post",
          on: recent,
        },
      });
      expect(r.statusCode, r.body).toBe(201);
    }
    const groups = (await app.inject({ url: "/api/v1/applications/repeated", headers: office })).json()
      .groups;
    const group = groups.find((g: { summary: string }) => g.summary.includes("征地补偿安置方案"));
    expect(group, JSON.stringify(groups)).toBeDefined();
    const decided = await app.inject({
      method: "POST",
      url: "/api/v1/applications/repeated/decisions",
      headers: office,
      payload: {
        key: group.key,
        decision: "include",
        title: ART44_TITLE,
        body: "征地补偿安置方案全文。",
        org: "gyx-zfb",
        kind: "other",
      },
    });
    expect(decided.statusCode, decided.body).toBe(201);
    art44Item = decided.json().item_id;
    for (const [who, a] of [
      ["demo-clerk", "submit"],
      ["demo-reviewer", "approve"],
      ["demo-signer", "sign"],
      ["demo-signer", "publish"],
    ] as const)
      expect((await act(art44Item, who, a)).statusCode).toBe(200);
  });
  afterAll(async () => app?.close());

  describe("CSV and JSON exports", () => {
    it("exports the item list as CSV with a BOM and a Chinese header, round-tripping every title", async () => {
      const res = await get("/gk/list.csv");
      expect(res.statusCode).toBe(200);
      expect(res.headers["content-type"]).toMatch(/^text\/csv; charset=utf-8/);
      expect(res.headers["content-disposition"]).toMatch(
        /^attachment; filename="items-\d{4}-\d{2}-\d{2}\.csv"$/,
      );
      const bytes = res.rawPayload;
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const text = bytes.toString("utf8").slice(1);
      expect(text).toContain("\r\n");
      const [header, ...rows] = parseCsv(text);
      expect(header!.slice(0, 3)).toEqual(["标题", "发文字号", "索引号"]);
      const api = (await get("/api/v1/public/items?per_page=100")).json();
      expect(rows).toHaveLength(api.total);
      const col = (name: string) => header!.indexOf(name);
      expect(rows.slice(0, api.items.length).map((r) => r[col("标题")])).toEqual(
        api.items.map((i: { title: string }) => i.title),
      );
      const mine = rows.find((r) => r[col("编号")] === odd)!;
      expect(mine[col("标题")]).toBe(ODD_TITLE);
      expect(mine[col("链接")]).toBe(`http://${HOST}/gk/items/${odd}`);
      expect(mine[col("发布机构")]).toBe("固阳县人民政府办公室");
      expect(text).not.toContain("开放数据导出哨兵草稿");
    });

    it("keeps the list's filters, and refuses an unknown format or organisation", async () => {
      const csv = parseCsv((await get("/gk/list.csv?kind=interpretation")).body.slice(1));
      const kindCol = csv[0]!.indexOf("类别");
      expect(csv.length).toBeGreaterThan(1);
      expect(csv.slice(1).every((r) => r[kindCol] === "政策解读")).toBe(true);
      const json = (await get("/gk/list.json?kind=interpretation")).json();
      expect(json.total).toBe(csv.length - 1);
      expect(json.items[0].url).toMatch(new RegExp(`^http://${HOST.replace(/\./g, "\\.")}/gk/items/`));
      expect((await get("/gk/list.xls")).statusCode).toBe(400);
      expect((await get("/gk/list.csv?org=no-such-org")).statusCode).toBe(400);
    });

    it("exports the catalogue, the archive and the Art. 44 list in both formats", async () => {
      for (const [path, first] of [
        ["/gk/catalog", "机构"],
        ["/hd/archive", "申请内容"],
        ["/hd/repeated", "信息名称"],
      ] as const) {
        const csv = await get(`${path}.csv`);
        expect(csv.statusCode, path).toBe(200);
        expect(csv.body.charCodeAt(0)).toBe(0xfeff);
        const rows = parseCsv(csv.body.slice(1));
        expect(rows[0]![0]).toBe(first);
        const json = await get(`${path}.json`);
        expect(json.headers["content-type"]).toMatch(/^application\/json/);
        expect(json.json().total).toBe(rows.length - 1);
      }
      const catalog = (await get("/gk/catalog.json")).json();
      expect(catalog.total).toBeGreaterThan(10);
      const archive = parseCsv((await get("/hd/archive.csv")).body.slice(1));
      expect(archive.slice(1).map((r) => r[0])).toContain(ARCHIVE_SUMMARY);
      expect(archive[0]).toContain("答复机关");
      const entry = (await get("/hd/archive.json"))
        .json()
        .items.find((e: { id: string }) => e.id === archiveId);
      expect(entry).toMatchObject({
        summary: ARCHIVE_SUMMARY,
        url: `http://${HOST}/hd/archive/${archiveId}`,
      });
      const art44 = parseCsv((await get("/hd/repeated.csv")).body.slice(1));
      expect(art44.slice(1)).toEqual([
        [
          ART44_TITLE,
          "2",
          expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
          `http://${HOST}/gk/items/${art44Item}`,
          art44Item,
        ],
      ]);
    });

    it("links the exports and feeds from each list page", async () => {
      const list = (await get("/gk/list?kind=notice")).body;
      expect(list).toContain('href="/gk/list.csv?kind=notice"');
      expect(list).toContain('href="/gk/list.json?kind=notice"');
      expect(list).toContain('rel="alternate" type="application/atom+xml" href="/feeds/site.atom"');
      const org = (await get("/gk/list?org=gyx-zfb")).body;
      expect(org).toContain('href="/feeds/org/gyx-zfb.rss"');
      expect((await get("/gk/catalog")).body).toContain('href="/gk/catalog.csv"');
      expect((await get("/hd/archive")).body).toContain('href="/hd/archive.csv"');
      expect((await get("/hd/repeated")).body).toContain('href="/hd/repeated.json"');
    });
  });

  describe("feeds", () => {
    it("serves the site's latest publications as RSS 2.0", async () => {
      const res = await get("/feeds/site.rss");
      expect(res.statusCode).toBe(200);
      expect(res.headers["content-type"]).toBe("application/rss+xml; charset=utf-8");
      const doc = parseXml(res.body);
      expect(doc.rss["@version"]).toBe("2.0");
      const channel = doc.rss.channel;
      for (const el of ["title", "link", "description"]) expect(channel[el], el).toBeTruthy();
      expect(channel.link).toBe(`http://${HOST}/gk/list`);
      expect(channel["atom:link"]["@href"]).toBe(`http://${HOST}/feeds/site.rss`);
      const items = asArray(channel.item) as Array<Record<string, unknown>>;
      expect(items.length).toBeGreaterThan(0);
      expect(items.length).toBeLessThanOrEqual(50);
      const latest = (await get("/api/v1/public/items?per_page=1")).json().items[0];
      expect(items[0]!.link).toBe(`http://${HOST}/gk/items/${latest.id}`);
      for (const i of items) {
        for (const el of ["title", "link", "guid", "pubDate", "description"]) expect(i[el], el).toBeTruthy();
        expect(Number.isNaN(Date.parse(String(i.pubDate)))).toBe(false);
      }
      const mine = items.find((i) => i.link === `http://${HOST}/gk/items/${odd}`)!;
      expect(mine.title).toBe(ODD_TITLE);
      expect(res.body).not.toContain("哨兵草稿");
    });

    it("serves the same as Atom, with ids, dates, links and authors", async () => {
      const res = await get("/feeds/site.atom");
      expect(res.headers["content-type"]).toBe("application/atom+xml; charset=utf-8");
      const feed = parseXml(res.body).feed;
      expect(feed["@xmlns"]).toBe("http://www.w3.org/2005/Atom");
      for (const el of ["id", "title", "updated", "author"]) expect(feed[el], el).toBeTruthy();
      expect(Number.isNaN(Date.parse(feed.updated))).toBe(false);
      const entries = asArray(feed.entry) as AtomEntry[];
      const rss = asArray(parseXml((await get("/feeds/site.rss")).body).rss.channel.item);
      expect(entries).toHaveLength(rss.length);
      for (const e of entries) {
        for (const el of ["id", "title", "updated", "published"] as const) expect(e[el], el).toBeTruthy();
        expect(e.link["@href"]).toMatch(/^http:\/\/gk\.example\.gov\.cn\/gk\/items\//);
        expect(e.author.name).toBeTruthy();
      }
      expect(entries.find((e) => e.title === ODD_TITLE)).toBeDefined();
    });

    it("has a feed per organisation and per catalogue node, and none for unknown ones", async () => {
      const org = parseXml((await get("/feeds/org/gyx-zfb.atom")).body).feed;
      const orgEntries = asArray(org.entry) as AtomEntry[];
      expect(orgEntries.length).toBeGreaterThan(0);
      expect(orgEntries.every((e) => e.author.name === "固阳县人民政府办公室")).toBe(true);
      const nodes = (await get("/api/v1/public/catalog")).json().nodes as Array<{
        id: string;
        items: number;
      }>;
      const filled = nodes.find((n) => n.items > 0)!;
      const nodeFeed = parseXml((await get(`/feeds/catalog/${filled.id}.rss`)).body).rss.channel;
      expect(asArray(nodeFeed.item)).toHaveLength(Math.min(filled.items, 50));
      for (const url of [
        "/feeds/org/no-such-org.rss",
        "/feeds/org/gyx-zfb.txt",
        "/feeds/site.xml",
        "/feeds/catalog/x.atom",
      ])
        expect((await get(url)).statusCode, url).toBe(404);
    });
  });

  describe("sitemap and robots.txt", () => {
    it("lists every public page and published item with lastmod, and no draft", async () => {
      const res = await get("/sitemap.xml");
      expect(res.statusCode).toBe(200);
      expect(res.headers["content-type"]).toBe("application/xml; charset=utf-8");
      const set = parseXml(res.body).urlset;
      expect(set["@xmlns"]).toBe("http://www.sitemaps.org/schemas/sitemap/0.9");
      const urls = asArray(set.url) as Array<{ loc: string; lastmod?: string }>;
      const locs = urls.map((u) => u.loc);
      for (const p of ["/", "/gk/list", "/gk/catalog", "/gk/opendata", "/hd/archive", "/calendar", "/mn/"])
        expect(locs, p).toContain(`http://${HOST}${p}`);
      const item = urls.find((u) => u.loc === `http://${HOST}/gk/items/${odd}`)!;
      expect(item.lastmod).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
      expect(locs).not.toContain(`http://${HOST}/gk/items/${draft}`);
      expect(locs).toContain(`http://${HOST}/hd/archive/${archiveId}`);
      expect(new Set(locs).size).toBe(locs.length);
      // Every page it names answers.
      for (const loc of locs.filter((l) => !l.includes("/gk/items/"))) {
        const path = loc.slice(`http://${HOST}`.length);
        expect((await get(path)).statusCode, path).toBe(200);
      }
      expect((await get("/sitemaps/1.xml")).statusCode).toBe(200);
      expect((await get("/sitemaps/2.xml")).statusCode).toBe(404);
    });

    it("points robots.txt at the sitemap", async () => {
      const res = await get("/robots.txt");
      expect(res.headers["content-type"]).toBe("text/plain; charset=utf-8");
      expect(res.body).toContain(`Sitemap: http://${HOST}/sitemap.xml`);
      expect(res.body).toContain("Disallow: /admin/");
    });
  });

  describe("the open-data page", () => {
    it("lists each dataset with its licence, formats, count and last update in Chinese", async () => {
      const res = await get("/gk/opendata");
      expect(res.statusCode).toBe(200);
      const html = res.body;
      expect(html).toContain("<h1>开放数据</h1>");
      expect(html).toContain("使用说明");
      for (const d of [
        "政府信息",
        "政策解读",
        "主动公开基本目录",
        "依申请公开答复选登",
        "多次申请的政府信息",
        "更新订阅",
        "工作日历",
        "站内搜索接口",
      ])
        expect(html, d).toContain(`>${d}</h2>`);
      for (const href of [
        "/gk/list.csv",
        "/gk/catalog.json",
        "/hd/archive.csv",
        "/hd/repeated.csv",
        "/feeds/site.rss",
        "/feeds/site.atom",
        "/api/v1/public/items",
        "/api/v1/openapi.json",
        "/sitemap.xml",
      ])
        expect(html, href).toContain(`href="${href}"`);
      const total = (await get("/api/v1/public/items")).json().total;
      expect(html).toContain(`记录数：${total}`);
      expect(html).toMatch(/最近更新：\d{4}-\d{2}-\d{2}/);
      expect(html).not.toContain("<script");
      expect((await get("/")).body).toContain('href="/gk/opendata"');
    });

    it("renders in Mongolian under /mn, linked from the Mongolian footer", async () => {
      const res = await get("/mn/gk/opendata");
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('lang="mn-Mong"');
      expect(res.body).toContain("ᠨᠡᠭᠡᠯᠲᠡᠲᠡᠢ ᠲᠣᠭ᠎ᠠ ᠪᠠᠷᠢᠮᠲᠠ");
      expect(res.body).toContain('href="/mn/gk/list"');
      expect(res.body).toContain('href="/gk/list.csv"');
      expect((await get("/mn/")).body).toContain('href="/mn/gk/opendata"');
    });
  });
});
