// What the open-data domain builds from the database for anyone (exports, feeds, sitemaps) is kept in the page
// cache, cleared by every publishing change. A hit costs nothing; a miss is a render with database queries, so
// it is charged to the client's render budget (client-limits.ts) before it is built: distinct valid filters
// cannot force uncached builds past the budget.
import type { FastifyReply, FastifyRequest } from "fastify";
import type { Deps } from "../../deps";
import { chargeRender } from "../../web/client-limits";
import { pageCache } from "../../web/page-cache";

const TTL_MS = 60_000;

/** The cached answer under `key`, else one built (and kept when there is one) and charged to the client. */
export async function cachedAnswer(
  deps: Deps,
  req: FastifyRequest,
  reply: FastifyReply,
  key: string,
  build: () => Promise<string | undefined>,
): Promise<string | undefined> {
  const cache = pageCache(deps);
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  chargeRender(req, reply);
  const body = await build();
  if (body !== undefined) cache.set(key, body, TTL_MS);
  return body;
}
