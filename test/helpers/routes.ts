import type { AppInstance } from "../../src/web/types";

export interface RouteEntry {
  method: string;
  url: string;
}

/**
 * Every route of a built app (HEAD left out: it follows GET). Read from the route table the app records
 * (src/web/route-policy.ts) when present, else from Fastify's printed route tree.
 */
export function listRoutes(app: AppInstance): RouteEntry[] {
  const table = (app as unknown as { routeTable?: RouteEntry[] }).routeTable;
  const all =
    table && table.length > 0 ? table : parsePrintedRoutes(app.printRoutes({ commonPrefix: false }));
  const seen = new Set<string>();
  return all
    .filter((r) => r.method !== "HEAD")
    .filter((r) => {
      const key = `${r.method} ${r.url}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .map((r) => ({ method: r.method, url: r.url }));
}

/** `└── /a (GET)` lines, children indented four columns under their parent, segments appended. */
export function parsePrintedRoutes(text: string): RouteEntry[] {
  const out: RouteEntry[] = [];
  const stack: string[] = [];
  for (const line of text.split("\n")) {
    const m = /^((?:[│ ] {3})*)[└├]── (.+?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!m) continue;
    const depth = m[1]!.length / 4;
    const path = (depth > 0 ? stack[depth - 1]! : "") + m[2]!;
    stack.length = depth;
    stack.push(path);
    for (const method of m[3]?.split(", ") ?? []) out.push({ method, url: path });
  }
  return out;
}
