import { buildApp } from "../app";
import { loadConfig } from "../config";
import { migrateToLatest } from "../db/migrator";
import { seedDemoApplications } from "../demo/applications";
import { DEMO_PASSWORD, seedDemo } from "../demo/seed";
import { createDeps } from "../deps";
import { loadSanitizer } from "../domains/publishing/rich-text";
import { lazySchemas, warmSchemas } from "../web/lazy-schemas";
import { cliActor } from "./context";
import { startMailBackground } from "./mail";
import { startScheduledJobs } from "./schedule";

export async function serve(opts: { port?: string; demo?: boolean }): Promise<void> {
  const config = loadConfig(process.env, opts.port ? { port: Number(opts.port) } : {});
  // The demo accounts' password is published (README, this very output): never in production.
  if (opts.demo && config.nodeEnv === "production") {
    console.error(
      "错误 [demo_in_production]：NODE_ENV=production 时不能使用 --demo：演示账户的密码是公开的。" +
        "请去掉 --demo，用 `gongkai user create` 创建真实账户；仅在演示环境中（不设置 NODE_ENV=production）使用演示数据。",
    );
    process.exitCode = 2;
    return;
  }
  const deps = createDeps(config);
  if (opts.demo) {
    await migrateToLatest(deps.db);
    const seeded = await seedDemo(deps, cliActor(), { history: true });
    if (seeded.created) await seedDemoApplications(deps);
    console.log(seeded.created ? "演示数据已写入（固阳县）。" : "演示数据已存在，未重复写入。");
    console.log(`演示账户（密码均为 ${DEMO_PASSWORD}，仅限演示环境使用）：`);
    for (const u of seeded.users)
      console.log(`  ${u.username.padEnd(16)} ${u.name}  ${u.roles.join(",")}  @${u.org}`);
  }
  // Route schemas compile on first use, the rest right after listening: the server answers sooner.
  const schemas = lazySchemas();
  const app = await buildApp(deps, { lazySchemas: schemas });
  // Scheduled publishing every 30 s and the daily 防篡改 seal, each run claimed (several instances: once).
  const stopScheduled = startScheduledJobs(deps);
  // Outgoing mail every 30 s, and reminders to handlers once a working day (src/cli/mail.ts).
  const mailWorker = startMailBackground(deps);
  // GONGKAI_STATIC_DIR: the published static site kept current from here (docs/static-publication.md).
  const staticSite = config.staticDir
    ? (await import("./static-run")).watchStaticDir(deps, config.staticDir)
    : undefined;
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    deps.logger.info({ signal }, "shutting down");
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    stopScheduled();
    await mailWorker.stop();
    await staticSite?.stop();
    await app.close();
    await deps.db.close();
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  await app.listen({ port: config.port, host: config.host });
  warmSchemas(schemas, (e) => deps.logger.error({ err: e }, "route schema does not compile"));
  // sanitize-html is loaded on first use (not before listening), and now, so the first save does not wait for
  // it. jieba (search segmentation, about 50 MB resident) stays loaded on first use.
  setImmediate(() => {
    try {
      loadSanitizer();
    } catch (e) {
      deps.logger.error({ err: e }, "a module loaded on first use failed to load");
    }
  });
  console.log(`gongkai 已启动：http://${config.host}:${config.port}/  （管理后台 /admin）`);
}
