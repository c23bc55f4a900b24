import { sql } from "kysely";
import { expect, it } from "vitest";
import { describeEachDialect } from "../../../test/helpers/db";
import { invalidateCalendar, loadCalendar } from "./calendar.loader";

// Found by bench/reliability.ts: on PostgreSQL, `gongkai serve` under 200 clients stopped answering for good.
// Every pool connection was held by a transaction (new messages and applications opening their clocks) waiting
// for the calendar, whose build in flight had been started outside a transaction and waited for a free pool
// connection. A caller must never wait for a build on another connection.
describeEachDialect("the calendar cache under concurrent transactions", (ctx) => {
  it("transactions holding every connection each get the calendar while a build outside them waits", async () => {
    // The pool holds 10 connections on PostgreSQL; SQLite has one.
    const n = ctx.dialect === "postgres" ? 10 : 1;
    invalidateCalendar(ctx.deps);
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    let holding = 0;
    const transactions = Array.from({ length: n }, () =>
      ctx.deps.db.kysely.transaction().execute(async (trx) => {
        await sql`SELECT 1`.execute(trx);
        holding++;
        await gate;
        return (await loadCalendar(ctx.deps, null, trx)).isWorkingDay("2026-12-07");
      }),
    );
    while (holding < n) await new Promise((r) => setTimeout(r, 10));
    // A page asking for the calendar outside any transaction: it needs a connection none of the above gives up.
    const outside = loadCalendar(ctx.deps).then((cal) => cal.isWorkingDay("2026-12-07"));
    await new Promise((r) => setTimeout(r, 50));
    release();
    const all = Promise.all([...transactions, outside]);
    const timeout = new Promise<"deadlock">((r) => setTimeout(() => r("deadlock"), 10_000).unref());
    expect(await Promise.race([all, timeout])).toEqual(Array(n + 1).fill(true));
  }, 30_000);

  it("keeps a calendar once built: a second call within the minute reads nothing", async () => {
    invalidateCalendar(ctx.deps);
    const first = await loadCalendar(ctx.deps);
    expect(await loadCalendar(ctx.deps)).toBe(first);
    invalidateCalendar(ctx.deps);
    expect(await loadCalendar(ctx.deps)).not.toBe(first);
  });
});
