import { describe, expect, it } from "vitest";
import { AppError, Problems } from "../errors";
import { assertAllowed, availableActions, defineMachine, refusals } from "./state-machine";

type State = "open" | "paused" | "closed";
interface Ctx {
  extendedDays: number;
}

// A small machine shaped like a real one: a limit on a repeated step, a step by another role.
const machine = defineMachine<"pause" | "resume" | "extend" | "close", State, "clerk" | "head", Ctx>({
  pause: { from: ["open"], to: "paused", label: "暂停", who: "clerk" },
  resume: { from: ["paused"], to: "open", label: "恢复", who: "clerk" },
  extend: {
    from: ["open", "paused"],
    label: "延期",
    who: "head",
    guards: [
      {
        code: "extension_used_up",
        field: "days",
        holds: (c) => c.extendedDays < 20,
        message: (c) => `已延长 ${c.extendedDays} 天。`,
      },
    ],
  },
  close: { from: ["open"], to: "closed", label: "关闭", who: "head" },
});

describe("state machine", () => {
  it("offers the actions of the state, in table order, whose guards hold", () => {
    expect(availableActions(machine, "open", { extendedDays: 0 })).toEqual(["pause", "extend", "close"]);
    expect(availableActions(machine, "open", { extendedDays: 20 })).toEqual(["pause", "close"]);
    expect(availableActions(machine, "paused", { extendedDays: 3 })).toEqual(["resume", "extend"]);
    expect(availableActions(machine, "closed", { extendedDays: 0 })).toEqual([]);
  });

  it("filters by who through the caller's policy", () => {
    const clerkOnly = (who: "clerk" | "head") => who === "clerk";
    expect(availableActions(machine, "open", { extendedDays: 0 }, clerkOnly)).toEqual(["pause"]);
  });

  it("refuses a wrong state with 409 invalid_transition naming the state", () => {
    let err: unknown;
    try {
      assertAllowed(machine, "resume", "closed", { extendedDays: 0 }, { stateLabel: () => "已关闭" });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).status).toBe(409);
    expect((err as AppError).code).toBe("invalid_transition");
    expect((err as AppError).message).toContain("已关闭");
    expect((err as AppError).message).toContain("恢复");
    // The detail is for people too: labels, never "closed → resume".
    const detail = (err as AppError).details[0]!;
    expect(detail).toMatchObject({ field: "action", code: "invalid_transition" });
    expect(detail.message).toContain("“已关闭”");
    expect(detail.message).not.toMatch(/closed|resume|→/);
  });

  it("throws guard refusals as 409 step_refused, or adds them to the step's problems", () => {
    expect(() => assertAllowed(machine, "extend", "open", { extendedDays: 20 })).toThrowError(
      expect.objectContaining({ code: "step_refused", status: 409 }),
    );
    const p = new Problems();
    const step = assertAllowed(machine, "extend", "open", { extendedDays: 20 }, { problems: p });
    expect(step.label).toBe("延期");
    expect(p.list).toEqual([{ field: "days", code: "extension_used_up", message: "已延长 20 天。" }]);
    expect(refusals(machine, "extend", { extendedDays: 19 })).toEqual([]);
  });

  it("returns the transition when allowed", () => {
    expect(assertAllowed(machine, "close", "open", { extendedDays: 0 }).to).toBe("closed");
  });
});
