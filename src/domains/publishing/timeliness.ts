import type { Deps, Executor } from "../../deps";
import { CalendarYearMissingError } from "../../platform/calendar";
import { loadCalendar } from "../calendar/calendar.loader";

/** Art. 26: information is made public within 20 working days of being formed or changed. */
export const ART26_LIMIT = 20;

export interface Timeliness {
  /** 1 late, 0 on time, null pending (a year the calendar does not cover yet). */
  late: number | null;
  workingDays: number | null;
}

export async function assessTimeliness(
  deps: Pick<Deps, "db">,
  siteId: string,
  formedOn: string,
  publishedOn: string,
  db?: Executor,
): Promise<Timeliness> {
  try {
    const cal = await loadCalendar(deps, siteId, db);
    const days = formedOn >= publishedOn ? 0 : cal.workingDaysBetween(formedOn, publishedOn);
    return { late: days > ART26_LIMIT ? 1 : 0, workingDays: days };
  } catch (e) {
    if (e instanceof CalendarYearMissingError) return { late: null, workingDays: null };
    throw e;
  }
}
