// The messages domain (互动交流, issue 13): what other domains may use.
export { registerInteractionRoutes } from "./interaction.routes";
export { getPublishedQa, listPublishedQa, qaUrl } from "./messages.qa";
export { type MessageReminder, messageReminders } from "./messages.reminders";
export { messageTextsSince, type Recipient, recipientsOf } from "./messages.repo";
export {
  computeCells,
  groupRows,
  messageStatistics,
  overdueCountsByOrg,
  refreshAllMessageStatistics,
  refreshMessageStatistics,
  rowOf,
  type StatisticsRow,
  type StoredStatistics,
} from "./messages.statistics";
