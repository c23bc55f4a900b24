// The one place that answers "may this user do this to that". Roles are scoped to the user's
// organisation: `own` means the user's organisation only, `subtree` it and everything beneath it.
// Domains add their actions to ACTIONS as they land; nothing else decides permissions.

export const ROLES = [
  "clerk",
  "reviewer",
  "signer",
  "office",
  "inspector",
  "admin",
  "hotline",
  "documents",
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  clerk: "信息员",
  reviewer: "保密审查员",
  signer: "审签领导",
  office: "政务公开办",
  inspector: "督查室",
  admin: "系统管理员",
  hotline: "12345热线对接",
  documents: "公文系统对接",
};

/** Integration accounts: API token only (no back-office sign-in), never combined with a staff role. */
export const TOKEN_ONLY_ROLES: readonly Role[] = ["hotline", "documents"];

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
  // The portal's UI strings of the site (issue 18): the office and the administrators at the site root.
  "translation.manage": { office: "subtree", admin: "subtree" },
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
  // The 12345 hotline's integration account pushes tickets and the callers' satisfaction (hotline.policy.ts);
  // the office keeps the county's register of hotline numbers.
  "hotline.push": { hotline: "subtree" },
  "hotline.numbers": { office: "subtree" },
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
  // Government meetings (政府会议): the organising organisation's clerk or the office prepares, announces and
  // minutes them; the office decides on applications to attend (列席).
  "meeting.manage": { clerk: "own", office: "subtree" },
  "meeting.decide": { office: "subtree" },
  "meeting.view": {
    clerk: "own",
    reviewer: "subtree",
    signer: "subtree",
    office: "subtree",
    inspector: "subtree",
  },
  // Government services (政务服务): the implementing department's clerk or the office proposes items, their
  // changes and cancellations and keeps materials; a reviewer (never the proposer) approves them.
  "service.manage": { clerk: "own", office: "subtree" },
  "service.review": { reviewer: "subtree", office: "subtree" },
  "service.view": {
    clerk: "own",
    reviewer: "subtree",
    signer: "subtree",
    office: "subtree",
    inspector: "subtree",
  },
  // The annual report (年度报告): a department's staff read their own organisation's tables; the office,
  // the inspectors and the administrators every organisation beneath them. The office (and a department's
  // clerk for its own organisation) enters the table 二 figures gongkai does not hold.
  "report.view": {
    clerk: "own",
    reviewer: "own",
    signer: "own",
    office: "subtree",
    inspector: "subtree",
    admin: "subtree",
  },
  "report.figures": { clerk: "own", office: "subtree" },
  // Site health (网站健康检查, 国办秘函〔2019〕19号): the office, the inspectors and the administrators at the
  // site root read the predicted verdict and its history; the office at the root is alerted.
  "health.view": { office: "subtree", inspector: "subtree", admin: "subtree" },
  // Dashboards (统计图表, issue 14 item 4): the office, inspectors and administrators see the figures of every
  // organisation beneath them (the site-wide ones at the root); a department's clerk only their own
  // organisation's. The inspection office's dashboard (督查) is for the office and the inspectors.
  "dashboards.view": { clerk: "own", office: "subtree", inspector: "subtree", admin: "subtree" },
  "dashboards.inspect": { office: "subtree", inspector: "subtree" },
  // The normative-document ledger (规范性文件台账, RULES §12): the drafting department's clerk or the office
  // registers a document with its legality review, collective decision, filing and links; the office at the
  // site root runs clean-ups (清理) and sets the ledger's rules. The county's staff read the ledger.
  "normative.record": { clerk: "own", office: "subtree" },
  "normative.cleanup": { office: "subtree" },
  "normative.view": {
    clerk: "own",
    reviewer: "subtree",
    signer: "subtree",
    office: "subtree",
    inspector: "subtree",
  },
  // The document-management system's integration account (公文管理系统, token only) pushes signed documents
  // into drafts of its own site (normative.import.ts); it reads or changes nothing else.
  "document.import": { documents: "subtree" },
  // Public opinion (舆情回应, RULES §8): the office runs warnings and cases; the first responsible unit's clerk
  // records its own case's follow-ups and drafts the response; the inspectors read and hold to account.
  "opinion.manage": { office: "subtree" },
  "opinion.handle": { clerk: "own", office: "subtree" },
  "opinion.view": { clerk: "own", office: "subtree", inspector: "subtree" },
  // Government new media (政务新媒体, RULES §9): the owner's clerk keeps its accounts and drafts posts; the
  // office files, reviews before release (先审后发) and decides closures and mergers.
  "newmedia.manage": { clerk: "own", office: "subtree" },
  "newmedia.review": { reviewer: "subtree", office: "subtree" },
  "newmedia.view": { clerk: "own", reviewer: "subtree", office: "subtree", inspector: "subtree" },
  // 12345 supervision (督办, RULES §10): the office and the inspectors issue and close supervision notices.
  "supervision.manage": { office: "subtree", inspector: "subtree" },
  "supervision.view": { clerk: "own", office: "subtree", inspector: "subtree" },
  // Assessment (考核, issue 14 item 2): the office at the site root configures indicators, runs and finalises the
  // assessment; the inspectors and the administrators read it. The inspectors (督查室) record accountability
  // (通报批评, 约谈整改) and its rectification; the office reads the records (assessment.policy.ts).
  "assessment.view": { office: "subtree", inspector: "subtree", admin: "subtree" },
  "assessment.manage": { office: "subtree" },
  "accountability.view": { office: "subtree", inspector: "subtree" },
  "accountability.record": { inspector: "subtree" },
  // The gazette (政府公报): the office at the site root compiles and releases issues; a signer or a second office
  // member reviews them (four eyes); the county's reviewers and inspectors read them in the back office.
  "gazette.compile": { office: "subtree" },
  "gazette.review": { signer: "subtree", office: "subtree" },
  "gazette.view": { reviewer: "subtree", signer: "subtree", office: "subtree", inspector: "subtree" },
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

/**
 * The organisations of the subject's site where it may do any of `actions`: the scope of a staff list
 * (messages, meetings, consultations, the audit log), computed once per request from the tree.
 */
export function orgIdsWhereCan(
  subject: PolicySubject & { siteId: string },
  actions: readonly Action[],
  tree: TreeLike & { flatten(siteId?: string): Array<{ org: { id: string } }> },
): string[] {
  return tree
    .flatten(subject.siteId)
    .map(({ org }) => org.id)
    .filter((id) => actions.some((a) => can(subject, a, id, tree)));
}

/** May `subject` do `action` anywhere at all (to show a menu entry or a queue)? */
export function canAny(subject: PolicySubject, action: Action): boolean {
  return scopesFor(subject, action).length > 0;
}

export const isRole = (r: string): r is Role => (ROLES as readonly string[]).includes(r);
