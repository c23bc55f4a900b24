import { describe, expect, it } from "vitest";
import { ACTIONS, type Action, can, canAny, ROLES, type Role } from "./accounts.policy";

// A tree: county (c) → department (d) → sub-unit (s); county → town (t). Users sit at c or d.
const parent: Record<string, string | null> = { c: null, d: "c", s: "d", t: "c", other: null };
const tree = {
  isWithin(id: string, anc: string) {
    for (let cur: string | null | undefined = id; cur; cur = parent[cur]) if (cur === anc) return true;
    return false;
  },
};

type Relation = "same" | "descendant" | "ancestor" | "sibling" | "other_site";
// For a user at d: the target org per relation.
const targetFor: Record<Relation, string> = {
  same: "d",
  descendant: "s",
  ancestor: "c",
  sibling: "t",
  other_site: "other",
};

/** Expected answer, written out independently of the ACTIONS table's encoding. */
function expected(role: Role, action: Action, rel: Relation): boolean {
  const scope = (ACTIONS[action] as Partial<Record<Role, "own" | "subtree">>)[role];
  if (!scope) return false;
  if (rel === "same") return true;
  if (rel === "descendant") return scope === "subtree";
  return false;
}

describe("policy matrix: role × organisation relation × action", () => {
  const relations: Relation[] = ["same", "descendant", "ancestor", "sibling", "other_site"];
  for (const action of Object.keys(ACTIONS) as Action[]) {
    for (const role of ROLES) {
      it(`${role} ${action}`, () => {
        const subject = { orgId: "d", roles: [role] };
        const row = relations.map((rel) => can(subject, action, targetFor[rel], tree));
        expect(row).toEqual(relations.map((rel) => expected(role, action, rel)));
      });
    }
  }

  it("lets whoever may draft, review or sign an item also see it (pages check item.view alone)", () => {
    for (const role of ROLES) {
      for (const target of Object.values(targetFor)) {
        const subject = { orgId: "d", roles: [role] };
        for (const action of ["item.draft", "item.review", "item.sign"] as const) {
          if (can(subject, action, target, tree)) expect(can(subject, "item.view", target, tree)).toBe(true);
        }
      }
    }
  });

  it("spells out the key rules of the workflow", () => {
    const clerk = { orgId: "d", roles: ["clerk"] };
    const reviewer = { orgId: "d", roles: ["reviewer"] };
    const office = { orgId: "c", roles: ["office"] };
    expect(can(clerk, "item.draft", "d", tree)).toBe(true);
    expect(can(clerk, "item.draft", "s", tree)).toBe(false); // clerks draft in their own organisation only
    expect(can(clerk, "item.review", "d", tree)).toBe(false);
    expect(can(reviewer, "item.review", "s", tree)).toBe(true);
    expect(can(reviewer, "item.review", "c", tree)).toBe(false); // never upwards
    expect(can(office, "application.handle", "s", tree)).toBe(true); // the office at the county sees all
    expect(can(office, "application.handle", "other", tree)).toBe(false); // but not another site
    expect(can({ orgId: "d", roles: ["clerk", "signer"] }, "item.sign", "s", tree)).toBe(true);
    expect(can({ orgId: "d", roles: ["nobody"] }, "dashboard.view", "d", tree)).toBe(false);
    expect(canAny({ orgId: "d", roles: ["inspector"] }, "audit.view")).toBe(true);
    expect(canAny({ orgId: "d", roles: ["clerk"] }, "audit.view")).toBe(false);
  });
});
