import { type Migration, type MigrationProvider, Migrator } from "kysely";
import type { Db } from "./connect";
import * as m0001 from "./migrations/0001-foundation";
import * as m0002 from "./migrations/0002-calendar";
import * as m0003 from "./migrations/0003-catalog";
import * as m0004 from "./migrations/0004-publishing";
import * as m0005 from "./migrations/0005-attachments";
import * as m0006 from "./migrations/0006-review";
import * as m0007 from "./migrations/0007-applications";
import * as m0008 from "./migrations/0008-application-documents";
import * as m0009 from "./migrations/0009-applicant-files";
import * as m0010 from "./migrations/0010-mail";
import * as m0011 from "./migrations/0011-application-archive";
import * as m0012 from "./migrations/0012-released-documents-encrypted";
import * as m0013 from "./migrations/0013-audit-keyed";
import * as m0014 from "./migrations/0014-sessions";
import * as m0015 from "./migrations/0015-sites";
import * as m0016 from "./migrations/0016-four-eyes";
import * as m0017 from "./migrations/0017-provisional-clocks"; // H1: provisional due dates
import * as m0018 from "./migrations/0018-format-keeping-masking"; // H2: masked files, office addresses
import * as m0019 from "./migrations/0019-reply-letters";
import * as m0020 from "./migrations/0020-search-index";
import * as m0021 from "./migrations/0021-integrity"; // H3: content hashes, daily chain
import * as m0022 from "./migrations/0022-messages"; // H5: messages and error reports (issue 13)
import * as m0023 from "./migrations/0023-consultations"; // H7: public consultation (after 0022)
import * as m0024 from "./migrations/0024-meetings"; // government meetings, attendance (issue 13 item 6)
import * as m0025 from "./migrations/0025-hotline"; // issue 13 item 7: 12345 tickets, hotline numbers
import * as m0026 from "./migrations/0026-message-statistics"; // H8: stored message statistics (issue 13)
import * as m0027 from "./migrations/0027-report-figures"; // issue 14: annual report table 二 figures
import * as m0028 from "./migrations/0028-site-health"; // issue 14 item 3: site health runs and links
import * as m0029 from "./migrations/0029-report-sections"; // issue 14: annual report sections 一, 五, 六
import * as m0030 from "./migrations/0030-assessment"; // issue 14 item 2: assessment, accountability records
import * as m0031 from "./migrations/0031-services"; // issue 15: government services (政务服务)
import * as m0032 from "./migrations/0032-gazette"; // issue 16 items 1-2: the gazette and its database
import * as m0033 from "./migrations/0033-normative"; // issue 16 items 3-4: normative ledger, document import
import * as m0034 from "./migrations/0034-opinion-newmedia"; // issue 17: opinion, new media, 12345 supervision
import * as m0036 from "./migrations/0036-report-indexes"; // issue 14: annual report counting indexes
import * as m0037 from "./migrations/0037-service-lists"; // issue 15 item 4: 权责清单, 公共服务事项清单
import * as m0038 from "./migrations/0038-service-reports"; // issue 15: implementation reports, 一件事 sets
import * as m0039 from "./migrations/0039-mongolian-versions"; // issue 18: Mongolian versions of content
import * as m0040 from "./migrations/0040-translations"; // issue 18 item 2: the county's UI string overrides
import * as m0041 from "./migrations/0041-static-publication"; // issue 19 item 1: static publication
import * as m0043 from "./migrations/0043-totp"; // issue 19: the staff second factor (TOTP)
import * as m0045 from "./migrations/0045-instances"; // issue 19: several instances (job claims, shared limits)
import * as m0046 from "./migrations/0046-list-paging"; // issue 19 part 7: indexes of the paged lists
import * as m0047 from "./migrations/0047-list-paging-2"; // issue 19 part 7: applications, messages, archive
import * as m0048 from "./migrations/0048-list-paging-3"; // issue 19 part 7: gazette, meetings, services…
import * as m0049 from "./migrations/0049-items-site-org-paging"; // issue 19 part 7: organisation lists by site

// Migrations are listed here, in order, so the bundle needs no file-system scan.
const migrations: Record<string, Migration> = {
  "0001-foundation": m0001,
  "0002-calendar": m0002,
  "0003-catalog": m0003,
  "0004-publishing": m0004,
  "0005-attachments": m0005,
  "0006-review": m0006,
  "0007-applications": m0007,
  "0008-application-documents": m0008,
  "0009-applicant-files": m0009,
  "0010-mail": m0010,
  "0011-application-archive": m0011,
  "0012-released-documents-encrypted": m0012,
  "0013-audit-keyed": m0013,
  "0014-sessions": m0014,
  "0015-sites": m0015,
  "0016-four-eyes": m0016,
  "0017-provisional-clocks": m0017,
  "0018-format-keeping-masking": m0018,
  "0019-reply-letters": m0019,
  "0020-search-index": m0020,
  "0021-integrity": m0021,
  "0022-messages": m0022,
  "0023-consultations": m0023,
  "0024-meetings": m0024,
  "0025-hotline": m0025,
  "0026-message-statistics": m0026,
  "0027-report-figures": m0027,
  "0028-site-health": m0028,
  "0029-report-sections": m0029,
  "0030-assessment": m0030,
  "0031-services": m0031,
  "0032-gazette": m0032,
  "0033-normative": m0033,
  "0034-opinion-newmedia": m0034,
  "0036-report-indexes": m0036,
  "0037-service-lists": m0037,
  "0038-service-reports": m0038,
  "0039-mongolian-versions": m0039,
  "0040-translations": m0040,
  "0041-static-publication": m0041,
  "0043-totp": m0043,
  "0045-instances": m0045,
  "0046-list-paging": m0046,
  "0047-list-paging-2": m0047,
  "0048-list-paging-3": m0048,
  "0049-items-site-org-paging": m0049,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

export async function migrateToLatest(db: Db): Promise<string[]> {
  const migrator = new Migrator({ db: db.kysely, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}
