#!/usr/bin/env node
// CI's dependency audit: `npm audit --omit=dev --audit-level=high`, failing on a high or critical advisory in
// a production dependency. When the registry cannot answer an audit at all (a mirror without the advisories
// endpoint answers 405), that is said loudly and the run goes on: nothing was audited, which is not the same
// as a vulnerability. GONGKAI_AUDIT_REQUIRED=1 makes that case fail too.
import { spawnSync } from "node:child_process";
import { pathToFileURL } from "node:url";

const FAILING = ["high", "critical"];

/** What an `npm audit --json` answer means: ok, vulnerable (with the packages), or unavailable. */
export function judgeAudit(text) {
  let report;
  try {
    report = JSON.parse(text);
  } catch {
    return { verdict: "unavailable", lines: ["npm audit printed no JSON report"] };
  }
  const counts = report?.metadata?.vulnerabilities;
  if (!counts || typeof counts !== "object") {
    const why = report?.statusCode
      ? `the registry answered ${report.statusCode}`
      : report?.error?.summary || report?.message || "no report";
    return { verdict: "unavailable", lines: [`npm audit could not run: ${why}`] };
  }
  const bad = Object.entries(report.vulnerabilities ?? {})
    .filter(([, v]) => FAILING.includes(v?.severity))
    .map(([name, v]) => {
      const titles = (v.via ?? []).filter((x) => typeof x === "object" && x?.title).map((x) => x.title);
      return `${name} (${v.severity}${v.range ? `, ${v.range}` : ""})${titles.length ? `: ${titles.join("; ")}` : ""}`;
    });
  const summary = Object.entries(counts)
    .filter(([k, n]) => k !== "total" && n > 0)
    .map(([k, n]) => `${n} ${k}`)
    .join(", ");
  if (bad.length) return { verdict: "vulnerable", lines: bad };
  return {
    verdict: "ok",
    lines: [`no high or critical advisories in production dependencies${summary ? ` (${summary})` : ""}`],
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const r = spawnSync("npm", ["audit", "--omit=dev", "--audit-level=high", "--json"], { encoding: "utf8" });
  const j = judgeAudit(r.stdout || "");
  if (j.verdict === "vulnerable") {
    console.error("npm audit: high or critical advisories in production dependencies:");
    for (const l of j.lines) console.error(`  - ${l}`);
    process.exit(1);
  }
  if (j.verdict === "unavailable") {
    console.error(`WARNING: ${j.lines[0]}; production dependencies were NOT audited.`);
    process.exit(process.env.GONGKAI_AUDIT_REQUIRED === "1" ? 1 : 0);
  }
  console.log(`npm audit: ${j.lines[0]}`);
}
