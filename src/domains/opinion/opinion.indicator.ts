// The assessment indicator "opinion responses on time" (政务舆情按时回应率, RULES.md §8: response work counts in the
// disclosure assessment): cases judged in the period, per first responsible unit, answered within their clocks.
import { shanghaiDateOf } from "../../platform/time";
import { ratio, registerIndicator } from "../assessment";
import { clocksOf, isLate } from "./opinion.clocks";
import { caseUrl } from "./opinion.present";
import * as repo from "./opinion.repo";
import { settingsOf } from "./opinion.settings";

const startOf = (date: string) => new Date(`${date}T00:00:00+08:00`).toISOString();
const HOUR = 3_600_000;

export function registerOpinionIndicator(): void {
  registerIndicator({
    key: "opinion_on_time",
    labelKey: "assessment.indicator.opinion_on_time",
    descriptionKey: "assessment.indicator.opinion_on_time.how",
    defaultPoints: 10,
    async compute(trx, ctx) {
      const settings = await settingsOf(trx, ctx.siteId);
      const to = new Date(new Date(startOf(ctx.to)).getTime() + 24 * HOUR).toISOString();
      const rows = (await repo.casesSurfacedIn(trx, ctx.siteId, startOf(ctx.from), to)).filter((r) =>
        ctx.orgIds.includes(r.org_id),
      );
      const now = ctx.clock.now();
      return ctx.orgIds.flatMap((orgId) => {
        const mine = rows.filter((r) => r.org_id === orgId);
        if (!mine.length) return [];
        const evidence = mine.map((r) => {
          const clocks = clocksOf(r, settings, now);
          const ok = !isLate(clocks) && clocks.every((c) => c.state !== "due");
          return {
            type: "opinion_case",
            id: r.id,
            label: r.title,
            url: caseUrl(r.id),
            ok,
            note:
              clocks.map((c) => `${c.label}${c.state_label}`).join("，") ||
              shanghaiDateOf(new Date(r.discovered_at)),
          };
        });
        const okCount = evidence.filter((e) => e.ok).length;
        return [
          {
            orgId,
            value: ratio(okCount, mine.length),
            numerator: okCount,
            denominator: mine.length,
            evidence,
          },
        ];
      });
    },
  });
}
