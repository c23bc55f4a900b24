// The text of a 基层政务公开标准目录 column item, written from the column's own standard row (公开事项, 公开内容
// 要素, 依据, 时限) and the issuing organisation's facts: one paragraph per element the row lists, each with the
// figures of that organisation and year.
import type { StandardRow } from "../../domains/catalog";
import type { DemoItemSpec } from "../publish";
import type { OrgProfile } from "./profiles";

/** A stable number in [0, n) for a key, so figures differ per organisation and column without being random. */
export function pick(key: string, n: number): number {
  let h = 7;
  for (const ch of key) h = (h * 31 + ch.charCodeAt(0)) % 1_000_003;
  return h % n;
}

const CN = "一二三四五六七八九十";
export const cnIndex = (i: number) => (i < 10 ? CN[i]! : `十${CN[i - 10] ?? ""}`);

/** The organisation as its items call it: 县教育局, 金山镇. */
export const shortOf = (p: OrgProfile) =>
  p.name === "固阳县人民政府"
    ? "固阳县"
    : p.name.replace(/^固阳县(.+)人民政府$/, "$1").replace(/^固阳县/, "县");

/** An item's text before its organisation and date are set. */
export type Text = Pick<DemoItemSpec, "kind" | "title" | "body"> & Partial<DemoItemSpec>;

/** "负责全县家庭经济困难学生资助工作" → "全县家庭经济困难学生资助". */
export const taskOf = (f: string) =>
  f
    .split(/[，,]/)[0]!
    .replace(/^(负责|承担|贯彻执行|拟订并组织实施|组织实施|指导)/, "")
    .replace(/(的)?(有关)?工作$/, "");

export const isTown = (p: OrgProfile) => p.name.endsWith("镇人民政府");

/** One sentence for one element of the row's 公开内容, by what the element is. */
function elementSentence(el: string, p: OrgProfile, year: number, key: string): string {
  const n = (k: number, base: number) => base + pick(`${key}|${el}|${k}`, base + 7);
  const s = p.code === "gyx" ? "县人民政府办公室" : shortOf(p);
  if (/联系方式|电话|地址|地点|场所|位置/.test(el))
    return `${el}：${p.address}，${p.desk}，联系电话${p.phone}；工作日上午8:30—12:00，下午14:30—18:00。`;
  if (/条件/.test(el))
    return `${el}：符合国家、自治区规定条件的，可向${p.code === "gyx" ? "县有关部门" : s}或户籍（居住）所在地镇人民政府提出申请；${year}年条件未作调整。`;
  if (/流程|程序/.test(el))
    return `${el}：提出申请、受理审查（${n(1, 3)}个工作日）、调查核实、审核审批、结果公示（不少于${n(2, 5)}日）、办结归档。`;
  if (/时限|时间/.test(el))
    return `${el}：自受理之日起${n(3, 10)}个工作日内办结；承诺时限比法定时限压缩${n(4, 30)}%。`;
  if (/材料|资料/.test(el))
    return `${el}：申请表、居民身份证或营业执照、与申请事项有关的证明材料；申请表可在县政务服务网下载或到窗口领取。`;
  if (/标准|金额|补贴|津贴|收费|补偿/.test(el))
    return `${el}：执行自治区和包头市公布的标准，${year}年度按规定调整后在办事窗口和本栏目同步公布，涉及${n(5, 200)}户（人）。`;
  if (/结果|决定|名单|名录|对象|报告/.test(el))
    return `${el}：${year}年共形成${n(6, 12)}件（份），已逐项公开；公示期内收到意见${pick(`${key}|${el}`, 3)}件，均已核实答复。`;
  if (/计划|规划|方案|安排/.test(el))
    return `${el}：${year}年安排${n(7, 6)}项，计划投资${n(8, 300)}万元；截至年底完成${80 + pick(`${key}|${el}|p`, 21)}%。`;
  if (/政策|文件|法律|法规|解读|依据/.test(el))
    return `${el}：现行有效文件${n(9, 4)}件，全文和解读材料已在本栏目和“政策文件”栏目公开。`;
  if (/情况|进展|状况|概况|动态|变化|信息/.test(el))
    return `${el}：截至${year}年第${"一二三四"[pick(`${key}|${el}|q`, 4)]}季度末，相关工作完成${n(10, 20)}项，按月更新。`;
  if (/表|预算|决算|经费|资金/.test(el))
    return `${el}：按财政部门批复的${year}年数据编制，金额单位为万元，经${s}审核后与本说明一并公开。`;
  if (/机构|组织|委员会|名册|人员|单位/.test(el))
    return `${el}：${s}设${p.units.length}个内设机构（${p.units.slice(0, 3).join("、")}等），人员和分工有变化的，20个工作日内更新。`;
  if (/项目|事项|目录|清单|范围/.test(el))
    return `${el}：${year}年共${n(11, 8)}项，逐项列明名称、依据和责任股室，有调整的随时更新。`;
  return `${el}：${year}年由${s}${p.desk}汇总整理，共${n(12, 8)}项，已全部公开并按规定更新。`;
}

/** The elements of a row's 公开内容 (split at 、，；). */
export function elementsOf(content: string): string[] {
  const out: string[] = [];
  let short = "";
  for (const piece of content.split(/[、，；,]/).map((e) => e.trim())) {
    if (!piece) continue;
    // "养老、医疗、工伤、失业保险待遇标准" is one element: a short piece joins the next.
    if (piece.length < 4) {
      short += `${piece}、`;
      continue;
    }
    out.push(`${short}${piece}`);
    short = "";
  }
  if (short) out.push(short.slice(0, -1));
  return out.slice(0, 7);
}

const NOTICE_WORDS = /公示|结果|名单|对象|审核|发放|决定|处罚/;

/** An item for one standard column of an organisation, in a year. */
export function standardItem(
  p: OrgProfile,
  column: { code: string; name: string },
  row: StandardRow,
  formed: string,
): DemoItemSpec {
  const year = Number(formed.slice(0, 4));
  const key = `${p.code}|${column.code}`;
  const notice = NOTICE_WORDS.test(`${row.item_l2}${row.content}`);
  const title = `${shortOf(p)}${year}年${row.item_l2}${notice ? "公示" : "公开"}`;
  const body = [
    `根据${row.basis}和基层政务公开标准目录（${row.item_l1}—${row.item_l2}），现将${p.name}${year}年${row.item_l2}有关信息公开如下：`,
    ...elementsOf(row.content).map((el, i) => `${cnIndex(i)}、${elementSentence(el, p, year, key)}`),
    `公开时限：${row.time_limit}。公开渠道：${row.channels}。`,
    `对以上信息有疑问或异议的，请在工作日向${p.desk}反映，联系电话${p.phone}。`,
  ].join("\n");
  return {
    org: p.code,
    kind: notice ? "notice" : "other",
    title,
    body,
    nodes: [column.code],
    formed,
    topic: row.item_l1,
  };
}
