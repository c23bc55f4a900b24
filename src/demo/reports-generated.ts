// The county's report of the last finished year made the way an office makes it in gongkai (decision 0009):
// in January the office enters the table 二 figures gongkai does not hold, writes sections 一, 五 and 六 beside
// the figures the product counted, and releases the report (发布年报) as a draft in the 政府信息公开工作年度报告
// column; the county's reviewer approves it that afternoon and its signer signs and publishes it the next working
// day. Tables 二, 三 and 四 are the product's own count of the demo's records, not a copy.

import type { Deps } from "../deps";
import { loadOrgTree } from "../domains/orgs";
import { performAction } from "../domains/publishing";
import { computeAnnualReport, saveReportFigures } from "../domains/reports";
import { releaseAnnualReport } from "../domains/reports/reports.release";
import { authoriseSections, saveSections } from "../domains/reports/reports.sections";
import type { DemoStaff } from "./publish";
import { loadDemoStaff } from "./publish";
import { countySections, table2Figures, type YearTally } from "./reports";
import { type DemoCalendar, demoCalendar, shanghaiAt, Timeline } from "./timeline";

/** The date the county's report of `year` is drafted (as the earlier reports: late January). */
export const generatedReportFormed = (year: number) => `${year + 1}-01-2${year % 3}`;

/**
 * Schedules the county's report of `year` (figures, sections, release, review, signature, publication);
 * returns its publication date.
 */
export function scheduleGeneratedCountyReport(
  timeline: Timeline,
  cal: DemoCalendar,
  staff: DemoStaff,
  year: number,
  tally: YearTally,
): string {
  const drafted = cal.onOrAfter(generatedReportFormed(year));
  const publishedOn = cal.addWorkingDays(drafted, 1);
  let itemId = "";
  timeline.add(shanghaiAt(drafted, "09:00"), async (d) => {
    const office = staff.office;
    await saveReportFigures(d, office, year, { org: "gyx", ...table2Figures(year) });
    const report = await computeAnnualReport(d, office.siteId, { year });
    const t3 = report.table3;
    const text = countySections(year, tally, {
      received: t3.received!.total,
      carriedIn: t3.carried_in!.total,
      handled: t3.total!.total,
      carriedOut: t3.carried_out!.total,
    });
    const tree = await loadOrgTree(d, office.siteId);
    await saveSections(
      d,
      office,
      authoriseSections(office, tree),
      year,
      {
        overview: text.overview.join("\n"),
        problems: text.problems.join("\n"),
        other: text.other.join("\n"),
      },
      0,
    );
    itemId = (await releaseAnnualReport(d, office, { year })).item_id;
  });
  const step = (
    date: string,
    hhmm: string,
    who: keyof DemoStaff,
    action: "submit" | "approve" | "sign" | "publish",
  ) =>
    timeline.add(shanghaiAt(date, hhmm), async (d) => {
      await performAction(d, staff[who], itemId, { action });
    });
  step(drafted, "10:05", "office", "submit");
  step(drafted, "15:30", "countyReviewer", "approve");
  step(publishedOn, "09:10", "countySigner", "sign");
  step(publishedOn, "09:40", "countySigner", "publish");
  return publishedOn;
}

/**
 * Makes and publishes the county's report of `year` on a demo county seeded without its history (the browser
 * journeys' server): the same steps as the seed's, played at their January dates.
 */
export async function publishGeneratedCountyReport(deps: Deps, year: number): Promise<void> {
  const staff = await loadDemoStaff(deps);
  const timeline = new Timeline(deps.clock.now());
  const cal = await demoCalendar(deps, staff.office.siteId);
  const tally = { items: 0, normative: 0, policies: 0, interpretations: 0 };
  scheduleGeneratedCountyReport(timeline, cal, staff, year, tally);
  await timeline.play(deps);
}
