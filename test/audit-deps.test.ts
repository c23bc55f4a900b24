import { describe, expect, it } from "vitest";
// @ts-expect-error: a plain ES module script without types
import { judgeAudit } from "../scripts/audit-deps.mjs";

// CI's audit step (.ci/run): a high or critical advisory fails the run; a registry that cannot audit is
// reported as not audited, never as clean.
describe("scripts/audit-deps.mjs", () => {
  const report = (vulnerabilities: Record<string, unknown>, counts: Record<string, number>) =>
    JSON.stringify({ auditReportVersion: 2, vulnerabilities, metadata: { vulnerabilities: counts } });

  it("fails on a high or critical advisory and names the package", () => {
    const j = judgeAudit(
      report(
        {
          fastify: { severity: "high", range: "<5.3.2", via: [{ title: "Content-Type bypass" }] },
          debug: { severity: "low", via: [] },
        },
        { info: 0, low: 1, moderate: 0, high: 1, critical: 0, total: 2 },
      ),
    );
    expect(j).toEqual({ verdict: "vulnerable", lines: ["fastify (high, <5.3.2): Content-Type bypass"] });
  });

  it("passes with only lower severities, saying what there is", () => {
    const j = judgeAudit(
      report({ debug: { severity: "moderate", via: [] } }, { moderate: 1, high: 0, total: 1 }),
    );
    expect(j).toEqual({
      verdict: "ok",
      lines: ["no high or critical advisories in production dependencies (1 moderate)"],
    });
  });

  it("says the audit did not run when the registry refuses it", () => {
    const j = judgeAudit(JSON.stringify({ statusCode: 405, message: "405 Method Not Allowed", error: {} }));
    expect(j).toEqual({
      verdict: "unavailable",
      lines: ["npm audit could not run: the registry answered 405"],
    });
    expect(judgeAudit("").verdict).toBe("unavailable");
  });
});
