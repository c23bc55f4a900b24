// The messages domain (互动交流, issue 13): what other domains may use.
export { registerInteractionRoutes } from "./interaction.routes";
export { getPublishedQa, listPublishedQa, qaUrl } from "./messages.qa";
export { type MessageReminder, messageReminders } from "./messages.reminders";
export { type Recipient, recipientsOf } from "./messages.repo";
export {
  messageStatistics,
  overdueCountsByOrg,
  refreshAllMessageStatistics,
  refreshMessageStatistics,
  type StatisticsRow,
  type StoredStatistics,
} from "./messages.statistics";
