// The early warning's burst test (issue 17): a fixed clock and generated streams.
import { describe, expect, it } from "vitest";
import { findBursts, findKeywordHits, type StreamText, termsOf } from "./opinion.burst";

const NOW = new Date("2026-12-07T02:00:00Z");
const HOUR = 3_600_000;
const OPTS = { now: NOW, windowHours: 48, baselineDays: 14, ratio: 3, min: 10 };
const at = (hoursAgo: number) => new Date(NOW.getTime() - hoursAgo * HOUR).toISOString();

// One topic in many wordings: what residents of one heating district write.
const HEATING = [
  "阳光小区冬季供暖温度不达标，暖气片不热，室内只有十二度",
  "阳光小区供暖不热，老人孩子在家冻得不行，热力公司不上门",
  "暖气不热已经一周，阳光小区供暖温度才十三度",
  "阳光小区三号楼供暖温度低，热力公司电话打不通",
  "请热力公司检查阳光小区供暖管网，暖气片冰凉",
];
// Forty other matters: every one a different topic.
const NOISE = [
  "西斗铺镇村道路灯坏了没人修，晚上出行不安全",
  "城区菜市场门口占道经营，交通拥堵",
  "孩子入学划片咨询，新建学区何时公布",
  "医保异地报销手续怎么办理",
  "农村低保申请需要哪些材料",
  "小区电梯年检过期仍在运行",
  "公交车班次太少，等车一个小时",
  "养老保险缴费年限查询",
  "企业开办能否网上办理营业执照",
  "建筑工地夜间施工噪音扰民",
  "河道垃圾堆积发出臭味",
  "农民工工资被拖欠半年",
  "出租车拒载绕路",
  "自来水水质发黄浑浊",
  "乡村公路坑洼不平",
  "幼儿园收费标准是否合理",
  "残疾人补贴发放时间",
  "不动产登记证书办理进度",
  "退役军人优待证申领",
  "耕地占用补偿标准",
  "牧区草场承包纠纷",
  "快递网点违规收费",
  "药店药品价格偏高",
  "驾驶证换证预约",
  "公园健身器材损坏",
  "户口迁移手续咨询",
  "网吧接纳未成年人",
  "餐馆油烟扰民",
  "停车场收费不透明",
  "殡葬服务价格",
  "医院挂号难排队久",
  "电动车充电桩不足",
  "垃圾分类投放点设置",
  "危房改造补助申请",
  "学校食堂饭菜质量",
  "消防通道被占用",
  "广场舞噪音扰民",
  "流浪犬伤人隐患",
  "公厕无人保洁",
  "社区卫生站缺医少药",
];

/** A baseline of `perDay` texts a day on the heating topic for the 14 days before the window. */
const baseline = (perDay: number): StreamText[] =>
  Array.from({ length: 14 * perDay }, (_, i) => ({
    type: "message",
    id: `base-${i}`,
    text: HEATING[i % HEATING.length]!,
    at: at(48 + 1 + i * (24 / perDay)),
  }));

describe("early warning: bursts", () => {
  it("segments a text into key terms without stopwords or numbers", () => {
    const t = termsOf("阳光小区冬季供暖温度不达标，希望尽快解决，2026年");
    expect(t).toContain("供暖");
    expect(t).toContain("温度");
    expect(t).not.toContain("希望");
    expect(t).not.toContain("2026");
  });

  it("40 messages on one topic within two days against a baseline of 2 a day raise a warning listing them", () => {
    const burst: StreamText[] = Array.from({ length: 40 }, (_, i) => ({
      type: i % 4 === 0 ? "hotline_ticket" : "message",
      id: `burst-${i}`,
      text: HEATING[i % HEATING.length]!,
      at: at(47 - i),
    }));
    const found = findBursts([...baseline(2), ...burst], OPTS);
    expect(found).toHaveLength(1);
    const w = found[0]!;
    expect(w.kind).toBe("burst");
    expect(w.count).toBe(40);
    expect(w.baseline).toBe(4);
    expect(w.window_hours).toBe(48);
    expect(w.topic).toMatch(/供暖|小区|阳光/);
    expect(w.evidence.map((e) => e.id).sort()).toEqual(burst.map((b) => b.id).sort());
    expect(w.evidence.filter((e) => e.type === "hotline_ticket")).toHaveLength(10);
  });

  it("background noise of the same volume spread over topics raises nothing", () => {
    const noise: StreamText[] = NOISE.map((text, i) => ({
      type: "message",
      id: `noise-${i}`,
      text,
      at: at(47 - i),
    }));
    expect(findBursts([...baseline(2), ...noise], OPTS)).toEqual([]);
  });

  it("the baseline's own level is no burst: 2 a day within the window too", () => {
    const steady: StreamText[] = Array.from({ length: 4 }, (_, i) => ({
      type: "message",
      id: `steady-${i}`,
      text: HEATING[i]!,
      at: at(40 - i * 10),
    }));
    expect(findBursts([...baseline(2), ...steady], OPTS)).toEqual([]);
  });

  it("two bursts sharing a word (公司) stay two topics, each with its own evidence", () => {
    const WATER = [
      "金山镇城区停水一整天，自来水公司电话打不通",
      "城区停水没有通知，自来水公司不回应",
      "停水第二天，城区居民排队买水",
    ];
    const heat: StreamText[] = Array.from({ length: 30 }, (_, i) => ({
      type: "message",
      id: `h${i}`,
      text: HEATING[i % 5]!,
      at: at(40 - i),
    }));
    const water: StreamText[] = Array.from({ length: 15 }, (_, i) => ({
      type: "feed",
      id: `w${i}`,
      text: WATER[i % 3]!,
      at: at(30 - i),
    }));
    const found = findBursts([...baseline(2), ...heat, ...water], OPTS);
    expect(found.map((f) => f.count)).toEqual([30, 15]);
    expect(found[0]!.evidence.every((e) => e.id.startsWith("h"))).toBe(true);
    expect(found[1]!.evidence.every((e) => e.id.startsWith("w"))).toBe(true);
    expect(found[1]!.topic).toContain("停水");
  });

  it("a keyword the office watches raises a warning on its first hit", () => {
    const texts: StreamText[] = [
      { type: "comment", id: "c1", text: "征收补偿不公，村民准备集体上访", at: at(3) },
      { type: "message", id: "m1", text: "路灯坏了", at: at(2) },
    ];
    const hits = findKeywordHits(texts, ["上访", "爆炸"], OPTS);
    expect(hits).toEqual([
      expect.objectContaining({
        kind: "keyword",
        topic: "上访",
        count: 1,
        evidence: [{ type: "comment", id: "c1" }],
      }),
    ]);
  });
});
