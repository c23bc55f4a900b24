export { anchorAuditHead } from "./audit.admin";
export { bindAudit } from "./audit.binding";
// Only what depends on neither accounts nor orgs (they record audit entries): the reader's scoped listing
// (listAuditForUser) is imported by this domain's routes from audit.service.ts.
export { type AuditEntryInput, listAudit, recordAudit } from "./audit.record";
export type { AuditFilter, AuditRow, AuditScope } from "./audit.repo";
export { type VerifyResult, verifyAuditChain } from "./audit.verify";
