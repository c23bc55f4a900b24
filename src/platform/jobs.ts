import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import type { Kysely } from "kysely";
import type { Database } from "../db/schema";

// Scheduled jobs with several instances on one database (docs/deployment.md "Several instances"): each run of a
// job for a period (a Shanghai day, a 30-second slot) is claimed by inserting (job, period); the primary key lets
// exactly one instance win on either engine, and the others skip that period. A run that fails gives its claim
// back, so the next tick (on any instance) tries again.

/** This process among the instances, as recorded on the runs it claims (host, pid, a random suffix). */
export const INSTANCE_ID = `${hostname()}-${process.pid}-${randomBytes(3).toString("hex")}`;

/** Claims the run of `name` for `period`; true when this caller won it and should run the job. */
export async function claimJobRun(
  db: Kysely<Database>,
  name: string,
  period: string,
  instance: string,
  at: Date,
): Promise<boolean> {
  const r = await db
    .insertInto("job_runs")
    .values({ name, period, instance, claimed_at: at.toISOString() })
    .onConflict((oc) => oc.columns(["name", "period"]).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** Gives a claim back (the run failed): another tick may claim the period again. */
export async function releaseJobRun(db: Kysely<Database>, name: string, period: string): Promise<void> {
  await db.deleteFrom("job_runs").where("name", "=", name).where("period", "=", period).execute();
}

/** Forgets claims older than `days` (the periods are long over). */
export async function pruneJobRuns(db: Kysely<Database>, at: Date, days = 7): Promise<void> {
  await db
    .deleteFrom("job_runs")
    .where("claimed_at", "<", new Date(at.getTime() - days * 86_400_000).toISOString())
    .execute();
}

/**
 * Runs `job` for `period` if this instance claims it: exactly once per period across instances. Returns whether
 * it ran here. A job that throws releases the claim and rethrows.
 */
export async function runClaimed<T>(
  db: Kysely<Database>,
  claim: { name: string; period: string; instance: string; at: Date },
  job: () => Promise<T>,
): Promise<{ ran: false } | { ran: true; result: T }> {
  if (!(await claimJobRun(db, claim.name, claim.period, claim.instance, claim.at))) return { ran: false };
  try {
    return { ran: true, result: await job() };
  } catch (err) {
    await releaseJobRun(db, claim.name, claim.period).catch(() => {});
    throw err;
  }
}
