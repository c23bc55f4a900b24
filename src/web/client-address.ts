import { BlockList, isIP } from "node:net";

// Who the client is. Behind a reverse proxy the socket's peer is the proxy; the client's address is in
// X-Forwarded-For, which every hop appends to and anyone can pre-fill. So the header is read from the
// right, skipping only the proxies the operator listed (GONGKAI_TRUST_PROXY): the first address that is
// not one of them is the client. Trusting every hop (the old `GONGKAI_TRUST_PROXY=1`) let a client name
// its own address and walk around every per-address limit, so it is refused.

/** What `GONGKAI_TRUST_PROXY` accepts: addresses and CIDR ranges, IPv4 or IPv6, comma-separated. */
export function parseTrustedProxies(raw: string | undefined): { proxies: string[]; problems: string[] } {
  const proxies: string[] = [];
  const problems: string[] = [];
  const value = raw?.trim() ?? "";
  if (value === "") return { proxies, problems };
  if (/^(1|true|yes|on|\*|all)$/i.test(value)) {
    problems.push(
      `GONGKAI_TRUST_PROXY no longer accepts "${value}" (it trusted every hop, so a client could choose its own address): list the reverse proxies' addresses or CIDR ranges, e.g. GONGKAI_TRUST_PROXY=127.0.0.1 or 127.0.0.1,10.0.0.0/8`,
    );
    return { proxies, problems };
  }
  for (const part of value.split(",")) {
    const entry = part.trim();
    if (entry === "") continue;
    const parsed = parseEntry(entry);
    if (typeof parsed === "string") problems.push(`GONGKAI_TRUST_PROXY: ${parsed}`);
    else proxies.push(parsed.canonical);
  }
  return { proxies, problems };
}

type Entry = { family: "ipv4" | "ipv6"; address: string; prefix: number | null; canonical: string };

function parseEntry(entry: string): Entry | string {
  const slash = entry.indexOf("/");
  const rawAddress = unmap(slash < 0 ? entry : entry.slice(0, slash));
  const version = isIP(rawAddress);
  if (version === 0) return `"${entry}" is not an IP address or CIDR range (such as 10.0.0.0/8 or fd00::/8)`;
  const family = version === 4 ? "ipv4" : "ipv6";
  if (slash < 0) return { family, address: rawAddress, prefix: null, canonical: rawAddress };
  const bits = entry.slice(slash + 1);
  const max = version === 4 ? 32 : 128;
  const prefix = /^\d{1,3}$/.test(bits) ? Number(bits) : Number.NaN;
  if (!(prefix >= 0 && prefix <= max)) return `"${entry}" has a prefix length outside 0–${max}`;
  if (prefix === 0) return `"${entry}" trusts every address: list the proxies themselves`;
  return { family, address: rawAddress, prefix, canonical: `${rawAddress}/${prefix}` };
}

/** `::ffff:10.0.0.1` (an IPv4 peer on a dual-stack socket) is the IPv4 address; a zone (`%eth0`) is dropped. */
export function unmap(address: string): string {
  const noZone = address.includes("%") ? address.slice(0, address.indexOf("%")) : address;
  const m = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(noZone);
  return m ? m[1]! : noZone;
}

/**
 * The trust test Fastify's `trustProxy` takes: called with the peer, then each X-Forwarded-For entry from
 * the right, until it answers false; that address is `req.ip`. Anything that is not an IP address is
 * never trusted.
 */
export function compileTrust(proxies: readonly string[]): (address: string, hop: number) => boolean {
  const list = new BlockList();
  for (const p of proxies) {
    const e = parseEntry(p);
    if (typeof e === "string") throw new Error(e);
    if (e.prefix === null) list.addAddress(e.address, e.family);
    else list.addSubnet(e.address, e.prefix, e.family);
  }
  return (address: string) => {
    const a = unmap(address ?? "");
    const version = isIP(a);
    if (version === 0) return false;
    return list.check(a, version === 4 ? "ipv4" : "ipv6");
  };
}

/** Fastify's `trustProxy` option: false (the peer is the client) when no proxy is listed. */
export function trustProxyOption(
  proxies: readonly string[],
): false | ((address: string, hop: number) => boolean) {
  return proxies.length === 0 ? false : compileTrust(proxies);
}

/**
 * The key a per-client limit counts under. An IPv6 client usually holds a whole /64 (and can pick any
 * address in it), so IPv6 addresses count by their /64; IPv4 by the address.
 */
export function clientKey(address: string | undefined): string {
  const a = unmap(address ?? "");
  const version = isIP(a);
  if (version === 4) return a;
  if (version === 6) return `${expandIpv6(a).slice(0, 4).join(":")}::/64`;
  return `other:${a.slice(0, 64)}`;
}

/** The eight 16-bit groups of an IPv6 address, as lowercase hex without leading zeros. */
function expandIpv6(address: string): string[] {
  let text = address.toLowerCase();
  // A dotted IPv4 tail (::ffff:1.2.3.4, 64:ff9b::1.2.3.4) is two groups.
  const v4 = /(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (v4) {
    const [a, b, c, d] = v4.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, v4.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.includes("::") ? text.split("::") : [text, undefined];
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const fill = tail === undefined ? [] : Array(8 - left.length - right.length).fill("0");
  return [...left, ...fill, ...right].map((g) => Number.parseInt(g || "0", 16).toString(16));
}
