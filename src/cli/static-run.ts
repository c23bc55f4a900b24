// What `gongkai publish-static` runs (src/cli/static.ts registers it and loads this file only when asked for).
import { buildApp } from "../app";
import { loadConfig } from "../config";
import { createDeps, type Deps } from "../deps";
import {
  applyAuditedChanges,
  type CheckResult,
  checkStatic,
  publishStatic,
  type RunCounts,
  StaticPublisher,
  startStaticWatcher,
} from "../domains/static";
import type { AppInstance } from "../web/types";
import { cliActor } from "./context";

/**
 * The app that renders the static pages: the same routes and templates as `serve`, with no per-address
 * render budget (every page is asked for from this one process) and request lines only at warn level.
 */
export async function buildRenderer(deps: Deps): Promise<AppInstance> {
  const quiet: Deps = { ...deps, logger: deps.logger.child({}, { level: "warn" }) as Deps["logger"] };
  const app = await buildApp(quiet, { renderBudget: { burst: 1e9, perMinute: 1e9 } });
  await app.ready();
  return app;
}

export const describeCounts = (c: RunCounts) =>
  `渲染 ${c.rendered} 个地址，写入 ${c.written} 个文件，未变 ${c.unchanged}，删除 ${c.removed}，保持动态 ${c.skipped}，用时 ${(c.ms / 1000).toFixed(1)} 秒。`;

export function describeStaticCheck(r: CheckResult): string[] {
  const n = r.changed.length + r.missing.length + r.added.length;
  if (n === 0) return ["静态站点文件与发布清单一致。"];
  return [
    `发现 ${n} 处差异：`,
    ...r.changed.map((p) => `  [changed] 文件被改：/${p}`),
    ...r.missing.map((p) => `  [missing] 文件缺失：/${p}`),
    ...r.added.map((p) => `  [added] 多出文件：/${p}`),
    `已恢复 ${r.restored} 个文件。`,
    r.alerts.length
      ? `已向政务公开办发出告警（${r.alerts.length} 条）。`
      : "相同差异的告警已发出过，未重复告警。",
  ];
}

/**
 * The first pages a process renders pay for its start (the JIT, modules loaded on first use): a watcher that caught
 * up without rendering would take seconds over its first change. A few pages of each kind a change rewrites are
 * rendered and dropped first, so the first publication goes live as fast as the later ones.
 */
async function warmRenderer(deps: Deps, publisher: StaticPublisher): Promise<void> {
  const item = await deps.db.kysely
    .selectFrom("items")
    .select("id")
    .where("site_id", "=", publisher.site.id)
    .where("status", "=", "published")
    .orderBy("published_at", "desc")
    .limit(1)
    .executeTakeFirst();
  const pages = ["/", "/gk/list", "/mn/", "/mn/gk/list"];
  if (item) pages.push(`/gk/items/${item.id}`, `/mn/gk/items/${item.id}`);
  for (const url of pages) await publisher.fetch(url);
}

export async function publishStaticCommand(o: {
  out: string;
  site?: string;
  watch?: boolean;
  check?: boolean;
}): Promise<void> {
  const deps = createDeps(loadConfig());
  const app = await buildRenderer(deps);
  const actor = cliActor();
  try {
    if (o.check) {
      const publisher = await StaticPublisher.open(deps, app, o.out, { siteCode: o.site });
      const r = await checkStatic(publisher, actor);
      for (const line of describeStaticCheck(r)) console.log(line);
      if (r.changed.length + r.missing.length + r.added.length) process.exitCode = 1;
      return;
    }
    let publisher: StaticPublisher;
    const existing = o.watch
      ? await StaticPublisher.open(deps, app, o.out, { siteCode: o.site }).catch(() => undefined)
      : undefined;
    if (existing) {
      // Watching a directory published before: catch up with what was audited since, not a full render.
      publisher = existing;
      const c = await applyAuditedChanges(publisher);
      console.log(`已接续发布 ${publisher.outDir}：${c ? describeCounts(c) : "没有新的变更。"}`);
    } else {
      const r = await publishStatic(deps, app, actor, o.out, { siteCode: o.site });
      publisher = r.publisher;
      console.log(`已发布 ${publisher.site.name} 到 ${publisher.outDir}：${describeCounts(r.counts)}`);
    }
    if (!o.watch) return;
    await warmRenderer(deps, publisher);
    // The tamper check at start runs before watching, so the first change is not queued behind it.
    for (const line of describeStaticCheck(await checkStatic(publisher, actor))) console.log(line);
    const checkedAt = Date.now();
    console.log("正在监视发布变更（审计日志），按 Ctrl+C 停止。");
    const watcher = startStaticWatcher(publisher, actor, {
      checkedAt,
      onApplied: (c) => console.log(`${new Date().toISOString()} 增量更新：${describeCounts(c)}`),
      onChecked: (r) => {
        if (r.changed.length + r.missing.length + r.added.length)
          for (const line of describeStaticCheck(r)) console.log(line);
      },
    });
    await new Promise<void>((done) => {
      const stop = () => void watcher.stop().then(done);
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
    });
  } finally {
    await app.close();
    await deps.db.close();
  }
}

/**
 * `serve` with GONGKAI_STATIC_DIR: keeps that directory current from this process (a first publication when
 * it was never published), in the background: the server answers meanwhile. Returns how to stop it.
 */
export function watchStaticDir(deps: Deps, outDir: string): { stop(): Promise<void> } {
  const actor = { id: null, label: "静态发布" };
  let watcher: { stop(): Promise<void> } | undefined;
  let app: AppInstance | undefined;
  let stopped = false;
  const started = (async () => {
    app = await buildRenderer(deps);
    const publisher =
      (await StaticPublisher.open(deps, app, outDir).catch(() => undefined)) ??
      (await publishStatic(deps, app, actor, outDir)).publisher;
    if (stopped) return;
    watcher = startStaticWatcher(publisher, actor, {
      onApplied: (c) => deps.logger.info({ staticDir: outDir, ...c }, "static site updated"),
      onChecked: (r) => {
        if (r.changed.length + r.missing.length + r.added.length)
          deps.logger.warn({ staticDir: outDir, ...r }, "static site files restored");
      },
    });
  })().catch((err) => deps.logger.error({ err, staticDir: outDir }, "static publication failed"));
  return {
    stop: async () => {
      stopped = true;
      await started;
      await watcher?.stop();
      await app?.close();
    },
  };
}
