// What other code may use of the government meetings domain (政府会议 / 开门决策).
export { registerMeetingRoutes } from "./meetings.routes";
export type { MeetingTables } from "./meetings.tables";
