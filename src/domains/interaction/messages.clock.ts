// The answer clock of a message on the statutory working-day calendar (domains/calendar): it starts on the
// day of receipt with the site's limit for the type, is not restarted by transfers or returns (the county
// answers within its limit however the message is routed), and stops when the answer is sent or the
// message is rejected. A follow-up opens a second clock ("follow_up") with the same limit from its date.
import type { Actor, Deps, Executor } from "../../deps";
import { daysInMonth, formatIsoDate, parseIsoDate } from "../../platform/calendar/dates";
import { shanghaiDateOf } from "../../platform/time";
import { appendClockEvent, getClockByOwner, openClock, readClock, type StatutoryClock } from "../calendar";
import type { MessageType } from "./interaction.schemas";
import { deadlinesOfSite } from "./messages.deadlines";
import type { MessageRow } from "./messages.repo";
import { ALARM_MONTHS, OPEN_STATUSES, WARN_REMAINING_DAYS } from "./messages.steps";

export const CLOCK_OWNER = "message";

/** The clock that runs now: the follow-up's once there is one, else the first answer's. */
export const clockKindOf = (row: Pick<MessageRow, "follow_up_on">) =>
  row.follow_up_on ? "follow_up" : "reply";

/** Starts a clock of `kind` on `on` with the site's limit for the message's type. */
export async function startMessageClock(
  deps: Deps,
  trx: Executor,
  row: Pick<MessageRow, "id" | "site_id" | "type">,
  on: string,
  kind: "reply" | "follow_up",
  actor: Actor,
): Promise<StatutoryClock> {
  const limits = await deadlinesOfSite(trx, row.site_id);
  return openClock(deps, trx, {
    ownerType: CLOCK_OWNER,
    ownerId: row.id,
    kind,
    siteId: row.site_id,
    limit: limits[row.type as MessageType],
    events: [{ type: "start", on, label: kind === "reply" ? "收到留言" : "收到追问" }],
    actor,
  });
}

/** Stops the running clock (answer sent, or rejected) on `on`. */
export async function stopMessageClock(
  deps: Deps,
  trx: Executor,
  row: Pick<MessageRow, "id" | "follow_up_on">,
  on: string,
  reason: string,
  actor: Actor,
): Promise<void> {
  const clock = await getClockByOwner(
    deps,
    { ownerType: CLOCK_OWNER, ownerId: row.id, kind: clockKindOf(row) },
    trx,
  );
  if (clock && clock.status === "open")
    await appendClockEvent(deps, trx, clock.id, { type: "stop", on, reason }, actor);
}

/** The calendar date `months` months after `date` (the last day of a shorter month). */
export function addMonths(date: string, months: number): string {
  const { year, month, day } = parseIsoDate(date);
  const m0 = month - 1 + months;
  const y = year + Math.floor(m0 / 12);
  const m = (m0 % 12) + 1;
  return formatIsoDate(y, m, Math.min(day, daysInMonth(y, m)));
}

export interface ClockState {
  due_on: string | null;
  /** Counted over a year without the State Council's holiday notice: shown as 暂定. */
  provisional: boolean;
  explanation: string;
  remaining: number | null;
  overdue: boolean;
  /** Few working days are left (WARN_REMAINING_DAYS). */
  warning: boolean;
  /** Unanswered for ALARM_MONTHS months since receipt (RULES.md §5: 3 months fails the inspection). */
  alarm: boolean;
  /** The date the hard alarm is (or was) raised. */
  alarm_on: string | null;
}

/** The live reading of a message's clock, for staff views, lists and the reminders. */
export async function clockStateOf(
  deps: Deps,
  row: Pick<MessageRow, "id" | "status" | "received_on" | "follow_up_on">,
): Promise<ClockState> {
  const open = (OPEN_STATUSES as readonly string[]).includes(row.status);
  const clock = await getClockByOwner(deps, {
    ownerType: CLOCK_OWNER,
    ownerId: row.id,
    kind: clockKindOf(row),
  });
  const reading = clock?.dueOn && open ? await readClock(deps, clock).catch(() => undefined) : undefined;
  const since = row.follow_up_on ?? row.received_on;
  const alarmOn = addMonths(since, ALARM_MONTHS);
  const today = shanghaiDateOf(deps.clock.now());
  return {
    due_on: open ? (clock?.dueOn ?? null) : null,
    provisional: open && Boolean(clock?.dueOn && clock.provisional),
    explanation: clock?.explanation ?? "尚未开始计算办理期限。",
    remaining: reading?.remainingWorkingDays ?? null,
    overdue: reading?.overdue ?? false,
    warning: !!reading && !reading.overdue && reading.remainingWorkingDays <= WARN_REMAINING_DAYS,
    alarm: open && today >= alarmOn,
    alarm_on: open ? alarmOn : null,
  };
}
