// The link checker's HTTP client, safe against server-side request forgery: a link on a published page (or in
// a draft under review) must not make the server reach its own network or a cloud metadata service. Each host
// is resolved once with dns.lookup(all); every address must be public (address.ts), and the connection goes to
// the checked address itself (a lookup pinned in the request), so a second DNS answer cannot swap in another
// (DNS rebinding). Redirects are followed by hand, each hop checked again, at most `maxRedirects`; only the
// status line and headers are read (no body), within `timeoutMs` overall.
import { lookup as dnsLookup } from "node:dns/promises";
import http from "node:http";
import https from "node:https";
import { isIP, type LookupFunction } from "node:net";
import { type BlockReason, classifyAddress } from "./address";

export type LookupAll = (host: string) => Promise<Array<{ address: string; family: number }>>;

export interface SafeProbeOptions {
  /** Tests only: allow loopback and private targets (a test server on 127.0.0.1). Never in production. */
  allowPrivateTargets?: boolean;
  /** Exact addresses allowed although not public (a test server; an intranet site named by an operator). */
  allowAddresses?: readonly string[];
  /** Resolves a host to all its addresses; default dns.lookup with all: true. */
  lookup?: LookupAll;
  maxRedirects?: number;
  /** For the whole check, redirects included; the caller's signal may end it sooner. */
  timeoutMs?: number;
  userAgent?: string;
}

/** The target (or one hop of its redirects) is not a public address: refused before any connection. */
export class BlockedTargetError extends Error {
  constructor(
    readonly url: string,
    readonly address: string,
    readonly reason: BlockReason,
  ) {
    super(`refused to fetch ${url}: ${address} is ${reason}`);
    this.name = "BlockedTargetError";
  }
}

const systemLookup: LookupAll = (host) => dnsLookup(host, { all: true, verbatim: true });

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

function untilAborted<T>(p: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    p.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

type Probe = (
  url: string,
  init: { method: "HEAD" | "GET"; signal: AbortSignal; redirect: "follow" },
) => Promise<{ ok: boolean; status: number }>;

export function createSafeLinkProbe(opts: SafeProbeOptions = {}): Probe {
  const lookupAll = opts.lookup ?? systemLookup;
  const maxRedirects = opts.maxRedirects ?? 5;
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const userAgent = opts.userAgent ?? "gongkai-link-check";
  const allowed = new Set(opts.allowAddresses ?? []);

  async function resolveChecked(url: URL): Promise<{ address: string; family: number }> {
    const host = url.hostname.replace(/^\[|\]$/g, "");
    const family = isIP(host);
    const addresses = family ? [{ address: host, family }] : await lookupAll(host);
    if (addresses.length === 0) throw new Error(`no address for ${host}`);
    if (!opts.allowPrivateTargets)
      for (const a of addresses) {
        const reason = allowed.has(a.address) ? null : classifyAddress(a.address);
        // One private answer refuses the host: which one a connection would use is not ours to choose.
        if (reason) throw new BlockedTargetError(url.toString(), a.address, reason);
      }
    return addresses[0]!;
  }

  function once(
    url: URL,
    method: "HEAD" | "GET",
    pinned: { address: string; family: number },
    signal: AbortSignal,
  ): Promise<{ status: number; location: string | undefined }> {
    const pinnedLookup: LookupFunction = (_host, options, cb) => {
      if ((options as { all?: boolean }).all)
        (cb as unknown as (e: null, a: Array<{ address: string; family: number }>) => void)(null, [pinned]);
      else cb(null, pinned.address, pinned.family);
    };
    const mod = url.protocol === "https:" ? https : http;
    return new Promise((resolve, reject) => {
      const req = mod.request(
        {
          protocol: url.protocol,
          hostname: url.hostname.replace(/^\[|\]$/g, ""),
          port: url.port || undefined,
          path: `${url.pathname}${url.search}`,
          method,
          headers: { "user-agent": userAgent, accept: "*/*" },
          agent: false,
          lookup: pinnedLookup,
          signal,
          maxHeaderSize: 16 * 1024,
        },
        (res) => {
          const location = res.headers.location;
          // The status is all a link check needs: no body is read.
          res.destroy();
          resolve({ status: res.statusCode ?? 0, location });
        },
      );
      req.on("error", reject);
      req.end();
    });
  }

  return async (raw, init) => {
    const signal = AbortSignal.any([init.signal, AbortSignal.timeout(timeoutMs)]);
    let url = new URL(raw);
    let method = init.method;
    for (let hop = 0; ; hop++) {
      if (url.protocol !== "http:" && url.protocol !== "https:")
        throw new Error(`unsupported protocol ${url.protocol}`);
      // getaddrinfo cannot be cancelled: stop waiting for it when the time is up.
      const pinned = await untilAborted(resolveChecked(url), signal);
      const r = await once(url, method, pinned, signal);
      if (!REDIRECTS.has(r.status) || !r.location)
        return { ok: r.status >= 200 && r.status < 300, status: r.status };
      if (hop >= maxRedirects) throw new Error(`more than ${maxRedirects} redirects`);
      url = new URL(r.location, url);
      if (r.status === 303) method = "GET";
    }
  };
}
