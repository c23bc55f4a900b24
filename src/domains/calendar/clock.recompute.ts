// After any change to notices or closures, every open clock is recomputed in the same transaction, so a
// deadline shown anywhere matches the calendar in force; each moved deadline leaves a change row and an
// audit entry. A clock the new calendar cannot compute keeps the due date it had and is reported.
import type { Actor, Deps, Executor } from "../../deps";
import {
  CalendarYearMissingError,
  type ClockResult,
  computeClock,
  type WorkingDayCalendar,
} from "../../platform/calendar";
import { AppError } from "../../platform/errors";
import { newId } from "../../platform/ids";
import { recordAudit } from "../audit";
import { buildCalendar, invalidateCalendar, provisionalUntilOf, todayOf } from "./calendar.loader";
import * as repo from "./calendar.repo";

export interface RecomputeResult {
  checked: number;
  changed: Array<{
    clock_id: string;
    owner_type: string;
    owner_id: string;
    kind: string;
    old_due_on: string | null;
    new_due_on: string;
  }>;
  failed: Array<{
    clock_id: string;
    owner_type: string;
    owner_id: string;
    kind: string;
    code: string;
    message: string;
    year?: number;
  }>;
}

/**
 * Recomputes every open clock against the calendar now in force. Pass `trx` to run inside the transaction
 * that changed the calendar (the normal case); without it a transaction of its own is opened.
 */
export async function recomputeOpenClocks(
  deps: Deps,
  actor: Actor,
  reason: string,
  trx?: Executor,
): Promise<RecomputeResult> {
  if (trx) return recomputeIn(deps, trx, actor, reason);
  try {
    return await deps.db.kysely.transaction().execute((t) => recomputeIn(deps, t, actor, reason));
  } finally {
    invalidateCalendar(deps);
  }
}

/** The recompute itself, inside the caller's transaction. */
export async function recomputeIn(
  deps: Deps,
  trx: Executor,
  actor: Actor,
  reason: string,
): Promise<RecomputeResult> {
  const result: RecomputeResult = { checked: 0, changed: [], failed: [] };
  const calendars = new Map<string, WorkingDayCalendar>();
  const calendarFor = async (siteId: string | null) => {
    const key = siteId ?? "*";
    let cal = calendars.get(key);
    if (!cal) {
      cal = await buildCalendar(trx, siteId, provisionalUntilOf(deps));
      calendars.set(key, cal);
    }
    return cal;
  };
  const asOf = todayOf(deps);
  const now = deps.clock.now().toISOString();
  for (const clock of await repo.listOpenClocks(trx)) {
    result.checked++;
    const owner = {
      clock_id: clock.id,
      owner_type: clock.owner_type,
      owner_id: clock.owner_id,
      kind: clock.kind,
    };
    let r: ClockResult;
    try {
      r = computeClock(await calendarFor(clock.site_id), {
        limit: clock.limit_days,
        events: JSON.parse(clock.events),
        asOf,
      });
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      // The deadline cannot be computed on this calendar: keep the one in force and say so.
      result.failed.push({
        ...owner,
        code: e.code,
        message: e.message,
        ...(e instanceof CalendarYearMissingError ? { year: e.year } : {}),
      });
      if (clock.problem !== e.message) {
        await repo.updateClock(trx, clock.id, {
          ...repo.clockUpdateOf(clock),
          problem: e.message,
          updated_at: now,
        });
      }
      continue;
    }
    const status = r.stopped ? "stopped" : "open";
    const provisional = r.provisional ? 1 : 0;
    if (r.dueOn === clock.due_on && provisional === clock.provisional) {
      if (r.explanation !== clock.explanation || clock.problem !== null || status !== clock.status) {
        await repo.updateClock(trx, clock.id, {
          ...repo.clockUpdateOf(clock),
          explanation: r.explanation,
          status,
          problem: null,
          updated_at: now,
        });
      }
      continue;
    }
    // A new due date, or the same date no longer (or newly) provisional: both are recorded, so the log
    // shows when a 暂定 deadline became final.
    await repo.updateClock(trx, clock.id, {
      events: clock.events,
      due_on: r.dueOn,
      status,
      explanation: r.explanation,
      problem: null,
      provisional,
      updated_at: now,
    });
    await repo.insertClockChange(trx, {
      id: newId(),
      clock_id: clock.id,
      at: now,
      cause: "calendar",
      old_due_on: clock.due_on,
      new_due_on: r.dueOn,
      reason,
    });
    await recordAudit(trx, deps.clock, actor, {
      action: "clock.recompute",
      entityType: "statutory_clock",
      entityId: clock.id,
      siteId: clock.site_id,
      businessDate: r.dueOn,
      summary: {
        ...owner,
        old_due_on: clock.due_on,
        new_due_on: r.dueOn,
        old_provisional: clock.provisional === 1,
        new_provisional: r.provisional,
        reason,
      },
    });
    result.changed.push({ ...owner, old_due_on: clock.due_on, new_due_on: r.dueOn });
  }
  return result;
}

export function describeRecompute(r: RecomputeResult): string {
  const failed = r.failed.length ? `，${r.failed.length} 个无法计算（保留原期限）` : "";
  return `重新计算未结期限 ${r.checked} 个，其中 ${r.changed.length} 个期限变更${failed}。`;
}
