// `gongkai user create --username U --name N --org CODE --role R [--password-stdin] [--site C]
// [--platform-admin]` (CONTRACT.md): a staff account in an organisation of one site.
import { randomBytes } from "node:crypto";
import { type Command, Option } from "commander";
import { createUser } from "../domains/accounts";
import { cliActor, readStdin } from "./context";
import { pickSite, runStructureCommand, withMigratedDeps } from "./site";

export function registerUserCreateCommand(user: Command): void {
  user
    .command("create")
    .description("create a staff account")
    .requiredOption("--username <u>")
    .requiredOption("--name <n>")
    .requiredOption("--org <code>", "organisation code")
    .addOption(
      new Option(
        "--role <r...>",
        "role (repeat): clerk reviewer signer office inspector admin; hotline (12345 integration, API token only)",
      ).makeOptionMandatory(),
    )
    .option("--site <c>", "site code (default: the only site)")
    .option("--platform-admin", "also a platform administrator, who creates sites in the back office")
    .option("--password-stdin", "read the password from standard input")
    .action(
      runStructureCommand(
        async (o: {
          username: string;
          name: string;
          org: string;
          role: string[];
          site?: string;
          platformAdmin?: boolean;
          passwordStdin?: boolean;
        }) => {
          const generated = !o.passwordStdin;
          const password = o.passwordStdin
            ? (await readStdin()).replace(/\r?\n$/, "")
            : randomBytes(12).toString("base64url");
          await withMigratedDeps(async (deps) => {
            const site = await pickSite(deps, o.site);
            const u = await createUser(deps, cliActor(), {
              username: o.username,
              name: o.name,
              orgCode: o.org,
              roles: o.role,
              password,
              siteId: site.id,
              platformAdmin: o.platformAdmin === true,
            });
            const platform = u.platformAdmin ? "，平台管理员" : "";
            console.log(
              `已创建用户 ${u.username}（${u.name}，${site.code} ${u.orgName}，角色：${u.roles.join(",")}${platform}）`,
            );
            if (generated) console.log(`初始密码：${password}  （请登录后立即修改）`);
          });
        },
      ),
    );
}
