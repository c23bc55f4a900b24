import { lookup as dnsLookup } from "node:dns/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BlockedTargetError, createSafeLinkProbe } from "./safe-probe";

// A server on 127.0.0.1 stands in for a machine on the server's own network: the production probe must
// refuse it (and anything redirecting or resolving to such an address) before connecting. Nothing here leaves
// the loopback interface: refused addresses are never connected to.
describe("the link checker's safe HTTP client (SSRF)", () => {
  let server: Server;
  let base: string;
  const hits: string[] = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      hits.push(req.url ?? "");
      if (req.url === "/to-private") res.writeHead(302, { location: "http://10.1.2.3/admin" }).end();
      else if (req.url === "/to-intranet") res.writeHead(301, { location: "http://intranet.test/x" }).end();
      else if (req.url === "/loop") res.writeHead(302, { location: "/loop" }).end();
      else if (req.url === "/moved") res.writeHead(308, { location: "/fine" }).end();
      else if (req.url === "/fine")
        res.writeHead(200, { "content-type": "text/plain" }).end("x".repeat(100_000));
      else res.writeHead(404).end();
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const go = (probe: ReturnType<typeof createSafeLinkProbe>, url: string, method: "HEAD" | "GET" = "GET") =>
    probe(url, { method, signal: new AbortController().signal, redirect: "follow" });
  const lookup = async (host: string) => {
    if (host === "intranet.test") return [{ address: "10.20.30.40", family: 4 }];
    if (host === "split.test")
      return [
        { address: "8.8.8.8", family: 4 },
        { address: "192.168.0.9", family: 4 },
      ];
    if (host === "lo.test") return [{ address: "127.0.0.1", family: 4 }];
    if (host === "localhost") return dnsLookup(host, { all: true }); // the machine's own hosts file
    throw Object.assign(new Error(`ENOTFOUND ${host}`), { code: "ENOTFOUND" });
  };

  it("refuses loopback, private, metadata and IPv4-mapped literals without connecting", async () => {
    const probe = createSafeLinkProbe({ lookup });
    const before = hits.length;
    for (const url of [
      `${base}/fine`,
      "http://localhost/",
      "http://[::1]/",
      "http://[::ffff:127.0.0.1]/",
      "http://169.254.169.254/latest/meta-data/",
      "http://0x7f.1/",
      "http://0.0.0.0/",
      "http://lo.test/",
    ]) {
      const e = await go(probe, url).catch((x) => x);
      expect(e, url).toBeInstanceOf(BlockedTargetError);
    }
    expect(hits.length).toBe(before);
  });

  it("refuses a host when any of its addresses is private", async () => {
    const probe = createSafeLinkProbe({ lookup });
    for (const url of ["http://intranet.test/", "https://split.test/"]) {
      const e = (await go(probe, url).catch((x) => x)) as BlockedTargetError;
      expect(e).toBeInstanceOf(BlockedTargetError);
      expect(["private"]).toContain(e.reason);
    }
  });

  it("checks every redirect hop, follows allowed ones, and stops a redirect loop", async () => {
    // The test server's own address is allowed by name; nothing else private is.
    const probe = createSafeLinkProbe({ lookup, allowAddresses: ["127.0.0.1"] });
    expect(await go(probe, `${base}/fine`)).toEqual({ ok: true, status: 200 });
    expect(await go(probe, `${base}/moved`, "HEAD")).toEqual({ ok: true, status: 200 });
    expect(await go(probe, `${base}/nothing`)).toEqual({ ok: false, status: 404 });
    for (const [path, address] of [
      ["/to-private", "10.1.2.3"],
      ["/to-intranet", "10.20.30.40"],
    ] as const) {
      const e = (await go(probe, `${base}${path}`).catch((x) => x)) as BlockedTargetError;
      expect(e).toBeInstanceOf(BlockedTargetError);
      expect(e.address).toBe(address);
    }
    await expect(go(probe, `${base}/loop`)).rejects.toThrow(/more than 5 redirects/);
  });

  it("reaches loopback only when a test allows private targets", async () => {
    const probe = createSafeLinkProbe({ allowPrivateTargets: true });
    expect(await go(probe, `${base}/fine`)).toEqual({ ok: true, status: 200 });
  });

  it("gives up at its own time limit", async () => {
    const slow = createServer(() => {}); // never answers
    await new Promise<void>((r) => slow.listen(0, "127.0.0.1", r));
    const url = `http://127.0.0.1:${(slow.address() as AddressInfo).port}/`;
    const probe = createSafeLinkProbe({ allowAddresses: ["127.0.0.1"], timeoutMs: 300 });
    const t = Date.now();
    await expect(go(probe, url)).rejects.toThrow();
    expect(Date.now() - t).toBeLessThan(3000);
    slow.closeAllConnections();
    await new Promise<void>((r) => slow.close(() => r()));
  });
});
