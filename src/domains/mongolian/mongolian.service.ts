// Mongolian versions of public content (issue 18 part 1): drafting, the review step, and what the portal
// shows. Each step loads the subject and its revisions with their locks, checks, and writes in one transaction
// (src/platform/workflow/locked-step.ts); the rules of the review are the table in mongolian.workflow.ts.
import type { Deps } from "../../deps";
import { AppError, Problems } from "../../platform/errors";
import { newId } from "../../platform/ids";
import { lockedStep } from "../../platform/workflow/locked-step";
import { assertAllowed } from "../../platform/workflow/state-machine";
import { invalidatePublicPages } from "../../web/page-cache";
import { actorOf, type CurrentUser } from "../accounts";
import { recordAudit } from "../audit";
import { loadOrgTree } from "../orgs";
import { htmlToText, invalidateItemPages, isFourEyesRelaxed, toSafeHtml } from "../publishing";
import { authoriseStep } from "./mongolian.access";
import * as repo from "./mongolian.repo";
import { MN_STATUS_LABELS, type MnActionInput, type SaveMnInput } from "./mongolian.schemas";
import { syncMnInIndex } from "./mongolian.search";
import { findSubject, lockSubject, type MnSubject, subjectMissing } from "./mongolian.subjects";
import type { MnStatus, MnSubjectType } from "./mongolian.tables";
import { MN_WORKFLOW, type MnContext } from "./mongolian.workflow";

const MONGOLIAN_LETTER = /[\u1820-\u1878]/;

export interface MnState {
  subject: MnSubject;
  /** The revision being drafted or reviewed, if any. */
  open?: repo.MnVersionRow;
  approved?: repo.MnVersionRow;
  /** The approved translation follows an earlier Chinese. */
  outdated: boolean;
  revisions: repo.MnVersionRow[];
}

const stateOf = (subject: MnSubject, revisions: repo.MnVersionRow[]): MnState => {
  const open = revisions.find((r) => repo.OPEN_STATUSES.includes(r.status));
  const approved = revisions.find((r) => r.status === "approved");
  return {
    subject,
    open,
    approved,
    outdated: !!approved && approved.source_sha256 !== subject.sourceSha,
    revisions,
  };
};

/** The Mongolian versions of a subject, for its staff (its policy's view action on its organisation). */
export async function getMnState(
  deps: Deps,
  user: CurrentUser,
  type: MnSubjectType,
  id: string,
): Promise<MnState> {
  const subject = await findSubject(deps.db.kysely, type, id);
  if (!subject) throw subjectMissing(type);
  authoriseStep(user, type, "view", subject, await tree(deps, user));
  return stateOf(subject, await repo.revisionsOf(deps.db.kysely, type, subject.subjectId));
}

const tree = (deps: Deps, user: CurrentUser) => loadOrgTree(deps, user.siteId);

/** The input made safe, or every problem with it (400). */
function cleanInput(subject: MnSubject, input: SaveMnInput) {
  const p = new Problems();
  const title = input.title.trim();
  const summary = input.summary?.trim() || null;
  const body = input.body?.trim() ?? "";
  if (!title) p.add("title", "mn_title_required", "请填写蒙古文标题。");
  else if (!MONGOLIAN_LETTER.test(title))
    p.add("title", "mn_not_mongolian", "蒙古文标题须用传统蒙古文（回鹘式蒙古文）书写。");
  if (subject.hasBody) {
    if (!body) p.add("body", "mn_body_required", "请填写蒙古文正文。");
    else if (!MONGOLIAN_LETTER.test(body))
      p.add("body", "mn_not_mongolian", "蒙古文正文须用传统蒙古文（回鹘式蒙古文）书写。");
  } else {
    if (input.body !== undefined) p.add("body", "field_not_used", "目录栏目的蒙古文名称没有正文。");
    if (input.summary !== undefined) p.add("summary", "field_not_used", "目录栏目的蒙古文名称没有摘要。");
  }
  p.throwIfAny();
  const bodyHtml = subject.hasBody ? toSafeHtml(body) : null;
  if (bodyHtml !== null && !htmlToText(bodyHtml).trim())
    throw new AppError("validation_failed", 400, "提交的内容有误，请按提示修改。", [
      {
        field: "body",
        code: "mn_body_required",
        message: "蒙古文正文在去除不允许的格式后为空，请重新填写。",
      },
    ]);
  return { title, summary, bodyHtml, bodyText: bodyHtml === null ? null : htmlToText(bodyHtml) };
}

/**
 * Writes the Mongolian draft of a subject: the open draft is changed, or a new revision is started (the
 * approved one stays public until the new one is approved). A submitted revision is not changed (409).
 */
export async function saveMnDraft(
  deps: Deps,
  user: CurrentUser,
  type: MnSubjectType,
  id: string,
  input: SaveMnInput,
): Promise<MnState> {
  const orgs = await tree(deps, user);
  const now = deps.clock.now().toISOString();
  const subject = await lockedStep(deps.db.kysely, {
    load: async (trx) => {
      const s = await lockSubject(deps, trx, type, id);
      return (
        s && { subject: s, revisions: await repo.lockRevisionsOf(trx, deps.db.dialect, type, s.subjectId) }
      );
    },
    missing: () => subjectMissing(type),
    check: (_trx, { subject: s, revisions }) => {
      authoriseStep(user, type, "draft", s, orgs);
      const open = revisions.find((r) => repo.OPEN_STATUSES.includes(r.status));
      if (open?.status === "submitted")
        throw new AppError(
          "mn_submitted",
          409,
          "蒙古文译文已提交审核，审核期间不能修改；如需修改，请审核人退回。",
          [{ field: "action", code: "mn_submitted", message: "蒙古文译文正在审核中。" }],
        );
      return { open, next: (revisions[0]?.revision ?? 0) + 1, clean: cleanInput(s, input) };
    },
    write: async (trx, { subject: s }, { open, next, clean }) => {
      const source = {
        source_id: s.id,
        source_version: s.sourceVersion,
        source_sha256: s.sourceSha,
      };
      const fields = {
        title: clean.title,
        summary: clean.summary,
        body_html: clean.bodyHtml,
        body_text: clean.bodyText,
        ...source,
        updated_by: user.id,
        updated_at: now,
      };
      let versionId: string;
      if (open) {
        versionId = open.id;
        await repo.updateVersion(trx, open.id, fields);
      } else {
        versionId = newId();
        await repo.insertVersion(trx, {
          id: versionId,
          site_id: s.siteId,
          org_id: s.orgId,
          subject_type: s.type,
          subject_id: s.subjectId,
          revision: next,
          status: "draft",
          last_note: null,
          created_by: user.id,
          submitted_by: null,
          approved_by: null,
          approved_at: null,
          created_at: now,
          ...fields,
        });
      }
      await recordAudit(trx, deps.clock, actorOf(user), {
        action: "mn.save",
        entityType: "mn_version",
        entityId: versionId,
        orgId: s.orgId,
        summary: {
          [s.type]: s.id,
          revision: open?.revision ?? next,
          translates_version: s.sourceVersion,
        },
      });
      return s;
    },
  });
  return stateOf(subject, await repo.revisionsOf(deps.db.kysely, type, subject.subjectId));
}

const AUDIT_ACTIONS = { submit: "mn.submit", approve: "mn.approve", reject: "mn.reject" } as const;

const statusText = (s: string) => MN_STATUS_LABELS[s as MnStatus] ?? s;

/** Moves the open revision one step of its review (submit, approve, reject): load, lock, check, write. */
export async function actOnMn(
  deps: Deps,
  user: CurrentUser,
  type: MnSubjectType,
  id: string,
  input: MnActionInput,
): Promise<MnState> {
  const orgs = await tree(deps, user);
  const now = deps.clock.now().toISOString();
  const step = MN_WORKFLOW[input.action];
  const subject = await lockedStep(deps.db.kysely, {
    load: async (trx) => {
      const s = await lockSubject(deps, trx, type, id);
      return (
        s && { subject: s, revisions: await repo.lockRevisionsOf(trx, deps.db.dialect, type, s.subjectId) }
      );
    },
    missing: () => subjectMissing(type),
    check: async (trx, { subject: s, revisions }) => {
      authoriseStep(user, type, step.who, s, orgs);
      const open = revisions.find((r) => repo.OPEN_STATUSES.includes(r.status));
      if (!open)
        throw new AppError("mn_no_draft", 409, `没有待${step.label}的蒙古文译文：请先起草蒙古文版本。`, [
          { field: "action", code: "mn_no_draft", message: "没有正在办理的蒙古文译文。" },
        ]);
      const note = input.note?.trim() || null;
      if (input.action === "reject" && !note)
        throw new AppError("validation_failed", 400, "提交的内容有误，请按提示修改。", [
          { field: "note", code: "note_required", message: "退回时请写明原因。" },
        ]);
      const ownWork =
        (open.updated_by === user.id || open.submitted_by === user.id) &&
        !(await isFourEyesRelaxed(trx, s.siteId));
      const ctx: MnContext = {
        complete: !!open.title.trim() && (!s.hasBody || !!open.body_text?.trim()),
        ownWork,
        sourceChanged: open.source_sha256 !== s.sourceSha,
      };
      assertAllowed(MN_WORKFLOW, input.action, open.status, ctx, {
        subject: "蒙古文译文",
        stateLabel: statusText,
      });
      return { open, note, previous: revisions.find((r) => r.status === "approved") };
    },
    write: async (trx, { subject: s }, { open, note, previous }) => {
      const to = step.to!;
      const patch: Partial<repo.MnVersionRow> = { status: to, last_note: note, updated_at: now };
      if (input.action === "submit") patch.submitted_by = user.id;
      if (input.action === "reject") patch.submitted_by = null;
      if (input.action === "approve") Object.assign(patch, { approved_by: user.id, approved_at: now });
      await repo.updateVersion(trx, open.id, patch);
      if (input.action === "approve" && previous)
        await repo.updateVersion(trx, previous.id, { status: "superseded", updated_at: now });
      await recordAudit(trx, deps.clock, actorOf(user), {
        action: AUDIT_ACTIONS[input.action],
        entityType: "mn_version",
        entityId: open.id,
        orgId: s.orgId,
        summary: {
          before: { status: open.status },
          after: { status: to },
          [s.type]: s.id,
          revision: open.revision,
          translates_version: open.source_version,
          ...(previous && input.action === "approve" ? { replaced: previous.id } : {}),
          ...(note ? { note } : {}),
        },
      });
      // The site search finds an approved translation at once (mongolian.search.ts).
      if (input.action === "approve") await syncMnInIndex(deps, trx, s.type, [s.subjectId]);
      return s;
    },
  });
  if (subject.item) invalidateItemPages(deps, [subject.item.id]);
  else invalidatePublicPages(deps);
  return stateOf(subject, await repo.revisionsOf(deps.db.kysely, type, subject.subjectId));
}
