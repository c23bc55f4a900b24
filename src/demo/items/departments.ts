// The key columns of every department and town, generated from their profiles: 机构职能 and 领导信息
// (Art. 20 (二)), 部门预算 and 部门决算 each year (Art. 20 (七)), 年度工作要点 (Art. 20 (三)), 人事信息
// (Art. 20 (十四)) and the organisation's typical 公示公告. Figures follow one rule per organisation, so a
// final account matches the budget it closes.
import type { DemoItemSpec } from "../publish";
import { type OrgProfile, TOWN_PROFILES } from "./profiles";

const wan = (n: number) => n.toLocaleString("zh-CN", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** A stable small number per organisation and year, so figures differ without being random. */
function wiggle(code: string, year: number): number {
  let h = year;
  for (const ch of code) h = (h * 31 + ch.charCodeAt(0)) % 9973;
  return (h % 100) / 100; // 0.00 … 0.99
}

export interface BudgetFigures {
  total: number;
  basic: number;
  project: number;
  threePublic: number;
  reception: number;
  vehicles: number;
  abroad: number;
}

/** The organisation's budget of a year (万元). */
export function budgetOf(p: OrgProfile, year: number): BudgetFigures {
  const total =
    Math.round(p.budget2020 * (1 + 0.043 * (year - 2020) + 0.02 * wiggle(p.code, year)) * 100) / 100;
  const basic = Math.round(total * (0.58 + 0.1 * wiggle(p.code, year + 7)) * 100) / 100;
  const reception = Math.round((2.4 + p.staff / 40) * (1 - 0.05 * (year - 2020)) * 100) / 100;
  const vehicles = Math.round((6.8 + p.staff / 25) * (1 - 0.04 * (year - 2020)) * 100) / 100;
  return {
    total,
    basic,
    project: Math.round((total - basic) * 100) / 100,
    threePublic: Math.round((reception + vehicles) * 100) / 100,
    reception,
    vehicles,
    abroad: 0,
  };
}

/** The final account of a year: spending a little under or over the budget as the year went. */
export function finalOf(p: OrgProfile, year: number): BudgetFigures {
  const b = budgetOf(p, year);
  const f = 0.94 + 0.09 * wiggle(p.code, year + 3);
  const r = (n: number) => Math.round(n * f * 100) / 100;
  const reception = Math.round(b.reception * 0.86 * 100) / 100;
  const vehicles = Math.round(b.vehicles * 0.93 * 100) / 100;
  return {
    total: r(b.total),
    basic: Math.round(b.basic * 0.99 * 100) / 100,
    project: Math.round((r(b.total) - b.basic * 0.99) * 100) / 100,
    threePublic: Math.round((reception + vehicles) * 100) / 100,
    reception,
    vehicles,
    abroad: 0,
  };
}

const isTown = (p: OrgProfile) => TOWN_PROFILES.includes(p);
const shortName = (p: OrgProfile) => p.name.replace(/^固阳县/, "");

function functionsItem(p: OrgProfile): DemoItemSpec {
  const body = [
    `${p.name}${isTown(p) ? "是基层一级人民政府，在固阳县人民政府领导下开展工作" : p.name.startsWith("包头市") ? "是包头市生态环境局的派出机构，负责固阳县行政区域内的生态环境保护工作" : "是固阳县人民政府工作部门"}，机构规格为正科级。`,
    "一、主要职责",
    ...p.functions.map((f, i) => `（${"一二三四五六七八九"[i]}）${f}。`),
    `（${"一二三四五六七八九"[p.functions.length]}）完成县委、县人民政府交办的其他任务。`,
    "二、内设机构",
    `${p.name}设${p.units.length}个内设机构（单位）：${p.units.join("、")}。`,
    "三、办公地址和办公时间",
    `办公地址：${p.address}。`,
    "办公时间：法定工作日上午8:30—12:00，下午14:30—18:00（6月1日至9月30日下午15:00—18:30）。",
    `联系电话：${p.phone}。`,
  ].join("\n");
  return {
    org: p.code,
    kind: "other",
    title: `${p.name}机构职能`,
    body,
    nodes: ["art20-02"],
    formed: "2020-03-16",
    topic: "机构职能",
  };
}

function leadersItem(p: OrgProfile): DemoItemSpec {
  const body = [
    "根据《中华人民共和国政府信息公开条例》第二十条第（二）项，现将本机关负责人信息公开如下：",
    ...p.leaders.map((l) => `${l.name}　${l.post}\n${l.duties}。`),
    `以上信息如有变动，将在20个工作日内更新。联系电话：${p.phone}。`,
  ].join("\n");
  return {
    org: p.code,
    kind: "other",
    title: `${p.name}领导信息`,
    body,
    nodes: ["art20-02"],
    formed: "2021-09-06",
    topic: "机构职能",
  };
}

function budgetItem(p: OrgProfile, year: number): DemoItemSpec {
  const b = budgetOf(p, year);
  const prev = year > 2020 ? budgetOf(p, year - 1) : undefined;
  const change = prev ? ((b.total - prev.total) / prev.total) * 100 : 0;
  const body = [
    "第一部分　部门概况",
    `一、主要职能：${p.functions.slice(0, 3).join("；")}等。`,
    `二、机构设置：本部门预算为${p.name}本级预算，内设${p.units.length}个机构，编制内人员${p.staff}人。`,
    "第二部分　收支预算总体情况",
    `${year}年收入预算${wan(b.total)}万元，全部为一般公共预算财政拨款收入；支出预算${wan(b.total)}万元，其中基本支出${wan(b.basic)}万元，项目支出${wan(b.project)}万元。`,
    prev
      ? `与${year - 1}年相比，收支预算${change >= 0 ? "增加" : "减少"}${wan(Math.abs(b.total - prev.total))}万元，${change >= 0 ? "增长" : "下降"}${Math.abs(change).toFixed(1)}%，主要原因是${change >= 0 ? "人员工资调标和重点项目支出增加" : "压减一般性支出和非刚性支出"}。`
      : "2020年为本部门首次在县政府门户网站集中公开部门预算。",
    "第三部分　“三公”经费预算情况",
    `${year}年“三公”经费预算${wan(b.threePublic)}万元，其中：因公出国（境）费${wan(b.abroad)}万元；公务用车运行维护费${wan(b.vehicles)}万元；公务接待费${wan(b.reception)}万元。${prev ? `比上年减少${wan(Math.max(0, prev.threePublic - b.threePublic))}万元，主要是严格落实过紧日子要求。` : ""}`,
    "第四部分　其他重要事项说明",
    `一、机关运行经费：${year}年机关运行经费预算${wan(Math.round(b.basic * 0.08 * 100) / 100)}万元。`,
    `二、政府采购：${year}年政府采购预算${wan(Math.round(b.project * 0.12 * 100) / 100)}万元，其中货物类、服务类分别按照集中采购目录执行。`,
    "三、绩效目标：项目支出全部编制绩效目标，绩效目标表随部门预算一并公开。",
    "第五部分　名词解释",
    "基本支出：为保障机构正常运转、完成日常工作任务而发生的人员支出和公用支出。项目支出：为完成特定行政工作任务和事业发展目标而发生的支出。",
  ].join("\n");
  return {
    org: p.code,
    kind: "budget",
    title: `${p.name}${year}年部门预算公开说明`,
    body,
    nodes: ["art20-07"],
    formed: `${year}-02-${year % 2 ? "14" : "18"}`,
    topic: "财政预决算",
    keywords: "部门预算 三公经费",
  };
}

function finalItem(p: OrgProfile, year: number): DemoItemSpec {
  const b = budgetOf(p, year);
  const f = finalOf(p, year);
  const ratio = (f.total / b.total) * 100;
  const body = [
    "第一部分　部门概况",
    `${p.name}内设${p.units.length}个机构，${year}年末实有人员${p.staff}人。`,
    "第二部分　收入支出决算总体情况",
    `${year}年度收入总计${wan(f.total)}万元，支出总计${wan(f.total)}万元，为年初预算${wan(b.total)}万元的${ratio.toFixed(1)}%。`,
    `其中基本支出${wan(f.basic)}万元，占${((f.basic / f.total) * 100).toFixed(1)}%；项目支出${wan(f.project)}万元，占${((f.project / f.total) * 100).toFixed(1)}%。`,
    `决算数${ratio >= 100 ? "大于" : "小于"}预算数的主要原因是${ratio >= 100 ? "年中追加了上级转移支付项目资金" : "部分项目按实际进度结转下年支出"}。`,
    "第三部分　“三公”经费支出决算情况",
    `${year}年度“三公”经费支出${wan(f.threePublic)}万元，完成预算的${((f.threePublic / b.threePublic) * 100).toFixed(1)}%。其中：因公出国（境）费0.00万元；公务用车运行维护费${wan(f.vehicles)}万元；公务接待费${wan(f.reception)}万元。`,
    "第四部分　其他重要事项说明",
    `一、机关运行经费支出${wan(Math.round(f.basic * 0.079 * 100) / 100)}万元。`,
    `二、政府采购支出${wan(Math.round(f.project * 0.11 * 100) / 100)}万元，授予中小企业合同金额占比${(62 + 20 * wiggle(p.code, year)).toFixed(1)}%。`,
    "三、国有资产占用：截至年末，本部门共有车辆2辆，单价50万元以上通用设备0台（套）。",
    "四、预算绩效：本部门对全部项目支出开展了绩效自评，自评结果随本决算一并公开。",
  ].join("\n");
  return {
    org: p.code,
    kind: "budget",
    title: `${p.name}${year}年度部门决算公开说明`,
    body,
    nodes: ["art20-07"],
    formed: `${year + 1}-08-${year % 2 ? "21" : "25"}`,
    topic: "财政预决算",
    keywords: "部门决算 三公经费",
  };
}

function workPointsItem(p: OrgProfile, year: number): DemoItemSpec {
  const body = [
    `${year}年是${year <= 2020 ? "“十三五”规划收官之年" : year <= 2025 ? "实施“十四五”规划的关键之年" : "“十五五”规划开局之年"}。${shortName(p)}坚持稳中求进工作总基调，现将本年度工作要点安排如下：`,
    ...p.functions
      .slice(0, 4)
      .map(
        (f, i) =>
          `${"一二三四"[i]}、${f}，细化任务分工，明确完成时限，${i === 0 ? "确保年度目标任务全面完成" : i === 1 ? "每季度通报进展情况" : i === 2 ? "接受社会监督" : "及时回应群众关切"}。`,
      ),
    "五、持续推进政务公开。落实“谁制定谁公开、谁公开谁解读”的要求，按时更新本单位主动公开目录，依法办理政府信息公开申请。",
    "六、加强自身建设。严格落实过紧日子要求，加强干部队伍作风建设，提升依法行政水平。",
  ].join("\n");
  return {
    org: p.code,
    kind: "plan",
    title: `${p.name}${year}年工作要点`,
    body,
    nodes: ["art20-03"],
    formed: `${year}-03-${isTown(p) ? "09" : "03"}`,
    topic: "规划计划",
  };
}

function personnelItem(p: OrgProfile, year: number): DemoItemSpec {
  const body = isTown(p)
    ? [
        `根据县委组织部、县人力资源和社会保障局的统一安排，现将${shortName(p)}${year}年公开招聘社区工作者拟聘用人员情况公示如下：`,
        "一、招聘岗位：社区综合服务岗3名，村级便民服务站工作人员2名。",
        "二、招聘程序：经报名、资格审查、笔试、面试、体检和考察，确定拟聘用人员5名，名单已在镇政府公示栏张贴。",
        "三、公示期：自公示之日起7个工作日。对拟聘用人员有异议的，可向镇党政综合办公室反映。",
      ].join("\n")
    : [
        `根据《事业单位人事管理条例》和《固阳县${year}年事业单位公开招聘工作人员公告》，现将${p.name}所属事业单位拟聘用人员情况公示如下：`,
        `一、招聘岗位：专业技术岗位${2 + (year % 3)}名，管理岗位1名。`,
        "二、招聘程序：经笔试、资格复审、面试、体检和考察，按综合成绩由高到低确定拟聘用人员，名单已在县人力资源和社会保障局门户栏目同步公示。",
        "三、公示期：自公示之日起7个工作日。",
        `四、监督电话：${p.phone}。`,
      ].join("\n");
  return {
    org: p.code,
    kind: "notice",
    title: isTown(p)
      ? `${shortName(p)}${year}年公开招聘社区工作者拟聘用人员公示`
      : `${p.name}${year}年所属事业单位公开招聘拟聘用人员公示`,
    body,
    nodes: ["art20-14"],
    formed: `${year}-08-12`,
    topic: "人事信息",
  };
}

/** Every key column of one organisation, from 2020 to the seed's today. */
export function departmentItems(p: OrgProfile, today: string): DemoItemSpec[] {
  const thisYear = Number(today.slice(0, 4));
  const out: DemoItemSpec[] = [functionsItem(p), leadersItem(p)];
  for (let y = 2020; y <= thisYear; y++) {
    out.push(budgetItem(p, y));
    if (y < thisYear) out.push(finalItem(p, y));
    if (y >= thisYear - 1) out.push(workPointsItem(p, y));
    if (y === 2023 || y === thisYear - 1) out.push(personnelItem(p, y));
    if (p.notice && y >= 2021)
      out.push({
        org: p.code,
        kind: "notice",
        title: p.notice.title(y),
        body: p.notice.body(y),
        nodes: [p.notice.node],
        formed: `${y}-05-${10 + (y % 7)}`,
        topic: "公示公告",
      });
  }
  return out.filter((i) => i.formed <= today);
}
