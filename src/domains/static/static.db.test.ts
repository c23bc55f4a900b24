import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { buildTestApp } from "../../../test/helpers/app";
import { describeEachDialect } from "../../../test/helpers/db";
import { systemActor } from "../../deps";
import type { AppInstance } from "../../web/types";
import { type CurrentUser, findCurrentUser } from "../accounts";
import { createItem, performAction } from "../publishing";
import { applyAuditedChanges, checkStatic, publishStatic, StaticPublisher, startStaticWatcher } from ".";
import { sha256Of } from "./static.publisher";

vi.setConfig({ testTimeout: 300_000, hookTimeout: 300_000 });

describeEachDialect("static publication (publish-static)", (ctx) => {
  let app: AppInstance;
  let out = "";
  const u: Record<string, CurrentUser> = {};
  const actor = systemActor("test");

  async function publishItem(title: string): Promise<string> {
    const item = await createItem(ctx.deps, u["demo-clerk"]!, {
      title,
      body: "<p>正文。</p>",
      kind: "notice",
    });
    await performAction(ctx.deps, u["demo-clerk"]!, item.id, { action: "submit" });
    await performAction(ctx.deps, u["demo-reviewer"]!, item.id, { action: "approve" });
    await performAction(ctx.deps, u["demo-signer"]!, item.id, { action: "sign" });
    await performAction(ctx.deps, u["demo-signer"]!, item.id, { action: "publish" });
    return item.id;
  }

  beforeAll(async () => {
    app = await buildTestApp(ctx);
    for (const name of ["demo-clerk", "demo-reviewer", "demo-signer"])
      u[name] = (await findCurrentUser(ctx.deps, name))!;
    out = join(mkdtempSync(join(tmpdir(), "gongkai-static-")), "www");
  });
  afterAll(async () => {
    await app?.close();
    if (out) rmSync(join(out, ".."), { recursive: true, force: true });
  });

  it("writes every public page in both languages, feeds, sitemap and assets, recorded with their hashes", async () => {
    const first = await publishItem("静态发布的第一条通知");
    const { publisher, counts } = await publishStatic(ctx.deps, app, actor, out);
    expect(counts.written).toBeGreaterThan(20);
    for (const f of [
      "index.html",
      "mn/index.html",
      "gk/index.html",
      "gk/list/index.html",
      "mn/gk/list/index.html",
      `gk/items/${first}/index.html`,
      `mn/gk/items/${first}/index.html`,
      "gk/catalog/index.html",
      "sitemap.xml",
      "feeds/site.atom",
      "assets/app.css",
    ])
      expect(existsSync(join(out, f)), f).toBe(true);
    expect(readFileSync(join(out, `gk/items/${first}/index.html`), "utf8")).toContain("静态发布的第一条通知");
    // Forms, search and tracking stay dynamic: no file, so nginx hands them to gongkai.
    for (const f of ["hd/apply/index.html", "search/index.html", "hd/track/index.html", "admin/index.html"])
      expect(existsSync(join(out, f)), f).toBe(false);
    const rows = await ctx.deps.db.kysely
      .selectFrom("static_files")
      .select(["path", "sha256"])
      .where("target_id", "=", publisher.target.id)
      .execute();
    expect(rows.length).toBe(counts.written);
    for (const r of rows.slice(0, 50)) expect(sha256Of(readFileSync(join(out, r.path)))).toBe(r.sha256);
    const audit = await ctx.deps.db.kysely
      .selectFrom("audit_log")
      .select("action")
      .where("entity_id", "=", publisher.target.id)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(["static.publish"]);
    // A folder holding other files is refused: the tamper check would delete them.
    const foreign = join(out, "..", "foreign");
    mkdirSync(foreign);
    writeFileSync(join(foreign, "keep.txt"), "");
    await expect(publishStatic(ctx.deps, app, actor, foreign)).rejects.toMatchObject({
      code: "static_dir_not_empty",
    });
    expect(readdirSync(foreign)).toEqual(["keep.txt"]);
  }, 120_000); // every public page of the demo county in two languages: 20 s alone, longer beside another suite

  it("renders only what a publication and a withdrawal touch", async () => {
    const publisher = await StaticPublisher.open(ctx.deps, app, out);
    const before = publisher.files.size;
    const id = await publishItem("增量发布的新通知");
    const written: string[] = [];
    const c = await applyAuditedChanges(publisher, { onWritten: (_u, p) => written.push(p) });
    expect(c).not.toBeNull();
    // The new item's own pages first, then the lists and the home pages.
    expect(written[0]).toBe(`gk/items/${id}/index.html`);
    expect(written).toContain("gk/list/index.html");
    expect(written).toContain("index.html");
    expect(readFileSync(join(out, "gk/list/index.html"), "utf8")).toContain("增量发布的新通知");
    expect(c!.rendered).toBeLessThan(before);
    expect(publisher.files.size).toBeGreaterThan(before);
    // Nothing audited since: nothing rendered.
    expect(await applyAuditedChanges(publisher)).toBeNull();

    await performAction(ctx.deps, u["demo-signer"]!, id, { action: "withdraw", note: "内容有误，撤回" });
    await applyAuditedChanges(publisher);
    // The item's page stays, saying it was withdrawn and why; the lists no longer show it.
    expect(readFileSync(join(out, `gk/items/${id}/index.html`), "utf8")).toContain(
      "撤回原因：内容有误，撤回",
    );
    expect(readFileSync(join(out, "gk/list/index.html"), "utf8")).not.toContain("增量发布的新通知");
    const served = await app.inject({ url: `/gk/items/${id}` });
    const row = await ctx.deps.db.kysely
      .selectFrom("static_files")
      .select("sha256")
      .where("path", "=", `gk/items/${id}/index.html`)
      .executeTakeFirstOrThrow();
    expect(row.sha256).toBe(sha256Of(served.rawPayload));
  });

  it("keeps the files current by itself (the watcher), the item's page first", async () => {
    const publisher = await StaticPublisher.open(ctx.deps, app, out);
    const watcher = startStaticWatcher(publisher, actor, { intervalMs: 50, checkEveryMs: 3_600_000 });
    try {
      // The watcher checks the files when it starts: wait for that round to pass.
      await new Promise((r) => setTimeout(r, 500));
      const id = await publishItem("监视进程发布的通知");
      const file = join(out, `gk/items/${id}/index.html`);
      const t0 = performance.now();
      while (!existsSync(file) && performance.now() - t0 < 30_000)
        await new Promise((r) => setTimeout(r, 20));
      expect(readFileSync(file, "utf8")).toContain("监视进程发布的通知");
      while (
        performance.now() - t0 < 60_000 &&
        !readFileSync(join(out, "gk/list/index.html"), "utf8").includes("监视进程发布的通知")
      )
        await new Promise((r) => setTimeout(r, 50));
      expect(readFileSync(join(out, "gk/list/index.html"), "utf8")).toContain("监视进程发布的通知");
    } finally {
      await watcher.stop();
    }
  });

  it("restores a changed, a deleted and an added file, audits it and alerts the office (防篡改)", async () => {
    const publisher = await StaticPublisher.open(ctx.deps, app, out);
    expect((await checkStatic(publisher, actor)).changed).toEqual([]);
    const page = join(out, "gk/index.html");
    const original = readFileSync(page);
    writeFileSync(page, "<h1>被篡改的页面</h1>");
    rmSync(join(out, "mn/gk/index.html"));
    writeFileSync(join(out, "gk", "evil.html"), "<script>alert(1)</script>");
    const r = await checkStatic(publisher, actor);
    expect(r.changed).toEqual(["gk/index.html"]);
    expect(r.missing).toEqual(["mn/gk/index.html"]);
    expect(r.added).toEqual(["gk/evil.html"]);
    expect(r.alerts).toHaveLength(1);
    expect(readFileSync(page)).toEqual(original);
    expect(existsSync(join(out, "mn/gk/index.html"))).toBe(true);
    expect(readdirSync(join(out, "gk"))).not.toContain("evil.html");
    const audit = await ctx.deps.db.kysely
      .selectFrom("audit_log")
      .select(["action", "summary"])
      .where("entity_id", "=", publisher.target.id)
      .orderBy("seq")
      .execute();
    expect(audit.at(-1)?.action).toBe("static.restore");
    const alert = await ctx.deps.db.kysely
      .selectFrom("integrity_alerts")
      .select(["differences", "status"])
      .where("id", "=", r.alerts[0]!)
      .executeTakeFirstOrThrow();
    expect(alert.status).toBe("open");
    expect(alert.differences).toContain("静态站点文件被改：/gk/index.html");
    // Restored: the next check finds nothing.
    const again = await checkStatic(publisher, actor);
    expect(again.changed.length + again.missing.length + again.added.length).toBe(0);
  });
});
