// The one place that answers "may this user do this to that". Roles are scoped to the user's
// organisation: `own` means the user's organisation only, `subtree` it and everything beneath it.
// Domains add their actions to ACTIONS as they land; nothing else decides permissions.

export const ROLES = ["clerk", "reviewer", "signer", "office", "inspector", "admin"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  clerk: "信息员",
  reviewer: "保密审查员",
  signer: "审签领导",
  office: "政务公开办",
  inspector: "督查室",
  admin: "系统管理员",
};

type Scope = "own" | "subtree";

export const ACTIONS = {
  "dashboard.view": {
    clerk: "own",
    reviewer: "subtree",
    signer: "subtree",
    office: "subtree",
    inspector: "subtree",
    admin: "subtree",
  },
  "org.view": {
    clerk: "subtree",
    reviewer: "subtree",
    signer: "subtree",
    office: "subtree",
    inspector: "subtree",
    admin: "subtree",
  },
  "org.manage": { office: "subtree", admin: "subtree" },
  "user.view": { office: "subtree", admin: "subtree" },
  "user.manage": { admin: "subtree" },
  "site.settings": { admin: "subtree" },
  "audit.view": { office: "subtree", inspector: "subtree", admin: "subtree" },
  "calendar.manage": { office: "subtree", admin: "subtree" },
  "item.draft": { clerk: "own", office: "subtree" },
  "item.review": { reviewer: "subtree", office: "subtree" },
  "item.sign": { signer: "subtree", office: "subtree" },
  "item.view": {
    clerk: "own",
    reviewer: "subtree",
    signer: "subtree",
    office: "subtree",
    inspector: "subtree",
  },
  "application.handle": { office: "subtree" },
  "application.view": { office: "subtree", inspector: "subtree" },
  "timeliness.inspect": { office: "subtree", inspector: "subtree" },
  // Messages (互动交流): the office at the site root manages them; a department's clerk or office handles
  // what was transferred to it (interaction.policy.ts checks the holding organisation).
  "message.manage": { office: "subtree" },
  "message.handle": { clerk: "own", office: "subtree" },
  "message.view": { clerk: "own", office: "subtree", inspector: "subtree" },
  // Public consultation (征求意见): the drafting department's clerk drafts, moderates and reports; the office approves.
  "consultation.draft": { clerk: "own", office: "subtree" },
  "consultation.approve": { office: "subtree" },
  "consultation.view": {
    clerk: "own",
    reviewer: "subtree",
    signer: "subtree",
    office: "subtree",
    inspector: "subtree",
  },
} as const satisfies Record<string, Partial<Record<Role, Scope>>>;

export type Action = keyof typeof ACTIONS;

export interface PolicySubject {
  orgId: string;
  roles: readonly string[];
}

export interface TreeLike {
  isWithin(id: string, ancestorId: string): boolean;
}

/** The scopes a subject's roles give for an action. */
function scopesFor(subject: PolicySubject, action: Action): Scope[] {
  const rule = ACTIONS[action] as Partial<Record<Role, Scope>>;
  return subject.roles.flatMap((r) => (rule[r as Role] ? [rule[r as Role]!] : []));
}

/** May `subject` do `action` to something belonging to `targetOrgId`? */
export function can(subject: PolicySubject, action: Action, targetOrgId: string, tree: TreeLike): boolean {
  for (const scope of scopesFor(subject, action)) {
    if (scope === "own" && targetOrgId === subject.orgId) return true;
    if (scope === "subtree" && tree.isWithin(targetOrgId, subject.orgId)) return true;
  }
  return false;
}

/** May `subject` do `action` anywhere at all (to show a menu entry or a queue)? */
export function canAny(subject: PolicySubject, action: Action): boolean {
  return scopesFor(subject, action).length > 0;
}

export const isRole = (r: string): r is Role => (ROLES as readonly string[]).includes(r);
