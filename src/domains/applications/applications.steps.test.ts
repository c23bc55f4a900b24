import { describe, expect, it } from "vitest";
import { availableActions, refusals } from "../../platform/workflow/state-machine";
import { ApplicationActionBody } from "./applications.schemas";
import {
  APPLICATION_STEP_FORMS,
  APPLICATION_STEPS,
  type ApplicationStepContext,
  MAX_EXTENSION,
} from "./applications.steps";

const ctx = (over: Partial<ApplicationStepContext>): ApplicationStepContext => ({
  status: "handling",
  correctionUsed: false,
  extendedDays: 0,
  reasonsRequested: false,
  delivered: false,
  ...over,
});
const offered = (c: ApplicationStepContext) => availableActions(APPLICATION_STEPS, c.status, c);

describe("application steps table", () => {
  it("offers, per state, the steps the workflow accepts, in the detail page's order", () => {
    expect(offered(ctx({ status: "submitted" }))).toEqual(["register", "assign", "merge"]);
    expect(offered(ctx({}))).toEqual([
      "request_correction",
      "start_consultation",
      "extend",
      "fee_notice",
      "request_reasons",
      "reply",
      "assign",
      "merge",
    ]);
    expect(offered(ctx({ status: "correction" }))).toEqual([
      "receive_correction",
      "reply",
      "assign",
      "merge",
    ]);
    // Art. 32: no reply while a third party is being consulted.
    expect(offered(ctx({ status: "consulting" }))).toEqual(["end_consultation", "extend", "assign", "merge"]);
    expect(offered(ctx({ status: "fee_pending" }))).toEqual(["fee_paid", "reply", "assign", "merge"]);
    expect(offered(ctx({ status: "replied" }))).toEqual(["record_delivery"]);
    expect(offered(ctx({ status: "merged" }))).toEqual([]);
  });

  it("applies the statutory limits as guards: one correction, 20 extension days, Art. 35 order, one delivery", () => {
    const h = offered(ctx({ correctionUsed: true, extendedDays: MAX_EXTENSION, reasonsRequested: true }));
    expect(h).not.toContain("request_correction");
    expect(h).not.toContain("extend");
    expect(h).toContain("set_period");
    expect(offered(ctx({ extendedDays: MAX_EXTENSION - 1 }))).toContain("extend");
    expect(offered(ctx({ status: "replied", delivered: true }))).toEqual([]);
    expect(refusals(APPLICATION_STEPS, "extend", ctx({ extendedDays: 20 }))).toEqual([
      {
        field: "days",
        code: "extension_too_long",
        message: "延长期限最长不得超过20个工作日（已延长 20 个）。",
      },
    ]);
  });

  it("names who takes every step (the applications policy's handle)", () => {
    for (const step of Object.values(APPLICATION_STEPS)) expect(step.who).toBe("handle");
  });

  it("describes one form per step, whose fields are the step input's and whose limits follow the table", () => {
    expect(Object.keys(APPLICATION_STEP_FORMS)).toEqual(Object.keys(APPLICATION_STEPS));
    const inputFields = Object.keys(ApplicationActionBody.properties);
    for (const form of Object.values(APPLICATION_STEP_FORMS))
      for (const f of form.fields) expect(inputFields).toContain(f.name);
    const days = APPLICATION_STEP_FORMS.extend.fields.find((f) => f.name === "days")!;
    expect(days.max?.(ctx({ extendedDays: 5 }))).toBe(MAX_EXTENSION - 5);
    // The API refuses more than the statute allows in one call, too.
    expect(ApplicationActionBody.properties.days.maximum).toBe(MAX_EXTENSION);
  });
});
