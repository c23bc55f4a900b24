// The official response (权威回应) and accountability of a case.
// - The response is an item in the 回应关切 column of the first responsible unit's catalogue, created as a draft
//   through the publishing domain (createItem) and linked to the case in the item's own transaction, where the
//   case is locked and checked: one response per case, only while the case is open. The item then goes through
//   the normal review → sign → publish workflow; `record_response` (opinion.steps.ts) needs it published.
// - Accountability (通报批评、约谈整改) is the assessment domain's record (recordAccountability) with the case as
//   its subject, made by the inspection office on the locked case, so the assessment counts it.
import type { Transaction } from "kysely";
import type { Database } from "../../db/schema";
import type { Deps } from "../../deps";
import { AppError, Problems } from "../../platform/errors";
import { shanghaiDateOf } from "../../platform/time";
import { lockedStep } from "../../platform/workflow/locked-step";
import { actorOf, type CurrentUser } from "../accounts";
import {
  ACCOUNTABILITY_KIND_LABELS,
  type AccountabilityKind,
  authoriseAccountability,
  listAccountability,
  recordAccountability,
} from "../assessment";
import { recordAudit } from "../audit";
import { loadOrgTree } from "../orgs";
import { createItem } from "../publishing";
import { authoriseRow, caseNotFound } from "./opinion.policy";
import * as repo from "./opinion.repo";
import type { AccountabilityInput, ResponseInput } from "./opinion.schemas";
import { ACCOUNTABLE_STATUSES, STATUS_LABELS } from "./opinion.steps";

/** The catalogue column the responses are filed in (catalog.seed-data.ts). */
export const RESPONSE_COLUMN = "response";
export const SUBJECT_TYPE = "opinion_case";

/** Creates the response as a draft item in 回应关切 and links it to the case (one transaction, the case locked). */
export async function draftResponse(deps: Deps, user: CurrentUser, id: string, input: ResponseInput) {
  const tree = await loadOrgTree(deps, user.siteId);
  const pre = await repo.findCase(deps.db.kysely, id);
  if (!pre) throw caseNotFound();
  authoriseRow(user, "opinion.handle", pre, tree);
  const p = new Problems();
  const title = (input.title ?? "").trim();
  const body = (input.body ?? "").trim();
  if (!title) p.add("title", "title_required", "请填写回应稿标题。");
  if (!body) p.add("body", "body_required", "请填写回应稿正文。");
  p.throwIfAny("回应稿未保存，请按提示修改。");
  const org = tree.get(pre.org_id)!;
  const html = body.startsWith("<")
    ? body
    : body
        .split(/\n+/)
        .map((l) => `<p>${escapeHtml(l)}</p>`)
        .join("");
  const item = await createItem(
    deps,
    user,
    {
      kind: "other",
      org: org.code,
      title,
      body: html,
      catalog_nodes: [RESPONSE_COLUMN],
      formed_on: shanghaiDateOf(deps.clock.now()),
      topic: "回应关切",
      keywords: "政务舆情 回应关切",
    },
    {
      within: async (trx, row) => {
        const c = await repo.lockCase(trx as Transaction<Database>, deps.db.dialect, id);
        if (!c) throw caseNotFound();
        authoriseRow(user, "opinion.handle", c, tree);
        if (c.status !== "open")
          throw new AppError(
            "case_not_open",
            409,
            `舆情事件当前状态为“${STATUS_LABELS[c.status]}”，只有处置中的事件可以起草回应稿。`,
          );
        if (c.response_item_id)
          throw new AppError("response_exists", 409, "该舆情事件已有回应稿，请在“信息发布”中修改或发布。");
        await repo.updateCase(trx, c.id, {
          response_item_id: row.id,
          updated_at: deps.clock.now().toISOString(),
        });
        await recordAudit(trx, deps.clock, actorOf(user), {
          action: "opinion.case_response_draft",
          entityType: "opinion_case",
          entityId: c.id,
          orgId: c.org_id,
          summary: { title, item_id: row.id },
        });
      },
    },
  );
  return item;
}

const escapeHtml = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** Records 通报批评 or 约谈整改 against the case's first responsible unit, on the locked case. */
export async function holdToAccount(deps: Deps, user: CurrentUser, id: string, input: AccountabilityInput) {
  const tree = await loadOrgTree(deps, user.siteId);
  return lockedStep(deps.db.kysely, {
    load: (trx) => repo.lockCase(trx, deps.db.dialect, id),
    missing: caseNotFound,
    check: (_trx, row) => {
      authoriseRow(user, "opinion.view", row, tree);
      authoriseAccountability(user, "accountability.record", row, tree);
      if (!ACCOUNTABLE_STATUSES.includes(row.status))
        throw new AppError(
          "case_not_accountable",
          409,
          `舆情事件当前状态为“${STATUS_LABELS[row.status]}”，立案后才能问责。`,
        );
      return null;
    },
    write: async (trx, row) => {
      const rec = await recordAccountability(
        trx,
        actorOf(user),
        {
          siteId: row.site_id,
          orgId: row.org_id,
          kind: input.kind as AccountabilityKind,
          reason: input.reason ?? "",
          decidedOn: input.decided_on ?? "",
          rectifyBy: input.rectify_by?.trim() || null,
          subjects: [{ type: SUBJECT_TYPE, id: row.id }],
        },
        deps.clock,
      );
      await repo.updateCase(trx, row.id, { updated_at: deps.clock.now().toISOString() });
      await recordAudit(trx, deps.clock, actorOf(user), {
        action: "opinion.case_accountability",
        entityType: "opinion_case",
        entityId: row.id,
        orgId: row.org_id,
        summary: { kind: ACCOUNTABILITY_KIND_LABELS[rec.kind], record_id: rec.id },
      });
      return rec;
    },
  });
}

/** The accountability records of a case, newest first. */
export const accountabilityOf = (deps: Deps, row: repo.CaseRow) =>
  listAccountability(
    deps.db.kysely,
    { siteId: row.site_id, subject: { type: SUBJECT_TYPE, id: row.id } },
    shanghaiDateOf(deps.clock.now()),
  );
