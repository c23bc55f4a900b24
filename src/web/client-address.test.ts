import Fastify from "fastify";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../config";
import { clientKey, compileTrust, parseTrustedProxies, trustProxyOption, unmap } from "./client-address";

/** A bare server that answers with req.ip, configured as the app configures Fastify. */
async function ipServer(proxies: string[]) {
  const app = Fastify({ trustProxy: trustProxyOption(proxies) });
  app.get("/", async (req) => ({ ip: req.ip, protocol: req.protocol }));
  await app.ready();
  return async (peer: string, xff?: string | string[], proto?: string) => {
    const headers: Record<string, string | string[]> = {};
    if (xff !== undefined) headers["x-forwarded-for"] = xff;
    if (proto) headers["x-forwarded-proto"] = proto;
    const res = await app.inject({ url: "/", remoteAddress: peer, headers });
    return res.json() as { ip: string; protocol: string };
  };
}

describe("GONGKAI_TRUST_PROXY", () => {
  it("is empty when unset, and takes addresses and CIDR ranges of both families", () => {
    expect(parseTrustedProxies(undefined)).toEqual({ proxies: [], problems: [] });
    expect(parseTrustedProxies(" ")).toEqual({ proxies: [], problems: [] });
    expect(parseTrustedProxies("127.0.0.1, 10.0.0.0/8,fd00::/8 ,::1,::ffff:192.168.1.1")).toEqual({
      proxies: ["127.0.0.1", "10.0.0.0/8", "fd00::/8", "::1", "192.168.1.1"],
      problems: [],
    });
  });

  it("refuses 1 and true (trusting every hop) with a message that says to list the proxies", () => {
    for (const raw of ["1", "true", "TRUE", "*"]) {
      const { proxies, problems } = parseTrustedProxies(raw);
      expect(proxies).toEqual([]);
      expect(problems).toHaveLength(1);
      expect(problems[0]).toContain("list the reverse proxies");
      expect(problems[0]).toContain("127.0.0.1");
    }
  });

  it("refuses what is not an address, impossible prefixes and ranges that trust everyone", () => {
    const { problems } = parseTrustedProxies(
      "localhost,10.0.0.0/33,fd00::/129,0.0.0.0/0,::/0,10.0.0.1/x,300.1.1.1",
    );
    expect(problems).toHaveLength(7);
    expect(problems.join("\n")).toContain('"localhost" is not an IP address');
    expect(problems.join("\n")).toContain("trusts every address");
  });

  it("fails configuration fast, with every problem listed", () => {
    try {
      loadConfig({ GONGKAI_DATA_DIR: "/tmp/gongkai-config-test", GONGKAI_TRUST_PROXY: "1", PORT: "x" });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      const text = (e as ConfigError).problems.join("\n");
      expect(text).toContain("GONGKAI_TRUST_PROXY");
      expect(text).toContain("PORT");
    }
    const c = loadConfig({
      GONGKAI_DATA_DIR: "/tmp/gongkai-config-test",
      GONGKAI_TRUST_PROXY: "127.0.0.1,10.0.0.0/8",
    });
    expect(c.trustProxy).toEqual(["127.0.0.1", "10.0.0.0/8"]);
    expect(loadConfig({ GONGKAI_DATA_DIR: "/tmp/gongkai-config-test" }).trustProxy).toEqual([]);
  });

  it("reads the GONGKAI_RATE_* limits and refuses nonsense", () => {
    const c = loadConfig({
      GONGKAI_DATA_DIR: "/tmp/gongkai-config-test",
      GONGKAI_RATE_LOGIN_PER_MINUTE: "3",
      GONGKAI_RATE_APPLICATIONS_PER_HOUR: "5",
    });
    expect(c.rateLimits).toMatchObject({ loginPerMinute: 3, applicationsPerHour: 5, apiPerMinute: 120 });
    expect(() =>
      loadConfig({ GONGKAI_DATA_DIR: "/tmp/gongkai-config-test", GONGKAI_RATE_API_PER_MINUTE: "0" }),
    ).toThrow(/GONGKAI_RATE_API_PER_MINUTE/);
  });
});

describe("the trust test", () => {
  const trust = compileTrust(["127.0.0.1", "10.0.0.0/8", "fd00::/8", "2001:db8::1"]);
  it("matches listed addresses and ranges, IPv4 peers on dual-stack sockets, never garbage", () => {
    expect(trust("127.0.0.1", 0)).toBe(true);
    expect(trust("::ffff:127.0.0.1", 0)).toBe(true);
    expect(trust("10.200.3.4", 1)).toBe(true);
    expect(trust("::ffff:10.9.9.9", 1)).toBe(true);
    expect(trust("11.0.0.1", 0)).toBe(false);
    expect(trust("fd12:3456::1", 0)).toBe(true);
    expect(trust("2001:db8:0:0:0:0:0:1", 0)).toBe(true);
    expect(trust("2001:db8::2", 0)).toBe(false);
    expect(trust("fe80::1%eth0", 0)).toBe(false);
    expect(trust("unknown", 1)).toBe(false);
    expect(trust("", 1)).toBe(false);
  });

  it("unmaps IPv4-mapped addresses and drops zones", () => {
    expect(unmap("::ffff:1.2.3.4")).toBe("1.2.3.4");
    expect(unmap("::FFFF:1.2.3.4")).toBe("1.2.3.4");
    expect(unmap("fe80::1%eth0")).toBe("fe80::1");
    expect(unmap("2001:db8::1")).toBe("2001:db8::1");
  });
});

describe("req.ip: the right-most address that is not a listed proxy", () => {
  it("is the peer when no proxy is listed, whatever X-Forwarded-For says", async () => {
    const ask = await ipServer([]);
    expect((await ask("203.0.113.9", "1.2.3.4")).ip).toBe("203.0.113.9");
    expect((await ask("203.0.113.9", "1.2.3.4", "https")).protocol).toBe("http");
  });

  it("believes a listed proxy's X-Forwarded-For, and only its right-most entry", async () => {
    const ask = await ipServer(["127.0.0.1"]);
    // nginx with $proxy_add_x_forwarded_for appends the address it saw to whatever the client sent.
    expect((await ask("127.0.0.1", "198.51.100.7")).ip).toBe("198.51.100.7");
    expect((await ask("127.0.0.1", "1.1.1.1, 198.51.100.7")).ip).toBe("198.51.100.7");
    expect((await ask("127.0.0.1", "198.51.100.7", "https")).protocol).toBe("https");
  });

  it("ignores X-Forwarded-For (and X-Forwarded-Proto) from a peer that is not a listed proxy", async () => {
    const ask = await ipServer(["127.0.0.1"]);
    const spoof = await ask("203.0.113.9", "127.0.0.1, 1.2.3.4", "https");
    expect(spoof.ip).toBe("203.0.113.9");
    expect(spoof.protocol).toBe("http");
  });

  it("walks several listed hops (CIDR) and stops at the first stranger", async () => {
    const ask = await ipServer(["127.0.0.1", "10.0.0.0/8"]);
    expect((await ask("127.0.0.1", "203.0.113.5, 10.1.2.3")).ip).toBe("203.0.113.5");
    // A client pretending to be an inner proxy gains nothing: its forged entries sit left of its real address.
    expect((await ask("127.0.0.1", "10.0.0.1, 8.8.8.8, 203.0.113.5, 10.1.2.3")).ip).toBe("203.0.113.5");
    // Several X-Forwarded-For headers count as one list, in order.
    expect((await ask("127.0.0.1", ["9.9.9.9", "203.0.113.6"])).ip).toBe("203.0.113.6");
    // Garbage where the client should be is the client: never skipped to reach an address further left.
    expect((await ask("127.0.0.1", "8.8.8.8, unknown")).ip).toBe("unknown");
  });

  it("works with IPv6 proxies and clients, and IPv4 peers on a dual-stack socket", async () => {
    const ask = await ipServer(["::1", "fd00::/8", "127.0.0.1"]);
    expect((await ask("::1", "2001:db8:1::5")).ip).toBe("2001:db8:1::5");
    expect((await ask("fd00::2", "1.1.1.1, 2001:db8:1::5, fd00::9")).ip).toBe("2001:db8:1::5");
    expect((await ask("::ffff:127.0.0.1", "198.51.100.8")).ip).toBe("198.51.100.8");
    expect((await ask("2001:db8::99", "198.51.100.8")).ip).toBe("2001:db8::99");
  });

  it("is the left-most entry when every hop is a listed proxy", async () => {
    const ask = await ipServer(["10.0.0.0/8"]);
    expect((await ask("10.0.0.1", "10.0.0.3, 10.0.0.2")).ip).toBe("10.0.0.3");
  });
});

describe("the key a client's requests count under", () => {
  it("is the IPv4 address, and the /64 of an IPv6 address", () => {
    expect(clientKey("198.51.100.7")).toBe("198.51.100.7");
    expect(clientKey("::ffff:198.51.100.7")).toBe("198.51.100.7");
    expect(clientKey("2001:db8:1:2:aaaa::1")).toBe("2001:db8:1:2::/64");
    expect(clientKey("2001:db8:1:2:bbbb:cccc:dddd:eeee")).toBe("2001:db8:1:2::/64");
    expect(clientKey("2001:0DB8:0001:0002::")).toBe("2001:db8:1:2::/64");
    expect(clientKey("::1")).toBe("0:0:0:0::/64");
    expect(clientKey("64:ff9b::192.0.2.1")).toBe("64:ff9b:0:0::/64");
    expect(clientKey("unknown")).toBe("other:unknown");
  });
});
