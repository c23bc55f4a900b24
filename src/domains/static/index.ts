// Static publication (静态发布, docs/static-publication.md): the public site as files, kept current from the
// audit log, checked against its manifest (防篡改).

export type { RunCounts } from "./static.publisher";
export {
  applyAuditedChanges,
  type CheckResult,
  checkStatic,
  publishStatic,
  StaticPublisher,
  type StaticWatcher,
  startStaticWatcher,
} from "./static.service";
