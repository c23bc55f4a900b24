// A tiny client of the gongkai API, typed by openapi-typescript from /api/v1/openapi.json. It is never run:
// `npm run lint:openapi` (scripts/openapi-check.ts) generates "gongkai-openapi" afresh and compiles this file
// with tsc (checkJs, strict), so a document a provincial platform could not build a client from fails CI.
// Each `@ts-expect-error` line proves the types are real: were they `any`, the unused directive would fail.
import createClient from "openapi-fetch";

/** @typedef {import("gongkai-openapi").paths} paths */
/** @typedef {import("gongkai-openapi").operations} operations */
/** @typedef {import("gongkai-openapi").components} components */

const client = /** @type {typeof createClient<paths>} */ (createClient)({
  baseUrl: "https://gk.example.gov.cn",
  headers: { authorization: "Bearer token" },
});

/** @param {components["schemas"]["ErrorResponse"]} e */
const describeError = (e) => `${e.error.code}: ${e.error.message} (${e.error.details.length})`;

export async function publicReads() {
  const item = await client.GET("/api/v1/items/{id}", { params: { path: { id: "0190a000" } } });
  if (item.error) return describeError(item.error);
  /** @type {string} */
  const status = item.data.status;

  const orgs = await client.GET("/api/v1/orgs");
  const days = await client.GET("/api/v1/calendar/working-days/add", {
    params: { query: { date: "2026-10-08", n: 20 } },
  });

  // The provincial platform's reads: search, the public read API, verification of a downloaded file.
  const found = await client.GET("/api/v1/search", { params: { query: { q: "乡村振兴", per_page: "10" } } });
  /** @type {number | undefined} */
  const total = found.data?.total;
  const published = await client.GET("/api/v1/public/items", {
    params: { query: { page: 1, per_page: 50 } },
  });
  /** @type {string[]} */
  const titles = (published.data?.items ?? []).map((i) => i.title);
  const verified = await client.GET("/api/v1/verify", { params: { query: { sha256: "ab".repeat(32) } } });

  // @ts-expect-error the path parameter `id` is required
  await client.GET("/api/v1/items/{id}", { params: { path: {} } });
  // @ts-expect-error no such operation
  await client.GET("/api/v1/no-such-path");
  return [status, orgs.response.status, days.response.status, total, titles, verified.response.status];
}

export async function staffWrites() {
  const created = await client.POST("/api/v1/items", {
    body: { title: "关于开展乡村振兴示范村建设的通知", body: "各乡镇人民政府：……", kind: "notice" },
  });
  if (created.error) return describeError(created.error);
  const moved = await client.POST("/api/v1/items/{id}/actions", {
    params: { path: { id: created.data.id } },
    body: { action: "submit" },
  });
  // @ts-expect-error `kind` must be one of the item kinds
  await client.POST("/api/v1/items", { body: { title: "t", body: "b", kind: "memo" } });
  await client.POST("/api/v1/items/{id}/actions", {
    params: { path: { id: "x" } },
    // @ts-expect-error unknown action
    body: { action: "shred" },
  });
  return moved.response.status;
}

/**
 * Operation ids are part of the contract: renaming one breaks generated clients.
 * @type {Array<keyof operations>}
 */
export const STABLE_OPERATION_IDS = ["getItem", "getItems", "postItem", "postItemAction", "postApplication"];
