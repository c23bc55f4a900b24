import type { Executor } from "../db/executor";

// The inspector's (督查室) counts per organisation: read-only, across the applications, statutory clocks and
// items tables. Kept apart from those domains because it only counts and they import the dashboard.

export interface ApplicationCounts {
  org_id: string;
  received: number;
  overdue_open: number;
  replied: number;
  replied_late: number;
}

export interface ItemCounts {
  org_id: string;
  published: number;
  late: number;
}

const n = (v: unknown) => Number(v ?? 0);

/**
 * Per organisation, for the calendar year: applications received; open ones past their due date today;
 * replied ones, and those replied after their due date. Only organisations in `orgIds`.
 */
export async function countApplicationsByOrg(
  db: Executor,
  siteId: string,
  orgIds: string[],
  year: number,
  today: string,
): Promise<ApplicationCounts[]> {
  if (orgIds.length === 0) return [];
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const rows = await db
    .selectFrom("applications as a")
    .leftJoin("statutory_clocks as c", (j) =>
      j.onRef("c.owner_id", "=", "a.id").on("c.owner_type", "=", "application").on("c.kind", "=", "reply"),
    )
    .select((eb) => [
      "a.org_id",
      eb.fn
        .sum<number>(
          eb
            .case()
            .when(eb.between("a.received_on", from, to))
            .then(1)
            .else(0)
            .end(),
        )
        .as("received"),
      eb.fn
        .sum<number>(
          eb
            .case()
            .when(
              eb.and([
                eb("a.status", "not in", ["replied", "merged"]),
                eb("c.due_on", "is not", null),
                eb("c.due_on", "<", today),
              ]),
            )
            .then(1)
            .else(0)
            .end(),
        )
        .as("overdue_open"),
      eb.fn
        .sum<number>(
          eb
            .case()
            .when(eb.between("a.replied_on", from, to))
            .then(1)
            .else(0)
            .end(),
        )
        .as("replied"),
      eb.fn
        .sum<number>(
          eb
            .case()
            .when(
              eb.and([
                eb.between("a.replied_on", from, to),
                eb("c.due_on", "is not", null),
                eb("a.replied_on", ">", eb.ref("c.due_on")),
              ]),
            )
            .then(1)
            .else(0)
            .end(),
        )
        .as("replied_late"),
    ])
    .where("a.site_id", "=", siteId)
    .where("a.org_id", "in", orgIds)
    .groupBy("a.org_id")
    .execute();
  return rows.map((r) => ({
    org_id: r.org_id as string,
    received: n(r.received),
    overdue_open: n(r.overdue_open),
    replied: n(r.replied),
    replied_late: n(r.replied_late),
  }));
}

/** Per organisation: items published in the year, and those published later than Art. 26 allows (`late`). */
export async function countItemsByOrg(
  db: Executor,
  siteId: string,
  orgIds: string[],
  year: number,
): Promise<ItemCounts[]> {
  if (orgIds.length === 0) return [];
  const rows = await db
    .selectFrom("items")
    .select((eb) => [
      "org_id",
      eb.fn.countAll<number>().as("published"),
      eb.fn.sum<number>(eb.case().when("late", "=", 1).then(1).else(0).end()).as("late"),
    ])
    .where("site_id", "=", siteId)
    .where("org_id", "in", orgIds)
    .where("published_on", ">=", `${year}-01-01`)
    .where("published_on", "<=", `${year}-12-31`)
    .where("status", "in", ["published", "withdrawn", "superseded"])
    .groupBy("org_id")
    .execute();
  return rows.map((r) => ({ org_id: r.org_id, published: n(r.published), late: n(r.late) }));
}
