// The demo county's history is played in the order it happened: every step (an item drafted, reviewed,
// signed, published; an application registered, answered, disputed) is an event at its own time, run with a
// clock set to that time, so published_at, the item history and the audit log read like a county that has
// worked on the platform since 2020.
import type { Deps } from "../deps";
import { loadCalendar } from "../domains/calendar";
import { type Clock, fixedClock, shanghaiDateOf } from "../platform/time";
import { inDayTransaction } from "./day-transaction";

/** The instant of a Shanghai wall-clock time on a calendar date. */
export const shanghaiAt = (date: string, hhmm: string): Date => new Date(`${date}T${hhmm}:00+08:00`);

export const addDays = (date: string, n: number): string => {
  const t = new Date(`${date}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + n);
  return t.toISOString().slice(0, 10);
};

/** Working-day arithmetic on the site's calendar (holiday notices, 调休 weekends). */
export interface DemoCalendar {
  isWorkingDay(date: string): boolean;
  addWorkingDays(date: string, n: number): string;
  /** The date itself when it is a working day, else the next working day. */
  onOrAfter(date: string): string;
  /** The working day `n` working days before `date`. */
  back(date: string, n: number): string;
}

export async function demoCalendar(deps: Deps, siteId: string): Promise<DemoCalendar> {
  const cal = await loadCalendar(deps, siteId);
  const onOrAfter = (date: string) => {
    let d = date;
    while (!cal.isWorkingDay(d)) d = addDays(d, 1);
    return d;
  };
  return {
    isWorkingDay: (d) => cal.isWorkingDay(d),
    addWorkingDays: (d, n) => cal.addWorkingDays(d, n),
    onOrAfter,
    back: (date, n) => {
      let d = date;
      let left = n;
      while (left > 0 || !cal.isWorkingDay(d)) {
        d = addDays(d, -1);
        if (cal.isWorkingDay(d)) left--;
      }
      return d;
    },
  };
}

interface TimelineEvent {
  at: number;
  order: number;
  run: (deps: Deps) => Promise<void>;
}

/** Events sorted by time (ties in the order added), each run with the clock at its time. */
export class Timeline {
  private readonly events: TimelineEvent[] = [];
  constructor(private readonly now: Date) {}

  /** The seed's today in Asia/Shanghai. */
  get today(): string {
    return shanghaiDateOf(this.now);
  }

  /** Adds an event; one later than now happens now (a demo never shows the future). */
  add(at: Date, run: (deps: Deps) => Promise<void>): void {
    this.events.push({ at: Math.min(at.getTime(), this.now.getTime()), order: this.events.length, run });
  }

  /** Plays the events in order, the steps of each Shanghai day committed together (day-transaction.ts). */
  async play(deps: Deps): Promise<number> {
    const clock = fixedClock(this.now);
    this.events.sort((a, b) => a.at - b.at || a.order - b.order);
    const days = new Map<string, TimelineEvent[]>();
    for (const e of this.events) {
      const day = shanghaiDateOf(new Date(e.at));
      const list = days.get(day);
      if (list) list.push(e);
      else days.set(day, [e]);
    }
    for (const events of days.values())
      await inDayTransaction({ ...deps, clock }, async (atTime) => {
        for (const e of events) {
          clock.set(new Date(e.at));
          await e.run(atTime);
        }
      });
    return this.events.length;
  }
}

/** Deps whose clock stands at one instant (the base county is created before its history starts). */
export const depsAt = (deps: Deps, at: Date): Deps => ({ ...deps, clock: fixedClock(at) as Clock });
