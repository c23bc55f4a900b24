// The periodic columns a well-run county keeps fresh (statistics every month, subsidies and village affairs
// every quarter, budgets and enrolment every year): after every other item is placed, each active column with a
// monthly, quarterly or yearly update rule whose newest item is older than its period gets the items of its
// latest periods, so the site health check (国办秘函〔2019〕19号, decision 0010) finds the columns up to date.
// Two realistic slips are left on purpose, as a real county has them: one village committee's 村（居）务公开
// column not updated for about eight months (past its quarter's 183 days), and the emergency bureau's unused 重大建设项目 column never archived (both deductions,
// neither a veto); the other unused department columns are archived, as decision 0010 asks.

import { actorOf } from "../domains/accounts";
import { archiveNode } from "../domains/catalog";
import { DEFAULT_NODE_CODE } from "../domains/publishing/catalog-link";
import { type DemoOrg, expectsContent } from "./items/column-fill";
import type { DemoItemSpec, DemoStaff } from "./publish";
import { addDays, shanghaiAt, type Timeline } from "./timeline";

export interface PeriodicColumn {
  id: string;
  code: string;
  name: string;
  update_rule: string;
  inactive?: boolean;
}

export interface PeriodicOrg {
  code: string;
  name: string;
  kind: string;
}

/** The column left stale (a village committee's 村务公开), and the unused column left unarchived. */
export const LEFT_STALE = { org: "gyx-hsxz-1", code: "affairs" } as const;
export const LEFT_EMPTY = { org: "gyx-yjglj", code: "art20-10" } as const;

/** Days after which a column counts as long unupdated (health.service PERIODIC_DAYS), less a margin. */
const FRESH_DAYS: Record<string, number> = { monthly: 45, quarterly: 150, yearly: 360 };

/** The organisation as its titles name it: a village committee by its village (兴顺西镇兴顺西村). */
const short = (name: string) => name.replace(/社区居民委员会$|村民委员会$/, "");

/** A stable small number from a key (the demo's figures vary by organisation and period, never at random). */
function num(key: string, lo: number, hi: number): number {
  let h = 2166136261;
  for (const ch of key) h = Math.imul(h ^ ch.codePointAt(0)!, 16777619);
  return lo + ((h >>> 0) % (hi - lo + 1));
}

const daysBetween = (a: string, b: string) =>
  Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);

/** Title and body of an item of one period of a column. */
function periodText(
  org: PeriodicOrg,
  column: PeriodicColumn,
  period: string,
  key: string,
): { title: string; body: string; notice: boolean } {
  const who = org.name;
  const s = short(org.name);
  const n = (lo: number, hi: number, k = "") => num(`${key}${k}`, lo, hi);
  const contact = "对以上信息有疑问的，请在工作日向本单位办公室反映。";
  const by: Record<string, () => { title: string; body: string; notice: boolean }> = {
    统计信息: () => ({
      title: `${s}${period}主要统计数据`,
      body: [
        `${period}，${who}主要统计数据如下：`,
        `一、规模以上工业增加值同比增长${n(3, 9, "a")}.${n(0, 9, "b")}%。`,
        `二、社会消费品零售总额${n(2, 6, "c")}.${n(0, 9, "d")}亿元，同比增长${n(2, 7, "e")}.${n(0, 9, "f")}%。`,
        `三、城乡居民人均可支配收入累计增长${n(4, 7, "g")}.${n(0, 9, "h")}%。`,
        "以上数据为快报数，最终以统计年鉴公布为准。",
      ].join("\n"),
      notice: false,
    }),
    救助对象公示: () => ({
      title: `${s}${period}城乡低保和特困供养对象公示`,
      body: [
        `根据《社会救助暂行办法》，现将${who}${period}城乡最低生活保障和特困人员救助供养对象情况公示如下：`,
        `一、城市低保${n(20, 90, "a")}户${n(30, 140, "b")}人，农村低保${n(120, 480, "c")}户${n(200, 760, "d")}人。`,
        `二、特困供养人员${n(10, 60, "e")}人，本期新增${n(0, 5, "f")}人、退出${n(0, 4, "g")}人。`,
        "公示名单已按规定去除身份证号码等个人信息。公示期7天，对公示对象有异议的，可向民政部门反映。",
      ].join("\n"),
      notice: true,
    }),
    惠民政策落实: () => ({
      title: `${s}${period}惠民惠农财政补贴资金发放情况`,
      body: [
        `现将${who}${period}惠民惠农财政补贴资金发放情况公开如下：`,
        `一、耕地地力保护补贴${n(40, 300, "a")}.${n(0, 9, "b")}万元，惠及${n(300, 2400, "c")}户。`,
        `二、草原生态保护补助奖励${n(20, 200, "d")}.${n(0, 9, "e")}万元。`,
        "补贴资金全部通过“一卡通”发放到户。",
        contact,
      ].join("\n"),
      notice: false,
    }),
    "村（居）务公开": () => ({
      title: `${s}${period}村（居）务公开`,
      body: [
        `${who}${period}村（居）务公开如下：`,
        `一、财务收支：本期收入${n(2, 30, "a")}.${n(0, 9, "b")}万元，支出${n(1, 25, "c")}.${n(0, 9, "d")}万元。`,
        `二、集体事务：召开村（居）民代表会议${n(1, 3, "e")}次，议定事项均已公开。`,
        "三、惠民事项：低保、临时救助等名单已在公示栏张贴。",
        contact,
      ].join("\n"),
      notice: false,
    }),
    文化惠民活动: () => ({
      title: `${s}${period}文化惠民活动开展情况`,
      body: `${period}，${who}组织送戏下乡、公益电影放映和“书香固阳”阅读活动${n(4, 20, "a")}场次，服务群众${n(800, 6000, "b")}人次。\n${contact}`,
      notice: false,
    }),
    发放情况: () => ({
      title: `${s}${period}高龄津贴和养老服务补贴发放情况`,
      body: `${period}，${who}为${n(300, 2600, "a")}名80周岁以上老年人发放高龄津贴${n(20, 160, "b")}.${n(0, 9, "c")}万元，为经济困难失能老年人发放养老服务补贴${n(2, 20, "d")}.${n(0, 9, "e")}万元，均按时足额发放到个人账户。\n${contact}`,
      notice: false,
    }),
    法定传染病疫情信息: () => ({
      title: `${s}${period}法定传染病疫情概况`,
      body: `${period}，${who}辖区共报告法定传染病${n(10, 60, "a")}例，无死亡病例，未发生突发公共卫生事件。报告病例居前的病种为流行性感冒、其他感染性腹泻病和布鲁氏菌病。`,
      notice: false,
    }),
    环境质量状况: () => ({
      title: `${s}${period}环境空气质量状况`,
      body: `${period}，县城区环境空气质量优良天数比例为${n(82, 98, "a")}.${n(0, 9, "b")}%，PM2.5平均浓度${n(15, 32, "c")}微克/立方米，集中式饮用水水源地水质达标率100%。`,
      notice: false,
    }),
  };
  const made = by[column.name]?.();
  if (made) return made;
  return {
    title: `${s}${period}${column.name}`,
    body: [
      `根据《中华人民共和国政府信息公开条例》和基层政务公开标准目录，现将${who}${period}${column.name}有关情况公开如下：`,
      `本期共办理相关事项${n(3, 40, "a")}件，均已按规定办结，相关文件和结果已归档备查。`,
      contact,
    ].join("\n"),
    notice: false,
  };
}

/** The latest periods of a column due by `today`: each with its label and the date its item is formed. */
function latestPeriods(rule: string, today: string, key: string): Array<{ label: string; formed: string }> {
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7));
  const day = (k: string) => String(num(`${key}|${k}`, 3, 9)).padStart(2, "0");
  const out: Array<{ label: string; formed: string }> = [];
  if (rule === "monthly")
    for (const back of [2, 1]) {
      // the month `back` months ago, published early in the month after it
      const t = new Date(Date.UTC(y, m - 1 - back, 1));
      const after = new Date(Date.UTC(y, m - back, 1));
      out.push({
        label: `${t.getUTCFullYear()}年${t.getUTCMonth() + 1}月`,
        formed: `${after.toISOString().slice(0, 8)}${day(`m${back}`)}`,
      });
    }
  if (rule === "quarterly") {
    const q = Math.floor((m - 1) / 3); // this quarter, 0-based; the last finished one is q - 1
    const qy = q === 0 ? y - 1 : y;
    const last = q === 0 ? 4 : q;
    const after = new Date(Date.UTC(qy, last * 3, 1));
    out.push({
      label: `${qy}年第${"一二三四"[last - 1]}季度`,
      formed: `${after.toISOString().slice(0, 8)}${day("q")}`,
    });
  }
  if (rule === "yearly") out.push({ label: `${y - 1}年度`, formed: `${y}-03-${day("y")}` });
  // A period whose item would not be published by today is formed two to three weeks back instead: drafted on
  // the next working day and published on the one after (public holidays included), its steps all happen before
  // the seed's now. (Formed a day or two back, an item could be drafted and published "now" at once: events after
  // now happen now, so a seed run between midnight and 09:20 in Shanghai published it the moment it was created.)
  const latestFormed = addDays(today, -14);
  return out.map((p) =>
    p.formed <= latestFormed ? p : { label: p.label, formed: addDays(today, -num(`${key}|g`, 14, 19)) },
  );
}

/**
 * Items that bring every stale periodic column up to date as of `today` (except LEFT_STALE). `placed`: every
 * item spec already scheduled, its columns resolved.
 */
export function periodicRefreshSpecs(
  orgs: PeriodicOrg[],
  columns: Map<string, PeriodicColumn[]>,
  placed: DemoItemSpec[],
  today: string,
): DemoItemSpec[] {
  const latest = new Map<string, string>();
  for (const s of placed)
    for (const code of s.nodes ?? [DEFAULT_NODE_CODE[s.kind] ?? ""]) {
      const k = `${s.org}|${code}`;
      if ((latest.get(k) ?? "") < s.formed) latest.set(k, s.formed);
    }
  const out: DemoItemSpec[] = [];
  for (const org of orgs)
    for (const c of columns.get(org.code) ?? []) {
      const limit = FRESH_DAYS[c.update_rule];
      if (!limit || c.inactive || c.code === "annual-report") continue;
      // the slip: kept up until about eight months ago, then forgotten
      const asOf = org.code === LEFT_STALE.org && c.code === LEFT_STALE.code ? addDays(today, -240) : today;
      const last = latest.get(`${org.code}|${c.code}`);
      if (!last || daysBetween(last, asOf) <= limit) continue;
      for (const p of latestPeriods(c.update_rule, asOf, `${org.code}|${c.code}`)) {
        if (p.formed <= last) continue;
        const t = periodText(org, c, p.label, `${org.code}|${c.code}|${p.label}`);
        out.push({
          org: org.code,
          kind: t.notice ? "notice" : "other",
          title: t.title,
          body: t.body,
          nodes: [c.code],
          formed: p.formed,
          topic: c.name,
        });
      }
    }
  return out;
}

/**
 * On the day the county went live, the office archives the statutory columns a department has no use for (行政处罚
 * for an office without that power, 重大建设项目 for one that builds nothing), all but LEFT_EMPTY.
 */
export function scheduleUnusedColumnsArchived(
  timeline: Timeline,
  staff: DemoStaff,
  orgs: DemoOrg[],
  columns: Map<string, PeriodicColumn[]>,
  start: string,
): void {
  const unused = orgs.flatMap((org) =>
    org.kind !== "department"
      ? []
      : (columns.get(org.code) ?? []).filter(
          (c) =>
            ["art20-06", "art20-10", "art20-13"].includes(c.code) &&
            !expectsContent(org, c.code) &&
            !(org.code === LEFT_EMPTY.org && c.code === LEFT_EMPTY.code),
        ),
  );
  timeline.add(shanghaiAt(start, "08:50"), async (d) => {
    for (const c of unused) await archiveNode(d, actorOf(staff.office), c.id);
  });
}
