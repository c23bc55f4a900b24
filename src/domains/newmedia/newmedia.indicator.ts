// The assessment indicator "new-media accounts kept updated" (政务新媒体按期更新率, RULES.md §9): the accounts in
// operation at the end of the period, per owner, updated within two weeks with working, answered interaction.
import { ratio, registerIndicator } from "../assessment";
import * as repo from "./newmedia.repo";
import { alarmsOf } from "./newmedia.service";

export function registerNewmediaIndicator(): void {
  registerIndicator({
    key: "newmedia_updated",
    labelKey: "assessment.indicator.newmedia_updated",
    descriptionKey: "assessment.indicator.newmedia_updated.how",
    defaultPoints: 5,
    async compute(trx, ctx) {
      const rows = (await repo.listAccounts(trx, ctx.siteId, ctx.orgIds)).filter((r) => r.status === "open");
      return ctx.orgIds.flatMap((orgId) => {
        const mine = rows.filter((r) => r.org_id === orgId);
        if (!mine.length) return [];
        const evidence = mine.map((r) => {
          const alarms = alarmsOf(r, ctx.to);
          return {
            type: "newmedia_account",
            id: r.id,
            label: r.name,
            url: `/admin/newmedia/${r.id}`,
            ok: alarms.length === 0,
            note: alarms.join("；") || `最后更新 ${r.last_update_on}`,
          };
        });
        const ok = evidence.filter((e) => e.ok).length;
        return [{ orgId, value: ratio(ok, mine.length), numerator: ok, denominator: mine.length, evidence }];
      });
    },
  });
}
