// `gongkai org create --site C --code O2 --name N --parent O [--kind K]` (CONTRACT.md): an organisation
// under a parent of the same site. Without --site, the only site.
import type { Command } from "commander";
import { createOrg, ORG_KINDS } from "../domains/orgs";
import { cliActor } from "./context";
import { pickSite, runStructureCommand, withMigratedDeps } from "./site";

export function registerOrgCommands(program: Command): void {
  const org = program.command("org").description("organisations of a site");
  org
    .command("create")
    .description("add an organisation under a parent")
    .option("--site <c>", "site code (default: the only site)")
    .requiredOption("--code <o>", "organisation code, unique within the site")
    .requiredOption("--name <n>", "full name")
    .requiredOption("--parent <o>", "code of the parent organisation")
    .option("--kind <k>", `kind: ${ORG_KINDS.join(" ")}`, "department")
    .option("--short-name <s>", "short name (default: the full name)")
    .option("--credit-code <code>", "unified social credit code")
    .option("--division <d>", "administrative division code (6, 9 or 12 digits)")
    .action(
      runStructureCommand(
        async (o: {
          site?: string;
          code: string;
          name: string;
          parent: string;
          kind: string;
          shortName?: string;
          creditCode?: string;
          division?: string;
        }) => {
          await withMigratedDeps(async (deps) => {
            // A named site is checked with everything else, so every problem is reported at once.
            const site = o.site ? undefined : await pickSite(deps, undefined);
            const created = await createOrg(
              deps,
              cliActor(),
              {
                site_code: o.site,
                parent_code: o.parent,
                code: o.code,
                name: o.name,
                kind: o.kind as (typeof ORG_KINDS)[number],
                short_name: o.shortName,
                credit_code: o.creditCode,
                division_code: o.division,
              },
              site?.id,
            );
            console.log(
              `已添加机构 ${created.code}（${created.name}），上级 ${o.parent}，站点 ${o.site ?? site!.code}`,
            );
          });
        },
      ),
    );
}
