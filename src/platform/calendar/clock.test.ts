import { describe, expect, it } from "vitest";
import { WorkingDayCalendar } from "./calendar";
import { ClockError, computeClock } from "./clock";

const cal = new WorkingDayCalendar();

describe("statutory clock", () => {
  it("explains a plain 20-working-day reply period across National Day 2024", () => {
    const r = computeClock(cal, {
      limit: 20,
      asOf: "2024-10-08",
      events: [{ type: "start", on: "2024-09-27" }],
    });
    expect(r.explanation).toBe(
      "2024-09-27 收到申请；+20个工作日（国庆节 10月1日至7日 休息，9月29日、10月12日 上班）→ 2024-10-30",
    );
    // Used: 9/29, 9/30, 10/8 = 3; left: 17.
    expect(r).toMatchObject({
      dueOn: "2024-10-30",
      usedWorkingDays: 3,
      remainingWorkingDays: 17,
      overdue: false,
    });
  });

  it("correction restart, 15-working-day consultation and 20-day extension, as a clerk computes by hand", () => {
    // By hand, with the 2024 and 2025 notices (元旦 2025-01-01 off; 春节 1/28-2/4 off, 1/26 Sun and
    // 2/8 Sat working):
    // 2024-12-16 received: 12/17-20 (4), 12/23-27 (9), 12/30-31 (11), 1/1 off, 1/2-3 (13), 1/6-10 (18),
    //   1/13-14 (20) -> 2025-01-14.
    // 2024-12-20 corrected application: count restarts: 12/23-27 (5), 12/30-31 (7), 1/2-3 (9), 1/6-10 (14),
    //   1/13-17 (19), 1/20 (20) -> 2025-01-20.
    // 2025-01-06 consultation starts; the third party has 15 working days: 1/7-10 (4), 1/13-17 (9),
    //   1/20-24 (14), 1/26 Sunday make-up day (15) -> it answers on 2025-01-26.
    //   Pause (1/6, 1/26] = 15 working days; due 1/20 + 15: 1/21-24 (4), 1/26 (5), 1/27 (6), 1/28-2/4 off,
    //   2/5-7 (9), 2/8 Sat (10), 2/10-14 (15) -> 2025-02-14.
    // 2025-02-10 extension +20 from 2/14: 2/17-21 (5), 2/24-28 (10), 3/3-7 (15), 3/10-14 (20) -> 2025-03-14.
    // As of 2025-02-20: counted since 12/20 = 39 working days, minus 15 paused = 24 used;
    //   left 2/21 (1), 2/24-28 (6), 3/3-7 (11), 3/10-14 (16) = 16 (24 + 16 = 20 + 20).
    const r = computeClock(cal, {
      limit: 20,
      asOf: "2025-02-20",
      events: [
        { type: "start", on: "2024-12-16" },
        { type: "restart", on: "2024-12-20", reason: "收到补正材料" },
        { type: "pause", on: "2025-01-06", reason: "征求第三方意见" },
        { type: "resume", on: "2025-01-26", reason: "第三方答复" },
        { type: "extend", on: "2025-02-10", days: 20, reason: "经政府信息公开工作机构负责人同意" },
      ],
    });
    expect(r.explanation).toBe(
      [
        "2024-12-16 收到申请；+20个工作日（元旦 1月1日 休息）→ 2025-01-14",
        "2024-12-20 收到补正材料，重新计算：+20个工作日（元旦 1月1日 休息）→ 2025-01-20",
        "2025-01-06 征求第三方意见，暂停计时",
        "2025-01-26 第三方答复，恢复计时：暂停期间 15个工作日 不计入，顺延（春节 1月28日至2月4日 休息，1月26日、2月8日 上班）→ 2025-02-14",
        "2025-02-10 经政府信息公开工作机构负责人同意，延长答复期限 +20个工作日 → 2025-03-14",
      ].join("\n"),
    );
    expect(r).toMatchObject({
      dueOn: "2025-03-14",
      usedWorkingDays: 24,
      remainingWorkingDays: 16,
      overdue: false,
      paused: false,
      stopped: false,
      extendedWorkingDays: 20,
      pausedWorkingDays: 15,
    });
    expect(r.steps.map((s) => [s.kind, s.dueOn])).toEqual([
      ["start", "2025-01-14"],
      ["restart", "2025-01-20"],
      ["pause", "2025-01-20"],
      ["resume", "2025-02-14"],
      ["extend", "2025-03-14"],
    ]);
  });

  it("an open pause projects the due date as if the clock resumed on asOf", () => {
    const events = [
      { type: "start", on: "2024-09-27" },
      { type: "pause", on: "2024-10-08", reason: "等待缴纳信息处理费" },
    ] as const;
    // Paused (10/8, 10/10] = 2 working days: 10/30 -> 11/1.
    const r = computeClock(cal, { limit: 20, asOf: "2024-10-10", events: [...events] });
    expect(r).toMatchObject({
      paused: true,
      pausedSince: "2024-10-08",
      dueOn: "2024-11-01",
      usedWorkingDays: 3,
    });
    expect(r.remainingWorkingDays).toBe(17);
    expect(r.explanation.split("\n").at(-1)).toBe(
      "（截至 2024-10-10 仍在暂停计时；如当日恢复，答复期限为 2024-11-01）",
    );
    // Read on the pause day itself: nothing moves yet.
    expect(computeClock(cal, { limit: 20, asOf: "2024-10-08", events: [...events] }).dueOn).toBe(
      "2024-10-30",
    );
  });

  it("a restart discards earlier extensions and pauses", () => {
    const r = computeClock(cal, {
      limit: 20,
      asOf: "2024-10-09",
      events: [
        { type: "start", on: "2024-09-20" },
        { type: "extend", on: "2024-09-23", days: 20 },
        { type: "pause", on: "2024-09-24", reason: "征求第三方意见" },
        { type: "restart", on: "2024-09-27" },
      ],
    });
    // Used since 9/27: 9/29, 9/30, 10/8, 10/9 = 4 (the days before the restart no longer count).
    expect(r).toMatchObject({
      dueOn: "2024-10-30",
      paused: false,
      extendedWorkingDays: 0,
      usedWorkingDays: 4,
    });
  });

  it("a stop freezes the clock and records lateness; stopping while paused ends the pause", () => {
    const late = computeClock(cal, {
      limit: 20,
      asOf: "2025-01-01",
      events: [
        { type: "start", on: "2024-09-27" },
        { type: "stop", on: "2024-10-31", reason: "作出答复" },
      ],
    });
    expect(late).toMatchObject({
      stopped: true,
      stoppedOn: "2024-10-31",
      overdue: true,
      usedWorkingDays: 21,
    });
    expect(late.steps[1]!.text).toBe("2024-10-31 作出答复，停止计时，已超过答复期限 2024-10-30");

    const paused = computeClock(cal, {
      limit: 20,
      asOf: "2025-01-01",
      events: [
        { type: "start", on: "2024-09-27" },
        { type: "pause", on: "2024-10-28", reason: "征求第三方意见" },
        { type: "stop", on: "2024-11-01" },
      ],
    });
    // (10/28, 11/1] = 4 working days: 10/30 -> 11/5; (9/27, 11/1] holds 22 working days, 22 - 4 = 18 used.
    expect(paused).toMatchObject({ paused: false, overdue: false, dueOn: "2024-11-05", usedWorkingDays: 18 });
    expect(paused.steps[2]!.text).toBe(
      "2024-11-01 作出答复，停止计时（结束暂停：暂停期间 4个工作日 不计入 → 2024-11-05）",
    );
  });

  it("sorts events by date, keeping the given order on the same date", () => {
    const r = computeClock(cal, {
      limit: 20,
      asOf: "2024-10-08",
      events: [
        { type: "pause", on: "2024-10-08", reason: "征求意见" },
        { type: "resume", on: "2024-10-08" },
        { type: "start", on: "2024-09-27" },
      ],
    });
    expect(r.steps.map((s) => s.kind)).toEqual(["start", "pause", "resume"]);
    expect(r.steps[2]!.text).toBe("2024-10-08 恢复计时：暂停期间 0个工作日 不计入 → 2024-10-30");
  });

  it("refuses impossible histories with stable codes", () => {
    const run = (events: Parameters<typeof computeClock>[1]["events"]) => {
      try {
        computeClock(cal, { limit: 20, asOf: "2024-12-31", events });
        return "ok";
      } catch (e) {
        expect(e).toBeInstanceOf(ClockError);
        return (e as ClockError).code;
      }
    };
    expect(run([])).toBe("clock_not_started");
    expect(run([{ type: "pause", on: "2024-10-08", reason: "x" }])).toBe("clock_not_started");
    expect(
      run([
        { type: "start", on: "2024-09-27" },
        { type: "resume", on: "2024-10-08" },
      ]),
    ).toBe("clock_not_paused");
    expect(
      run([
        { type: "start", on: "2024-09-27" },
        { type: "stop", on: "2024-10-08" },
        { type: "extend", on: "2024-10-09", days: 5 },
      ]),
    ).toBe("clock_after_stop");
    expect(
      run([
        { type: "start", on: "2024-09-27" },
        { type: "start", on: "2024-09-28" },
      ]),
    ).toBe("clock_duplicate_start");
    expect(
      run([
        { type: "start", on: "2024-09-27" },
        { type: "extend", on: "2024-10-09", days: 0 },
      ]),
    ).toBe("clock_invalid_days");
  });
});
