import { describe, expect, it } from "vitest";
import { createSafeLinkProbe } from "../../../platform/net";
import { checkLinks } from "./link-check";

// The review's dead-link check with the server's link client: a link to the server's own network is not
// fetched, and the reviewer is told why (a warning: the public cannot follow it either).
describe("review link check with the SSRF-safe client", () => {
  it("reports a link to a loopback or metadata address as refused, without connecting", async () => {
    const probe = createSafeLinkProbe();
    const text = "见 http://127.0.0.1:9/admin 和 http://169.254.169.254/latest/meta-data/ 。";
    const findings = await checkLinks(text, probe, { timeoutMs: 2000 });
    expect(findings.map((f) => [f.text, f.severity, f.message])).toEqual([
      [
        "http://127.0.0.1:9/admin",
        "warning",
        "链接无法访问（指向内网、本机或保留地址，出于安全考虑未访问），请更正或删除。",
      ],
      [
        "http://169.254.169.254/latest/meta-data/",
        "warning",
        "链接无法访问（指向内网、本机或保留地址，出于安全考虑未访问），请更正或删除。",
      ],
    ]);
  });
});
