import { expect } from "vitest";
import { systemActor } from "../../../src/deps";
import { createApiToken } from "../../../src/domains/accounts";
import { multipartBody } from "../../../src/domains/publishing/attachments/attachments.test-helpers";
import type { E2EServer } from "../support/server";

/**
 * Where the search and verify journeys start: an item with one attachment, published through the API as the
 * demo clerk, reviewer and signer would. Resolves with the item's id.
 */
export async function publishWithAttachment(
  server: E2EServer,
  item: { title: string; body: string; kind: string; doc_number?: string },
  file: { filename: string; data: Buffer },
): Promise<string> {
  const tok: Record<string, string> = {};
  for (const u of ["demo-clerk", "demo-reviewer", "demo-signer"])
    tok[u] = await createApiToken(server.deps, systemActor("e2e"), u, "e2e");
  const call = async (who: string, url: string, payload: object) => {
    const res = await server.app.inject({
      method: "POST",
      url,
      headers: { authorization: `Bearer ${tok[who]}` },
      payload,
    });
    expect(res.statusCode, res.body).toBeLessThan(300);
    return res.json();
  };
  const created = await call("demo-clerk", "/api/v1/items", item);
  const body = multipartBody([{ name: "file", contentType: "application/pdf", ...file }]);
  const up = await server.app.inject({
    method: "POST",
    url: `/api/v1/items/${created.id}/attachments`,
    headers: { ...body.headers, authorization: `Bearer ${tok["demo-clerk"]}` },
    payload: body.payload,
  });
  expect(up.statusCode, up.body).toBe(201);
  for (const [who, action] of [
    ["demo-clerk", "submit"],
    ["demo-reviewer", "approve"],
    ["demo-signer", "sign"],
    ["demo-signer", "publish"],
  ] as const)
    await call(who, `/api/v1/items/${created.id}/actions`, { action });
  return created.id;
}
