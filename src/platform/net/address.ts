// Which IP addresses an outgoing request from the server (link checks) may reach: public unicast only. The
// rest would let a page's link make the server probe its own network (SSRF): loopback, private and shared
// (carrier-grade NAT, where Alibaba Cloud's metadata service 100.100.100.200 lives) ranges, link-local (with
// the 169.254.169.254 metadata service), multicast, reserved and documentation ranges, and in IPv6 also
// unique-local, site-local, IPv4-mapped and -compatible forms; NAT64 and 6to4 addresses are judged by the IPv4
// address they carry.
import { isIP } from "node:net";

export type BlockReason =
  | "unspecified"
  | "loopback"
  | "private"
  | "shared"
  | "link_local"
  | "metadata"
  | "multicast"
  | "unique_local"
  | "ipv4_mapped"
  | "reserved";

export const BLOCK_REASON_LABELS: Record<BlockReason, string> = {
  unspecified: "未指定地址",
  loopback: "本机回环地址",
  private: "内网地址",
  shared: "运营商共享地址（云服务元数据地址所在）",
  link_local: "链路本地地址",
  metadata: "云服务器元数据地址",
  multicast: "组播地址",
  unique_local: "IPv6 内网（唯一本地）地址",
  ipv4_mapped: "IPv4 映射的 IPv6 地址",
  reserved: "保留或文档用地址",
};

type V4Range = [base: number, bits: number, reason: BlockReason];

const v4 = (s: string): number => s.split(".").reduce((n, p) => n * 256 + Number(p), 0);

// Most specific first: the metadata address before the link-local range that holds it.
const V4_RANGES: V4Range[] = (
  [
    ["169.254.169.254", 32, "metadata"],
    ["100.100.100.200", 32, "metadata"],
    ["0.0.0.0", 8, "unspecified"],
    ["10.0.0.0", 8, "private"],
    ["100.64.0.0", 10, "shared"],
    ["127.0.0.0", 8, "loopback"],
    ["169.254.0.0", 16, "link_local"],
    ["172.16.0.0", 12, "private"],
    ["192.0.0.0", 24, "reserved"],
    ["192.0.2.0", 24, "reserved"],
    ["192.88.99.0", 24, "reserved"],
    ["192.168.0.0", 16, "private"],
    ["198.18.0.0", 15, "reserved"],
    ["198.51.100.0", 24, "reserved"],
    ["203.0.113.0", 24, "reserved"],
    ["224.0.0.0", 4, "multicast"],
    ["240.0.0.0", 4, "reserved"], // and 255.255.255.255, broadcast
  ] as const
).map(([a, bits, r]) => [v4(a), bits, r]);

function classifyV4(n: number): BlockReason | null {
  for (const [base, bits, reason] of V4_RANGES) {
    const size = 2 ** (32 - bits);
    if (n >= base && n < base + size) return reason;
  }
  return null;
}

/** An IPv6 address as a 128-bit integer (zone index dropped; a trailing dotted IPv4 part allowed). */
export function parseV6(addr: string): bigint {
  let s = addr.replace(/%.*$/, "").toLowerCase();
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(s);
  if (dotted) {
    const n = v4(dotted[1]!);
    s = `${s.slice(0, dotted.index)}${(n >>> 16).toString(16)}:${(n & 0xffff).toString(16)}`;
  }
  const [head, tail] = s.includes("::") ? s.split("::") : [s, undefined];
  const h = head ? head.split(":") : [];
  const t = tail ? tail.split(":") : [];
  const groups = tail === undefined ? h : [...h, ...Array(8 - h.length - t.length).fill("0"), ...t];
  return groups.reduce((acc, g) => (acc << 16n) | BigInt(Number.parseInt(g || "0", 16)), 0n);
}

const inV6 = (n: bigint, prefix: string, bits: number): boolean =>
  n >> BigInt(128 - bits) === parseV6(prefix) >> BigInt(128 - bits);

function classifyV6(n: bigint): BlockReason | null {
  if (n === 0n) return "unspecified";
  if (n === 1n) return "loopback";
  if (inV6(n, "::ffff:0:0", 96)) return "ipv4_mapped";
  if (inV6(n, "::", 96)) return "reserved"; // IPv4-compatible (deprecated)
  if (inV6(n, "64:ff9b::", 96)) return classifyV4(Number(n & 0xffffffffn)); // NAT64: the IPv4 it reaches
  if (inV6(n, "64:ff9b:1::", 48)) return "private";
  if (inV6(n, "fd00:ec2::254", 128)) return "metadata";
  if (inV6(n, "fc00::", 7)) return "unique_local";
  if (inV6(n, "fe80::", 10)) return "link_local";
  if (inV6(n, "fec0::", 10)) return "private"; // site-local (deprecated)
  if (inV6(n, "ff00::", 8)) return "multicast";
  if (inV6(n, "2002::", 16)) return classifyV4(Number((n >> 80n) & 0xffffffffn)); // 6to4
  if (inV6(n, "2001:db8::", 32) || inV6(n, "3fff::", 20) || inV6(n, "2001::", 23)) return "reserved";
  // Only global unicast (2000::/3) is routed on the internet.
  if (!inV6(n, "2000::", 3)) return "reserved";
  return null;
}

/** Why a request to this address is refused, or null for a public unicast address. Not an IP: "reserved". */
export function classifyAddress(address: string): BlockReason | null {
  const bare = address.replace(/^\[|\]$/g, "");
  const family = isIP(bare.replace(/%.*$/, ""));
  if (family === 4) return classifyV4(v4(bare));
  if (family === 6) return classifyV6(parseV6(bare));
  return "reserved";
}
