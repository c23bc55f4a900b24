// `gongkai mail send` (one delivery pass of the outbox; prints JSON counts) and `gongkai applications
// remind [--date D]` (queues today's reminders to handlers; prints JSON counts). `serve` runs both through
// startMailBackground: delivery every 30 s, reminders once a working day from 08:00 Asia/Shanghai.
import type { Command } from "commander";
import { type Deps, systemActor } from "../deps";
// Loading the applications' mail module registers its delivery hooks (public steps on the status page).
import "../domains/applications/applications.mail";
import { remindHandlers } from "../domains/applications/applications.reminders";
import { runConsultationDaily } from "../domains/consultation/consultation.jobs";
import { runDailyHealthChecks } from "../domains/health";
import { remindMessageHandlers } from "../domains/interaction/messages.reminders";
import { refreshAllMessageStatistics } from "../domains/interaction/messages.statistics";
import { closeTransports, sendDueMail } from "../domains/mail";
import { type MailWorker, startMailWorker } from "../domains/mail/mail.worker";
import { runNormativeAlerts } from "../domains/normative";
import { AppError } from "../platform/errors";
import { reportCliError, withDeps } from "./context";

export const REMINDER_HOUR = 8;

export function startMailBackground(
  deps: Deps,
  opts: { intervalMs?: number; start?: boolean } = {},
): MailWorker {
  return startMailWorker(deps, {
    ...opts,
    daily: [
      { name: "handler-reminders", hour: REMINDER_HOUR, run: (date) => remindHandlers(deps, { date }) },
      {
        name: "message-reminders",
        hour: REMINDER_HOUR,
        run: (date) => remindMessageHandlers(deps, { date }),
      },
      // Closes consultations past their last day, then reminds of the feedback reports due.
      {
        name: "consultation-daily",
        hour: REMINDER_HOUR,
        run: (date) => runConsultationDaily(deps, { date }),
      },
      {
        name: "message-statistics",
        hour: REMINDER_HOUR,
        run: (date) => refreshAllMessageStatistics(deps, { date }),
      },
      // Site health (国办秘函〔2019〕19号): every site's check and one bounded link pass; alerts on a worse verdict.
      {
        name: "site-health",
        hour: REMINDER_HOUR,
        run: () => runDailyHealthChecks(deps, systemActor("网站健康检查")),
      },
      // Public opinion (舆情回应): the early-warning pass over every site's streams; warnings open draft cases.
      {
        name: "opinion-scan",
        hour: REMINDER_HOUR,
        run: async () => {
          const { scanAllSites } = await import("../domains/opinion");
          await scanAllSites(deps, systemActor("舆情预警扫描"));
        },
      },
      // The normative-document ledger: filing late, expiring and expired documents, to the office (RULES.md §12).
      {
        name: "normative-alerts",
        hour: REMINDER_HOUR,
        run: (date) => runNormativeAlerts(deps, systemActor("规范性文件台账"), { date }),
      },
    ],
  });
}

const isIsoDate = (d: string) =>
  /^\d{4}-\d{2}-\d{2}$/.test(d) &&
  !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) &&
  new Date(`${d}T00:00:00Z`).toISOString().startsWith(d);

const print = (v: unknown) => process.stdout.write(`${JSON.stringify(v)}\n`);

export function registerMailCommands(program: Command): void {
  const mail = program.command("mail").description("outgoing mail (发信箱)");
  mail
    .command("send")
    .description(
      'one delivery pass of the outbox; prints {"configured","sent","retrying","failed","waiting"}',
    )
    .action(async () => {
      try {
        await withDeps(async (deps) => {
          try {
            print(await sendDueMail(deps));
          } finally {
            closeTransports();
          }
        });
      } catch (e) {
        reportCliError(e);
      }
    });

  const applications = program.command("applications").description("information-disclosure applications");
  applications
    .command("remind")
    .description("queue today's reminder e-mails to handlers (one per user per day); prints JSON counts")
    .option("--date <date>", "the day to remind for, YYYY-MM-DD (default: today in Asia/Shanghai)")
    .action(async (o: { date?: string }) => {
      try {
        if (o.date !== undefined && !isIsoDate(o.date))
          throw new AppError("invalid_date", 400, `--date 应为 YYYY-MM-DD：${o.date}`, [
            { field: "--date", code: "invalid_date", message: "日期格式应为 YYYY-MM-DD。" },
          ]);
        await withDeps(async (deps) => print(await remindHandlers(deps, { date: o.date })));
      } catch (e) {
        reportCliError(e);
      }
    });
}
