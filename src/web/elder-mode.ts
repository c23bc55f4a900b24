// 适老化 mode (issue 18 item 4): larger type, higher contrast, a simpler page with bigger targets, chosen by
// a visible link on every public page and remembered without an account in a cookie. It works with
// JavaScript off: the link is a GET to /a11y/elder?on=1&back=<the page>, which sets the cookie and sends the
// visitor back (303) to that page of this site only (never another origin: no open redirect). The page is
// rendered with a class on <html> (views/layout.tsx); cached pages are kept per variant (portal.tsx,
// fast-path.ts) and public answers say `Vary: Cookie` (http-caching.ts).
import { Type } from "@sinclair/typebox";
import type { FastifyRequest } from "fastify";
import type { AppInstance } from "./types";

export const ELDER_COOKIE = "gongkai_elder";
export const ELDER_PATH = "/a11y/elder";
/** A year: the choice outlives the browser session. */
const MAX_AGE_S = 365 * 24 * 60 * 60;

/** Whether a Cookie header carries the 适老化 choice (read before the cookie plugin parses it). */
export function hasElderCookie(cookie: string | undefined): boolean {
  if (!cookie) return false;
  return cookie.split(";").some((c) => c.trim() === `${ELDER_COOKIE}=1`);
}

export const isElderRequest = (req: Pick<FastifyRequest, "headers">): boolean =>
  hasElderCookie(req.headers.cookie);

/**
 * The page to go back to: a path of this site (starting with one "/", no scheme, host, backslash or control
 * character), with its query; anything else is the portal's home page in the page's language.
 */
export function safeBackPath(back: string | undefined, fallback = "/"): string {
  if (!back || back.length > 2000) return fallback;
  if (!back.startsWith("/") || back.startsWith("//")) return fallback;
  // Browsers read "\" as "/" and drop tabs and newlines: "/\evil.example" would leave the site.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused here
  if (/[\\\u0000-\u001f\u007f]/.test(back)) return fallback;
  let u: URL;
  try {
    u = new URL(back, "http://portal.invalid");
  } catch {
    return fallback;
  }
  if (u.origin !== "http://portal.invalid") return fallback;
  // "/.//evil.example" resolves to the path "//evil.example", which a browser reads as another host.
  const out = `${u.pathname}${u.search}`;
  return out.startsWith("//") ? fallback : out;
}

/** The toggle's address for a page: turn the mode on (or off) and come back to `path`. */
export const elderTogglePath = (on: boolean, path: string): string =>
  `${ELDER_PATH}?on=${on ? 1 : 0}&back=${encodeURIComponent(path)}`;

const Query = Type.Object({
  on: Type.Optional(Type.String({ maxLength: 1 })),
  back: Type.Optional(Type.String({ maxLength: 2000 })),
});

export function registerElderMode(app: AppInstance): void {
  app.get(ELDER_PATH, { schema: { hide: true, querystring: Query } }, async (req, reply) => {
    const on = req.query.on !== "0";
    const back = safeBackPath(req.query.back);
    reply.header(
      "set-cookie",
      on
        ? `${ELDER_COOKIE}=1; Path=/; Max-Age=${MAX_AGE_S}; SameSite=Lax; HttpOnly`
        : `${ELDER_COOKIE}=; Path=/; Max-Age=0; SameSite=Lax; HttpOnly`,
    );
    reply.header("cache-control", "no-store");
    return reply.redirect(back, 303);
  });
}
