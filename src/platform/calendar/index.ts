// Public API of the working-day calendar and the statutory clock (pure; notices come from the caller).
export { bundledNotices, bundledYears, noticesFromChineseDays } from "./bundled";
export {
  type CalendarDay,
  type CalendarOptions,
  CalendarYearMissingError,
  type DayKind,
  WorkingDayCalendar,
} from "./calendar";
export {
  ClockError,
  type ClockEvent,
  type ClockInput,
  type ClockResult,
  type ClockStep,
  computeClock,
} from "./clock";
export {
  addDays,
  assertIsoDate,
  compareIsoDates,
  type DateParts,
  daysInMonth,
  diffDays,
  formatMonthDay,
  InvalidDateError,
  type IsoDate,
  isIsoDate,
  isWeekend,
  maxDate,
  minDate,
  parseIsoDate,
  todayInShanghai,
  tryParseIsoDate,
  weekday,
  weekdayName,
  yearOf,
} from "./dates";
export { type LunarDate, lunarNewYearsEve, lunarToSolar, solarToLunar } from "./lunar";
export {
  type CalendarImport,
  type Closure,
  type Notice,
  type NoticeDay,
  type NoticeProblem,
  type ParseResult,
  parseCalendarImport,
  parseClosure,
  parseNotice,
} from "./notice";
export {
  NOTICE_TEXT_MAX_CHARS,
  type ProseHoliday,
  type ProseNotice,
  parseNoticeProse,
} from "./notice-prose";
export {
  type DateRange,
  formatRange,
  formatSpan,
  formatSpanParenthesis,
  type SpanClosure,
  type SpanDescription,
  type SpanHoliday,
} from "./span-format";
export {
  CURRENT_RULES_FROM,
  provisionalNote,
  provisionalNotice,
  qingmingDate,
  type StatutoryHoliday,
  statutoryHolidays,
} from "./statutory-holidays";
