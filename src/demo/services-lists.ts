// The demo county's 权责清单 and 公共服务事项清单: the civil-affairs bureau's power list (two published versions,
// so the changes between them show an entry added, one removed and one changed), its public-service list, the
// human-resources bureau's public-service list and the market-regulation bureau's power list. Entries handled as
// service items link to the demo items by implementation code. Each list goes through the real steps: drafted
// by the office, submitted, and published by the county's reviewer.
import type { Deps } from "../deps";
import type { EntryInput } from "../domains/services/services.lists.model";
import {
  createList,
  editDraft,
  performListStep,
  startVersion,
} from "../domains/services/services.lists.service";
import type { DemoStaff } from "./publish";
import { DEMO_ITEMS } from "./services-items";

/** A demo item's implementation code by its name (the lists link to the items as the catalogue numbers them). */
const implOf = (name: string) => {
  const it = DEMO_ITEMS.find((i) => i.name === name);
  if (!it?.impl_code) throw new Error(`demo item ${name} missing`);
  return it.impl_code;
};

const DUTIES = (what: string) =>
  [
    `1.受理责任：公示${what}的依据、条件、材料和时限，一次性告知需要补正的材料。`,
    "2.审查责任：对申请材料进行审查，需要现场核查的组织核查。",
    "3.决定责任：在承诺时限内作出决定，不予批准的说明理由并告知救济途径。",
    "4.送达责任：按规定送达决定文书并公开结果。",
    "5.事后监管责任：开展监督检查，依法处理违法行为。",
  ].join("\n");
const ACCOUNTABLE =
  "因不履行或不正确履行行政职责，有下列情形之一的，依照《中华人民共和国公职人员政务处分法》等追究相应责任：对符合条件的申请不予受理或不在法定期限内作出决定的；对不符合条件的申请准予许可或确认的；索取或收受他人财物、谋取其他利益的；其他违反法律法规规章的情形。";

function power(
  code: string,
  name: string,
  type: string,
  basis: string,
  body: string,
  item?: string,
): EntryInput {
  return {
    code,
    name,
    type,
    basis,
    body,
    duties: DUTIES(name),
    accountability: ACCOUNTABLE,
    notes: "",
    item: item ? implOf(item) : "",
  };
}

function service(
  code: string,
  name: string,
  category: string,
  basis: string,
  object: string,
  provider: string,
  item?: string,
): EntryInput {
  return { code, name, category, basis, object, provider, notes: "", item: item ? implOf(item) : "" };
}

const MZJ = "固阳县民政局";
const MZJ_POWER_V1: EntryInput[] = [
  power(
    "XK-MZJ-001",
    "社会团体成立、变更、注销登记",
    "行政许可",
    "《社会团体登记管理条例》第六条、第九条",
    MZJ,
    "社会团体成立登记",
  ),
  power(
    "JF-MZJ-001",
    "最低生活保障金给付",
    "行政给付",
    "《社会救助暂行办法》第九条至第十一条",
    MZJ,
    "最低生活保障审核确认",
  ),
  power("QR-MZJ-001", "特困人员认定", "行政确认", "《社会救助暂行办法》第十四条", MZJ, "特困人员认定"),
  power(
    "QR-MZJ-002",
    "内地居民婚姻登记",
    "行政确认",
    "《中华人民共和国民法典》第一千零四十九条；《婚姻登记条例》第二条",
    MZJ,
    "内地居民结婚登记",
  ),
  power(
    "CF-MZJ-001",
    "对社会团体未按规定办理变更登记的处罚",
    "行政处罚",
    "《社会团体登记管理条例》第三十条",
    MZJ,
  ),
  power(
    "JC-MZJ-001",
    "对社会组织的年度检查",
    "行政检查",
    "《社会团体登记管理条例》第二十八条；《民办非企业单位登记管理暂行条例》第二十三条",
    MZJ,
  ),
  power(
    "QT-MZJ-001",
    "地名命名、更名审核",
    "其他行政权力",
    "《地名管理条例》第十条",
    `${MZJ}（报县人民政府批准）`,
  ),
];

/** Version 2: 临时救助 added, 地名命名 moved to the county government's list (removed), the checks changed. */
function mzjPowerV2(): EntryInput[] {
  const v2 = MZJ_POWER_V1.filter((e) => e.code !== "QT-MZJ-001").map((e) =>
    e.code === "JC-MZJ-001"
      ? {
          ...e,
          name: "对社会组织的年度检查和抽查审计",
          basis: `${e.basis}；《社会组织抽查暂行办法》`,
          duties: `${e.duties}\n6.抽查责任：按“双随机、一公开”要求抽取检查对象，公开抽查结果。`,
        }
      : e,
  );
  v2.push(power("JF-MZJ-002", "临时救助金给付", "行政给付", "《社会救助暂行办法》第四十七条至第五十条", MZJ));
  return v2;
}

const MZJ_SERVICES: EntryInput[] = [
  service(
    "GG-MZJ-001",
    "婚姻登记档案查询",
    "婚姻登记",
    "《婚姻登记档案管理办法》第十六条",
    "婚姻当事人及其委托代理人",
    `${MZJ}婚姻登记处`,
  ),
  service(
    "GG-MZJ-002",
    "困难群众临时救助申请受理",
    "社会救助",
    "《社会救助暂行办法》第四十八条",
    "遭遇突发事件、意外伤害或重大疾病导致基本生活暂时困难的家庭或个人",
    "各镇人民政府（民政局指导）",
  ),
  service(
    "GG-MZJ-003",
    "高龄津贴发放",
    "养老服务",
    "《内蒙古自治区老年人权益保障条例》",
    "本县户籍 80 周岁以上老年人",
    MZJ,
  ),
];

const RSJ = "固阳县人力资源和社会保障局";
const RSJ_SERVICES: EntryInput[] = [
  service(
    "GG-RSJ-001",
    "社会保障卡申领",
    "社会保障",
    "《社会保障卡管理办法》",
    "参加社会保险的人员",
    `${RSJ}社会保险服务中心`,
    "社会保障卡申领",
  ),
  service(
    "GG-RSJ-002",
    "城乡居民基本养老保险参保登记",
    "社会保障",
    "《国务院关于建立统一的城乡居民基本养老保险制度的意见》",
    "年满 16 周岁、不符合职工基本养老保险参保条件的城乡居民",
    `${RSJ}社会保险服务中心`,
    "城乡居民基本养老保险参保登记",
  ),
  service(
    "GG-RSJ-003",
    "就业创业证申领",
    "就业创业",
    "《就业服务与就业管理规定》第六十三条",
    "在法定劳动年龄内、有劳动能力和就业要求的城乡劳动者",
    `${RSJ}公共就业服务中心`,
    "就业创业证申领",
  ),
  service(
    "GG-RSJ-004",
    "职业介绍和职业指导",
    "就业创业",
    "《中华人民共和国就业促进法》第三十五条",
    "求职人员和用人单位",
    `${RSJ}公共就业服务中心`,
  ),
  service(
    "GG-RSJ-005",
    "职业技能培训补贴申领",
    "就业创业",
    "《职业技能提升行动实施方案（2019—2021年）》",
    "参加职业技能培训并取得证书的劳动者",
    RSJ,
  ),
];

const SCJ = "固阳县市场监督管理局";
const SCJ_POWER: EntryInput[] = [
  power(
    "XK-SCJ-001",
    "食品经营许可",
    "行政许可",
    "《中华人民共和国食品安全法》第三十五条",
    SCJ,
    "食品经营许可",
  ),
  power(
    "XK-SCJ-002",
    "特种设备使用登记",
    "行政许可",
    "《中华人民共和国特种设备安全法》第三十三条",
    SCJ,
    "特种设备使用登记",
  ),
  power(
    "QR-SCJ-001",
    "个体工商户登记",
    "行政确认",
    "《促进个体工商户发展条例》第八条",
    SCJ,
    "个体工商户设立登记",
  ),
  power(
    "JC-SCJ-001",
    "对食品生产经营者的监督检查",
    "行政检查",
    "《中华人民共和国食品安全法》第一百一十条",
    SCJ,
  ),
  power(
    "CF-SCJ-001",
    "对未取得食品经营许可从事食品经营活动的处罚",
    "行政处罚",
    "《中华人民共和国食品安全法》第一百二十二条",
    SCJ,
  ),
  power(
    "QZ-SCJ-001",
    "查封、扣押不符合食品安全标准的食品",
    "行政强制",
    "《中华人民共和国食品安全法》第一百一十条第四项",
    SCJ,
  ),
  power(
    "JL-SCJ-001",
    "对举报食品安全违法行为的奖励",
    "行政奖励",
    "《市场监管领域重大违法行为举报奖励暂行办法》",
    SCJ,
  ),
];

const DECISION = (org: string, n: number) =>
  `固政办发〔2026〕${n}号 固阳县人民政府办公室关于公布${org}权责清单和公共服务事项清单的通知`;

/** Drafts a list by the office and publishes it by the county's reviewer (the four-eyes rule). */
async function publish(
  deps: Deps,
  staff: DemoStaff,
  org: string,
  kind: "power" | "public_service",
  entries: EntryInput[],
  decision: string,
) {
  const { list } = await createList(deps, staff.office, { org, kind, entries, decision });
  await performListStep(deps, staff.office, list.id, { action: "submit" });
  await performListStep(deps, staff.countyReviewer, list.id, { action: "approve" });
  return list.id;
}

export async function seedDemoServiceLists(deps: Deps, staff: DemoStaff): Promise<void> {
  const mzj = await publish(deps, staff, "gyx-mzj", "power", MZJ_POWER_V1, DECISION("民政局", 11));
  await startVersion(deps, staff.office, mzj, {
    reason: "增加临时救助金给付；地名命名、更名审核调整至县人民政府权责清单；社会组织抽查纳入年度检查。",
  });
  await editDraft(deps, staff.office, mzj, { entries: mzjPowerV2(), decision: DECISION("民政局", 27) });
  await performListStep(deps, staff.office, mzj, { action: "submit" });
  await performListStep(deps, staff.countyReviewer, mzj, { action: "approve" });
  await publish(deps, staff, "gyx-mzj", "public_service", MZJ_SERVICES, DECISION("民政局", 11));
  await publish(deps, staff, "gyx-rsj", "public_service", RSJ_SERVICES, DECISION("人社局", 12));
  await publish(deps, staff, "gyx-scjgj", "power", SCJ_POWER, DECISION("市场监管局", 13));
}
