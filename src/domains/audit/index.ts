export type { AuditFilter, AuditRow } from "./audit.repo";
export {
  type AuditEntryInput,
  listAudit,
  recordAudit,
  type VerifyResult,
  verifyAuditChain,
} from "./audit.service";
