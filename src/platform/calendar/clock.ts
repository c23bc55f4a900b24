// The statutory clock: a history of events (received, consultation paused/resumed, correction received,
// extension, reply) becomes a due date plus an explanation a clerk can check by hand.
//
// Rules (CONTRACT.md "Clock convention", RULES.md §2), and the choices the law leaves to us:
// - start on D: due = the limit-th working day after D (D not counted unless the calendar counts it).
// - pause S .. resume E: the working days in (S, E] do not count, so due moves later by between(S, E).
// - extend by N: due = N working days after the due date then in force (also while paused).
// - restart on C (corrected application, Art. 30): the count starts afresh from C. Everything before C is
//   discarded, including pauses and extensions granted earlier: the corrected application is what the
//   agency now answers, so the reply period is the full limit from C; an extension still needed must be
//   granted again. An open pause is closed by the restart for the same reason.
// - stop: the clock ends (reply made); later events are an error. Stopping while paused ends the pause
//   on the stop date, so days spent in consultation still do not count.
// - open pause at asOf: `paused: true`, and dueOn is projected as if the clock resumed on asOf (it will
//   move later for every further working day of pause). The explanation says so.
import { AppError } from "../errors";
import type { WorkingDayCalendar } from "./calendar";
import { type IsoDate, isIsoDate, minDate } from "./dates";
import { formatSpanParenthesis } from "./span-format";
import { provisionalNote } from "./statutory-holidays";

export type ClockEvent =
  | { type: "start"; on: IsoDate; label?: string }
  | { type: "pause"; on: IsoDate; reason: string }
  | { type: "resume"; on: IsoDate; reason?: string }
  | { type: "restart"; on: IsoDate; reason?: string }
  | { type: "extend"; on: IsoDate; days: number; reason?: string }
  | { type: "stop"; on: IsoDate; reason?: string };

export interface ClockInput {
  /** Working days allowed, e.g. 20 (Art. 33). */
  limit: number;
  /** Sorted here by date, keeping the given order for events on the same date. */
  events: readonly ClockEvent[];
  /** The date the clock is read on (today in Asia/Shanghai for live use). */
  asOf: IsoDate;
}

export interface ClockStep {
  on: IsoDate;
  kind: ClockEvent["type"];
  text: string;
  /** The due date in force after this step. */
  dueOn: IsoDate;
}

export interface ClockResult {
  dueOn: IsoDate;
  /** Working days counted so far (since the last start/restart, pauses excluded), as of asOf or the stop. */
  usedWorkingDays: number;
  /** Working days left until dueOn inclusive; 0 once the due date has passed. */
  remainingWorkingDays: number;
  overdue: boolean;
  paused: boolean;
  pausedSince?: IsoDate;
  stopped: boolean;
  stoppedOn?: IsoDate;
  /** Since the last start/restart. */
  extendedWorkingDays: number;
  pausedWorkingDays: number;
  steps: ClockStep[];
  explanation: string;
  /**
   * The due date was counted over a year without a holiday notice (statutory holidays only, see
   * statutory-holidays.ts): shown as 暂定 and recomputed when the notice is entered.
   */
  provisional: boolean;
  /** Those years, ascending. */
  provisionalYears: number[];
}

export class ClockError extends AppError {
  constructor(code: string, message: string) {
    super(code, 422, message);
    this.name = "ClockError";
  }
}

interface Pause {
  from: IsoDate;
  to: IsoDate;
}

export function computeClock(calendar: WorkingDayCalendar, input: ClockInput): ClockResult {
  const { limit, asOf } = input;
  if (!Number.isInteger(limit) || limit < 1)
    throw new ClockError("clock_invalid_limit", `期限天数不正确：${limit}`);
  if (!isIsoDate(asOf)) throw new ClockError("clock_invalid_date", `日期不正确：${String(asOf)}`);
  const events = input.events
    .map((e, i) => ({ e, i }))
    .sort((a, b) => (a.e.on < b.e.on ? -1 : a.e.on > b.e.on ? 1 : a.i - b.i))
    .map((x) => x.e);

  const add = (d: IsoDate, n: number) => calendar.addWorkingDays(d, n);
  const between = (a: IsoDate, b: IsoDate) => calendar.workingDaysBetween(a, b);
  // "（国庆节 …）→ 2024-10-30", or " → 2024-10-30" when the span crosses nothing notable.
  const arrow = (from: IsoDate, to: IsoDate, lead = "") => {
    const paren = formatSpanParenthesis(calendar.describeSpan(from, to));
    return paren ? `${lead}${paren}→ ${to}` : ` → ${to}`;
  };

  let base: IsoDate | undefined; // last start or restart
  let due = "";
  let pausedSince: IsoDate | undefined;
  let pauses: Pause[] = [];
  let extended = 0;
  let stoppedOn: IsoDate | undefined;
  const steps: ClockStep[] = [];

  for (const e of events) {
    if (!isIsoDate(e.on)) throw new ClockError("clock_invalid_date", `日期不正确：${String(e.on)}`);
    if (stoppedOn)
      throw new ClockError("clock_after_stop", `${e.on} 的事项发生在计时停止（${stoppedOn}）之后`);
    if (e.type !== "start" && base === undefined) {
      throw new ClockError("clock_not_started", `${e.on} 的事项发生在收到申请之前`);
    }
    let text: string;
    switch (e.type) {
      case "start": {
        if (base !== undefined)
          throw new ClockError("clock_duplicate_start", "收到申请只能登记一次；补正请用重新计算");
        base = e.on;
        due = add(e.on, limit);
        text = `${e.on} ${e.label ?? "收到申请"}；+${limit}个工作日${arrow(e.on, due)}`;
        break;
      }
      case "restart": {
        base = e.on;
        pauses = [];
        pausedSince = undefined;
        extended = 0;
        due = add(e.on, limit);
        text = `${e.on} ${e.reason ?? "收到补正材料"}，重新计算：+${limit}个工作日${arrow(e.on, due)}`;
        break;
      }
      case "pause": {
        if (pausedSince)
          throw new ClockError("clock_already_paused", `${e.on} 计时已自 ${pausedSince} 起暂停`);
        pausedSince = e.on;
        text = `${e.on} ${e.reason}，暂停计时`;
        break;
      }
      case "resume": {
        if (!pausedSince) throw new ClockError("clock_not_paused", `${e.on} 恢复计时，但计时并未暂停`);
        const n = between(pausedSince, e.on);
        const old = due;
        due = add(due, n);
        pauses.push({ from: pausedSince, to: e.on });
        pausedSince = undefined;
        const who = e.reason ? `${e.reason}，` : "";
        text = `${e.on} ${who}恢复计时：暂停期间 ${n}个工作日 不计入${arrow(old, due, "，顺延")}`;
        break;
      }
      case "extend": {
        if (!Number.isInteger(e.days) || e.days < 1) {
          throw new ClockError("clock_invalid_days", `延长的工作日天数不正确：${String(e.days)}`);
        }
        const old = due;
        due = add(due, e.days);
        extended += e.days;
        const why = e.reason ? `${e.reason}，` : "";
        text = `${e.on} ${why}延长答复期限 +${e.days}个工作日${arrow(old, due)}`;
        break;
      }
      case "stop": {
        stoppedOn = e.on;
        text = `${e.on} ${e.reason ?? "作出答复"}，停止计时`;
        if (pausedSince) {
          const n = between(pausedSince, e.on);
          due = add(due, n);
          pauses.push({ from: pausedSince, to: e.on });
          pausedSince = undefined;
          text += `（结束暂停：暂停期间 ${n}个工作日 不计入 → ${due}）`;
        }
        if (e.on > due) text += `，已超过答复期限 ${due}`;
        break;
      }
    }
    steps.push({ on: e.on, kind: e.type, text, dueOn: due });
  }
  if (base === undefined) throw new ClockError("clock_not_started", "没有收到申请的日期，无法计算期限");

  // Measure at the stop date for a finished clock, else at asOf; never before the count began.
  const at = stoppedOn ?? asOf;
  const paused = pausedSince !== undefined;
  if (pausedSince && asOf > pausedSince) due = add(due, between(pausedSince, asOf));
  const closed = pausedSince ? [...pauses, { from: pausedSince, to: asOf }] : pauses;
  let pausedDays = 0;
  for (const p of closed) {
    const end = minDate(p.to, at);
    if (end > p.from) pausedDays += between(p.from, end);
  }
  const used = at > base ? Math.max(0, between(base, at) - pausedDays) : 0;
  const remaining = at > base ? Math.max(0, between(at, due)) : between(base, due);

  const lines = steps.map((s) => s.text);
  if (paused) lines.push(`（截至 ${asOf} 仍在暂停计时；如当日恢复，答复期限为 ${due}）`);
  // The due date depends on the days from the first event to the due date (or the stop, if later).
  const provisionalYears = calendar.provisionalYearsBetween(
    events[0]!.on,
    steps[steps.length - 1]!.on > due ? steps[steps.length - 1]!.on : due,
  );
  if (provisionalYears.length > 0) lines.push(`（暂定：${provisionalNote(provisionalYears)}）`);
  const result: ClockResult = {
    dueOn: due,
    usedWorkingDays: used,
    remainingWorkingDays: remaining,
    overdue: at > due,
    paused,
    stopped: stoppedOn !== undefined,
    extendedWorkingDays: extended,
    pausedWorkingDays: pausedDays,
    steps,
    explanation: lines.join("\n"),
    provisional: provisionalYears.length > 0,
    provisionalYears,
  };
  if (pausedSince) result.pausedSince = pausedSince;
  if (stoppedOn) result.stoppedOn = stoppedOn;
  return result;
}
