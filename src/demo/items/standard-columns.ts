// Where an item also belongs in its organisation's 基层政务公开标准目录 (国办发〔2019〕54号): a department's budget
// is both an Art. 20 (七) item and a 财政预决算 standard-catalogue item. Matched by the column's name and the
// item's title, against the columns the organisation actually has.
import type { DemoItemSpec } from "../publish";

/** [standard column name, titles that belong in it]. */
const RULES: Array<[column: string, title: RegExp]> = [
  ["部门预算", /部门预算/],
  ["部门决算", /部门决算/],
  ["“三公”经费", /部门预算|部门决算/],
  ["政府预算", /预算草案/],
  ["政府决算", /预算执行情况/],
  ["招生政策和结果", /招生/],
  ["资助政策和对象", /资助/],
  ["基本公共卫生服务", /基本公共卫生/],
  ["城乡低保", /最低生活保障/],
  ["救助对象公示", /最低生活保障资金发放/],
  ["政策文件", /补贴实施方案/],
  ["补贴对象和金额", /补贴发放/],
  ["实施情况", /补贴发放/],
  ["补助政策", /危房改造/],
  ["改造对象审核公示", /危房改造补助对象/],
  ["征地补偿安置方案", /补偿安置方案/],
  ["征收土地预公告", /征收土地预公告/],
  ["环境质量状况", /空气质量/],
  ["招聘岗位信息", /招聘/],
  ["就业创业扶持政策", /就业创业/],
  ["食品安全监督抽检", /抽检/],
  ["交易结果", /中标/],
  ["交易公告", /招标/],
  ["服务指南", /政务服务事项清单/],
  ["灾情和救灾工作动态", /应急预案/],
  ["权责清单", /权责清单/],
  ["国土空间规划", /国土空间/],
  ["年度建设计划", /老旧小区/],
  ["政策文件及解读", /乡村振兴|脱贫/],
];

export type OrgColumns = Map<string, Array<{ code: string; name: string }>>;

/** The spec with the standard-catalogue columns of its organisation that its title belongs in (≤ 10 in all). */
export function withStandardColumns(spec: DemoItemSpec, columns: OrgColumns): DemoItemSpec {
  const own = columns.get(spec.org) ?? [];
  const extra = own
    .filter(
      (c) => c.code.startsWith("std-") && RULES.some(([name, re]) => c.name === name && re.test(spec.title)),
    )
    .map((c) => c.code);
  if (extra.length === 0 || !spec.nodes) return spec;
  return { ...spec, nodes: [...new Set([...spec.nodes, ...extra])].slice(0, 10) };
}
