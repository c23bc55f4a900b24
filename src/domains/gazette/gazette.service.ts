// Use cases of the gazette (政府公报): the office compiles an issue from published 规章 and 规范性文件 of the
// county government and its departments (documents, order, table-of-contents categories), takes it through
// submit → review → release (gazette.release.ts numbers it and writes the authoritative PDF), and reads issues
// for staff. Corrections are in gazette.corrections.ts, back issues in gazette.import.ts.
import type { Deps, Executor } from "../../deps";
import { AppError, Problems } from "../../platform/errors";
import { newId } from "../../platform/ids";
import type { PageRequest } from "../../platform/paging";
import { shanghaiDateOf } from "../../platform/time";
import { lockedStep } from "../../platform/workflow/locked-step";
import { assertAllowed, availableActions } from "../../platform/workflow/state-machine";
import { charCount, tooLongMessage } from "../../web/form-limits";
import { invalidatePublicPages } from "../../web/page-cache";
import { actorOf, type CurrentUser } from "../accounts";
import { recordAudit } from "../audit";
import { loadOrgTree, type OrgTree } from "../orgs";
import { checkEntries, type EntryInput, MAX_NOTE, rootOrgOf } from "./gazette.entries";
import {
  authoriseCompile,
  authoriseIssue,
  issueNotFound,
  mayActOnIssue,
  mayViewIssue,
} from "./gazette.policy";
import { releaseInStep } from "./gazette.release";
import * as repo from "./gazette.repo";
import { STATUS_LABELS, STEP_AUDIT, STEPS, type StepAction } from "./gazette.steps";

export {
  defaultCategory,
  type EntryInput,
  GAZETTE_KINDS,
  gazetteOrgIds,
  listCandidates,
  rootOrgOf,
} from "./gazette.entries";

export const todayOf = (deps: Pick<Deps, "clock">) => shanghaiDateOf(deps.clock.now());

export interface IssueInput {
  year?: number;
  note?: string | null;
  entries?: EntryInput[];
}

function checkYear(p: Problems, year: unknown): number {
  if (!Number.isInteger(year) || (year as number) < 1990 || (year as number) > 2100) {
    p.add("year", "invalid_year", "年份应为 1990 至 2100 之间的整数。");
    return 0;
  }
  return year as number;
}

function checkNote(p: Problems, note: string | null | undefined): string | null {
  const v = (note ?? "").trim();
  const n = charCount(v);
  if (n > MAX_NOTE) p.add("note", "too_long", tooLongMessage("编辑说明", MAX_NOTE, n));
  return v || null;
}

/** Starts an issue as a draft of the office at the site root, with its documents if given. */
export async function createIssue(deps: Deps, user: CurrentUser, input: IssueInput): Promise<repo.IssueRow> {
  const tree = await loadOrgTree(deps, user.siteId);
  const root = rootOrgOf(tree, user.siteId);
  authoriseCompile(user, root.id, tree);
  const now = deps.clock.now().toISOString();
  const id = newId();
  return deps.db.kysely.transaction().execute(async (trx) => {
    const p = new Problems();
    const year = checkYear(p, input.year ?? Number(todayOf(deps).slice(0, 4)));
    const note = checkNote(p, input.note);
    const entries = await checkEntries(trx, user.siteId, id, tree, input.entries ?? [], p);
    p.throwIfAny("公报未保存，请按提示修改。");
    const row: repo.IssueRow = {
      id,
      site_id: user.siteId,
      org_id: root.id,
      source: "compiled",
      status: "draft",
      year,
      number: null,
      total_number: null,
      published_on: null,
      note,
      file_sha256: null,
      file_size: null,
      file_type: null,
      file_name: null,
      body_text: null,
      created_by: user.id,
      submitted_by: null,
      reviewed_by: null,
      released_by: null,
      submitted_at: null,
      reviewed_at: null,
      released_at: null,
      created_at: now,
      updated_at: now,
    };
    await repo.insertIssue(trx, row);
    await repo.insertEntries(trx, entries);
    await recordAudit(trx, deps.clock, actorOf(user), {
      action: "gazette.create",
      entityType: "gazette_issue",
      entityId: id,
      orgId: root.id,
      summary: { year, documents: entries.length },
    });
    return row;
  });
}

/** Replaces a draft's documents (their order and categories), year and note: locked, checked as a whole. */
export async function updateIssue(
  deps: Deps,
  user: CurrentUser,
  id: string,
  input: IssueInput,
): Promise<repo.IssueRow> {
  const tree = await loadOrgTree(deps, user.siteId);
  const now = deps.clock.now().toISOString();
  const result = await lockedStep(deps.db.kysely, {
    load: (trx) => repo.lockIssue(trx, deps.db.dialect, id),
    missing: issueNotFound,
    check: async (trx, row) => {
      authoriseIssue(user, "gazette.compile", row, tree);
      if (row.status !== "draft")
        throw new AppError(
          "issue_locked",
          409,
          `本期公报当前状态为“${STATUS_LABELS[row.status]}”，只有编辑中的公报可以修改。`,
        );
      const p = new Problems();
      const year = input.year === undefined ? row.year : checkYear(p, input.year);
      const note = input.note === undefined ? row.note : checkNote(p, input.note);
      const current = await repo.listEntries(trx, [row.id]);
      const entries =
        input.entries === undefined
          ? current
          : await checkEntries(trx, row.site_id, row.id, tree, input.entries, p);
      p.throwIfAny("公报未保存，请按提示修改。");
      return { year, note, entries, replace: input.entries !== undefined };
    },
    write: async (trx, row, plan) => {
      if (plan.replace) {
        await repo.deleteEntries(trx, row.id);
        await repo.insertEntries(trx, plan.entries);
      }
      await repo.updateIssue(trx, row.id, { year: plan.year, note: plan.note, updated_at: now });
      await recordAudit(trx, deps.clock, actorOf(user), {
        action: "gazette.update",
        entityType: "gazette_issue",
        entityId: row.id,
        orgId: row.org_id,
        summary: { year: plan.year, documents: plan.entries.length },
      });
      return { ...row, year: plan.year, note: plan.note, updated_at: now };
    },
  });
  return result;
}

/** Loads an issue the user may see (404 otherwise), with its documents and the site's organisation tree. */
export async function loadForStaff(deps: Deps, user: CurrentUser, id: string) {
  const tree = await loadOrgTree(deps, user.siteId);
  const row = await repo.findIssue(deps.db.kysely, id);
  if (!row || !mayViewIssue(user, row, tree)) throw issueNotFound();
  const entries = await repo.listEntries(deps.db.kysely, [row.id]);
  return { row, entries, tree };
}

async function assertMayList(deps: Deps, user: CurrentUser) {
  const tree = await loadOrgTree(deps, user.siteId);
  const root = rootOrgOf(tree, user.siteId);
  if (!mayViewIssue(user, { site_id: user.siteId, org_id: root.id }, tree))
    throw new AppError("role_not_allowed", 403, "您的角色不能查看政府公报。");
}

/** The back office's list: a page by number or cursor (src/platform/paging.ts) and the capped total. */
export async function pageForStaff(deps: Deps, user: CurrentUser, req: PageRequest) {
  await assertMayList(deps, user);
  const [found, total] = await Promise.all([
    repo.pageIssues(deps.db.kysely, { siteId: user.siteId }, req),
    repo.countIssuesCapped(deps.db.kysely, { siteId: user.siteId }),
  ]);
  return { found, total };
}

export async function listForStaff(deps: Deps, user: CurrentUser, page: number, perPage = 20) {
  await assertMayList(deps, user);
  return repo.listIssues(
    deps.db.kysely,
    { siteId: user.siteId },
    { limit: perPage, offset: (page - 1) * perPage },
  );
}

/** The steps the user may take now, in table order, their guards holding (the back office and the API offer
 * these: the submitter is not offered the review). */
export function offeredSteps(
  user: CurrentUser,
  row: repo.IssueRow,
  tree: OrgTree,
  entries: number,
): StepAction[] {
  return availableActions(STEPS, row.status, { row, entries, userId: user.id }, (who) =>
    mayActOnIssue(user, who, row, tree),
  );
}

/**
 * One workflow step: load and lock the issue, check the table (documents, four eyes) and, to release, that
 * every document is still published; write, audit, and at release number the issue, store its PDF and index
 * it — one transaction.
 */
export async function performStep(
  deps: Deps,
  user: CurrentUser,
  id: string,
  input: { action: string },
): Promise<repo.IssueRow> {
  const action = input.action as StepAction;
  if (!Object.hasOwn(STEPS, action))
    throw new AppError("validation_failed", 400, "请选择要办理的事项。", [
      { field: "action", code: "invalid_action", message: "请选择要办理的事项。" },
    ]);
  const tree = await loadOrgTree(deps, user.siteId);
  const now = deps.clock.now().toISOString();
  const today = todayOf(deps);
  const result = await lockedStep(deps.db.kysely, {
    load: (trx) => repo.lockIssue(trx, deps.db.dialect, id),
    missing: issueNotFound,
    check: async (trx, row) => {
      authoriseIssue(user, STEPS[action].who, row, tree);
      const entries = await repo.listEntries(trx, [row.id]);
      assertAllowed(
        STEPS,
        action,
        row.status,
        { row, entries: entries.length, userId: user.id },
        { subject: "本期公报", stateLabel: (s) => STATUS_LABELS[s] },
      );
      if (action !== "release") return { entries };
      // The documents as they are now: each still published (a withdrawn one cannot be printed).
      const p = new Problems();
      const fresh = await checkEntries(
        trx,
        row.site_id,
        row.id,
        tree,
        entries.map((e) => ({ item_id: e.item_id ?? "", category: e.category })),
        p,
      );
      if (!p.empty) throw new AppError("step_refused", 409, `不能发布：${p.list[0]!.message}`, p.list);
      return { entries: fresh.map((f, i) => ({ ...f, id: entries[i]!.id })) };
    },
    write: async (trx, row, plan) => {
      const to = STEPS[action].to ?? row.status;
      if (action === "release") return releaseInStep(deps, trx, user, row, plan.entries, { now, today });
      const set: Parameters<typeof repo.updateIssue>[2] = { status: to, updated_at: now };
      if (action === "submit") Object.assign(set, { submitted_by: user.id, submitted_at: now });
      if (action === "review") Object.assign(set, { reviewed_by: user.id, reviewed_at: now });
      if (action === "return")
        Object.assign(set, { submitted_by: null, submitted_at: null, reviewed_by: null, reviewed_at: null });
      await repo.updateIssue(trx, row.id, set);
      await recordAudit(trx, deps.clock, actorOf(user), {
        action: STEP_AUDIT[action],
        entityType: "gazette_issue",
        entityId: row.id,
        orgId: row.org_id,
        summary: { from: STATUS_LABELS[row.status], to: STATUS_LABELS[to] },
      });
      return { ...row, ...set } as repo.IssueRow;
    },
  });
  invalidatePublicPages(deps);
  return result;
}

/** A released issue of the site, or undefined (a draft, another site's). */
export async function findPublicIssue(db: Executor, siteId: string, id: string) {
  const row = await repo.findIssue(db, id);
  if (!row || row.site_id !== siteId || row.status !== "released") return undefined;
  return row;
}
