import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ACTIONS as APPLICATION_ACTIONS } from "../applications/applications.schemas";
import type { CatalogChangeKind } from "../catalog/catalog.tables";
import { ACTIONS as ITEM_ACTIONS } from "../publishing/publishing.schemas";
import { actionLabel, chainProblemLabel, describeSummary, hasActionLabel } from "./audit.labels";

const SRC = join(import.meta.dirname, "..", "..");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !name.includes(".test.") ? [path] : [];
  });
}

// What a template action such as `item.${action}` can become; a new template prefix must be listed here.
const CATALOG_CHANGES: Record<CatalogChangeKind, true> = {
  create: true,
  rename: true,
  update: true,
  move: true,
  reorder: true,
  archive: true,
  restore: true,
};
const TEMPLATE_VALUES: Record<string, readonly string[]> = {
  "item.": [...ITEM_ACTIONS, "supersede"],
  "application.": APPLICATION_ACTIONS,
  "catalog.node.": Object.keys(CATALOG_CHANGES),
  "user.": ["unlock", "disable", "enable"],
};

/** Every action code passed to recordAudit in src: string literals and expanded templates. */
function actionsUsedInSrc(): { codes: Map<string, string>; unknownTemplates: string[] } {
  const codes = new Map<string, string>();
  const unknownTemplates: string[] = [];
  for (const file of sourceFiles(SRC)) {
    const text = readFileSync(file, "utf8");
    for (const call of text.matchAll(/recordAudit\(/g)) {
      const after = text.slice(call.index, call.index + 800);
      const m = /\baction:\s*([^\n]+)/.exec(after);
      if (!m) continue;
      const expr = m[1]!;
      for (const lit of expr.matchAll(/"([a-z_.]+)"/g)) codes.set(lit[1]!, file);
      for (const tpl of expr.matchAll(/`([a-z_.]*)\$\{/g)) {
        const values = TEMPLATE_VALUES[tpl[1]!];
        if (!values) unknownTemplates.push(`${file}: ${tpl[0]}`);
        else for (const v of values) codes.set(`${tpl[1]}${v}`, file);
      }
    }
  }
  return { codes, unknownTemplates };
}

describe("audit action labels", () => {
  it("name every action recorded anywhere in src in Chinese", () => {
    const { codes, unknownTemplates } = actionsUsedInSrc();
    expect(unknownTemplates).toEqual([]);
    // The scan itself finds the calls (a broken scan would pass vacuously).
    expect(codes.size).toBeGreaterThan(40);
    expect(codes.has("auth.login")).toBe(true);
    const missing = [...codes].filter(([code]) => !hasActionLabel(code)).map(([c, f]) => `${c} (${f})`);
    expect(missing).toEqual([]);
    for (const code of codes.keys()) expect(actionLabel(code)).toMatch(/^[\u4e00-\u9fff]/);
  });

  it("never show an unknown code", () => {
    expect(actionLabel("auth.login")).toBe("登录");
    expect(actionLabel("something.new")).toBe("其他操作");
    // A broken chain is explained, not named by its code.
    expect(chainProblemLabel("anchor_mismatch")).toContain("数据库可能被回退");
    expect(chainProblemLabel("gap")).not.toContain("gap");
  });
});

describe("audit summaries as 字段：值 lines", () => {
  it("turn a before/after pair into one line per field with Chinese values", () => {
    const lines = describeSummary(
      JSON.stringify({
        before: { status: "submitted" },
        after: { status: "reviewed", late: 0 },
        note: "同意",
      }),
    );
    expect(lines).toEqual([
      { label: "状态", value: "待审查 → 待审签" },
      { label: "超过公开时限", value: "否" },
      { label: "备注", value: "同意" },
    ]);
  });

  it("format times, lists, names and nested values; never raw JSON", () => {
    const lines = describeSummary(
      {
        org_id: "o1",
        locked_until: "2026-12-06T02:00:00.000Z",
        kinds: ["id_card", "mobile"],
        outcome: "withhold.third_party",
        after: { code: "gyx-jyj", name: "固阳县教育局", kind: "department" },
      },
      { orgs: new Map([["o1", "固阳县教育局"]]) },
    );
    expect(lines).toContainEqual({ label: "机构", value: "固阳县教育局" });
    expect(lines).toContainEqual({ label: "锁定至", value: "2026-12-06 10:00" });
    expect(lines).toContainEqual({ label: "类别", value: "身份证号、手机号" });
    expect(lines).toContainEqual({ label: "答复结果", value: "不予公开—保护第三方合法权益" });
    expect(lines).toContainEqual({ label: "类别", value: "部门" });
    for (const l of lines) expect(l.value).not.toMatch(/[{}"]/);
    expect(describeSummary("not json")).toEqual([]);
  });
});
