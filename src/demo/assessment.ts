// The demo county's 2025 assessment (考核, issue 14 item 2): the default computed indicators and one entered by
// hand (工作机制, with each organisation's points and grounds), two accountability records by the inspection office
// (督查室) against the two organisations the first computation found furthest behind (a 约谈整改, rectified, and a
// 通报批评, each linked to the score and the records that fell short), then the run again with their deductions,
// finalised. Every computed score lists the records it counted. Runs after the history is seeded.
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
  // The two organisations furthest behind, each on the first indicator (in this order) where it fell short.
  const order = [
    "applications_on_time",
    "proactive_on_time",
    "columns_fresh",
    "messages_on_time",
    "messages_satisfaction",
    "policy_interpreted",
  ];
  const picked: Array<{ orgId: string; key: string }> = [];
  for (const key of order) {
    const w = worst(key);
    if (w && !picked.some((p) => p.orgId === w.r.org.id)) picked.push({ orgId: w.r.org.id, key });
    if (picked.length === 2) break;
  }
  const what: Record<string, string> = {
    applications_on_time: "依申请公开逾期答复",
    proactive_on_time: "主动公开信息超过20个工作日才公开（条例第二十六条）",
    columns_fresh: "公开目录栏目未按更新周期更新",
    messages_on_time: "互动交流留言逾期答复",
    messages_satisfaction: "留言答复群众不满意",
    policy_interpreted: "政策文件未同步解读",
  };
  for (const [n, p] of picked.entries()) {
    const view = await getOrgRunView(deps, inspector, first.id, p.orgId);
    const score = view.scores.find((s) => s.indicator.key === p.key)!;
    const cases = score.evidence.filter((e) => e.ok === false).slice(0, 10);
    const short = (score.denominator ?? 0) - (score.numerator ?? 0);
    const interview = n === 0;
    const rec = await deps.db.kysely.transaction().execute((trx) =>
      recordAccountability(
        trx,
        actor,
        {
          siteId: office.siteId,
          orgId: p.orgId,
          kind: interview ? "interview" : "criticism",
          reason: `${view.org.name}2025年${what[p.key]}：${score.indicator.name}${score.numerator}/${score.denominator}，${short}项未达标。${interview ? "督查室约谈单位分管负责人，责令限期整改并报送整改情况。" : "予以通报批评。"}`,
          decidedOn: interview ? "2025-12-18" : "2025-12-10",
          rectifyBy: interview ? "2026-02-28" : null,
          subjects: [score.subject, ...cases.map((e) => ({ type: e.type, id: e.id }))],
        },
        deps.clock,
      ),
    );
    if (interview)
      await recordRectification(deps, inspector, rec.id, {
        outcome: "已逐项整改：建立更新和答复台账及到期提醒，组织业务培训1次，整改情况已书面报送督查室。",
        rectified_on: "2026-02-20",
      });
  }
  // Again with the deductions, and the office fixes the results.
  const id = await runAssessment(deps, office, PERIOD);
  await finaliseRun(deps, office, id);
  return id;
}
