import { writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { expect, it, vi } from "vitest";
import { cliRunner } from "../../../test/helpers/cli";
import { describeEachDialect, testDialects } from "../../../test/helpers/db";
import { NOTICE_2027 } from "./calendar.fixtures";
import { getClock, openClock } from "./index";

// Each command starts Node and tsx (about a second); leave room on a loaded machine. Commands that do not
// depend on each other's outcome run at the same time.
vi.setConfig({ testTimeout: 60_000 });

const root = resolve(import.meta.dirname, "../../..");
const { dir, gongkai } = cliRunner("cli");

// A fresh file database is an SQLite matter; the PostgreSQL project does not register this test at all.
if (testDialects().includes("sqlite")) {
  it("[sqlite] add-working-days works on a fresh, unmigrated database", async () => {
    const r = await gongkai(
      `sqlite:${join(dir, "fresh.db")}`,
      "calendar",
      "add-working-days",
      "2024-09-27",
      "20",
    );
    expect(r).toMatchObject({ stdout: "2024-10-30\n", code: 0 });
  });
}

describeEachDialect("gongkai calendar (CLI)", (ctx) => {
  it("add-working-days prints the date only; is-working-day prints true or false", async () => {
    const url = ctx.testDb.url;
    const [add, makeUp, holiday] = await Promise.all([
      gongkai(url, "calendar", "add-working-days", "2024-09-27", "20"),
      gongkai(url, "calendar", "is-working-day", "2024-10-12"),
      gongkai(url, "calendar", "is-working-day", "2024-10-01"),
    ]);
    expect(add).toMatchObject({ stdout: "2024-10-30\n", code: 0 });
    expect(makeUp.stdout).toBe("true\n");
    expect(holiday.stdout).toBe("false\n");
  });

  it("a date in a year without a notice, beyond the provisional years, is an error naming the year (exit 2)", async () => {
    const [r, bad] = await Promise.all([
      gongkai(ctx.testDb.url, "calendar", "add-working-days", "2090-06-01", "5"),
      gongkai(ctx.testDb.url, "calendar", "is-working-day", "2024-02-30"),
    ]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("2090年");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("invalid_date");
  });

  it("import-notice prints every problem and exits 2; nothing is stored", async () => {
    const file = join(dir, `bad-${ctx.dialect}.json`);
    writeFileSync(
      file,
      JSON.stringify({
        year: 2027,
        days: [
          { date: "2026-12-31", off: true },
          { date: "2027-02-10", off: false },
          { date: "2027-02-30", off: true },
        ],
      }),
    );
    const r = await gongkai(ctx.testDb.url, "calendar", "import-notice", file);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("date_wrong_year");
    expect(r.stderr).toContain("makeup_not_weekend");
    expect(r.stderr).toContain("date_invalid");
    const n = await ctx.deps.db.kysely
      .selectFrom("calendar_notices")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(0);
  });

  it("import-notice enters a year, recomputes open deadlines and says how many changed", async () => {
    const clock = await ctx.deps.db.kysely.transaction().execute((trx) =>
      openClock(ctx.deps, trx, {
        ownerType: "application",
        ownerId: `cli-${ctx.dialect}`,
        limit: 20,
        events: [{ type: "start", on: "2026-12-20" }],
      }),
    );
    const file = join(dir, `notice-${ctx.dialect}.json`);
    writeFileSync(file, JSON.stringify(NOTICE_2027));
    const r = await gongkai(ctx.testDb.url, "calendar", "import-notice", file);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /^已导入2027年节假日安排（国办发明电〔2026〕99号（测试））：.*1 个期限变更。\n$/,
    );
    expect((await getClock(ctx.deps, clock.id))?.dueOn).toBe("2027-01-18");
    expect((await gongkai(ctx.testDb.url, "calendar", "add-working-days", "2026-12-20", "20")).stdout).toBe(
      "2027-01-18\n",
    );

    const closure = join(dir, `closure-${ctx.dialect}.json`);
    writeFileSync(closure, JSON.stringify({ date: "2027-01-04", reason: "暴雪" }));
    const c = await gongkai(ctx.testDb.url, "calendar", "import-notice", closure);
    expect(c.stdout).toMatch(/^已登记停止办公 2027-01-04（暴雪）.*1 个期限变更。\n$/);
    expect((await getClock(ctx.deps, clock.id))?.dueOn).toBe("2027-01-19");
  });

  it("import-notice also takes the notice as published (its text) and lists what it did not import", async () => {
    const text = join(root, "test/fixtures/notices/2024.txt");
    const bad = join(dir, `bad-prose-${ctx.dialect}.txt`);
    writeFileSync(bad, "国务院办公厅关于2027年部分节假日安排的通知\n一、元旦：1月1日（周六）放假，共2天。");
    const [r, refused] = await Promise.all([
      gongkai(ctx.testDb.url, "calendar", "import-notice", text),
      gongkai(ctx.testDb.url, "calendar", "import-notice", bad),
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^已导入2024年节假日安排（国办发明电〔2023〕7号）：放假 28 天，调休上班 8 天；/);
    expect(r.stderr).toContain("未导入（请核对）：春节：鼓励各单位结合带薪年休假等制度落实");
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("2027-01-01 是周五");
    expect(refused.stderr).toContain("共2天");
  });

  it("recompute gives a clock left without a due date (before provisional dates existed) its provisional date", async () => {
    const c = await ctx.deps.db.kysely.transaction().execute((trx) =>
      openClock(ctx.deps, trx, {
        ownerType: "application",
        ownerId: `cli-blank-${ctx.dialect}`,
        limit: 20,
        events: [{ type: "start", on: "2028-06-01" }],
      }),
    );
    await ctx.deps.db.kysely
      .updateTable("statutory_clocks")
      .set({
        due_on: null,
        provisional: 0,
        problem: "尚未录入2028年的节假日安排（国务院办公厅通知），无法计算工作日",
      })
      .where("id", "=", c.id)
      .execute();
    const r = await gongkai(ctx.testDb.url, "calendar", "recompute");
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^重新计算未结期限 \d+ 个，其中 1 个期限变更。\n$/);
    expect(await getClock(ctx.deps, c.id)).toMatchObject({
      dueOn: c.dueOn,
      provisional: true,
      problem: null,
    });
  });
});
