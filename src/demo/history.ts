// The county's years since 2020: every department's and town's key columns, the county's guide, rules and
// annual reports, its policies and reports, and the applications of each year, on one timeline.
import type { Deps } from "../deps";
import { type CatalogNode, listActiveColumns } from "../domains/catalog";
import { loadOrgTree } from "../domains/orgs";
import { setValidity } from "../domains/publishing";
import { getReviewSettings, saveReviewSettings } from "../domains/review/review.service";
import { historyApplications, scheduleHistoryApplications } from "./applications-history";
import { HEATING_POLICY, scheduleConsultations } from "./consultations";
import { scheduleGazette } from "./gazette";
import { guideSpecs } from "./guide";
import { scheduleHotline } from "./hotline";
import { columnFillSpecs } from "./items/column-fill";
import { countyItemSpecs, grassrootsSpecs } from "./items/county";
import { countyColumnSpecs } from "./items/county-columns";
import { departmentItems } from "./items/departments";
import { ALL_PROFILES, profileOf } from "./items/profiles";
import { withStandardColumns } from "./items/standard-columns";
import { townSpecs } from "./items/towns";
import { scheduleMeetings } from "./meetings";
import { scheduleMessages } from "./messages";
import { periodicRefreshSpecs, scheduleUnusedColumnsArchived } from "./periodic";
import { type DemoItemSpec, type DemoStaff, scheduleItem } from "./publish";
import { annualReportSpec, orgAnnualReportSpec, type YearTally } from "./reports";
import { generatedReportFormed, scheduleGeneratedCountyReport } from "./reports-generated";
import { rulesSpecs } from "./rules";
import { type DemoCalendar, shanghaiAt, type Timeline } from "./timeline";

/** The county went live on the platform on the first working Monday of 2020. */
export const HISTORY_START = "2020-01-06";

/** Items published per year, county-wide and per organisation, as the annual reports count them. */
class Tally {
  private readonly years = new Map<string, YearTally>();
  count(spec: DemoItemSpec, publishedOn: string): void {
    const year = publishedOn.slice(0, 4);
    for (const key of [year, `${spec.org}|${year}`]) {
      const t = this.years.get(key) ?? { items: 0, normative: 0, policies: 0, interpretations: 0 };
      t.items += spec.interpretation ? 2 : 1;
      if (spec.kind === "normative") t.normative++;
      if (spec.kind === "policy") t.policies++;
      if (spec.interpretation) t.interpretations++;
      this.years.set(key, t);
    }
  }
  of(year: number, org?: string): YearTally {
    return (
      this.years.get(org ? `${org}|${year}` : String(year)) ?? {
        items: 0,
        normative: 0,
        policies: 0,
        interpretations: 0,
      }
    );
  }
}

export async function scheduleHistory(
  deps: Deps,
  timeline: Timeline,
  cal: DemoCalendar,
  staff: DemoStaff,
  earlier: Array<[DemoItemSpec, string]>,
): Promise<void> {
  const today = timeline.today;
  const thisYear = Number(today.slice(0, 4));
  const siteId = staff.office.siteId;
  // The offices' own telephone numbers are published on purpose: the review must not take them for a person's.
  timeline.add(shanghaiAt(HISTORY_START, "08:40"), async (d) => {
    const current = await getReviewSettings(d, siteId);
    const phones = new Set([...current.allowPhones, ...ALL_PROFILES.map((p) => p.phone)]);
    await saveReviewSettings(d, staff.office, siteId, {
      allowPhones: [...phones].join("\n"),
      allowEmails: current.allowEmails.join("\n"),
      sensitiveWords: current.sensitiveWords.join("\n"),
    });
  });
  const tally = new Tally();
  for (const [spec, on] of earlier) tally.count(spec, on);
  const tree = await loadOrgTree(deps, siteId);
  const orgs = tree.flatten(siteId).map((x) => x.org);
  const columns = new Map<string, CatalogNode[]>();
  for (const org of orgs) columns.set(org.code, await listActiveColumns(deps, org.id));
  const ids = new Map<string, string>();
  const publishedOn = new Map<string, string>();
  const publish = (spec: DemoItemSpec) => {
    const filed = withStandardColumns(spec, columns);
    const on = scheduleItem(timeline, cal, staff, filed, (id) => ids.set(spec.title, id));
    publishedOn.set(spec.title, on);
    tally.count(filed, on);
  };
  const communities = orgs
    .filter((o) => o.kind === "community")
    .map((o) => ({ code: o.code, name: o.name, town: orgs.find((t) => t.id === o.parent_id)?.name ?? "" }));

  const specs = [
    ...ALL_PROFILES.flatMap((p) => departmentItems(p, today)),
    ...guideSpecs(profileOf("gyx-zfb"), ALL_PROFILES, today),
    ...rulesSpecs(today),
    ...countyItemSpecs(today),
    ...countyColumnSpecs(today),
    ...townSpecs(today),
    ...grassrootsSpecs(communities, today),
  ];
  // Then every column a reader expects content in that those items leave empty.
  const placed = [...earlier.map(([spec]) => spec), ...specs.map((s) => withStandardColumns(s, columns))];
  specs.push(...columnFillSpecs(orgs, placed, today));
  // Then the periodic columns brought up to date, and the columns a department has no use for archived.
  const filed = [...earlier.map(([spec]) => spec), ...specs.map((s) => withStandardColumns(s, columns))];
  specs.push(...periodicRefreshSpecs(orgs, columns, filed, today));
  scheduleUnusedColumnsArchived(timeline, staff, orgs, columns, HISTORY_START);
  for (const spec of specs) publish(spec);
  // The 2020 guide, once the 2024 revision is out, says so on its page (有效性：已修订).
  const [oldGuide, newGuide] = [
    "固阳县人民政府政府信息公开指南（2020年版）",
    "固阳县人民政府政府信息公开指南（2024年修订）",
  ];
  const revised = publishedOn.get(newGuide);
  if (revised)
    timeline.add(shanghaiAt(revised, "10:30"), async (d) => {
      await setValidity(d, staff.countySigner, ids.get(oldGuide)!, {
        validity: "revised",
        on: revised,
        replaced_by: ids.get(newGuide)!,
      });
    });

  scheduleMessages(timeline, cal, staff);
  scheduleHotline(timeline, cal, staff);
  publish(HEATING_POLICY);
  scheduleConsultations(timeline, cal, staff, (title) => ids.get(title));
  scheduleMeetings(timeline, cal, staff);
  scheduleGazette(timeline, cal, staff);

  const apps = historyApplications(cal, today);
  scheduleHistoryApplications(timeline, cal, staff, apps);

  let normativeInForce = 0;
  for (let year = 2020; year < thisYear; year++) {
    normativeInForce += tally.of(year).normative;
    // The last finished year's report is made in gongkai itself (reports-generated.ts); earlier ones are
    // the reports published before it.
    if (year === thisYear - 1) {
      if (generatedReportFormed(year) <= today)
        scheduleGeneratedCountyReport(timeline, cal, staff, year, tally.of(year));
    } else {
      const report = annualReportSpec(year, apps, tally.of(year), normativeInForce);
      if (report.formed <= today) scheduleItem(timeline, cal, staff, report);
    }
    if (year < thisYear - 2) continue;
    for (const p of ALL_PROFILES) {
      const own = orgAnnualReportSpec(p, year, tally.of(year, p.code));
      if (own.formed <= today) scheduleItem(timeline, cal, staff, own);
    }
  }
}
