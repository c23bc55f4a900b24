// Read-only queries of the records the default indicators count (items, applications and their disputes,
// messages, each with its statutory clock). Every query is scoped to a site, a set of organisations and a
// period of calendar dates, and runs on the assessment's transaction.
import type { Executor } from "../../db/executor";

/** Items made public in the period (published, later withdrawn or superseded all count: they were published). */
export function publishedItems(db: Executor, siteId: string, orgIds: string[], from: string, to: string) {
  return db
    .selectFrom("items")
    .select(["id", "org_id", "kind", "title", "formed_on", "published_on", "version", "lineage_id"])
    .where("site_id", "=", siteId)
    .where("org_id", "in", orgIds)
    .where("status", "in", ["published", "withdrawn", "superseded"])
    .where("published_on", "is not", null)
    .where("published_on", ">=", from)
    .where("published_on", "<=", to)
    .where("kind", "!=", "interpretation")
    .orderBy("published_on")
    .orderBy("id")
    .execute();
}

/** Policies (规范性文件, 政策文件) first published in the period, each with its earliest published interpretation. */
export function policiesWithInterpretation(
  db: Executor,
  siteId: string,
  orgIds: string[],
  from: string,
  to: string,
) {
  return db
    .selectFrom("items as p")
    .select((eb) => [
      "p.id",
      "p.org_id",
      "p.title",
      "p.published_on",
      eb
        .selectFrom("items as i")
        .innerJoin("items as target", "target.id", "i.interprets_id")
        .select((e) => e.fn.min("i.published_on").as("first"))
        .whereRef("target.lineage_id", "=", "p.lineage_id")
        .where("i.status", "in", ["published", "superseded"])
        .where("i.published_on", "is not", null)
        .as("interpreted_on"),
      eb
        .selectFrom("items as i")
        .innerJoin("items as target", "target.id", "i.interprets_id")
        .select("i.id")
        .whereRef("target.lineage_id", "=", "p.lineage_id")
        .where("i.status", "in", ["published", "superseded"])
        .where("i.published_on", "is not", null)
        .orderBy("i.published_on")
        .limit(1)
        .as("interpretation_id"),
    ])
    .where("p.site_id", "=", siteId)
    .where("p.org_id", "in", orgIds)
    .where("p.kind", "in", ["policy", "normative"])
    .where("p.version", "=", 1)
    .where("p.status", "in", ["published", "withdrawn", "superseded"])
    .where("p.published_on", "is not", null)
    .where("p.published_on", ">=", from)
    .where("p.published_on", "<=", to)
    .orderBy("p.published_on")
    .orderBy("p.id")
    .execute();
}

/** Applications replied in the period, with the due date of their reply clock. */
export function repliedApplications(
  db: Executor,
  siteId: string,
  orgIds: string[],
  from: string,
  to: string,
) {
  return db
    .selectFrom("applications as a")
    .leftJoin("statutory_clocks as c", (j) =>
      j.onRef("c.owner_id", "=", "a.id").on("c.owner_type", "=", "application").on("c.kind", "=", "reply"),
    )
    .select(["a.id", "a.org_id", "a.tracking_code", "a.received_on", "a.replied_on", "c.due_on"])
    .where("a.site_id", "=", siteId)
    .where("a.org_id", "in", orgIds)
    .where("a.status", "=", "replied")
    .where("a.replied_on", ">=", from)
    .where("a.replied_on", "<=", to)
    .orderBy("a.replied_on")
    .orderBy("a.id")
    .execute();
}

/** Review and litigation decided in the period that corrected (纠错) a reply. */
export function correctedDisputes(db: Executor, siteId: string, orgIds: string[], from: string, to: string) {
  return db
    .selectFrom("application_disputes as d")
    .innerJoin("applications as a", "a.id", "d.application_id")
    .select([
      "d.id",
      "d.application_id",
      "d.kind",
      "d.decided_on",
      "a.org_id",
      "a.tracking_code",
      "a.replied_on",
    ])
    .where("a.site_id", "=", siteId)
    .where("a.org_id", "in", orgIds)
    .where("d.result", "=", "corrected")
    .where("d.decided_on", ">=", from)
    .where("d.decided_on", "<=", to)
    .orderBy("d.decided_on")
    .orderBy("d.id")
    .execute();
}

/**
 * Messages answered in the period by the answering organisation, with the due date of the first answer's clock.
 * `errorReports`: only error reports (纠错), else every other type.
 */
export function answeredMessages(
  db: Executor,
  siteId: string,
  orgIds: string[],
  from: string,
  to: string,
  errorReports: boolean,
) {
  return db
    .selectFrom("messages as m")
    .leftJoin("statutory_clocks as c", (j) =>
      j.onRef("c.owner_id", "=", "m.id").on("c.owner_type", "=", "message").on("c.kind", "=", "reply"),
    )
    .select(["m.id", "m.reply_org_id as org_id", "m.tracking_code", "m.title", "m.replied_on", "c.due_on"])
    .where("m.site_id", "=", siteId)
    .where("m.reply_org_id", "in", orgIds)
    .where("m.replied_on", "is not", null)
    .where("m.replied_on", ">=", from)
    .where("m.replied_on", "<=", to)
    .where("m.type", errorReports ? "=" : "!=", "error_report")
    .orderBy("m.replied_on")
    .orderBy("m.id")
    .execute();
}

/** Messages rated by the asker in the period ([fromAt, toAt) instants), by answering organisation. */
export function ratedMessages(db: Executor, siteId: string, orgIds: string[], fromAt: string, toAt: string) {
  return db
    .selectFrom("messages")
    .select(["id", "reply_org_id as org_id", "tracking_code", "title", "rating", "rated_at"])
    .where("site_id", "=", siteId)
    .where("reply_org_id", "in", orgIds)
    .where("rating", "is not", null)
    .where("rated_at", ">=", fromAt)
    .where("rated_at", "<", toAt)
    .orderBy("rated_at")
    .orderBy("id")
    .execute();
}
