import { createHash } from "node:crypto";
import { beforeAll, expect, it } from "vitest";
import { describeEachDialect } from "../../../test/helpers/db";
import { seedDemo } from "../../demo/seed";
import { systemActor } from "../../deps";
import { type CurrentUser, findCurrentUser } from "../accounts";
import { createItem, performAction } from "../publishing";
import { canonicalContentV1 } from "./integrity.canonical";

describeEachDialect("content hash at publication", (ctx) => {
  const u: Record<string, CurrentUser> = {};
  beforeAll(async () => {
    await seedDemo(ctx.deps, systemActor("test"));
    for (const name of ["demo-clerk", "demo-reviewer", "demo-signer"])
      u[name] = (await findCurrentUser(ctx.deps, name))!;
  });
  const publish = async (title: string, body = "<p>正文内容</p>") => {
    const item = await createItem(ctx.deps, u["demo-clerk"]!, { title, body, kind: "notice" });
    await performAction(ctx.deps, u["demo-clerk"]!, item.id, { action: "submit" });
    await performAction(ctx.deps, u["demo-reviewer"]!, item.id, { action: "approve" });
    await performAction(ctx.deps, u["demo-signer"]!, item.id, { action: "sign" });
    return performAction(ctx.deps, u["demo-signer"]!, item.id, { action: "publish" });
  };

  it("stores the SHA-256 of the canonical content, recomputable from the published row", async () => {
    const item = await publish("关于核验的通知");
    const row = await ctx.deps.db.kysely
      .selectFrom("items")
      .selectAll()
      .where("id", "=", item.id)
      .executeTakeFirstOrThrow();
    expect(row.content_sha256).toMatch(/^[0-9a-f]{64}$/);
    const doc = JSON.stringify({
      attachments: [],
      body_html: row.body_html,
      body_mn_html: row.body_mn_html,
      doc_number: row.doc_number,
      formed_on: row.formed_on,
      id: row.id,
      index_number: row.index_number,
      kind: row.kind,
      published_at: row.published_at,
      title: row.title,
      title_mn: row.title_mn,
      v: 1,
    });
    expect(canonicalContentV1(row, [])).toBe(doc);
    expect(row.content_sha256).toBe(createHash("sha256").update(doc, "utf8").digest("hex"));
  });

  it("a draft and a revision draft carry no hash", async () => {
    const item = await publish("将修订的通知");
    const draft = await performAction(ctx.deps, u["demo-clerk"]!, item.id, { action: "revise" });
    const rows = await ctx.deps.db.kysely
      .selectFrom("items")
      .select(["id", "status", "content_sha256"])
      .where("lineage_id", "=", item.lineage_id)
      .execute();
    expect(rows.find((r) => r.id === draft.id)?.content_sha256 ?? null).toBeNull();
    expect(rows.find((r) => r.id === item.id)?.content_sha256).toMatch(/^[0-9a-f]{64}$/);
  });
});
