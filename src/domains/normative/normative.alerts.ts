// The ledger's alerts (RULES.md §12): a published 规范性文件 not filed with the higher authority by its deadline
// (备案, 15 days by default), and one whose validity ends within the alert period (6 months by default) or has
// ended without a clean-up or renewal. The staff ledger shows them live; the daily job e-mails the office at the
// site root once per document, kind and date (normative_alerts) and audits each site's pass.
import type { Actor, Deps } from "../../deps";
import { shanghaiDateOf } from "../../platform/time";
import { can } from "../accounts";
import { recordAudit } from "../audit";
import { recipientsOf } from "../interaction";
import { enqueueMail } from "../mail";
import { listSites, loadOrgTree } from "../orgs";
import * as repo from "./normative.repo";
import { type AlertKind, alertsOf } from "./normative.rules";
import { settingsOf } from "./normative.service";

export const NORMATIVE_ALERT_KIND = "normative_alert";

export const ALERT_LABELS: Record<AlertKind, string> = {
  filing_late: "逾期未备案",
  expiring: "即将到期",
  expired: "已到期未清理",
};

export interface LedgerAlert {
  kind: AlertKind;
  item_id: string;
  title: string;
  registration_number: string | null;
  /** The date the alert is about: the filing deadline or the expiry. */
  on: string;
}

/** The alerts of a site's published, registered documents on `today`. */
export async function ledgerAlerts(
  deps: Pick<Deps, "db">,
  siteId: string,
  today: string,
  orgIds?: readonly string[],
): Promise<LedgerAlert[]> {
  const settings = await settingsOf(deps, siteId);
  const rows = await repo.listLedger(deps.db.kysely, { siteId, publishedOnly: true, orgIds });
  const out: LedgerAlert[] = [];
  for (const r of rows) {
    if (!r.registration_number) continue;
    for (const kind of alertsOf(r, today, settings))
      out.push({
        kind,
        item_id: r.id,
        title: r.title,
        registration_number: r.registration_number,
        on: kind === "filing_late" ? r.filing_due_on! : r.expires_on!,
      });
  }
  return out;
}

const mailText = (alerts: LedgerAlert[], base: string) =>
  [
    "规范性文件台账提醒：",
    "",
    ...alerts.map(
      (a) =>
        `- ${ALERT_LABELS[a.kind]}：《${a.title}》（${a.registration_number ?? "未登记"}）${a.kind === "filing_late" ? `备案期限 ${a.on}` : `有效期至 ${a.on}`}`,
    ),
    "",
    `台账：${base}/admin/normative`,
    "",
    "本邮件由系统每日自动发送，同一文件的同一提醒只发送一次，请勿直接回复。",
  ].join("\n");

/** The daily job: every site's alerts, mailed to the office at its root (new ones only). */
export async function runNormativeAlerts(
  deps: Deps,
  actor: Actor,
  opts: { date?: string } = {},
): Promise<{
  sites: Array<{
    site: string;
    filing_late: number;
    expiring: number;
    expired: number;
    raised: number;
    mailed: number;
  }>;
}> {
  const today = opts.date ?? shanghaiDateOf(deps.clock.now());
  const out = [];
  for (const site of await listSites(deps)) {
    const alerts = await ledgerAlerts(deps, site.id, today);
    const tree = await loadOrgTree(deps, site.id);
    const root = tree.roots(site.id)[0];
    let mailed = 0;
    let raised = 0;
    await deps.db.kysely.transaction().execute(async (trx) => {
      const staff = await recipientsOf(
        trx,
        tree.flatten(site.id).map(({ org }) => org.id),
      );
      const office = staff.filter(
        (u) =>
          root &&
          u.roles.includes("office") &&
          can({ orgId: u.org_id, roles: u.roles }, "normative.cleanup", root.id, tree),
      );
      // Each alert once (per document, kind and the date it is about); the office gets the new ones by mail.
      const fresh: LedgerAlert[] = [];
      for (const a of alerts)
        if (
          await repo.raiseAlert(trx, {
            item_id: a.item_id,
            kind: a.kind,
            site_id: site.id,
            about_on: a.on,
            raised_on: today,
          })
        )
          fresh.push(a);
      raised = fresh.length;
      for (const who of office) {
        if (fresh.length === 0) continue;
        await enqueueMail(deps, trx, actor, {
          kind: NORMATIVE_ALERT_KIND,
          siteId: site.id,
          to: who.email,
          recipientUserId: who.id,
          subject: `【规范性文件台账】${fresh.length} 项提醒`,
          text: mailText(fresh, deps.config.publicUrl ?? ""),
          entity: { type: "site", id: site.id },
          dedupeKey: `${NORMATIVE_ALERT_KIND}:${today}:${who.id}`,
        });
        mailed++;
      }
      const count = (k: AlertKind) => alerts.filter((a) => a.kind === k).length;
      await recordAudit(trx, deps.clock, actor, {
        action: "normative.alerts",
        entityType: "site",
        entityId: site.id,
        orgId: null,
        siteId: site.id,
        businessDate: today,
        summary: {
          filing_late: count("filing_late"),
          expiring: count("expiring"),
          expired: count("expired"),
          raised,
          mailed,
        },
      });
    });
    out.push({
      site: site.code,
      filing_late: alerts.filter((a) => a.kind === "filing_late").length,
      expiring: alerts.filter((a) => a.kind === "expiring").length,
      expired: alerts.filter((a) => a.kind === "expired").length,
      raised,
      mailed,
    });
  }
  return { sites: out };
}
