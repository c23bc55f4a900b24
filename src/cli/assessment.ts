// `gongkai assessment run --period 2025 [--site C]`: runs the assessment (考核) of a period now (a new version of
// it while the period is not finalised) and prints the ranking as JSON (the body of GET
// /api/v1/assessment/runs/{id}: each organisation's points per indicator, deductions, total, rank; each score's
// evidence at /api/v1/assessment/runs/{id}/orgs/{org}). Exit 2 for bad input and for a finalised period
// or one without indicators (409), 3 for an unknown site. Loaded lazily by main.ts.
import { systemActor } from "../deps";
import { computeRun, rankingOfRun } from "../domains/assessment";
import { loadOrgTree } from "../domains/orgs";
import { pickSite, withMigratedDeps } from "./site";

export async function assessmentRun(o: { period: string; site?: string }): Promise<void> {
  await withMigratedDeps(async (deps) => {
    const site = await pickSite(deps, o.site);
    const tree = await loadOrgTree(deps, site.id);
    const id = await computeRun(deps, systemActor("考核计算（命令行）"), site.id, o.period, tree);
    process.stdout.write(`${JSON.stringify(await rankingOfRun(deps, id, tree), null, 2)}\n`);
  });
}
