// Site health against the national inspection indicators (国办秘函〔2019〕19号, issue 14 item 3).
export { type ColumnFreshness, columnFreshnessAsOf } from "./health.freshness";
export { registerHealthRoutes } from "./health.routes";
export {
  HEALTH_ALERT_KIND,
  healthHistory,
  latestHealth,
  runDailyHealthChecks,
  runHealthCheck,
} from "./health.runs";
export { checkSite, type HealthResult } from "./health.service";
export type { HealthTables } from "./health.tables";
export { predictVerdict, VERDICT_LABELS, VETO_LABELS } from "./health.verdict";
