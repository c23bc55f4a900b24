import type { Kysely, Transaction } from "kysely";
import type { Database } from "./schema";

/** A database handle or an open transaction: what repositories take. Lives below deps.ts so the audit
 * repository (which deps.ts binds) can name it without an import cycle. */
export type Executor = Kysely<Database> | Transaction<Database>;
