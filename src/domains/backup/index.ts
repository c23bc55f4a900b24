export { SECRET_KEY_FILE } from "./backup.files";
export { DATA_DIR, DATABASE_FILE, MANIFEST_FILE, type Manifest, readManifest } from "./backup.manifest";
export {
  type RestoreOptions,
  type RestoreReport,
  restoreBackup,
  verifyAgainstManifest,
} from "./backup.restore";
export { type BackupResult, createBackup, databasePaths, filesBytes, totalRows } from "./backup.service";
