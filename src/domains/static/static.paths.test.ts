import { describe, expect, it } from "vitest";
import { filePathFor, idsInUrl, isPersonal, linksIn, neutralPath, staticUrl } from "./static.paths";

describe("static publication paths", () => {
  it("keeps public pages, leaves forms, search, tracking, the back office and the API dynamic", () => {
    expect(staticUrl("/gk/list?page=2#top")).toBe("/gk/list?page=2");
    expect(staticUrl("/mn/gk/items/abc")).toBe("/mn/gk/items/abc");
    expect(staticUrl("/assets/app.css?v=3")).toBe("/assets/app.css");
    for (const u of [
      "/admin",
      "/admin/items",
      "/api/v1/items",
      "/search?q=x",
      "/hd/apply",
      "/mn/hd/apply",
      "/hd/track",
      "/hd/messages/new",
      "/calendar",
      "/verify",
      "/healthz",
      "//evil.example/x",
      "https://x/y",
    ])
      expect(staticUrl(u), u).toBeNull();
    // A query that could name a path outside the page's folder never becomes a file name.
    expect(staticUrl("/gk/list?../../etc")).toBeNull();
    expect(staticUrl("/gk/list?a/b=1")).toBeNull();
    expect(staticUrl("/gk/../admin")).toBeNull();
  });

  it("lays files out as nginx's try_files finds them", () => {
    expect(filePathFor("/", true)).toBe("index.html");
    expect(filePathFor("/mn/", true)).toBe("mn/index.html");
    expect(filePathFor("/gk/list", true)).toBe("gk/list/index.html");
    expect(filePathFor("/gk/list?org=gyx&page=2", true)).toBe("gk/list/__q/org=gyx&page=2.html");
    expect(filePathFor("/feeds/site.atom", false)).toBe("feeds/site.atom");
    // Steps decoded as nginx decodes $uri.
    expect(filePathFor("/gk/items/1/attachments/2/%E9%80%9A%E7%9F%A5.pdf", false)).toBe(
      "gk/items/1/attachments/2/通知.pdf",
    );
    expect(filePathFor("/gk/list.csv?org=x", false)).toBeNull();
    expect(filePathFor("/a/%2e%2e/b", true)).toBeNull();
    expect(filePathFor("/a/%2Fb", true)).toBeNull();
    expect(filePathFor("/__q/x", true)).toBeNull();
  });

  it("finds links in pages, sitemaps and feeds, and the record ids they name", () => {
    const html =
      '<a href="/gk/list?org=gyx&amp;page=2">x</a><img src="/assets/e.svg"><a href="https://gov.example/fw">y</a><a href="https://other.example/z">z</a><a href="#top">t</a>';
    expect(linksIn(html, ["gov.example"])).toEqual(["/gk/list?org=gyx&page=2", "/assets/e.svg", "/fw"]);
    expect(linksIn("<loc>http://localhost/gk/items/1</loc>", ["localhost"])).toEqual(["/gk/items/1"]);
    const id = "01a25045-5690-7071-9155-5263c0d69017";
    expect(idsInUrl(`/gk/items/${id}/print`)).toEqual([id]);
    expect(idsInUrl(`/feeds/catalog/${id}.atom`)).toEqual([id]);
    expect(idsInUrl(`/gk/list?node=${id}&page=2`)).toEqual([id]);
    expect(idsInUrl("/gk/catalog/gyx-czj")).toEqual([]);
    expect(neutralPath("/mn/gk")).toBe("/gk");
    expect(neutralPath("/mn/")).toBe("/");
  });

  it("never shares a page that belongs to one visitor", () => {
    expect(isPersonal('<input type="hidden" name="_csrf" value="t">', {})).toBe(true);
    expect(isPersonal("<p>x</p>", { "set-cookie": "a=b" })).toBe(true);
    expect(isPersonal("<p>x</p>", {})).toBe(false);
  });
});
