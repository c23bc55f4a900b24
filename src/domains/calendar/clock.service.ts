// Statutory clocks for other domains (applications, messages…): each stores its events, and its due date
// and explanation as last computed; see platform/calendar/clock.ts for the counting rules.
import { type Actor, type Deps, type Executor, systemActor } from "../../deps";
import {
  CalendarYearMissingError,
  type ClockEvent,
  type ClockResult,
  computeClock,
  type IsoDate,
} from "../../platform/calendar";
import { AppError, notFound } from "../../platform/errors";
import { newId } from "../../platform/ids";
import { recordAudit } from "../audit";
import { type CalDeps, loadCalendar, todayOf } from "./calendar.loader";
import * as repo from "./calendar.repo";

export interface OpenClockInput {
  ownerType: string;
  ownerId: string;
  /** Several clocks may run for one owner (reply, correction…); default "reply". */
  kind?: string;
  siteId?: string | null;
  /** Working days allowed. */
  limit: number;
  events: ClockEvent[];
  /** Who started it, for the audit entry of a provisional due date (default: the system). */
  actor?: Actor;
}

export interface StatutoryClock {
  id: string;
  ownerType: string;
  ownerId: string;
  kind: string;
  siteId: string | null;
  limit: number;
  events: ClockEvent[];
  /** Null while the calendar cannot compute it (a year without a notice); `problem` then says why. */
  dueOn: IsoDate | null;
  status: "open" | "stopped";
  explanation: string;
  problem: string | null;
  /** The due date was counted over a year without a holiday notice: show it as 暂定. */
  provisional: boolean;
  createdAt: string;
  updatedAt: string;
}

const clockView = (r: repo.ClockRow): StatutoryClock => ({
  id: r.id,
  ownerType: r.owner_type,
  ownerId: r.owner_id,
  kind: r.kind,
  siteId: r.site_id,
  limit: r.limit_days,
  events: JSON.parse(r.events),
  dueOn: r.due_on,
  status: r.status,
  explanation: r.explanation,
  problem: r.problem,
  provisional: r.provisional === 1,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

type Computed = Pick<repo.ClockRow, "due_on" | "status" | "explanation" | "problem" | "provisional">;

/**
 * Computes a clock's state. An impossible history (ClockError) is refused; a year without a notice is not:
 * the event is a fact that must be recorded, so the clock is kept with no due date and a problem, and the
 * next recompute (after the notice is entered) fills it in.
 */
async function computeRow(
  deps: CalDeps,
  trx: Executor,
  siteId: string | null,
  limit: number,
  events: ClockEvent[],
): Promise<Computed> {
  const cal = await loadCalendar(deps, siteId, trx);
  try {
    const r = computeClock(cal, { limit, events, asOf: todayOf(deps) });
    return {
      due_on: r.dueOn,
      status: r.stopped ? "stopped" : "open",
      explanation: r.explanation,
      problem: null,
      provisional: r.provisional ? 1 : 0,
    };
  } catch (e) {
    if (!(e instanceof CalendarYearMissingError)) throw e;
    const stopped = events.some((ev) => ev.type === "stop");
    return {
      due_on: null,
      status: stopped ? "stopped" : "open",
      explanation: e.message,
      problem: e.message,
      provisional: 0,
    };
  }
}

/**
 * A provisional due date is audited where it is computed (registration, or an event that carries the
 * count into a year without a notice), so the later recomputation has its "before" in the log.
 */
async function auditProvisional(
  deps: CalDeps,
  trx: Executor,
  actor: Actor,
  row: repo.ClockRow,
  previousDueOn: string | null,
) {
  await recordAudit(trx, deps.clock, actor, {
    action: "clock.provisional",
    entityType: "statutory_clock",
    entityId: row.id,
    siteId: row.site_id,
    businessDate: row.due_on,
    summary: {
      owner_type: row.owner_type,
      owner_id: row.owner_id,
      kind: row.kind,
      old_due_on: previousDueOn,
      new_due_on: row.due_on,
      provisional: true,
    },
  });
}

/** Starts a clock inside the caller's transaction (the caller audits its own action). */
export async function openClock(
  deps: CalDeps,
  trx: Executor,
  input: OpenClockInput,
): Promise<StatutoryClock> {
  const kind = input.kind ?? "reply";
  if (await repo.findClockByOwner(trx, input.ownerType, input.ownerId, kind)) {
    throw new AppError("clock_exists", 409, "该事项的期限计时已存在。");
  }
  const siteId = input.siteId ?? null;
  const computed = await computeRow(deps, trx, siteId, input.limit, input.events);
  const now = deps.clock.now().toISOString();
  const row: repo.ClockRow = {
    id: newId(),
    owner_type: input.ownerType,
    owner_id: input.ownerId,
    kind,
    site_id: siteId,
    limit_days: input.limit,
    events: JSON.stringify(input.events),
    ...computed,
    created_at: now,
    updated_at: now,
  };
  await repo.insertClock(trx, row);
  if (row.provisional === 1) await auditProvisional(deps, trx, input.actor ?? CLOCK_ACTOR, row, null);
  return clockView(row);
}

/** Adds an event (pause, resume, restart, extend, stop) inside the caller's transaction. */
export async function appendClockEvent(
  deps: CalDeps,
  trx: Executor,
  clockId: string,
  event: ClockEvent,
  actor: Actor = CLOCK_ACTOR,
): Promise<StatutoryClock> {
  const row = await repo.findClock(trx, clockId);
  if (!row) throw notFound("期限计时", "clock_not_found");
  const events: ClockEvent[] = [...JSON.parse(row.events), event];
  const computed = await computeRow(deps, trx, row.site_id, row.limit_days, events);
  const now = deps.clock.now().toISOString();
  const next = { ...row, events: JSON.stringify(events), ...computed, updated_at: now };
  await repo.updateClock(trx, row.id, repo.clockUpdateOf(next));
  if (computed.due_on !== row.due_on) {
    await repo.insertClockChange(trx, {
      id: newId(),
      clock_id: row.id,
      at: now,
      cause: "event",
      old_due_on: row.due_on,
      new_due_on: computed.due_on,
      reason: `${event.on} ${EVENT_LABELS[event.type]}`,
    });
    if (next.provisional === 1) await auditProvisional(deps, trx, actor, next, row.due_on);
  }
  return clockView(next);
}

const CLOCK_ACTOR = systemActor("期限计算");

const EVENT_LABELS: Record<ClockEvent["type"], string> = {
  start: "开始计时",
  pause: "暂停计时",
  resume: "恢复计时",
  restart: "重新计算",
  extend: "延长期限",
  stop: "停止计时",
};

export async function getClock(
  deps: Pick<Deps, "db">,
  id: string,
  db?: Executor,
): Promise<StatutoryClock | undefined> {
  const row = await repo.findClock(db ?? deps.db.kysely, id);
  return row && clockView(row);
}

export async function getClockByOwner(
  deps: Pick<Deps, "db">,
  owner: { ownerType: string; ownerId: string; kind?: string },
  db?: Executor,
): Promise<StatutoryClock | undefined> {
  const row = await repo.findClockByOwner(
    db ?? deps.db.kysely,
    owner.ownerType,
    owner.ownerId,
    owner.kind ?? "reply",
  );
  return row && clockView(row);
}

/** The live reading of a clock (used and remaining working days, overdue…) as of today or `asOf`. */
export async function readClock(deps: CalDeps, clock: StatutoryClock, asOf?: IsoDate): Promise<ClockResult> {
  const cal = await loadCalendar(deps, clock.siteId);
  return computeClock(cal, { limit: clock.limit, events: clock.events, asOf: asOf ?? todayOf(deps) });
}

export function listClockChanges(
  deps: Pick<Deps, "db">,
  opts: { clockId?: string; cause?: "calendar" | "event"; siteId?: string; limit?: number } = {},
) {
  return repo.listClockChanges(deps.db.kysely, {
    ...opts,
    limit: Math.min(Math.max(opts.limit ?? 50, 1), 500),
  });
}
