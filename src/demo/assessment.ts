// The demo county's 2025 assessment (考核, issue 14 item 2): the default computed indicators and one entered by
// hand (工作机制, with each organisation's points and grounds), two accountability records by the inspection office
// (督查室) against the organisations the first computation found behind (a 约谈整改 on late replies, linked to the
// applications and the score; a 通报批评 on late publication, linked to the items), then the run again with their
// deductions, finalised. Every computed score lists the records it counted. Runs after the history is seeded.
import type { Deps } from "../deps";
import { actorOf, findCurrentUser } from "../domains/accounts";
import { recordAccountability } from "../domains/assessment";
import { recordRectification } from "../domains/assessment/accountability.service";
import {
  addDefaultIndicators,
  createIndicator,
  enterManualValue,
  orgsOfIndicator,
} from "../domains/assessment/assessment.config";
import { getOrgRunView, getRunView } from "../domains/assessment/assessment.present";
import * as repo from "../domains/assessment/assessment.repo";
import { finaliseRun, runAssessment } from "../domains/assessment/assessment.runs";
import { loadOrgTree } from "../domains/orgs";
import { shanghaiDateOf } from "../platform/time";
import type { DemoStaff } from "./publish";

const PERIOD = "2025";

/** A hand-entered score's grounds, varied by the organisation's place in the list (deterministic). */
const MECHANISM_NOTES: Array<[number, string]> = [
  [10, "年度政务公开工作要点印发及时，明确分管领导和专职人员，按季度报送工作进展，材料齐全。"],
  [9, "工作要点印发及时，机构人员落实；第三季度工作进展报送延迟，扣1分。"],
  [8.5, "机构人员落实；未召开年度专题会议研究政务公开工作，扣1.5分。"],
  [8, "工作要点印发较晚（4月），全年仅报送两次工作进展，扣2分。"],
];

export async function seedDemoAssessment(deps: Deps, staff: DemoStaff): Promise<string | undefined> {
  const office = staff.office;
  const inspector = await findCurrentUser(deps, "demo-inspector");
  if (!inspector) return undefined;
  const today = shanghaiDateOf(deps.clock.now());
  if (today < "2026-01-01") return undefined;
  await addDefaultIndicators(deps, office);
  const mechanism = await createIndicator(deps, office, {
    source: "manual",
    name: "政务公开工作机制落实情况",
    points: 10,
    period_kind: "year",
    org_kinds: ["department", "town"],
  });
  const tree = await loadOrgTree(deps, office.siteId);
  const row = await repo.findIndicator(deps.db.kysely, mechanism.id);
  const orgs = orgsOfIndicator(row!, tree, office.siteId);
  for (const [n, org] of orgs.entries()) {
    const [points, note] = MECHANISM_NOTES[n % MECHANISM_NOTES.length]!;
    await enterManualValue(deps, office, mechanism.id, { period: PERIOD, org: org.code, points, note });
  }

  // The first computation shows who is behind; the inspection office acts on it.
  const first = await getRunView(deps, office, await runAssessment(deps, office, PERIOD));
  const keyOf = new Map(first.indicators.map((i) => [i.id, i.key]));
  const worst = (key: string) =>
    first.ranking
      .map((r) => ({ r, s: r.scores.find((s) => keyOf.get(s.indicator_id) === key) }))
      .filter((x) => x.s && x.s.value !== null && x.s.value < 1)
      .sort((a, b) => (a.s!.value ?? 1) - (b.s!.value ?? 1))[0];
  const actor = actorOf(inspector);
  const late = worst("applications_on_time");
  if (late) {
    const view = await getOrgRunView(deps, inspector, first.id, late.r.org.id);
    const score = view.scores.find((s) => s.indicator.key === "applications_on_time")!;
    const cases = score.evidence.filter((e) => e.ok === false).slice(0, 10);
    const rec = await deps.db.kysely.transaction().execute((trx) =>
      recordAccountability(
        trx,
        actor,
        {
          siteId: office.siteId,
          orgId: late.r.org.id,
          kind: "interview",
          reason: `${late.r.org.name}2025年依申请公开答复${score.denominator}件，逾期${(score.denominator ?? 0) - (score.numerator ?? 0)}件，按时答复率${Math.round((score.value ?? 0) * 100)}%。督查室约谈单位分管负责人，责令建立申请登记台账和到期提醒，限期整改。`,
          decidedOn: "2025-12-18",
          rectifyBy: "2026-02-28",
          subjects: [score.subject, ...cases.map((e) => ({ type: e.type, id: e.id }))],
        },
        deps.clock,
      ),
    );
    await recordRectification(deps, inspector, rec.id, {
      outcome:
        "已建立依申请公开登记台账和答复期限到期前5个工作日提醒，组织业务培训1次；2026年1月至2月收到的申请均按时答复。",
      rectified_on: "2026-02-20",
    });
  }
  const slow = worst("proactive_on_time");
  if (slow && slow.r.org.id !== late?.r.org.id) {
    const view = await getOrgRunView(deps, inspector, first.id, slow.r.org.id);
    const score = view.scores.find((s) => s.indicator.key === "proactive_on_time")!;
    const items = score.evidence.filter((e) => e.ok === false).slice(0, 10);
    await deps.db.kysely.transaction().execute((trx) =>
      recordAccountability(
        trx,
        actor,
        {
          siteId: office.siteId,
          orgId: slow.r.org.id,
          kind: "criticism",
          reason: `${slow.r.org.name}2025年主动公开信息${score.denominator}条，${(score.denominator ?? 0) - (score.numerator ?? 0)}条超过20个工作日才公开（条例第二十六条），予以通报批评。`,
          decidedOn: "2025-12-10",
          subjects: [score.subject, ...items.map((e) => ({ type: e.type, id: e.id }))],
        },
        deps.clock,
      ),
    );
  }
  // Again with the deductions, and the office fixes the results.
  const id = await runAssessment(deps, office, PERIOD);
  await finaliseRun(deps, office, id);
  return id;
}
