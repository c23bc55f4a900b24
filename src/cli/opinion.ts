// `gongkai opinion scan [--site C]`: runs the early-warning pass now over the county's own streams (messages,
// 12345 tickets, applications, consultation comments, imported feeds) and prints the warnings it raised as JSON
// (`{items:[{id, topic, count, baseline, window_hours, evidence:[{type, id}], case_id}]}`); each opened a draft
// case. Without --site: every site. The server runs the same pass daily (src/cli/mail.ts). Loaded lazily by main.ts.
import { systemActor } from "../deps";
import { scanAllSites, scanSite } from "../domains/opinion";
import { pickSite, withMigratedDeps } from "./site";

export async function opinionScan(o: { site?: string }): Promise<void> {
  await withMigratedDeps(async (deps) => {
    const actor = systemActor("舆情预警扫描");
    const items = o.site
      ? await scanSite(deps, actor, (await pickSite(deps, o.site)).id)
      : await scanAllSites(deps, actor);
    process.stdout.write(`${JSON.stringify({ items }, null, 2)}\n`);
  });
}
