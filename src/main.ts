import { Command } from "commander";
import { registerAuditCommands } from "./cli/audit";
import { registerBackupCommands } from "./cli/backup";
import { registerCalendarCommands } from "./cli/calendar";
import { cliActor, runCommand, withDeps } from "./cli/context";
import { registerFeesCommands } from "./cli/fees";
import { registerGazetteCommands } from "./cli/gazette";
import { registerHealthCommands } from "./cli/health";
import { registerIntegrityCommands } from "./cli/integrity";
import { registerMailCommands } from "./cli/mail";
import { registerMessageCommands } from "./cli/messages";
import { registerOrgCommands } from "./cli/org";
import { registerReportCommands } from "./cli/report";
import { registerReviewCommands } from "./cli/review";
import { registerSearchCommands } from "./cli/search";
import { registerSiteCommands } from "./cli/site";
import { registerStaticCommands } from "./cli/static";
import { registerUserCreateCommand } from "./cli/user";
import { migrateToLatest } from "./db/migrator";
import { createApiToken } from "./domains/accounts";

const program = new Command("gongkai").description("gongkai 政务公开平台").showHelpAfterError();

const run = runCommand;

program
  .command("serve")
  .description("serve the portal, back office and API")
  .option("--port <n>", "port (default $PORT or 3000)")
  .option("--demo", "migrate and seed the demo county into an empty database")
  // The server and the demo county load only when asked for: every other command starts in a fraction of the time.
  .action(run(async (opts: { port?: string; demo?: boolean }) => (await import("./cli/serve")).serve(opts)));

const db = program.command("db").description("database");
db.command("migrate")
  .description("apply pending migrations")
  .action(
    run(() =>
      withDeps(async (deps) => {
        const applied = await migrateToLatest(deps.db);
        console.log(applied.length ? `已执行迁移：${applied.join(", ")}` : "数据库已是最新结构。");
      }),
    ),
  );

program
  .command("seed")
  .description("seed data")
  .addArgument(new Command().createArgument("<what>", "demo").choices(["demo"]))
  .action(
    run(() =>
      withDeps(async (deps) => {
        await migrateToLatest(deps.db);
        const { seedDemo } = await import("./demo/seed");
        const { seedDemoApplications } = await import("./demo/applications");
        const r = await seedDemo(deps, cliActor(), { history: true });
        if (r.created) await seedDemoApplications(deps);
        console.log(r.created ? "演示数据已写入（固阳县）。" : "演示数据已存在，未重复写入。");
      }),
    ),
  );

const user = program.command("user").description("staff accounts");
registerUserCreateCommand(user);

const token = program.command("token").description("API tokens");
token
  .command("create")
  .description("create an API token; prints the token alone")
  .requiredOption("--username <u>")
  .option("--label <l>", "what the token is for", "cli")
  .action(
    run((o: { username: string; label: string }) =>
      withDeps(async (deps) => {
        console.log(await createApiToken(deps, cliActor(), o.username, o.label));
      }),
    ),
  );

token
  .command("revoke")
  .description("revoke a user's API tokens (all, or those with --label); prints how many")
  .requiredOption("--username <u>")
  .option("--label <l>", "only the tokens with this label")
  .action(
    run((o: { username: string; label?: string }) =>
      withDeps(async (deps) => {
        const { revokeUserTokens } = await import("./domains/accounts/accounts.tokens");
        console.log(`已撤销 ${await revokeUserTokens(deps, cliActor(), o.username, o.label)} 个令牌。`);
      }),
    ),
  );

registerAuditCommands(program);
registerSiteCommands(program);
registerOrgCommands(program);
registerCalendarCommands(program);
registerReviewCommands(program);
registerFeesCommands(program);
registerMailCommands(program);
registerMessageCommands(program);
registerReportCommands(program);
registerHealthCommands(program);
program
  .command("opinion")
  .description("public opinion (舆情回应)")
  .command("scan")
  .description("run the early-warning pass now and print the warnings it raised (JSON)")
  .option("--site <c>", "site code (default: every site)")
  // Loaded only when asked for, like serve: jieba and the opinion domain stay out of other commands.
  .action(run(async (o: { site?: string }) => (await import("./cli/opinion")).opinionScan(o)));
program
  .command("assessment")
  .description("assessment of departments and towns (考核)")
  .command("run")
  .description("run the assessment of a period and print the ranking (JSON)")
  .requiredOption("--period <p>", "2025, 2025-H1, 2025-Q3 or 2025-07")
  .option("--site <c>", "site code (default: the only site)")
  // Loaded only when asked for: the assessment and the domains it reads stay out of other commands.
  .action(
    run(async (o: { period: string; site?: string }) => (await import("./cli/assessment")).assessmentRun(o)),
  );
registerIntegrityCommands(program);
registerSearchCommands(program);
registerGazetteCommands(program);
registerBackupCommands(program);
registerStaticCommands(program);

await program.parseAsync(process.argv);
