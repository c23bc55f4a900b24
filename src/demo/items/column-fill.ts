// Every catalogue column a reader expects to find something in gets at least one item: after the hand-written
// items are placed, each organisation's remaining columns are filled from templates (column-texts.ts for the
// statutory and office columns, standard-texts.ts for the 基层政务公开标准目录 rows) on dates spread over the
// years since 2020. Columns an organisation keeps only because its template has them (a department's Art. 21
// 治安管理, 行政处罚 for an office without that power) stay empty, as on a real county site.
import { catalogTemplateFor, type NodeTemplate, type StandardRow } from "../../domains/catalog";
import { DEFAULT_NODE_CODE } from "../../domains/publishing/catalog-link";
import type { DemoItemSpec } from "../publish";
import { ART21_OWNERS, policyText, statutoryText } from "./column-texts";
import { officeTexts } from "./office-texts";
import { ALL_PROFILES, type OrgProfile, profileOf } from "./profiles";
import { pick, standardItem } from "./standard-texts";

export interface DemoOrg {
  code: string;
  name: string;
  kind: string;
}

/** The county government speaks through its office's desk and telephone. */
const COUNTY: OrgProfile = { ...profileOf("gyx-zfb"), code: "gyx", name: "固阳县人民政府" };

const profileFor = (code: string) => (code === "gyx" ? COUNTY : ALL_PROFILES.find((p) => p.code === code));

/** The columns (with their standard rows) of an organisation's starting catalogue. */
function columnsOf(org: DemoOrg): Array<{ code: string; name: string; standard: StandardRow | null }> {
  const out: Array<{ code: string; name: string; standard: StandardRow | null }> = [];
  const walk = (nodes: NodeTemplate[]) => {
    for (const n of nodes) {
      if (n.kind === "column") out.push({ code: n.code, name: n.name, standard: n.standard });
      walk(n.children);
    }
  };
  walk(catalogTemplateFor(org));
  return out;
}

/** Whether a reader expects the column of this organisation to hold something. */
export function expectsContent(org: DemoOrg, code: string): boolean {
  if (org.kind !== "department") return true;
  if (code.startsWith("art21-")) return ART21_OWNERS[code]?.includes(org.code) ?? false;
  const p = profileFor(org.code);
  return (
    !p || !["art20-06", "art20-10", "art20-13"].includes(code) || statutoryText(p, code, 2024) !== undefined
  );
}

/** The codes of the columns the specs file items in, per organisation. */
export function filledColumns(specs: DemoItemSpec[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const s of specs) {
    const set = out.get(s.org) ?? new Set<string>();
    for (const code of s.nodes ?? [DEFAULT_NODE_CODE[s.kind] ?? ""]) set.add(code);
    if (s.interpretation) set.add("interpretation");
    out.set(s.org, set);
  }
  return out;
}

/** A 成文日期 for a column item: a year since 2020 and a working-week day, never after today. */
function formedFor(key: string, today: string): string {
  const thisYear = Number(today.slice(0, 4));
  const year = 2020 + pick(key, thisYear - 2020 + 1);
  const date = `${year}-${String(3 + pick(`${key}m`, 9)).padStart(2, "0")}-${String(10 + pick(`${key}d`, 16)).padStart(2, "0")}`;
  return date <= today ? date : `${year - 1}${date.slice(4)}`;
}

const COMMUNITY: Record<string, (name: string, year: number) => [string, string]> = {
  affairs: (name, y) => [
    `${name}${y}年村（居）务公开`,
    `${y}年，${name}召开村（居）民会议${2 + (y % 3)}次、村（居）民代表会议${6 + (y % 4)}次，讨论决定了人居环境整治、公益设施维护和集体收益分配等事项，表决结果和实施情况已在公开栏张贴。`,
  ],
  benefits: (name, y) => [
    `${name}${y}年惠民政策落实情况公示`,
    `${y}年，${name}经民主评议和镇人民政府审核，落实最低生活保障、高龄津贴、残疾人两项补贴、耕地地力保护补贴等惠民政策，享受对象名单（隐去身份证号码等个人信息）已在公开栏公示7天，无异议。`,
  ],
  services: (name) => [
    `${name}便民服务事项`,
    `${name}党群服务中心代办低保申请、城乡居民养老保险参保、医保缴费、残疾人证申领和就业登记等事项；工作日8:30—18:00有人值守，材料齐全的当日受理、代为报送。`,
  ],
};

const INSTITUTION: Record<string, (name: string, year: number) => [string, string]> = {
  services: (name) => [
    `${name}办事服务指南`,
    `${name}的服务事项、办事流程、办理时限和所需材料在服务场所公告栏和固阳县人民政府门户网站公开。办理业务请携带居民身份证，委托他人办理的另需提供委托书。`,
  ],
  fees: (name, y) => [
    `${name}${y}年收费项目和标准`,
    `${name}执行的收费项目和标准均依据自治区和包头市价格主管部门的规定制定，${y}年未新增收费项目。收费标准在服务场所醒目位置公示，不得在公示标准之外收取任何费用。`,
  ],
  quality: (name, y) => [
    `${name}${y}年服务质量和安全情况`,
    `${y}年，${name}接受主管部门监督检查${3 + (y % 3)}次，检查结果均为合格；服务承诺兑现率100%，未发生安全责任事故。`,
  ],
  complaints: (name, y) => [
    `${name}${y}年投诉举报处理情况`,
    `${y}年，${name}通过服务热线、意见箱和12345政务服务便民热线受理投诉${8 + (y % 7)}件，已全部在5个工作日内办结答复，群众满意率${95 + (y % 5)}%。`,
  ],
};

/** Items for every expected column of every organisation that the specs leave empty. */
export function columnFillSpecs(orgs: DemoOrg[], specs: DemoItemSpec[], today: string): DemoItemSpec[] {
  const filled = filledColumns(specs);
  const out: DemoItemSpec[] = [];
  for (const org of orgs) {
    const done = filled.get(org.code) ?? new Set<string>();
    const want = columnsOf(org).filter((c) => !done.has(c.code) && expectsContent(org, c.code));
    const add = (code: string, text: Omit<DemoItemSpec, "org" | "formed"> & { formed?: string }) => {
      const formed = text.formed ?? formedFor(`${org.code}|${code}`, today);
      out.push({ nodes: [code], ...text, org: org.code, formed });
      done.add(code);
    };
    const p = profileFor(org.code);
    for (const c of want) {
      if (done.has(c.code)) continue;
      const year = Number(formedFor(`${org.code}|${c.code}`, today).slice(0, 4));
      if (!p) {
        const text = (org.kind === "community" ? COMMUNITY : INSTITUTION)[c.code]?.(org.name, year);
        if (text) add(c.code, { kind: "other", title: text[0], body: text[1] });
        continue;
      }
      if (c.standard) {
        out.push(standardItem(p, c, c.standard, formedFor(`${org.code}|${c.code}`, today)));
        continue;
      }
      if (c.code === "art20-01" || c.code === "interpretation" || c.code === "participation") {
        const formed = formedFor(`${org.code}|policy`, today);
        const [policy, draft] = policyText(p, Number(formed.slice(0, 4)), formed);
        add("art20-01", { ...policy!, nodes: ["art20-01"], formed });
        done.add("interpretation");
        if (draft!.formed! >= "2020-01-06") add("participation", draft!);
        continue;
      }
      if (c.code === "response" || c.code === "rules") {
        add(c.code, officeTexts(p, year)[c.code]);
        continue;
      }
      const text = statutoryText(p, c.code, year);
      if (text) add(c.code, text);
    }
  }
  return out.filter((s) => s.formed <= today);
}
