// Corrections (更正) of a released issue: a public notice naming the issue or one of its documents, shown on
// the issue's page where the document is and listed with its link back, and found by the site search. The
// PDF is never changed: it stays what was printed, and the notice says what to read instead.
import type { Deps } from "../../deps";
import { AppError, Problems } from "../../platform/errors";
import { newId } from "../../platform/ids";
import { lockedStep } from "../../platform/workflow/locked-step";
import { charCount, tooLongMessage } from "../../web/form-limits";
import { invalidatePublicPages } from "../../web/page-cache";
import { actorOf, type CurrentUser } from "../accounts";
import { recordAudit } from "../audit";
import { loadOrgTree } from "../orgs";
import { issueLabel } from "./gazette.pdf";
import { authoriseIssue, issueNotFound } from "./gazette.policy";
import * as repo from "./gazette.repo";
import { syncIssueInIndex } from "./gazette.search";
import { todayOf } from "./gazette.service";

export const MAX_CORRECTION = 5000;

export async function correctIssue(
  deps: Deps,
  user: CurrentUser,
  issueId: string,
  input: { entry_id?: string | null; text?: string },
): Promise<repo.CorrectionRow> {
  const tree = await loadOrgTree(deps, user.siteId);
  const now = deps.clock.now().toISOString();
  const today = todayOf(deps);
  const result = await lockedStep(deps.db.kysely, {
    load: (trx) => repo.lockIssue(trx, deps.db.dialect, issueId),
    missing: issueNotFound,
    check: async (trx, row) => {
      authoriseIssue(user, "gazette.compile", row, tree);
      if (row.status !== "released")
        throw new AppError("issue_not_released", 409, "只有已发布的公报才能刊登更正。");
      const p = new Problems();
      const text = (input.text ?? "").trim();
      if (!text) p.add("text", "text_required", "请填写更正内容。");
      const n = charCount(text);
      if (n > MAX_CORRECTION) p.add("text", "too_long", tooLongMessage("更正内容", MAX_CORRECTION, n));
      const entryId = input.entry_id?.trim() || null;
      let entry: repo.EntryRow | undefined;
      if (entryId) {
        entry = (await repo.listEntries(trx, [row.id])).find((e) => e.id === entryId);
        if (!entry) p.add("entry_id", "entry_not_found", "本期公报中没有这篇文件。");
      }
      p.throwIfAny("更正未保存，请按提示修改。");
      return { text, entry };
    },
    write: async (trx, row, plan) => {
      const c: repo.CorrectionRow = {
        id: newId(),
        site_id: row.site_id,
        issue_id: row.id,
        entry_id: plan.entry?.id ?? null,
        text: plan.text,
        published_on: today,
        created_by: user.id,
        created_at: now,
      };
      await repo.insertCorrection(trx, c);
      await recordAudit(trx, deps.clock, actorOf(user), {
        action: "gazette.correct",
        entityType: "gazette_issue",
        entityId: row.id,
        orgId: row.org_id,
        summary: { issue: issueLabel(row), document: plan.entry?.title ?? null },
      });
      await syncIssueInIndex(deps, trx, row);
      return c;
    },
  });
  invalidatePublicPages(deps);
  return result;
}
