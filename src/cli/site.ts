// `gongkai site create …` (CONTRACT.md): a site (one county on a consolidated platform) and its root
// organisation, the county people's government, in one transaction. Like every command that writes the
// platform's structure it migrates first, so it works on a fresh checkout, and fails with exit 1 naming
// every problem with its stable code.
import type { Command } from "commander";
import { migrateToLatest } from "../db/migrator";
import type { Deps } from "../deps";
import { createSiteWithRoot, getSite, listSites, type Site } from "../domains/orgs";
import { AppError } from "../platform/errors";
import { cliActor, reportCliError, withDeps } from "./context";

/** Runs a structure command: any failure is exit 1, with the message and every problem on stderr. */
export const runStructureCommand =
  <A extends unknown[]>(fn: (...args: A) => Promise<void>) =>
  async (...args: A) => {
    try {
      await fn(...args);
    } catch (e) {
      reportCliError(e);
      process.exitCode = 1;
    }
  };

export const withMigratedDeps = <T>(fn: (deps: Deps) => Promise<T>) =>
  withDeps(async (deps) => {
    await migrateToLatest(deps.db);
    return fn(deps);
  });

/** The site `--site` names; without it the only site, or an error naming the choices when there are several. */
export async function pickSite(deps: Deps, code: string | undefined): Promise<Site> {
  if (code) return getSite(deps, code);
  const sites = await listSites(deps);
  if (sites.length === 1) return sites[0]!;
  if (sites.length === 0)
    throw new AppError(
      "site_not_found",
      404,
      "平台上还没有站点：请先用 gongkai site create 创建站点（或 gongkai seed demo 写入演示县）。",
    );
  const choices = sites.map((s) => `${s.code}（${s.name}）`).join("、");
  throw new AppError(
    "site_required",
    400,
    `平台上有 ${sites.length} 个站点，请用 --site 指定其一：${choices}。`,
    [{ field: "site", code: "site_required", message: `可选站点：${choices}` }],
  );
}

const collect = (value: string, previous: string[]) => [...previous, value];

export function registerSiteCommands(program: Command): void {
  const site = program.command("site").description("sites (one county each on a consolidated platform)");
  site
    .command("create")
    .description("create a site and its root organisation (the county people's government)")
    .requiredOption("--code <c>", "site code, unique on the platform")
    .requiredOption("--name <n>", "site name")
    .requiredOption("--division <d>", "administrative division code (6 digits)")
    .requiredOption("--identifier <i>", "website identifier code (网站标识码, 10 digits)")
    .requiredOption("--root-org <o>", "code of the root organisation")
    .requiredOption("--root-name <name>", "full name of the root organisation (the people's government)")
    .option("--root-credit-code <code>", "unified social credit code of the root organisation")
    .option(
      "--host <host>",
      "a host name of its public portal (repeat, or separate with commas)",
      collect,
      [],
    )
    .action(
      runStructureCommand(
        async (o: {
          code: string;
          name: string;
          division: string;
          identifier: string;
          rootOrg: string;
          rootName: string;
          rootCreditCode?: string;
          host: string[];
        }) => {
          await withMigratedDeps(async (deps) => {
            const { site: s, root } = await createSiteWithRoot(deps, cliActor(), {
              code: o.code,
              name: o.name,
              division_code: o.division,
              identifier_code: o.identifier,
              hosts: o.host.join(","),
              root: { code: o.rootOrg, name: o.rootName, credit_code: o.rootCreditCode },
            });
            const hosts = s.hosts ? `，主机名：${s.hosts}` : "";
            console.log(`已创建站点 ${s.code}（${s.name}）及其根机构 ${root.code}（${root.name}）${hosts}`);
          });
        },
      ),
    );
}
