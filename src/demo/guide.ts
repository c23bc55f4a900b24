// The 政府信息公开指南 of the county government and of each department and town (Regulation Art. 12, 20 and
// 27–45): what is disclosed proactively and where, how to apply, where the desk is, its hours and telephone,
// the fees rule and the remedies. The county's guide was issued in 2020 and revised in 2024 (行政复议法 revised).
import type { OrgProfile } from "./items/profiles";
import type { DemoItemSpec } from "./publish";

const HOURS = "法定工作日上午8:30—12:00，下午14:30—18:00（6月1日至9月30日下午15:00—18:30）";

function remedies(county: boolean, revised: boolean): string {
  if (!revised)
    return "公民、法人或者其他组织认为本机关在政府信息公开工作中侵犯其合法权益的，可以向上一级行政机关或者政府信息公开工作主管部门投诉、举报，也可以依法申请行政复议或者提起行政诉讼。";
  return county
    ? "公民、法人或者其他组织认为本机关在政府信息公开工作中侵犯其合法权益的，可以向包头市人民政府政务公开办公室投诉、举报；也可以自知道该行政行为之日起60日内向包头市人民政府申请行政复议，或者自知道或者应当知道该行政行为之日起6个月内向人民法院提起行政诉讼。"
    : "公民、法人或者其他组织认为本机关在政府信息公开工作中侵犯其合法权益的，可以向固阳县人民政府政务公开办公室投诉、举报；也可以自知道该行政行为之日起60日内向固阳县人民政府申请行政复议，或者自知道或者应当知道该行政行为之日起6个月内向人民法院提起行政诉讼。";
}

/** The guide's text; `county` for the county government's own guide. */
export function guideBody(p: OrgProfile, opts: { county: boolean; revised: boolean }): string {
  const who = opts.county ? "固阳县人民政府" : p.name;
  const desk = opts.county ? "固阳县人民政府办公室政务公开办公室" : `${p.name}${p.desk}`;
  const address = opts.county ? "固阳县金山镇阿塔山大街1号县政府办公楼一楼政务公开查阅室" : p.address;
  const phone = opts.county ? "0472-8121234" : p.phone;
  return [
    `为了保障公民、法人和其他组织依法获取政府信息，提高政府工作的透明度，根据《中华人民共和国政府信息公开条例》（以下简称《条例》），编制本指南。公民、法人和其他组织需要获得${who}的政府信息服务，建议阅读本指南。`,
    "一、主动公开",
    "（一）公开范围",
    `${who}依照《条例》第十九条、第二十条${opts.county ? "、第二十一条" : ""}的规定，主动公开本机关的机构职能、规范性文件、规划计划、统计信息、财政预决算、人事信息、重大建设项目、公共资源配置、社会公益事业建设等政府信息。具体内容详见本机关政府信息公开目录。`,
    "（二）公开方式",
    `主动公开的政府信息通过固阳县人民政府门户网站“政府信息公开”专栏公开，并视情况通过政府公报、新闻发布会、政务新媒体以及报刊、广播、电视等途径公开。县档案馆、县图书馆和县政务服务中心设有政府信息公开查阅点，免费向公众提供查阅服务。`,
    "（三）公开时限",
    "属于主动公开范围的政府信息，自该政府信息形成或者变更之日起20个工作日内予以公开。法律、法规对政府信息公开的期限另有规定的，从其规定。",
    "二、依申请公开",
    "（一）受理机构",
    `受理机构：${desk}`,
    `办公地址：${address}`,
    `办公时间：${HOURS}`,
    `联系电话：${phone}`,
    "邮政编码：014200",
    "（二）申请方式",
    `1.当面提交：申请人可以到受理机构现场填写《政府信息公开申请表》。书面申请确有困难的，申请人可以口头提出，由受理机构代为填写申请。`,
    `2.信函申请：申请人通过邮寄方式提交申请的，请在信封左下角注明“政府信息公开申请”字样，邮寄至${address}（邮政编码014200）。`,
    "3.网络申请：申请人可以登录固阳县人民政府门户网站“依申请公开”栏目在线填写并提交申请，提交后可凭查询码和密码查询办理进度。",
    "（三）申请内容",
    "政府信息公开申请应当包括：申请人的姓名或者名称、身份证明、联系方式；申请公开的政府信息的名称、文号或者便于行政机关查询的其他特征性描述；申请公开的政府信息的形式要求，包括获取信息的方式、途径。",
    "（四）办理程序",
    "1.收到申请的时间：申请人当面提交的，以提交之日为收到申请之日；以邮寄方式提交的，以本机关签收之日为收到申请之日；以平常信函等无需签收的邮寄方式提交的，以本机关与申请人确认之日为收到申请之日；通过互联网渠道提交的，以双方确认之日为收到申请之日。",
    "2.补正：申请内容不明确的，本机关自收到申请之日起7个工作日内一次性告知申请人作出补正，说明需要补正的事项和合理的补正期限。答复期限自本机关收到补正的申请之日起计算。申请人无正当理由逾期不补正的，视为放弃申请。",
    "3.答复期限：能够当场答复的，当场予以答复；不能当场答复的，自收到申请之日起20个工作日内予以答复；需要延长答复期限的，经政府信息公开工作机构负责人同意并告知申请人，延长的期限最长不超过20个工作日。征求第三方和其他机关意见所需时间不计算在前述期限内。",
    "4.答复形式：本机关根据《条例》第三十六条的规定分别作出答复，并尽量按照申请人要求的形式提供政府信息。",
    "（五）收费",
    "本机关依申请提供政府信息，不收取费用。但是，申请人申请公开政府信息的数量、频次明显超过合理范围的，按照《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）收取信息处理费。",
    "三、监督和救济",
    remedies(opts.county, opts.revised),
  ].join("\n");
}

/** The county's guide of 2020 and its 2024 revision; one guide for each department and town. */
export function guideSpecs(county: OrgProfile, others: OrgProfile[], today: string): DemoItemSpec[] {
  const out: DemoItemSpec[] = [
    {
      org: "gyx",
      kind: "other",
      title: "固阳县人民政府政府信息公开指南（2020年版）",
      body: guideBody(county, { county: true, revised: false }),
      nodes: ["guide"],
      formed: "2020-03-02",
      topic: "政务公开",
      keywords: "政府信息公开指南 依申请公开",
    },
    {
      org: "gyx",
      kind: "other",
      title: "固阳县人民政府政府信息公开指南（2024年修订）",
      body: guideBody(county, { county: true, revised: true }),
      nodes: ["guide"],
      formed: "2024-01-08",
      topic: "政务公开",
      keywords: "政府信息公开指南 依申请公开",
    },
  ];
  for (const p of others)
    out.push({
      org: p.code,
      kind: "other",
      title: `${p.name}政府信息公开指南`,
      body: guideBody(p, { county: false, revised: true }),
      nodes: ["guide"],
      formed: "2024-01-15",
      topic: "政务公开",
    });
  return out.filter((s) => s.formed <= today);
}
