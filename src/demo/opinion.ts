// The county's public-opinion work, new-media registry and 12345 supervision (issue 17) on its timeline, seen
// from today: a heating complaint being handled (its 48-hour clock running), a rumour of a reservoir breach
// answered within 5 and 24 hours and evaluated, a subsistence-allowance review answered late and criticised by
// the inspection office; the keywords the office watches; three new-media accounts (one left unkept for 20
// days and little followed, one with messages unanswered); two supervision notices on 12345 work.
import type { Deps } from "../deps";
import { systemActor } from "../deps";
import type { CurrentUser } from "../domains/accounts";
import { findCurrentUser } from "../domains/accounts";
import { decideOnAccount, recordActivity, registerAccount } from "../domains/newmedia/newmedia.service";
import { closeSupervision, issueSupervision } from "../domains/opinion/hotline-supervision.service";
import { importFeed } from "../domains/opinion/opinion.feeds";
import { draftResponse, holdToAccount } from "../domains/opinion/opinion.response";
import { scanSite } from "../domains/opinion/opinion.scan";
import { addCaseEvent, createCase, performCaseStep } from "../domains/opinion/opinion.service";
import { addKeyword } from "../domains/opinion/opinion.settings";
import { performAction } from "../domains/publishing";
import { shanghaiDateOf } from "../platform/time";
import type { DemoStaff } from "./publish";
import { addDays, depsAt } from "./timeline";

const HOUR = 3_600_000;

async function publishResponse(deps: Deps, staff: DemoStaff, itemId: string) {
  await performAction(deps, staff.office, itemId, { action: "submit" });
  await performAction(deps, staff.countyReviewer, itemId, { action: "approve" });
  await performAction(deps, staff.countySigner, itemId, { action: "sign" });
  await performAction(deps, staff.countySigner, itemId, { action: "publish" });
}

/**
 * `responses`: also the two answered cases, whose responses are published items (the demo with its history;
 * a bare seed publishes nothing, so tests that count publications by day see only their own).
 */
export async function seedDemoOpinion(
  live: Deps,
  staff: DemoStaff,
  opts: { responses: boolean } = { responses: true },
): Promise<void> {
  const now = live.clock.now().getTime();
  const at = (hoursAgo: number) => depsAt(live, new Date(now - hoursAgo * HOUR));
  const iso = (hoursAgo: number) => new Date(now - hoursAgo * HOUR).toISOString();
  const office = staff.office;

  for (const word of ["上访", "溃坝", "聚集", "食物中毒"]) await addKeyword(at(24 * 30), office, word);

  // 1. Heating complaints: judged 20 hours ago, coordinated with the propaganda department, clock running.
  const heating = await createCase(at(20), office, {
    title: "城区阳光小区供暖温度不达标引发集中投诉",
    summary: "阳光小区居民通过留言和12345热线集中反映室温低于16度，业主微信群和本地论坛转发较多。",
    level: "general",
    category: "public_interest",
    org: "gyx-zjj",
    discovered_at: iso(20),
  });
  await addCaseEvent(at(18), office, heating.id, {
    kind: "coordination",
    party: "propaganda",
    text: "与县委宣传部会商：由县住建局发布检测结果和整改安排，融媒体中心转发。",
  });
  await addCaseEvent(at(6), office, heating.id, {
    kind: "follow_up",
    text: "热力公司已上门检测二次管网，初步判断为管道堵塞，正在制定清洗方案。",
  });

  if (opts.responses) await seedAnsweredCases(live, staff, now, at, iso);

  // An imported news feed: local posts on a water cut in the last day, raised by the scan as a burst.
  const posts = [
    "金山镇城区突然停水，没有提前通知",
    "城区停水一整天了，自来水公司电话打不通",
    "金山镇停水什么时候恢复供水，家里老人做不了饭",
    "城区大面积停水，自来水公司没有发停水通知",
    "停水第二天，金山镇居民排队买桶装水",
    "自来水公司回应城区停水原因了吗",
  ];
  const csv = [
    "标题,内容,链接,发布时间",
    ...Array.from({ length: 14 }, (_, i) => {
      const when = new Date(now - (2 + i * 2) * HOUR + 8 * HOUR).toISOString().slice(0, 16).replace("T", " ");
      return `${posts[i % posts.length]},,https://bbs.example.cn/t/${1000 + i},${when}`;
    }),
  ].join("\n");
  await importFeed(at(1), office, {
    filename: "本地论坛.csv",
    data: new TextEncoder().encode(csv),
    source: "本地论坛",
  });
  await scanSite(live, systemActor("舆情预警扫描"), office.siteId);

  // New media: the county government's account, the education bureau's stale and little-followed microblog,
  // the housing bureau's short-video account with messages unanswered.
  const today = shanghaiDateOf(new Date(now));
  const accounts = [
    {
      name: "固阳发布",
      platform: "wechat_official",
      account_no: "gh_guyangfabu",
      org: "gyx-zfb",
      supervisor: "固阳县人民政府办公室",
      operator: "固阳县融媒体中心",
      contact: "李信息 0472-8121234",
      reviewers: "王审查、赵审签",
      filing_no: "NMG-150222-0001",
      activity: { last_update_on: addDays(today, -1), followers: "12850", unanswered: "0" },
    },
    {
      name: "固阳教育",
      platform: "weibo",
      account_no: "guyangjiaoyu",
      org: "gyx-jyj",
      supervisor: "固阳县教育局",
      operator: "县教育局办公室",
      contact: "高教务 0472-8125501",
      reviewers: "县教育局办公室主任",
      filing_no: "NMG-150222-0007",
      activity: { last_update_on: addDays(today, -20), followers: "320", unanswered: "0" },
    },
    {
      name: "固阳住建",
      platform: "douyin",
      account_no: "gyzhujian",
      org: "gyx-zjj",
      supervisor: "固阳县住房和城乡建设局",
      operator: "县住建局综合股",
      contact: "马建设 0472-8126603",
      reviewers: "县住建局分管副局长",
      filing_no: "NMG-150222-0012",
      activity: { last_update_on: addDays(today, -3), followers: "2410", unanswered: "2" },
    },
  ];
  for (const { activity, ...a } of accounts) {
    const row = await registerAccount(at(24 * 200), office, {
      ...a,
      filed_on: addDays(today, -200),
      notice: `“${a.name}”自即日起开通运行，欢迎关注。`,
    });
    await recordActivity(at(1), office, row.id, activity);
    if (a.name === "固阳教育")
      await decideOnAccount(at(1), office, row.id, "关注人数不足500人且近三周未更新，拟整合到“固阳发布”。");
  }

  // 12345 supervision: heating tickets past their time limit (open), a food-safety complaint (closed).
  await issueSupervision(at(10), office, {
    org: "gyx-zjj",
    ticket_no: "12345-20261201-0088",
    subject: "供暖投诉工单超期未办结",
    requirement: "请于期限内办结阳光小区供暖投诉工单，向来电人回访，并报送办理情况。",
    due_on: addDays(today, 3),
  });
  const food = await issueSupervision(at(24 * 6), office, {
    org: "gyx-scjgj",
    subject: "校园周边食品安全投诉回访不满意",
    requirement: "请重新核查校园周边食品摊点并向投诉人当面反馈。",
    due_on: addDays(today, -1),
  });
  await closeSupervision(at(26), office, food.id, {
    outcome: "rectified",
    text: "已对5处摊点下达整改通知，复查合格，投诉人回访表示满意。",
  });
}

/** Cases 2 and 3: answered, their responses published in 回应关切 (one in time, one late and criticised). */
async function seedAnsweredCases(
  live: Deps,
  staff: DemoStaff,
  now: number,
  at: (hoursAgo: number) => Deps,
  iso: (hoursAgo: number) => string,
): Promise<void> {
  const office = staff.office;
  const inspector = (await findCurrentUser(live, "demo-inspector")) as CurrentUser;
  // 2. A rumour of a reservoir breach: authoritative information in 3 hours, press conference in 20, answered.
  const rumour = await createCase(at(72), office, {
    title: "网传西斗铺镇水库溃坝系谣言",
    summary: "短视频平台流传“西斗铺镇水库溃坝”视频，实为外地旧视频，引发部分村民恐慌。",
    level: "major",
    category: "emergency",
    org: "gyx-yjglj",
    discovered_at: iso(72),
  });
  await addCaseEvent(at(71), office, rumour.id, {
    kind: "coordination",
    party: "cyberspace",
    text: "与县委网信办会商，请平台核查并处置谣言视频。",
  });
  await addCaseEvent(at(70), office, rumour.id, {
    kind: "coordination",
    party: "police",
    text: "县公安局介入调查谣言来源。",
  });
  await addCaseEvent(at(69), office, rumour.id, {
    kind: "info_released",
    text: "县应急管理局发布情况通报：水库运行正常，视频系外地旧视频。",
    at: iso(69),
  });
  await addCaseEvent(at(52), office, rumour.id, {
    kind: "press_held",
    text: "县政府新闻办召开新闻发布会，通报水库安全检查情况。",
    at: iso(52),
  });
  const item = await draftResponse(at(68), office, rumour.id, {
    title: "关于网传西斗铺镇水库溃坝视频的情况通报",
    body: "近日，网传“西斗铺镇水库溃坝”视频。经核查，该视频系外地旧视频，我县各水库运行正常。请广大群众不信谣、不传谣。",
  });
  await publishResponse(at(67), staff, item.id);
  await performCaseStep(at(66), office, rumour.id, { action: "record_response" });
  await performCaseStep(at(24), office, rumour.id, {
    action: "evaluate",
    effect: "good",
    evaluation: "通报发布后相关视频下架，网上讨论迅速平息，未出现次生舆情。",
  });
  await performCaseStep(at(23), office, rumour.id, { action: "close" });

  // 3. Subsistence allowance review: answered after 96 hours, criticised by the inspection office.
  const allowance = await createCase(at(120), office, {
    title: "农村低保资格复核结果引发质疑",
    summary: "部分村民在留言中质疑低保复核取消名单不公开、不透明。",
    level: "general",
    category: "public_interest",
    org: "gyx-mzj",
    discovered_at: iso(120),
  });
  const reply = await draftResponse(at(30), office, allowance.id, {
    title: "关于2026年农村低保资格复核情况的说明",
    body: "县民政局已将复核结果在各村公示，对复核有异议的可在公示期内提出，县民政局将逐一核实并答复。",
  });
  await publishResponse(at(25), staff, reply.id);
  await performCaseStep(at(24), office, allowance.id, { action: "record_response" });
  await performCaseStep(at(4), office, allowance.id, {
    action: "evaluate",
    effect: "fair",
    evaluation: "说明发布后质疑减少，但回应超过48小时，仍有留言要求公开复核标准。",
  });
  await holdToAccount(at(2), inspector, allowance.id, {
    kind: "criticism",
    reason: "舆情发现后未在48小时内作出回应。",
    decided_on: shanghaiDateOf(new Date(now - 2 * HOUR)),
  });
}
