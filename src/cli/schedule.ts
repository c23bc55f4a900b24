// The scheduled jobs `serve` runs besides mail (src/cli/mail.ts): scheduled publishing every 30 s and the daily
// 防篡改 seal and check. With several instances on one PostgreSQL database each run is claimed first
// (src/platform/jobs.ts), so every 30-second slot publishes once and every day is sealed once, whichever
// instance gets there first.
import type { Deps } from "../deps";
import { sealAndCheck } from "../domains/integrity";
import { publishDueItems } from "../domains/publishing";
import { INSTANCE_ID, pruneJobRuns, runClaimed } from "../platform/jobs";
import { shanghaiDateOf } from "../platform/time";

export const PUBLISH_INTERVAL_MS = 30_000;

/** The 30-second slot an instant falls in, as its start (`2026-12-07T02:00:30.000Z`). */
export const slotOf = (at: Date, ms = PUBLISH_INTERVAL_MS): string =>
  new Date(Math.floor(at.getTime() / ms) * ms).toISOString();

/** Publishes what is due, if this instance claims the current slot. */
export async function publishTick(deps: Deps): Promise<boolean> {
  const at = deps.clock.now();
  const r = await runClaimed(
    deps.db.kysely,
    { name: "scheduled-publishing", period: slotOf(at), instance: INSTANCE_ID, at },
    () => publishDueItems(deps),
  );
  return r.ran;
}

/** Seals the finished days and checks live content, if this instance claims today; prunes old claims. */
export async function integrityTick(deps: Deps): Promise<boolean> {
  const at = deps.clock.now();
  const r = await runClaimed(
    deps.db.kysely,
    { name: "integrity-seal", period: shanghaiDateOf(at), instance: INSTANCE_ID, at },
    async () => {
      await sealAndCheck(deps, { id: null, label: "防篡改检查" });
      await pruneJobRuns(deps.db.kysely, at);
    },
  );
  return r.ran;
}

/** Starts both on their timers; returns a stop. */
export function startScheduledJobs(deps: Deps): () => void {
  const publisher = setInterval(() => {
    publishTick(deps).catch((err) => deps.logger.error({ err }, "scheduled publishing failed"));
  }, PUBLISH_INTERVAL_MS);
  publisher.unref();
  // A minute after start and then hourly: the first tick of a new Shanghai day claims and runs it.
  let checkedOn = "";
  const integrityJob = () => {
    const today = shanghaiDateOf(deps.clock.now());
    if (today === checkedOn) return;
    checkedOn = today;
    integrityTick(deps).catch((err) => deps.logger.error({ err }, "integrity seal and check failed"));
  };
  const first = setTimeout(integrityJob, 60_000);
  first.unref();
  const integrity = setInterval(integrityJob, 60 * 60_000);
  integrity.unref();
  return () => {
    clearInterval(publisher);
    clearTimeout(first);
    clearInterval(integrity);
  };
}
