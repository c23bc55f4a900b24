import { describe, expect, it } from "vitest";
import { siteOrigin } from "./opendata.service";

const site = { hosts: "gk.example.gov.cn,www.gk.example.gov.cn" };
const req = (host: string, protocol: "http" | "https" = "https") => ({
  host,
  hostname: host.replace(/:\d+$/, ""),
  protocol,
});
const withUrl = (publicUrl: string | null) => ({ config: { publicUrl } }) as Parameters<typeof siteOrigin>[0];

describe("the origin of absolute links", () => {
  it("is the request's own when it names one of the site's hosts, without a default port", () => {
    expect(siteOrigin(withUrl("https://gk.other.gov.cn"), site, req("www.gk.example.gov.cn"))).toBe(
      "https://www.gk.example.gov.cn",
    );
    expect(siteOrigin(withUrl(null), site, req("gk.example.gov.cn:443"))).toBe("https://gk.example.gov.cn");
    expect(siteOrigin(withUrl(null), site, req("gk.example.gov.cn:80", "http"))).toBe(
      "http://gk.example.gov.cn",
    );
    expect(siteOrigin(withUrl(null), site, req("gk.example.gov.cn:8443"))).toBe(
      "https://gk.example.gov.cn:8443",
    );
  });

  it("is the configured public address for a host the site does not name, so a made-up Host goes nowhere", () => {
    expect(siteOrigin(withUrl("https://gk.example.gov.cn"), site, req("evil.example"))).toBe(
      "https://gk.example.gov.cn",
    );
    expect(siteOrigin(withUrl(null), site, req("localhost:3000", "http"))).toBe("http://localhost:3000");
  });
});
