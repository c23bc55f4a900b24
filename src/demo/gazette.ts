// The county's gazette (政府公报) on its timeline: six 2025 规章/规范性文件 of the county government, its office
// and departments published through the real workflow (with their interpretations), compiled by the office into
// 2025年第1–3期, reviewed by the county's signer (four eyes) and released — each release numbering the issue,
// writing its PDF and indexing it — and a correction (更正) of one document of the second issue.
import type { Deps } from "../deps";
import { correctIssue } from "../domains/gazette/gazette.corrections";
import { createIssue, performStep } from "../domains/gazette/gazette.service";
import { type DemoItemSpec, type DemoStaff, scheduleItem } from "./publish";
import { type DemoCalendar, shanghaiAt, type Timeline } from "./timeline";

interface DemoGazetteDoc {
  spec: DemoItemSpec;
  /** The issue (1–3) it is printed in. */
  issue: number;
}

const doc = (
  org: string,
  title: string,
  docNumber: string,
  formed: string,
  articles: string[],
  subject: string,
  interpreter: string,
): DemoItemSpec => ({
  org,
  kind: "normative",
  title,
  doc: docNumber,
  formed,
  topic: subject,
  body: [
    ...articles,
    `第${["一", "二", "三", "四", "五", "六"][articles.length]}条　本规定自印发之日起施行，有效期5年。`,
  ].join("\n"),
  nodes: ["art20-01"],
  interpretation: {
    title: `《${title.replace(/^.*《|》.*$/g, "")}》政策解读`,
    body: `一、制定背景：为规范${subject}工作，制定本文件。\n二、主要内容：${articles.map((a) => a.replace(/^第.条　/, "")).join("")}\n三、解读机关：${interpreter}。`,
    interpreter,
    form: "text",
  },
});

const DOCS: DemoGazetteDoc[] = [
  {
    issue: 1,
    spec: doc(
      "gyx",
      "固阳县人民政府关于印发《固阳县城区停车管理办法》的通知",
      "固政发〔2025〕11号",
      "2025-03-10",
      [
        "第一条　为规范城区机动车停放秩序，缓解停车难问题，根据有关法律法规，结合本县实际，制定本办法。",
        "第二条　城区道路停车泊位实行分时段收费，每日7时至21时收费，首30分钟免费。",
        "第三条　县住房和城乡建设局负责停车设施规划建设，县公安局交通管理大队负责道路停车秩序管理。",
      ],
      "城区停车管理",
      "县住房和城乡建设局",
    ),
  },
  {
    issue: 1,
    spec: doc(
      "gyx-jyj",
      "固阳县教育局关于印发《固阳县校外培训机构监督管理规定》的通知",
      "固教规〔2025〕1号",
      "2025-03-18",
      [
        "第一条　为规范校外培训行为，减轻学生过重校外培训负担，制定本规定。",
        "第二条　校外培训机构应当在经营场所和网站公示办学许可、收费项目、收费标准和退费办法。",
        "第三条　预收费不得超过3个月或60课时，资金纳入监管账户管理。",
      ],
      "校外培训监管",
      "县教育局",
    ),
  },
  {
    issue: 2,
    spec: doc(
      "gyx-zfb",
      "固阳县人民政府办公室关于印发《固阳县农牧民职业技能培训补贴办法》的通知",
      "固政办发〔2025〕23号",
      "2025-06-05",
      [
        "第一条　为提高农牧民就业创业能力，制定本办法。",
        "第二条　具有本县户籍的农牧民参加职业技能培训并取得职业资格证书或职业技能等级证书的，按每人每期1,200元给予培训补贴。",
        "第三条　补贴资金从就业补助资金中列支，由县人力资源和社会保障局审核发放。",
      ],
      "职业技能培训",
      "县人力资源和社会保障局",
    ),
  },
  {
    issue: 2,
    spec: doc(
      "gyx-nmkjj",
      "固阳县农牧和科技局关于印发《固阳县草原禁牧和草畜平衡监督管理规定》的通知",
      "固农规〔2025〕2号",
      "2025-06-20",
      [
        "第一条　为保护草原生态，落实草原禁牧和草畜平衡制度，制定本规定。",
        "第二条　禁牧区内全年禁止放牧；草畜平衡区按核定载畜量放牧，超载的限期减畜。",
        "第三条　禁牧补助和草畜平衡奖励资金按户发放，张榜公示不少于5个工作日。",
      ],
      "草原生态保护",
      "县农牧和科技局",
    ),
  },
  {
    issue: 3,
    spec: doc(
      "gyx",
      "固阳县人民政府关于印发《固阳县行政规范性文件管理办法》的通知",
      "固政发〔2025〕31号",
      "2025-10-09",
      [
        "第一条　为加强行政规范性文件管理，推进依法行政，制定本办法。",
        "第二条　行政规范性文件应当经过评估论证、公开征求意见、合法性审核和集体审议决定等程序，统一登记、统一编号、统一印发。",
        "第三条　行政规范性文件应当在印发之日起20个工作日内在县政府门户网站和政府公报公开。",
      ],
      "规范性文件管理",
      "县司法局",
    ),
  },
  {
    issue: 3,
    spec: doc(
      "gyx-scjgj",
      "固阳县市场监督管理局关于印发《固阳县小餐饮登记管理规定》的通知",
      "固市监规〔2025〕3号",
      "2025-10-21",
      [
        "第一条　为规范小餐饮经营行为，保障食品安全，制定本规定。",
        "第二条　小餐饮经营者应当向县市场监督管理局申请登记，取得小餐饮登记证后方可经营。",
        "第三条　登记证有效期3年，有效期届满需要继续经营的，应当在届满前30日内申请延续。",
      ],
      "食品安全",
      "县市场监督管理局",
    ),
  },
];

/** When each issue is compiled (a working day), and released two working days later. */
const ISSUE_DAYS: Record<number, string> = { 1: "2025-04-15", 2: "2025-08-12", 3: "2025-12-09" };

/** Schedules the documents, the three 2025 issues and the correction on the timeline (`serve --demo`). */
export function scheduleGazette(timeline: Timeline, cal: DemoCalendar, staff: DemoStaff): void {
  const ids = new Map<string, string>();
  for (const d of DOCS) scheduleItem(timeline, cal, staff, d.spec, (id) => ids.set(d.spec.title, id));
  let second = "";
  for (const [n, day] of Object.entries(ISSUE_DAYS)) {
    const compiled = cal.onOrAfter(day);
    const released = cal.addWorkingDays(compiled, 2);
    let issueId = "";
    timeline.add(shanghaiAt(compiled, "10:00"), async (deps: Deps) => {
      const entries = DOCS.filter((d) => d.issue === Number(n)).flatMap((d) => {
        const id = ids.get(d.spec.title);
        return id ? [{ item_id: id }] : [];
      });
      if (!entries.length) return;
      const row = await createIssue(deps, staff.office, { year: 2025, entries });
      issueId = row.id;
      if (n === "2") second = row.id;
      await performStep(deps, staff.office, row.id, { action: "submit" });
    });
    timeline.add(shanghaiAt(cal.addWorkingDays(compiled, 1), "15:00"), async (deps) => {
      if (issueId) await performStep(deps, staff.countySigner, issueId, { action: "review" });
    });
    timeline.add(shanghaiAt(released, "09:30"), async (deps) => {
      if (issueId) await performStep(deps, staff.office, issueId, { action: "release" });
    });
  }
  timeline.add(shanghaiAt(cal.onOrAfter("2025-09-02"), "10:00"), async (deps) => {
    if (!second) return;
    const { listEntries } = await import("../domains/gazette/gazette.repo");
    const entry = (await listEntries(deps.db.kysely, [second])).find(
      (e) => e.doc_number === "固政办发〔2025〕23号",
    );
    await correctIssue(deps, staff.office, second, {
      entry_id: entry?.id ?? null,
      text: "本期《固阳县农牧民职业技能培训补贴办法》第二条中“每人每期1,200元”应为“每人每期1,500元”。特此更正。",
    });
  });
}
