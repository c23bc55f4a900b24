// The dashboards' counts, read-only, grouped in the database by organisation and month over the items,
// applications and statutory clocks tables (like src/web/inspector-board.repo.ts, whose rules they follow:
// an item counts in the month of its publication date, whatever became of it since — withdrawn or
// superseded — and by its stored Art. 26 verdict `late`; an application by its receipt, reply or due date).
// Months come from the ISO date text (decision 0002), `substr(date, 6, 2)` on both engines.
import { type Expression, type RawBuilder, sql } from "kysely";
import type { Executor } from "../../db/executor";

const n = (v: unknown) => Number(v ?? 0);
const monthOf = (col: string): RawBuilder<string> => sql<string>`substr(${sql.ref(col)}, 6, 2)`;
const one = (cond: Expression<unknown>) => sql<number>`sum(case when ${cond} then 1 else 0 end)`;

export interface OrgMonth {
  org_id: string | null;
  /** 1–12 */
  month: number;
}

export interface ItemMonthRow extends OrgMonth {
  published: number;
  on_time: number;
  late: number;
}

/** Items published in the year per organisation and month: all, within Art. 26's 20 working days, late. */
export async function countItemsByOrgMonth(
  db: Executor,
  siteId: string,
  orgIds: readonly string[],
  year: number,
): Promise<ItemMonthRow[]> {
  if (orgIds.length === 0) return [];
  const month = monthOf("published_on");
  const rows = await db
    .selectFrom("items")
    .select((eb) => [
      "org_id",
      month.as("month"),
      eb.fn.countAll<number>().as("published"),
      one(eb("late", "=", 0)).as("on_time"),
      one(eb("late", "=", 1)).as("late"),
    ])
    .where("site_id", "=", siteId)
    .where("org_id", "in", [...orgIds])
    .where("published_on", ">=", `${year}-01-01`)
    .where("published_on", "<=", `${year}-12-31`)
    .where("status", "in", ["published", "withdrawn", "superseded"])
    .groupBy(["org_id", month])
    .execute();
  return rows.map((r) => ({
    org_id: r.org_id,
    month: n(r.month),
    published: n(r.published),
    on_time: n(r.on_time),
    late: n(r.late),
  }));
}

const OPEN = ["replied", "merged"];

/** Applications of the scope: the listed organisations, and those not yet assigned when `unassigned`. */
function applicationsOf(db: Executor, siteId: string, orgIds: readonly string[], unassigned: boolean) {
  return db
    .selectFrom("applications as a")
    .leftJoin("statutory_clocks as c", (j) =>
      j.onRef("c.owner_id", "=", "a.id").on("c.owner_type", "=", "application").on("c.kind", "=", "reply"),
    )
    .where("a.site_id", "=", siteId)
    .where((eb) =>
      unassigned
        ? eb.or([eb("a.org_id", "in", [...orgIds]), eb("a.org_id", "is", null)])
        : eb("a.org_id", "in", [...orgIds]),
    );
}

export interface ApplicationMonthRow extends OrgMonth {
  received: number;
  answered: number;
  answered_late: number;
  /** Due in this month and not answered by then: answered later, or still open past it today. */
  overdue: number;
  /** Of `overdue`: still open today. */
  overdue_open: number;
}

/**
 * Applications per organisation and month of the year: received (by receipt date), answered and answered late
 * (by reply date, late = after the reply clock's due date), overdue (by due date). `today` decides open ones.
 */
export async function countApplicationsByOrgMonth(
  db: Executor,
  siteId: string,
  orgIds: readonly string[],
  unassigned: boolean,
  year: number,
  today: string,
): Promise<ApplicationMonthRow[]> {
  if (orgIds.length === 0 && !unassigned) return [];
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const received = monthOf("a.received_on");
  const replied = monthOf("a.replied_on");
  const due = monthOf("c.due_on");
  const [r1, r2, r3] = await Promise.all([
    applicationsOf(db, siteId, orgIds, unassigned)
      .select((eb) => ["a.org_id", received.as("month"), eb.fn.countAll<number>().as("n")])
      .where("a.received_on", ">=", from)
      .where("a.received_on", "<=", to)
      .groupBy(["a.org_id", received])
      .execute(),
    applicationsOf(db, siteId, orgIds, unassigned)
      .select((eb) => [
        "a.org_id",
        replied.as("month"),
        eb.fn.countAll<number>().as("n"),
        one(eb.and([eb("c.due_on", "is not", null), eb("a.replied_on", ">", eb.ref("c.due_on"))])).as("late"),
      ])
      .where("a.replied_on", ">=", from)
      .where("a.replied_on", "<=", to)
      .groupBy(["a.org_id", replied])
      .execute(),
    applicationsOf(db, siteId, orgIds, unassigned)
      .select((eb) => [
        "a.org_id",
        due.as("month"),
        one(
          eb.or([
            eb("a.replied_on", ">", eb.ref("c.due_on")),
            eb.and([
              eb("a.replied_on", "is", null),
              eb("a.status", "not in", OPEN),
              eb("c.due_on", "<", today),
            ]),
          ]),
        ).as("overdue"),
        one(
          eb.and([
            eb("a.replied_on", "is", null),
            eb("a.status", "not in", OPEN),
            eb("c.due_on", "<", today),
          ]),
        ).as("open"),
      ])
      .where("c.due_on", ">=", from)
      .where("c.due_on", "<=", to)
      .groupBy(["a.org_id", due])
      .execute(),
  ]);
  const out = new Map<string, ApplicationMonthRow>();
  const row = (org: string | null, m: unknown) => {
    const k = `${org ?? ""}:${n(m)}`;
    const r = out.get(k) ?? {
      org_id: org,
      month: n(m),
      received: 0,
      answered: 0,
      answered_late: 0,
      overdue: 0,
      overdue_open: 0,
    };
    out.set(k, r);
    return r;
  };
  for (const r of r1) row(r.org_id, r.month).received += n(r.n);
  for (const r of r2) {
    const x = row(r.org_id, r.month);
    x.answered += n(r.n);
    x.answered_late += n(r.late);
  }
  for (const r of r3) {
    const x = row(r.org_id, r.month);
    x.overdue += n(r.overdue);
    x.overdue_open += n(r.open);
  }
  return [...out.values()].filter((r) => r.received + r.answered + r.overdue > 0);
}

/** Applications answered in the year per organisation and reply outcome (表三's outcome codes). */
export async function countOutcomesByOrg(
  db: Executor,
  siteId: string,
  orgIds: readonly string[],
  unassigned: boolean,
  year: number,
): Promise<Array<{ org_id: string | null; outcome: string; count: number }>> {
  if (orgIds.length === 0 && !unassigned) return [];
  const rows = await applicationsOf(db, siteId, orgIds, unassigned)
    .select((eb) => ["a.org_id", "a.outcome", eb.fn.countAll<number>().as("n")])
    .where("a.replied_on", ">=", `${year}-01-01`)
    .where("a.replied_on", "<=", `${year}-12-31`)
    .where("a.outcome", "is not", null)
    .groupBy(["a.org_id", "a.outcome"])
    .execute();
  return rows.map((r) => ({ org_id: r.org_id, outcome: r.outcome!, count: n(r.n) }));
}
