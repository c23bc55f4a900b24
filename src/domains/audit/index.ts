export { anchorAuditHead } from "./audit.admin";
export { bindAudit } from "./audit.binding";
export type { AuditFilter, AuditRow, AuditScope } from "./audit.repo";
export {
  type AuditEntryInput,
  listAudit,
  listAuditForUser,
  recordAudit,
  type VerifyResult,
  verifyAuditChain,
} from "./audit.service";
