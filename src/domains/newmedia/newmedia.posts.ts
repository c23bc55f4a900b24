// Posts drafted in gongkai for an account, reviewed before release (先审后发, 国办发〔2018〕123号): the draft is
// submitted and scanned by the review domain's engine (secrecy markings, serious wording errors, personal
// information, the site's sensitive words); a reviewer who did not draft it approves (no blocking finding) or
// rejects it with a note; releasing an approved post records the account's update. Each step on the locked post.
import type { Deps } from "../../deps";
import { AppError, Problems } from "../../platform/errors";
import { newId } from "../../platform/ids";
import { shanghaiDateOf } from "../../platform/time";
import { lockedStep } from "../../platform/workflow/locked-step";
import { assertAllowed, defineMachine } from "../../platform/workflow/state-machine";
import { actorOf, type CurrentUser } from "../accounts";
import { recordAudit } from "../audit";
import { loadOrgTree } from "../orgs";
import { scanOptionsFor, scanRaw } from "../review";
import {
  accountNotFound,
  authoriseAccount,
  mayActOnAccount,
  type NewmediaAction,
  postNotFound,
} from "./newmedia.policy";
import * as repo from "./newmedia.repo";
import type { PostStatus } from "./newmedia.tables";

export const POST_STATUS_LABELS: Record<PostStatus, string> = {
  draft: "草稿",
  submitted: "待审核",
  approved: "审核通过",
  rejected: "已退回",
  released: "已发布",
};

/** Findings that block approval: they must be fixed in a new draft. */
const BLOCKING = new Set([
  "secrecy_mark",
  "serious_error",
  "sensitive_word",
  "id_card",
  "mobile",
  "bank_card",
]);
const FINDING_LABELS: Record<string, string> = {
  secrecy_mark: "涉密标识",
  serious_error: "严重表述错误",
  sensitive_word: "敏感词",
  id_card: "身份证号",
  mobile: "手机号码",
  bank_card: "银行卡号",
};

export interface PostContext {
  row: repo.PostRow;
  userId: string;
}

export type PostAction = "submit" | "approve" | "reject" | "release";

export const POST_STEPS = defineMachine<PostAction, PostStatus, NewmediaAction, PostContext>({
  submit: { from: ["draft", "rejected"], to: "submitted", label: "提交审核", who: "newmedia.manage" },
  approve: {
    from: ["submitted"],
    to: "approved",
    label: "审核通过",
    who: "newmedia.review",
    guards: [
      {
        code: "four_eyes_required",
        holds: (c) => c.row.drafted_by !== c.userId,
        message: () => "先审后发：起草人不能审核自己的稿件。",
      },
      {
        code: "post_has_findings",
        holds: (c) =>
          !(JSON.parse(c.row.findings_json) as Array<{ kind: string }>).some((f) => BLOCKING.has(f.kind)),
        message: () => "稿件有涉密、严重表述错误、敏感词或个人信息问题，请退回修改。",
      },
    ],
  },
  reject: { from: ["submitted"], to: "rejected", label: "退回修改", who: "newmedia.review" },
  release: { from: ["approved"], to: "released", label: "发布", who: "newmedia.manage" },
});

/** Audit codes, one per step (labels in audit.labels.ts). */
const POST_AUDIT: Record<PostAction, string> = {
  submit: "newmedia.post_submit",
  approve: "newmedia.post_approve",
  reject: "newmedia.post_reject",
  release: "newmedia.post_release",
};

export function findingsOf(
  text: string,
  options: Parameters<typeof scanRaw>[1] = {},
): Array<{ kind: string; label: string; text: string }> {
  return scanRaw(text, { ...options, kinds: [...BLOCKING] as never }).map((f) => ({
    kind: f.kind,
    label: FINDING_LABELS[f.kind] ?? f.kind,
    text: text.slice(f.start, f.end),
  }));
}

export async function draftPost(
  deps: Deps,
  user: CurrentUser,
  accountId: string,
  input: { title?: string; body?: string },
) {
  const tree = await loadOrgTree(deps, user.siteId);
  const account = await repo.findAccount(deps.db.kysely, accountId);
  if (!account) throw accountNotFound();
  authoriseAccount(user, "newmedia.manage", account, tree);
  if (account.status !== "open")
    throw new AppError("newmedia_account_closed", 409, "账号已关停或整合，不能再起草稿件。");
  const p = new Problems();
  const title = (input.title ?? "").trim();
  const body = (input.body ?? "").trim();
  if (!title) p.add("post_title", "title_required", "请填写稿件标题。");
  else if (Array.from(title).length > 200) p.add("post_title", "too_long", "稿件标题不能超过200字。");
  if (!body) p.add("post_body", "body_required", "请填写稿件正文。");
  else if (Array.from(body).length > 20_000) p.add("post_body", "too_long", "稿件正文不能超过20000字。");
  p.throwIfAny("稿件未保存，请按提示修改。");
  const at = deps.clock.now().toISOString();
  const row: repo.PostRow = {
    id: newId(),
    account_id: account.id,
    title,
    body,
    status: "draft",
    findings_json: "[]",
    drafted_by: user.id,
    reviewed_by: null,
    review_note: null,
    released_at: null,
    created_at: at,
    updated_at: at,
  };
  await deps.db.kysely.transaction().execute(async (trx) => {
    await repo.insertPost(trx, row);
    await recordAudit(trx, deps.clock, actorOf(user), {
      action: "newmedia.post_draft",
      entityType: "newmedia_post",
      entityId: row.id,
      orgId: account.org_id,
      summary: { account: account.name, title },
    });
  });
  return row;
}

export async function actOnPost(
  deps: Deps,
  user: CurrentUser,
  id: string,
  input: { action?: string; note?: string },
) {
  const tree = await loadOrgTree(deps, user.siteId);
  const action = input.action as PostAction;
  if (!Object.hasOwn(POST_STEPS, action))
    throw new AppError("validation_failed", 400, "操作无效。", [
      { field: "action", code: "invalid_action", message: "请选择有效的操作。" },
    ]);
  const now = deps.clock.now();
  return lockedStep(deps.db.kysely, {
    load: (trx) => repo.lockPost(trx, deps.db.dialect, id),
    missing: postNotFound,
    check: async (trx, row) => {
      const account = await repo.findAccount(trx, row.account_id);
      if (!account) throw postNotFound();
      authoriseAccount(user, POST_STEPS[action].who, account, tree, postNotFound);
      const ctx: PostContext = { row, userId: user.id };
      const p = new Problems();
      // A guard that does not hold (four eyes, blocking findings) is a 409 step_refused with its reason.
      assertAllowed(POST_STEPS, action, row.status as PostStatus, ctx, {
        subject: "稿件",
        stateLabel: (s) => POST_STATUS_LABELS[s],
      });
      const note = (input.note ?? "").trim();
      if (action === "reject" && !note) p.add("note", "note_required", "请写明退回理由。");
      if (action === "release" && account.status !== "open")
        p.add("action", "newmedia_account_closed", "账号已关停或整合，不能发布。");
      p.throwIfAny(`不能${POST_STEPS[action].label}，请按提示修改。`);
      return { account, note };
    },
    write: async (trx, row, { account, note }) => {
      const at = now.toISOString();
      const set: Partial<repo.PostRow> = { status: POST_STEPS[action].to, updated_at: at };
      if (action === "submit")
        set.findings_json = JSON.stringify(
          findingsOf(`${row.title}\n${row.body}`, await scanOptionsFor(trx, account.site_id)),
        );
      if (action === "approve" || action === "reject") {
        set.reviewed_by = user.id;
        set.review_note = note || null;
      }
      if (action === "release") {
        set.released_at = at;
        await repo.updateAccount(trx, account.id, { last_update_on: shanghaiDateOf(now), updated_at: at });
      }
      await repo.updatePost(trx, row.id, set);
      await recordAudit(trx, deps.clock, actorOf(user), {
        action: POST_AUDIT[action],
        entityType: "newmedia_post",
        entityId: row.id,
        orgId: account.org_id,
        summary: { title: row.title, ...(note ? { note } : {}) },
      });
      return { ...row, ...set } as repo.PostRow;
    },
  });
}

/** The post steps the user may take now (the page offers these). */
export function offeredPostSteps(
  user: CurrentUser,
  post: repo.PostRow,
  account: repo.AccountRow,
  tree: Awaited<ReturnType<typeof loadOrgTree>>,
) {
  return (Object.keys(POST_STEPS) as PostAction[]).filter(
    (a) =>
      POST_STEPS[a].from.includes(post.status as PostStatus) &&
      mayActOnAccount(user, POST_STEPS[a].who, account, tree),
  );
}
