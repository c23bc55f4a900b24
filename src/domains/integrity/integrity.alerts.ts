import type { Actor, Deps } from "../../deps";
import { sha256Hex } from "../../platform/crypto";
import { AppError, notFound } from "../../platform/errors";
import { newId } from "../../platform/ids";
import { formatShanghai } from "../../platform/time";
import { lockedStep } from "../../platform/workflow/locked-step";
import { type CurrentUser, can } from "../accounts";
import { recordAudit } from "../audit";
import { enqueueMail } from "../mail";
import { loadOrgTree, type OrgTree } from "../orgs";
import { canonicalJson } from "./integrity.canonical";
import { checkIntegrity, type Difference, type SealResult, sealDays } from "./integrity.chain";
import * as repo from "./integrity.repo";

export interface AlertView {
  id: string;
  detected_at: string;
  status: string;
  differences: Difference[];
}

const viewOf = (a: repo.AlertRow): AlertView => ({
  id: a.id,
  detected_at: a.detected_at,
  status: a.status,
  differences: JSON.parse(a.differences) as Difference[],
});

/**
 * Raises an alert for each site with differences: an audit entry, a mail to the site's contact address (the
 * office's, when set) through the outbox, and a red box on the dashboard until acknowledged. The same
 * differences found again raise nothing new, whether their alert is open or acknowledged.
 */
export async function raiseAlerts(deps: Deps, actor: Actor, diffs: Difference[]): Promise<string[]> {
  const bySite = new Map<string, Difference[]>();
  for (const d of diffs) bySite.set(d.site_id, [...(bySite.get(d.site_id) ?? []), d]);
  const raised: string[] = [];
  const sites = await repo.listSiteIds(deps.db.kysely);
  for (const [siteId, list] of bySite) {
    const fingerprint = sha256Hex(canonicalJson(list));
    const id = await deps.db.kysely.transaction().execute(async (trx) => {
      // Found before, open or acknowledged: the office knows (the command still lists it and exits 1).
      if (await repo.alertWithFingerprint(trx, siteId, fingerprint)) return null;
      const now = deps.clock.now().toISOString();
      const alertId = newId();
      await repo.insertAlert(trx, {
        id: alertId,
        site_id: siteId,
        detected_at: now,
        fingerprint,
        differences: JSON.stringify(list),
        difference_count: list.length,
        status: "open",
        acknowledged_by: null,
        acknowledged_at: null,
        note: null,
      });
      await recordAudit(trx, deps.clock, actor, {
        action: "integrity.alert",
        entityType: "integrity_alert",
        entityId: alertId,
        siteId,
        orgId: null,
        summary: {
          differences: list.length,
          difference_kinds: [...new Set(list.map((d) => d.kind))].join(","),
        },
      });
      const to = sites.find((s) => s.id === siteId)?.contact_email;
      if (to)
        await enqueueMail(deps, trx, actor, {
          kind: "integrity_alert",
          siteId,
          to,
          subject: `【防篡改告警】发现 ${list.length} 处已发布信息与核验链不一致`,
          text: [
            `${formatShanghai(now)} 防篡改检查发现已发布信息与每日核验链不一致：`,
            "",
            ...list.slice(0, 50).map((d, i) => `${i + 1}. ${d.message}`),
            ...(list.length > 50 ? [`……另有 ${list.length - 50} 处，请登录后台查看。`] : []),
            "",
            "请登录后台工作台查看并处理；处理后在工作台确认告警。",
          ].join("\n"),
          entity: { type: "integrity_alert", id: alertId },
          dedupeKey: `integrity-alert:${alertId}`,
        });
      return alertId;
    });
    if (id) raised.push(id);
  }
  return raised;
}

export interface JobResult {
  sealed: SealResult[];
  differences: Difference[];
  alerts: string[];
}

/** The daily job and `gongkai integrity check`: seal finished days, check everything, alert on differences. */
export async function sealAndCheck(
  deps: Deps,
  actor: Actor,
  opts: { siteId?: string } = {},
): Promise<JobResult> {
  const sealed = await sealDays(deps, actor, opts);
  const differences = await checkIntegrity(deps, opts);
  const alerts = differences.length ? await raiseAlerts(deps, actor, differences) : [];
  return { sealed, differences, alerts };
}

/** Who sees and acknowledges a site's alerts: the office or an administrator of the whole site. */
function mayHandleAlerts(user: CurrentUser, siteId: string, tree: OrgTree): boolean {
  return user.siteId === siteId && tree.roots(siteId).some((root) => can(user, "org.manage", root.id, tree));
}

/** Open alerts the user may see (none for others): for the dashboard. */
export async function openAlertsFor(deps: Deps, user: CurrentUser): Promise<AlertView[]> {
  if (!mayHandleAlerts(user, user.siteId, await loadOrgTree(deps, user.siteId))) return [];
  return (await repo.openAlerts(deps.db.kysely, user.siteId)).map(viewOf);
}

/**
 * Acknowledges an alert (audit-logged) as one locked step: load and lock the alert, check it is this site's,
 * the user's to handle and still open, then write and audit, all in one transaction. Of two people
 * acknowledging at once, the second waits for the first and is told who was first (409).
 */
export async function acknowledgeAlert(
  deps: Deps,
  user: CurrentUser,
  actor: Actor,
  id: string,
  note: string | null,
): Promise<void> {
  // The organisation tree is read before the transaction: inside it everything goes through `trx`.
  const tree = await loadOrgTree(deps, user.siteId);
  await lockedStep(deps.db.kysely, {
    load: (trx) => repo.lockAlert(trx, deps.db.dialect, id),
    missing: () => notFound("告警", "integrity_alert_not_found"),
    check: (_trx, alert) => {
      if (alert.site_id !== user.siteId) throw notFound("告警", "integrity_alert_not_found");
      if (!mayHandleAlerts(user, alert.site_id, tree))
        throw new AppError("forbidden", 403, "只有本站点政务公开办或系统管理员可以确认防篡改告警。");
      if (alert.status !== "open")
        throw new AppError(
          "integrity_alert_acknowledged",
          409,
          `该告警已于 ${formatShanghai(alert.acknowledged_at ?? alert.detected_at)} 被确认，无需再次确认。`,
        );
    },
    write: async (trx, alert) => {
      await repo.acknowledgeAlert(trx, id, {
        acknowledged_by: user.id,
        acknowledged_at: deps.clock.now().toISOString(),
        note,
      });
      await recordAudit(trx, deps.clock, actor, {
        action: "integrity.acknowledge",
        entityType: "integrity_alert",
        entityId: id,
        siteId: alert.site_id,
        orgId: null,
        summary: { differences: alert.difference_count, ...(note ? { note } : {}) },
      });
    },
  });
}
