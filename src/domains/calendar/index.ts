// What other domains may use: the calendar in force, calendar changes, and statutory clocks.
export {
  type CalDeps,
  explainWorkingDays,
  invalidateCalendar,
  listCoveredYears,
  loadCalendar,
  missingNextYearWarning,
  PROVISIONAL_YEARS_AHEAD,
  provisionalYearSource,
  todayOf,
  type YearSource,
} from "./calendar.loader";
export type { ClockChangeView } from "./calendar.repo";
export {
  addClosure,
  type ClosureView,
  closureView,
  deleteClosure,
  describeImport,
  type ImportResult,
  importCalendarFile,
  importNotice,
  importNoticeText,
  listClosures,
  noticePreview,
  previewNoticeText,
  readNoticeFile,
} from "./calendar.service";
export { formatDueDate, provisionalDueNote } from "./clock.present";
export { describeRecompute, type RecomputeResult, recomputeOpenClocks } from "./clock.recompute";
export {
  appendClockEvent,
  getClock,
  getClockByOwner,
  listClockChanges,
  type OpenClockInput,
  openClock,
  readClock,
  type StatutoryClock,
} from "./clock.service";
