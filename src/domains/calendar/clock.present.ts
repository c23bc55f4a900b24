// How a due date is written wherever it is shown (office pages, the citizen's tracking page, letters): a
// provisional one (counted over a year without a holiday notice) always carries 暂定, so nobody mistakes it
// for a final deadline.
import { type IsoDate, provisionalNote, yearOf } from "../../platform/calendar";

/** "2027-01-05（暂定）" for a provisional due date, the date alone otherwise. */
export function formatDueDate(dueOn: IsoDate, provisional: boolean | null | undefined): string {
  return provisional ? `${dueOn}（暂定）` : dueOn;
}

/**
 * The short explanation beside a provisional due date: "2027年节假日安排尚未发布，按法定节假日暂定…". Notices are
 * entered year by year, so the due date's year is the one still missing.
 */
export function provisionalDueNote(dueOn: IsoDate): string {
  return `${provisionalNote([yearOf(dueOn)])}。`;
}
