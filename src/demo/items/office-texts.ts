// The texts of the Art. 21 columns a department or town keeps, its 回应关切 and its 政府信息公开制度, from the
// organisation's profile and a year (the Art. 20 columns are in column-texts.ts).
import type { OrgProfile } from "./profiles";
import { isTown, pick, shortOf, type Text, taskOf } from "./standard-texts";

export function art21Text(p: OrgProfile, code: string, year: number): Text | undefined {
  const short = shortOf(p);
  const k = (s: string, base: number) => base + pick(`${p.code}|${code}|${year}|${s}`, base + 5);
  const texts: Record<string, [string, string[]]> = {
    "art21-municipal": [
      `${short}${year}年县城市政设施建设和维护情况`,
      [
        `${year}年，${short}实施县城道路改造${k("r", 3)}条、雨污分流管网${k("p", 4)}公里，新增路灯${k("l", 120)}盏。`,
        "施工期间的交通组织和停水停气安排提前3日在本栏目公告。",
      ],
    ],
    "art21-public-services": [
      `${short}${year}年公共服务事项办理情况`,
      [
        `${year}年，${short}办理公共服务事项${k("n", 3000).toLocaleString("zh-CN")}件，按时办结率100%，“好差评”好评率${97 + pick(p.code, 3)}%。`,
        "服务事项清单、办事指南和投诉渠道在县政务服务网公开。",
      ],
    ],
    "art21-public-welfare": [
      `${short}${year}年慈善和公益事业开展情况`,
      [
        `${year}年，全县登记慈善组织和社会团体${k("o", 20)}个，开展公益活动${k("a", 40)}场次，接收社会捐赠款物折合${k("m", 80)}万元。`,
        "捐赠款物的使用情况由受赠组织在本栏目和县慈善总会公示栏同步公开。",
      ],
    ],
    "art21-land-expropriation": [
      `${isTown(p) ? short : "固阳县"}${year}年征收土地信息公开`,
      [
        `${year}年，${isTown(p) ? `${short}范围内` : "全县"}经批准征收集体土地${k("h", 30)}公顷，涉及${k("v", 2)}个行政村，用于城镇建设和基础设施项目。`,
        "征收土地预公告、征地补偿安置方案、征收土地公告和补偿登记结果均在被征收土地所在村张贴，并在本栏目同步公开。",
      ],
    ],
    "art21-housing-expropriation": [
      `${isTown(p) ? short : "固阳县"}${year}年国有土地上房屋征收情况`,
      [
        `${year}年，${isTown(p) ? short : "县城"}实施房屋征收项目${k("n", 1)}个，涉及被征收户${k("h", 20)}户，已签订补偿协议${k("s", 18)}户。`,
        "房屋征收决定、补偿方案和分户补偿情况在征收范围内公告，被征收人可依法申请行政复议或者提起行政诉讼。",
      ],
    ],
    "art21-public-security": [
      `${short}${year}年平安建设工作情况`,
      [
        `${year}年，${short}排查化解矛盾纠纷${k("d", 40)}件，组织治安巡逻${k("p", 200)}次，开展防范电信网络诈骗宣传${k("t", 20)}场。`,
        "群众可通过镇综治中心和110报警电话反映治安问题。",
      ],
    ],
    "art21-social-assistance": [
      `${short}${year}年社会救助工作情况`,
      [
        `${year}年，${short}累计保障城乡低保对象${k("d", 3000).toLocaleString("zh-CN")}人次、特困人员${k("t", 300)}人，实施临时救助${k("l", 200)}人次。`,
        "救助政策、申请条件、办理流程和救助对象（隐去身份证号码等个人信息）按月公开。",
      ],
    ],
  };
  const t = texts[code];
  if (!t) return undefined;
  return { kind: "notice", title: t[0], body: t[1].join("\n") };
}

/** 回应关切 and the 政府信息公开制度 of the organisation. */
export function officeTexts(p: OrgProfile, year: number): Record<"response" | "rules", Text> {
  const short = shortOf(p);
  const task = taskOf(p.functions[pick(p.code, p.functions.length)]!);
  return {
    response: {
      kind: "other",
      title: `${short}关于群众反映${task}有关问题的回应`,
      body: [
        `近期，有群众通过12345政务服务便民热线和县政府门户网站留言，反映${task}中办理时间长、政策不清楚等问题。${short}高度重视，现回应如下：`,
        `一、经核实，群众反映的问题涉及${2 + pick(`${p.code}${year}`, 6)}件，已逐件联系当事人，其中当场解决的已办结，需协调的明确了办结时限。`,
        "二、相关政策的申请条件、办理流程和咨询电话已在本单位政府信息公开专栏集中公开，并在办事窗口张贴。",
        `三、欢迎群众继续监督。联系电话：${p.phone}。`,
      ].join("\n"),
    },
    rules: {
      kind: "other",
      title: `${p.name}政府信息公开工作制度`,
      body: [
        "第一条　为规范本机关政府信息公开工作，根据《中华人民共和国政府信息公开条例》，制定本制度。",
        `第二条　本机关政府信息公开工作由${p.leaders[0]!.post}负总责，${p.desk}负责日常工作。`,
        "第三条　主动公开的政府信息，自形成或者变更之日起20个工作日内公开；拟公开信息须经保密审查，由承办股室负责人审核、分管领导签发。",
        `第四条　依申请公开的政府信息，由${p.desk}统一登记、统一答复，按《条例》规定的期限办理。`,
        "第五条　本机关每年1月31日前向县人民政府办公室报送上一年度政府信息公开工作年度报告。",
        "第六条　本制度自印发之日起施行。",
      ].join("\n"),
    },
  };
}
