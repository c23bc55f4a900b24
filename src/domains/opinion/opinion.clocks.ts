// Response clocks in hours (RULES.md §8), from when the matter surfaced: for 特别重大 and 重大 cases
// authoritative information within 5 hours and a press conference within 24 hours (国办发〔2016〕80号); for
// others a response within 48 hours (国办发〔2016〕61号). The hours are the site's settings (opinion_settings).
import type { CaseRow } from "./opinion.repo";
import type { OpinionSettingsTable } from "./opinion.tables";

export type ClockKind = "info" | "press" | "response";
export type ClockState = "due" | "overdue" | "done" | "done_late";

export const CLOCK_LABELS: Record<ClockKind, string> = {
  info: "发布权威信息",
  press: "召开新闻发布会",
  response: "作出回应",
};
export const CLOCK_STATE_LABELS: Record<ClockState, string> = {
  due: "办理中",
  overdue: "已超时",
  done: "按时完成",
  done_late: "超时完成",
};

export interface CaseClock {
  kind: ClockKind;
  label: string;
  hours: number;
  due_at: string;
  done_at: string | null;
  state: ClockState;
  state_label: string;
  /** Hours left (negative: hours overdue), whole hours rounded down; null once done. */
  hours_left: number | null;
}

export type ClockSettings = Pick<OpinionSettingsTable, "info_hours" | "press_hours" | "response_hours">;

const HOUR = 3_600_000;

function clockOf(kind: ClockKind, hours: number, start: string, done: string | null, now: Date): CaseClock {
  const due = new Date(new Date(start).getTime() + hours * HOUR);
  const state: ClockState = done
    ? new Date(done) <= due
      ? "done"
      : "done_late"
    : now > due
      ? "overdue"
      : "due";
  return {
    kind,
    label: CLOCK_LABELS[kind],
    hours,
    due_at: due.toISOString(),
    done_at: done,
    state,
    state_label: CLOCK_STATE_LABELS[state],
    hours_left: done ? null : Math.floor((due.getTime() - now.getTime()) / HOUR),
  };
}

/** The clocks of a case (none for a draft or a dismissed one: nothing was judged to be answered). */
export function clocksOf(
  row: Pick<
    CaseRow,
    "status" | "level" | "discovered_at" | "info_released_at" | "press_held_at" | "response_published_at"
  >,
  s: ClockSettings,
  now: Date,
): CaseClock[] {
  if (row.status === "draft" || row.status === "dismissed") return [];
  const start = row.discovered_at;
  if (row.level === "general")
    return [clockOf("response", s.response_hours, start, row.response_published_at, now)];
  // A published response is authoritative information too: the earlier of the two stops that clock.
  const info = [row.info_released_at, row.response_published_at].filter((x): x is string => !!x).sort()[0];
  return [
    clockOf("info", s.info_hours, start, info ?? null, now),
    clockOf("press", s.press_hours, start, row.press_held_at, now),
  ];
}

/** Whether any clock of the case ran out (done late or overdue now): the case is one the assessment counts against. */
export const isLate = (clocks: readonly CaseClock[]) =>
  clocks.some((c) => c.state === "overdue" || c.state === "done_late");
