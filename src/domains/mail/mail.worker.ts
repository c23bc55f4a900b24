// The delivery worker started by `serve`: every `intervalMs` it runs the daily jobs that are due (once
// per working day, from their hour in Asia/Shanghai; with several instances, only on the one that claims the
// day, src/platform/jobs.ts) and then one delivery pass (messages are claimed one by one, mail.outbox.ts). Passes never overlap;
// stop() waits for the running one and closes the SMTP connections.
import type { Deps } from "../../deps";
import { claimJobRun, INSTANCE_ID, releaseJobRun } from "../../platform/jobs";
import { loadCalendar, todayOf } from "../calendar";
import { sendDueMail } from "./mail.service";
import { closeTransports } from "./mail.transport";

export interface DailyJob {
  name: string;
  /** Hour of the day in Asia/Shanghai from which the job runs (8 = from 08:00). */
  hour: number;
  run(date: string): Promise<unknown>;
}

export interface MailWorker {
  /** Runs one tick now (tests; also the first tick at start). */
  tick(): Promise<void>;
  stop(): Promise<void>;
}

const shanghaiHour = (d: Date) => new Date(d.getTime() + 8 * 60 * 60 * 1000).getUTCHours();

export function startMailWorker(
  deps: Deps,
  opts: { intervalMs?: number; daily?: DailyJob[]; start?: boolean } = {},
): MailWorker {
  const lastRun = new Map<string, string>();
  let running: Promise<void> | undefined;
  let stopped = false;

  async function once(): Promise<void> {
    const now = deps.clock.now();
    const today = todayOf(deps);
    for (const job of opts.daily ?? []) {
      if (lastRun.get(job.name) === today || shanghaiHour(now) < job.hour) continue;
      if (!(await loadCalendar(deps)).isWorkingDay(today)) {
        lastRun.set(job.name, today);
        continue;
      }
      // Several instances on one database: the first to claim the day runs the job, the others skip it.
      const claim = `daily:${job.name}`;
      if (!(await claimJobRun(deps.db.kysely, claim, today, INSTANCE_ID, now))) {
        lastRun.set(job.name, today);
        continue;
      }
      try {
        const r = await job.run(today);
        lastRun.set(job.name, today);
        deps.logger.info({ job: job.name, result: r }, "daily job ran");
      } catch (err) {
        // The claim goes back, so the next tick (here or on another instance) tries again.
        await releaseJobRun(deps.db.kysely, claim, today).catch(() => {});
        deps.logger.error({ err, job: job.name }, "daily job failed");
      }
    }
    const r = await sendDueMail(deps);
    if (r.sent || r.retrying || r.failed) deps.logger.info({ mail: r }, "mail delivery pass");
  }

  const tick = () => {
    if (stopped) return Promise.resolve();
    running ??= once()
      .catch((err) => deps.logger.error({ err }, "mail worker pass failed"))
      .finally(() => {
        running = undefined;
      });
    return running;
  };

  const timer = opts.start === false ? undefined : setInterval(() => void tick(), opts.intervalMs ?? 30_000);
  timer?.unref();
  return {
    tick,
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      await running;
      closeTransports();
    },
  };
}
