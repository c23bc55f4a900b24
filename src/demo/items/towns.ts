// What townships disclose under Art. 21 beyond agricultural policy: irrigation works, land-contract transfers,
// homestead approvals, 筹资筹劳 and social assistance, one item each per town in the last full year.
import type { DemoItemSpec } from "../publish";
import { type OrgProfile, TOWN_PROFILES } from "./profiles";

function townItems(p: OrgProfile, year: number, k: number): DemoItemSpec[] {
  const town = p.name.replace(/^固阳县|人民政府$/g, "");
  return [
    {
      org: p.code,
      kind: "notice",
      title: `${town}${year}年高标准农田建设项目实施情况公示`,
      body: [
        `${year}年，${town}实施高标准农田建设项目${(1.2 + k * 0.3).toFixed(1)}万亩，总投资${(1800 + k * 420).toLocaleString("zh-CN")}万元，涉及${3 + (k % 3)}个行政村。`,
        "建设内容包括土地平整、机电井配套、低压输电线路和田间道路，项目由县农牧和科技局组织验收。",
        "项目建成后移交村集体经济组织管护，管护责任人和管护制度在村务公开栏公示。",
      ].join("\n"),
      nodes: ["art21-irrigation"],
      formed: `${year}-10-1${k}`,
    },
    {
      org: p.code,
      kind: "notice",
      title: `${town}${year}年农村土地承包经营权流转情况`,
      body: [
        `截至${year}年底，${town}农村土地承包经营权流转面积${(4.6 + k * 0.8).toFixed(1)}万亩，占承包耕地面积的${(31 + k * 3).toFixed(0)}%，签订规范流转合同${860 + k * 75}份。`,
        "流转主要流向农民专业合作社、家庭农场和种植大户，流转价格每亩每年80元至150元不等。",
        "镇农村经营管理站为流转双方免费提供政策咨询、合同签订和纠纷调解服务。",
      ].join("\n"),
      nodes: ["art21-land-transfer"],
      formed: `${year}-12-0${k + 1}`,
    },
    {
      org: p.code,
      kind: "notice",
      title: `${town}${year}年农村宅基地审批情况公示`,
      body: [
        `${year}年，${town}共受理农村宅基地申请${6 + k}宗，经村民小组讨论、村民委员会审查和镇人民政府审核，批准${5 + k}宗，不予批准1宗（申请人已有宅基地）。`,
        "批准宅基地面积每户不超过自治区规定标准，均使用村内空闲地和原有宅基地，未占用永久基本农田。",
        "审批结果已在镇人民政府公示栏及各村村务公开栏公示。",
      ].join("\n"),
      nodes: ["art21-homestead"],
      formed: `${year}-11-2${k}`,
    },
    {
      org: p.code,
      kind: "notice",
      title: `${town}${year}年村级公益事业一事一议筹资筹劳情况公示`,
      body: [
        `${year}年，${town}${2 + (k % 2)}个村实施一事一议财政奖补项目，主要用于村内道路硬化和路灯安装。`,
        `项目总投资${(96 + k * 14).toFixed(0)}万元，其中财政奖补资金${(72 + k * 10).toFixed(0)}万元，村民自愿筹资${(9 + k).toFixed(0)}万元，筹劳折资${(15 + k * 3).toFixed(0)}万元。`,
        "筹资筹劳方案经村民会议讨论通过，筹资标准每人每年不超过20元，不得强行摊派。",
      ].join("\n"),
      nodes: ["art21-fundraising"],
      formed: `${year}-09-2${k}`,
    },
    {
      org: p.code,
      kind: "statistics",
      title: `${town}${year}年第四季度社会救助资金发放情况`,
      body: [
        `${year}年第四季度，${town}发放农村牧区低保金${(58 + k * 6.4).toFixed(2)}万元，保障${620 + k * 48}户；发放特困人员供养金${(12 + k * 1.3).toFixed(2)}万元，保障${58 + k * 4}人；发放临时救助金${(3.2 + k * 0.4).toFixed(2)}万元，救助${21 + k}人次。`,
        "各项救助资金通过惠民惠农财政补贴资金“一卡通”发放到户，救助对象名单在各村村务公开栏公示。",
      ].join("\n"),
      nodes: ["art21-social-assistance"],
      formed: `${year + 1}-01-0${5 + (k % 4)}`,
    },
  ];
}

export function townSpecs(today: string): DemoItemSpec[] {
  const year = Number(today.slice(0, 4)) - 1;
  return TOWN_PROFILES.flatMap((p, k) => townItems(p, year, k)).filter((s) => s.formed <= today);
}
