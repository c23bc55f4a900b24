// Dead-link check, kept apart from scanText because it waits on the network. The fetch function is
// injected (tests pass a fake, the server passes a fetch with its own proxy and user agent).
import { codePointMapper } from "../../../platform/pii";
import type { Finding } from "./types";

/** The part of fetch this check needs. */
export type LinkChecker = (
  url: string,
  init: { method: "HEAD" | "GET"; signal: AbortSignal; redirect: "follow" },
) => Promise<{ ok: boolean; status: number }>;

export interface LinkCheckOptions {
  /** Per request, default 8000 ms. */
  timeoutMs?: number;
  /** Requests in flight at once, default 4. */
  concurrency?: number;
}

const URL_RE = /https?:\/\/[A-Za-z0-9\-._~:/?#[\]@!$&'*+,;=%]+/g;

/** Web addresses in the text with their UTF-16 spans; trailing sentence punctuation is not part of a URL. */
export function extractLinks(text: string): { url: string; start: number; end: number }[] {
  const out: { url: string; start: number; end: number }[] = [];
  URL_RE.lastIndex = 0;
  for (let m = URL_RE.exec(text); m; m = URL_RE.exec(text)) {
    const url = m[0].replace(/[.,;:!?'\])]+$/, "");
    out.push({ url, start: m.index, end: m.index + url.length });
  }
  return out;
}

type Outcome = { dead: false } | { dead: true; severity: "error" | "warning"; why: string };

async function probe(url: string, check: LinkChecker, timeoutMs: number): Promise<Outcome> {
  const attempt = async (method: "HEAD" | "GET") => {
    const ctl = new AbortController();
    const timer = setTimeout(() => ctl.abort(), timeoutMs);
    try {
      return await check(url, { method, signal: ctl.signal, redirect: "follow" });
    } finally {
      clearTimeout(timer);
    }
  };
  try {
    let r = await attempt("HEAD");
    // Some servers refuse HEAD; ask again with GET before calling the link dead.
    if (r.status === 405 || r.status === 501 || r.status === 403) r = await attempt("GET");
    if (r.ok) return { dead: false };
    const gone = r.status === 404 || r.status === 410;
    return { dead: true, severity: gone ? "error" : "warning", why: `返回状态 ${r.status}` };
  } catch (e) {
    // The server's link client refuses private and loopback addresses (platform/net): not fetched, and the
    // public could not reach it either.
    if ((e as Error).name === "BlockedTargetError")
      return { dead: true, severity: "warning", why: "指向内网、本机或保留地址，出于安全考虑未访问" };
    const timeout = (e as Error).name === "AbortError";
    return { dead: true, severity: timeout ? "warning" : "error", why: timeout ? "访问超时" : "无法连接" };
  }
}

/** Finds links that do not answer; one request per distinct URL. Offsets are code points. */
export async function checkLinks(
  text: string,
  check: LinkChecker,
  options: LinkCheckOptions = {},
): Promise<Finding[]> {
  const links = extractLinks(text);
  const urls = [...new Set(links.map((l) => l.url))];
  const outcomes = new Map<string, Outcome>();
  const limit = Math.max(1, options.concurrency ?? 4);
  let next = 0;
  const worker = async () => {
    while (next < urls.length) {
      const url = urls[next++]!;
      outcomes.set(url, await probe(url, check, options.timeoutMs ?? 8000));
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, urls.length) }, worker));
  const cp = codePointMapper(text);
  const findings: Finding[] = [];
  for (const l of links) {
    const o = outcomes.get(l.url);
    if (!o?.dead) continue;
    findings.push({
      kind: "dead_link",
      category: "link",
      severity: o.severity,
      text: l.url,
      start: cp(l.start),
      end: cp(l.end),
      message: `链接无法访问（${o.why}），请更正或删除。`,
    });
  }
  return findings;
}
