import { Type } from "@sinclair/typebox";
import type { Deps } from "../../deps";
import { AppError, Problems } from "../../platform/errors";
import { requireUser } from "../../web/auth";
import type { AppInstance } from "../../web/types";
import { actorOf, type CurrentUser, can, canAny } from "../accounts";
import { recordAudit } from "../audit";
import { loadOrgTree } from "../orgs";
import * as repo from "./publishing.repo";

// 四眼原则 (four eyes): nobody approves or signs an item they drafted or submitted, and the reviewer who
// approved it does not also sign it. A site may relax this (a county office of two people) only by a recorded
// setting with a reason, kept in the audit log; every step taken under the relaxed rule says so in its entry.

type Checked = "approve" | "sign";

interface Steps {
  created_by: string;
  submitted_by: string | null;
  reviewed_by: string | null;
}

const refuse = (message: string, rule: string) =>
  new AppError("four_eyes_required", 403, message, [{ field: "action", code: rule, message }]);

/**
 * Throws when `user` may not take `action` on these items (the item and the interpretations that move with
 * it) under the four-eyes rule. Returns true when the rule would have refused but the site relaxed it.
 */
export function checkFourEyes(
  user: Pick<CurrentUser, "id">,
  action: string,
  items: readonly Steps[],
  relaxed: boolean,
): boolean {
  if (action !== "approve" && action !== "sign") return false;
  const refusal = ruleBroken(user.id, action, items);
  if (!refusal) return false;
  if (relaxed) return true;
  throw refusal;
}

function ruleBroken(userId: string, action: Checked, items: readonly Steps[]): AppError | undefined {
  const verb = action === "approve" ? "审查通过" : "审签";
  if (items.some((i) => i.created_by === userId))
    return refuse(
      `按照四眼原则，起草人不能${verb}自己起草的信息，请由其他有权限的人员办理。`,
      "drafter_cannot_check",
    );
  if (items.some((i) => i.submitted_by === userId))
    return refuse(
      `按照四眼原则，提交人不能${verb}自己提交的信息，请由其他有权限的人员办理。`,
      "submitter_cannot_check",
    );
  if (action === "sign" && items.some((i) => i.reviewed_by === userId))
    return refuse(
      "按照四眼原则，审查和审签须由不同人员办理：您已审查通过该信息，请由其他审签人员审签。",
      "reviewer_cannot_sign",
    );
  return undefined;
}

/** Relaxes (or restores) the four-eyes rule for the user's own site; the reason goes to the audit log. */
export async function setFourEyes(
  deps: Deps,
  user: CurrentUser,
  siteId: string,
  relaxed: boolean,
  reason: string,
): Promise<{ relaxed: boolean }> {
  const tree = await loadOrgTree(deps, siteId);
  const root = tree.roots(siteId)[0]?.id;
  if (siteId !== user.siteId || !root || !can(user, "site.settings", root, tree)) {
    if (!canAny(user, "site.settings"))
      throw new AppError("role_not_allowed", 403, "只有本站点的系统管理员可以调整四眼原则设置。");
    throw new AppError("org_not_allowed", 403, "只有本站点本级的系统管理员可以调整四眼原则设置。");
  }
  const p = new Problems();
  const why = reason.trim();
  if (why.length < 4)
    p.add("reason", "required", "请写明调整四眼原则设置的理由（至少4个字），它会记入审计日志。");
  p.throwIfAny();
  await deps.db.kysely.transaction().execute(async (trx) => {
    const before = await repo.isFourEyesRelaxed(trx, siteId);
    await repo.saveFourEyes(trx, {
      site_id: siteId,
      four_eyes_relaxed: relaxed ? 1 : 0,
      reason: why,
      updated_by: user.id,
      updated_at: deps.clock.now().toISOString(),
    });
    await recordAudit(trx, deps.clock, actorOf(user), {
      action: "site.four_eyes",
      entityType: "site",
      entityId: siteId,
      orgId: null,
      siteId,
      summary: { before: { relaxed: before }, after: { relaxed }, reason: why },
    });
  });
  return { relaxed };
}

export const isFourEyesRelaxed = (deps: Pick<Deps, "db">, siteId: string) =>
  repo.isFourEyesRelaxed(deps.db.kysely, siteId);

const FourEyesBody = Type.Object(
  {
    relaxed: Type.Boolean({ description: "true: one person may review and sign (recorded, audited)" }),
    reason: Type.String({ minLength: 1, maxLength: 500 }),
  },
  { additionalProperties: false },
);

export function registerFourEyesApi(app: AppInstance, deps: Deps): void {
  app.get(
    "/api/v1/sites/current/four-eyes",
    {
      schema: {
        tags: ["publishing"],
        summary: "Whether the four-eyes rule of publishing is relaxed on the user's site",
        security: [{ bearer: [] }],
        response: { 200: Type.Object({ relaxed: Type.Boolean() }) },
      },
    },
    async (req) => {
      const user = requireUser(req);
      return { relaxed: await isFourEyesRelaxed(deps, user.siteId) };
    },
  );
  app.put(
    "/api/v1/sites/current/four-eyes",
    {
      schema: {
        tags: ["publishing"],
        summary: "Relax or restore the four-eyes rule on the user's site (site admin; the reason is audited)",
        security: [{ bearer: [] }],
        body: FourEyesBody,
        response: { 200: Type.Object({ relaxed: Type.Boolean() }) },
      },
    },
    async (req) => {
      const user = requireUser(req);
      return setFourEyes(deps, user, user.siteId, req.body.relaxed, req.body.reason);
    },
  );
}
