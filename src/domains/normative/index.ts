// What other code may use of the normative-document ledger (规范性文件台账, issue 16 items 3 and 4). Loading
// the service registers publishing's release hook (legality review; clean-ups).
export { ALERT_LABELS, ledgerAlerts, NORMATIVE_ALERT_KIND, runNormativeAlerts } from "./normative.alerts";
export { createCleanup, OUTCOME_LABELS, releaseCleanup } from "./normative.cleanup";
export { importDocument } from "./normative.import";
export { registerNormativeRoutes } from "./normative.routes";
export { recordFiling, recordReview, settingsOf } from "./normative.service";
export type { NormativeTables } from "./normative.tables";
