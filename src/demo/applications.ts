// Demo information-disclosure applications for `serve --demo` and `seed demo`: enough for a county trying
// the software to see every back-office queue (to register, in progress, overdue, replied), the public
// archive and the Art. 44 list filled in. Every one goes through the real services, so the audit log and
// the statutory clocks are what a real county's would be. Dates are counted back from today in working
// days. The people are invented; their identity numbers carry valid check digits.
import type { Deps } from "../deps";
import { findCurrentUser } from "../domains/accounts";
import { performApplicationAction, submitOnline } from "../domains/applications";
import type { ApplyInput } from "../domains/applications/applications.schemas";
import { intakeApplication } from "../domains/applications/applications.service";
import { publishArchive } from "../domains/applications/archive/archive.service";
import { loadCalendar } from "../domains/calendar";
import { siteById } from "../domains/orgs";
import { buildCreditCode } from "../platform/credit-code";
import { shanghaiDateOf } from "../platform/time";

/** A resident ID number (GB 11643) with its check digit. */
export function demoIdNumber(region: string, birth: string, serial: string): string {
  const body = `${region}${birth}${serial}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((n, d, i) => n + Number(d) * weights[i]!, 0);
  return body + "10X98765432"[sum % 11]!;
}

const person = (name: string, birth: string, serial: string, phone: string): ApplyInput["applicant"] => ({
  type: "natural",
  name,
  id_type: "resident_id",
  id_number: demoIdNumber("150222", birth, serial),
  phone,
  address: "内蒙古自治区包头市固阳县金山镇",
});

const LOW_INCOME = "申请公开固阳县2025年城乡最低生活保障资金发放情况（按镇汇总）。";

const HEATING = "申请公开2026年固阳县城区集中供热价格调整的成本监审报告。";

/**
 * Seeds the recent demo applications once; returns how many were created (0 when they are there). The
 * years before come with the demo history (applications-history.ts).
 */
export async function seedDemoApplications(deps: Deps): Promise<number> {
  const existing = await deps.db.kysely
    .selectFrom("applications")
    .where("description", "=", HEATING)
    .select((eb) => eb.fn.countAll().as("n"))
    .executeTakeFirstOrThrow();
  if (Number(existing.n) > 0) return 0;
  const office = await findCurrentUser(deps, "demo-office");
  if (!office) throw new Error("demo users missing: run the demo seed first");
  const site = await siteById(deps, office.siteId);
  const cal = await loadCalendar(deps, site.id);
  const today = shanghaiDateOf(deps.clock.now());
  /** The working day `n` working days before today. */
  const back = (n: number) => {
    let d = today;
    let left = n;
    while (left > 0 || !cal.isWorkingDay(d)) {
      const t = new Date(`${d}T00:00:00Z`);
      t.setUTCDate(t.getUTCDate() - 1);
      d = t.toISOString().slice(0, 10);
      if (cal.isWorkingDay(d)) left--;
    }
    return d;
  };
  const act = (id: string, action: Record<string, unknown>) =>
    performApplicationAction(deps, office, id, action as never);
  const letter = async (applicant: ApplyInput["applicant"], description: string, on: string) =>
    (
      await intakeApplication(deps, office, {
        applicant,
        description,
        delivery: "post",
        channel: "letter",
        on,
      })
    ).row.id;

  // Waiting to be registered: two online applications, filed to the demo county's portal.
  const online = (input: ApplyInput) => submitOnline(deps, input, undefined, site.id);
  await online({
    applicant: person("赵文华", "19880312", "102", "13904721234"),
    description: HEATING,
    delivery: "online",
  });
  await online({
    applicant: {
      type: "commercial",
      name: "固阳县恒达建材有限公司",
      credit_code: buildCreditCode("91", "150222", "MA0N0A0A"),
      legal_rep: "孙建国",
      phone: "0472-8125678",
    },
    description: "申请公开固阳县2026年政府投资项目招标计划。",
    delivery: "online",
  });

  // In progress, assigned to the department that holds the information.
  const inProgress = await letter(
    person("钱玉兰", "19750921", "224", "13847201234"),
    "申请公开金山镇2026年农村危房改造补助对象名单及补助标准。",
    back(4),
  );
  await act(inProgress, { action: "assign", org: "gyx-zjj", handler: "demo-office" });

  // Overdue: registered 22 working days ago, never answered.
  await letter(
    person("周立新", "19660105", "315", "15104721234"),
    "申请公开固阳县2025年耕地地力保护补贴资金发放明细（按村汇总）。",
    back(22),
  );

  // Waiting for a correction.
  const unclear = await letter(
    person("吴海燕", "19920617", "426", "13614721234"),
    "申请公开有关文件。",
    back(6),
  );
  await act(unclear, {
    action: "request_correction",
    on: back(5),
    items: "请写明所需文件的名称、文号或者发布机关、大致时间等特征描述",
  });

  // Answered 予以公开, and published de-identified in the archive.
  const answered = await letter(
    person("郑国强", "19801130", "537", "13704721234"),
    "申请公开《固阳县2020年政务公开工作要点》（固政办发〔2020〕12号）全文。",
    back(30),
  );
  await act(answered, {
    action: "reply",
    on: back(26),
    outcome: "disclose",
    note: "该文件已在县政府门户网站“政府信息公开”栏目主动公开，随本答复书一并提供。",
  });
  await publishArchive(deps, office, answered, {
    summary: "申请公开《固阳县2020年政务公开工作要点》（固政办发〔2020〕12号）全文。",
    reply_summary: "予以公开，随答复书提供该文件，并告知其在县政府门户网站的公开位置。",
  });

  // The same information asked for by three people: a group on the Art. 44 list.
  const requests = [
    ["王秀英", "19581023", "648", "13514721234", 40, 36],
    ["李春生", "19690714", "759", "13314721234", 28, 24],
    ["冯志强", "19771208", "861", "18604721234", 12, 9],
  ] as const;
  for (const [name, birth, serial, phone, received, replied] of requests) {
    const id = await letter(person(name, birth, serial, phone), LOW_INCOME, back(received));
    await act(id, {
      action: "reply",
      on: back(replied),
      outcome: "disclose",
      note: "随本答复书提供按镇汇总的低保资金发放情况表。",
    });
  }
  return 9;
}
