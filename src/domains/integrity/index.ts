// Verifiable publication (可核查, docs/integrity.md): content hashes, the daily chain, verification, alerts.
export { IntegrityAlerts } from "./integrity.admin";
export { type JobResult, openAlertsFor, raiseAlerts, sealAndCheck } from "./integrity.alerts";
export {
  canonicalContentV1,
  contentSha256V1,
  publishedFileSha,
  publishedFileShas,
} from "./integrity.canonical";
export { checkIntegrity, type Difference, dayRecordHash, GENESIS_HASH, sealDays } from "./integrity.chain";
export { registerIntegrityRoutes } from "./integrity.routes";
export { computeContentSha, stampContentHash } from "./integrity.stamp";
export { verifySha256 } from "./integrity.verify";
export { ItemVerifyBlock } from "./integrity.views";
