import type { Actor, Deps } from "../deps";
import { createUser } from "../domains/accounts";
import { configureReplyReview } from "../domains/applications/letters/letter.settings";
import { seedCatalogs } from "../domains/catalog";
import { createOrg, createSite, listSites } from "../domains/orgs";
import { reindexSite } from "../domains/search";
import { buildCreditCode } from "../platform/credit-code";
import { AppError } from "../platform/errors";
import { seedDemoAssessment } from "./assessment";
import { seedDemoContent } from "./content";
import { HISTORY_START } from "./history";
import { seedDemoMongolian } from "./mongolian";
import { seedDemoLaterMongolian } from "./mongolian-later";
import { seedDemoNormative } from "./normative";
import { seedDemoOpinion } from "./opinion";
import { loadDemoStaff } from "./publish";
import { seedDemoServices } from "./services";
import { depsAt, shanghaiAt } from "./timeline";

/** The demo county: 固阳县 (Baotou, Inner Mongolia), division code 150222. Credit codes are made up but valid. */
export const DEMO_SITE_CODE = "guyang";
export const DEMO_PASSWORD = "Demo@gongkai2026";
export const DEMO_USERS = [
  { username: "demo-clerk", name: "李信息", org: "gyx-zfb", roles: ["clerk"] },
  { username: "demo-reviewer", name: "王审查", org: "gyx-zfb", roles: ["reviewer"] },
  { username: "demo-signer", name: "赵审签", org: "gyx-zfb", roles: ["signer"] },
  { username: "demo-office", name: "张公开", org: "gyx", roles: ["office"] },
  // The county's own reviewer and signer: the office drafts the departments' demo items, and by the
  // four-eyes rule someone else approves and signs them.
  { username: "demo-county-reviewer", name: "孙审查", org: "gyx", roles: ["reviewer"] },
  { username: "demo-county-signer", name: "周审签", org: "gyx", roles: ["signer"] },
  { username: "demo-inspector", name: "刘督查", org: "gyx", roles: ["inspector"] },
  { username: "demo-admin", name: "陈管理", org: "gyx", roles: ["admin"] },
  // The 12345 hotline's integration account (API token only): pushes tickets and callers' satisfaction.
  { username: "demo-hotline", name: "12345热线平台", org: "gyx", roles: ["hotline"] },
  // The document-management system's integration account (API token only): pushes signed documents as drafts.
  { username: "demo-documents", name: "公文管理系统", org: "gyx", roles: ["documents"] },
  // The clerks of the departments and the town that answer residents' messages (互动交流) transferred to them.
  { username: "demo-jyj-clerk", name: "高教务", org: "gyx-jyj", roles: ["clerk"] },
  { username: "demo-zjj-clerk", name: "马建设", org: "gyx-zjj", roles: ["clerk"] },
  { username: "demo-rsj-clerk", name: "白社保", org: "gyx-rsj", roles: ["clerk"] },
  { username: "demo-nmkjj-clerk", name: "郝农牧", org: "gyx-nmkjj", roles: ["clerk"] },
  { username: "demo-scjgj-clerk", name: "田市监", org: "gyx-scjgj", roles: ["clerk"] },
  { username: "demo-jsz-clerk", name: "乔金山", org: "gyx-jsz", roles: ["clerk"] },
  { username: "demo-xdpz-clerk", name: "武西斗", org: "gyx-xdpz", roles: ["clerk"] },
] as const;

const DEPARTMENTS: Array<[code: string, name: string, short: string]> = [
  ["gyx-zfb", "固阳县人民政府办公室", "县政府办"],
  ["gyx-fgw", "固阳县发展和改革委员会", "县发改委"],
  ["gyx-czj", "固阳县财政局", "县财政局"],
  ["gyx-jyj", "固阳县教育局", "县教育局"],
  ["gyx-wjw", "固阳县卫生健康委员会", "县卫健委"],
  ["gyx-zrzyj", "固阳县自然资源局", "县自然资源局"],
  ["gyx-zjj", "固阳县住房和城乡建设局", "县住建局"],
  ["gyx-nmkjj", "固阳县农牧和科技局", "县农牧和科技局"],
  ["gyx-mzj", "固阳县民政局", "县民政局"],
  ["gyx-rsj", "固阳县人力资源和社会保障局", "县人社局"],
  ["gyx-scjgj", "固阳县市场监督管理局", "县市场监管局"],
  ["gyx-zwfwj", "固阳县政务服务局", "县政务服务局"],
  ["gyx-sthjj", "包头市生态环境局固阳县分局", "固阳生态环境分局"],
  ["gyx-yjglj", "固阳县应急管理局", "县应急管理局"],
];

const TOWNS: Array<[code: string, name: string, division: string, communities: string[]]> = [
  ["gyx-jsz", "金山镇", "150222100", ["东街社区", "西街社区", "北环路社区"]],
  ["gyx-xdpz", "西斗铺镇", "150222101", ["西斗铺村"]],
  ["gyx-xshz", "下湿壕镇", "150222102", ["下湿壕村"]],
  ["gyx-yhz", "银号镇", "150222103", ["银号村"]],
  ["gyx-hsz", "怀朔镇", "150222104", ["怀朔村"]],
  ["gyx-hsxz", "兴顺西镇", "150222105", ["兴顺西村"]],
];

const INSTITUTIONS: Array<[code: string, name: string, short: string]> = [
  ["gyx-rmyy", "固阳县人民医院", "县医院"],
  ["gyx-gsgs", "固阳县供水公司", "县供水公司"],
];

let serial = 0;
const demoCredit = (prefix: string) => buildCreditCode(prefix, "150222", `0${String(1_100_000 + ++serial)}`);

export interface SeedResult {
  created: boolean;
  users: Array<{ username: string; name: string; org: string; roles: readonly string[] }>;
}

/**
 * Seeds the demo county into an empty database; does nothing when it is already there. The county, its
 * people and catalogues are created on the day it went live (2020); `history` adds its years since then
 * (`serve --demo`, `seed demo`); without it (tests) only the recent items are written. The services catalogue
 * (47 items and their blank forms) is seeded with `history` or `services`: most test files never look at it.
 */
export async function seedDemo(
  live: Deps,
  actor: Actor,
  opts: { history?: boolean; services?: boolean; mongolian?: boolean } = {},
): Promise<SeedResult> {
  // The demo accounts share a published password: never create them on a production server.
  if (live.config.nodeEnv === "production")
    throw new AppError(
      "demo_in_production",
      409,
      "NODE_ENV=production 时不能写入演示数据：演示账户的密码是公开的。",
    );
  const users = DEMO_USERS.map((u) => ({ ...u }));
  if ((await listSites(live)).some((s) => s.code === DEMO_SITE_CODE)) return { created: false, users };
  const deps = depsAt(live, shanghaiAt(HISTORY_START, "08:00"));
  serial = 0;
  const site = await createSite(deps, actor, {
    code: DEMO_SITE_CODE,
    name: "固阳县人民政府",
    identifier_code: "1502220001",
    division_code: "150222",
    icp_record: "蒙ICP备00000000号-1",
    police_record: "蒙公网安备 15022202000001号",
    contact_phone: "0472-8121234",
    contact_address: "内蒙古自治区包头市固阳县金山镇",
    contact_email: "gyxzwgk@example.gov.cn",
  });
  const add = (
    parent: string | undefined,
    code: string,
    name: string,
    short: string,
    kind: "government" | "department" | "town" | "community" | "institution",
    order: number,
    extra: { credit?: string; division?: string } = {},
  ) =>
    createOrg(
      deps,
      actor,
      {
        parent_code: parent,
        code,
        name,
        short_name: short,
        kind,
        sort_order: order,
        credit_code: extra.credit,
        division_code: extra.division,
      },
      site.id,
    );
  await add(undefined, "gyx", "固阳县人民政府", "县政府", "government", 0, {
    credit: demoCredit("11"),
    division: "150222",
  });
  let order = 1;
  for (const [code, name, short] of DEPARTMENTS)
    await add("gyx", code, name, short, "department", order++, { credit: demoCredit("11") });
  for (const [code, name, division, communities] of TOWNS) {
    await add("gyx", code, `固阳县${name}人民政府`, name, "town", order++, {
      credit: demoCredit("11"),
      division,
    });
    let c = 1;
    for (const community of communities) {
      const kind = community.endsWith("社区") ? "社区居民委员会" : "村民委员会";
      await add(code, `${code}-${c}`, `${name}${community}${kind}`, community, "community", c, {
        credit: demoCredit("54"),
        division: `${division}${String(c).padStart(3, "0")}`,
      });
      c++;
    }
  }
  for (const [code, name, short] of INSTITUTIONS)
    await add("gyx", code, name, short, "institution", order++, { credit: demoCredit("12") });
  // Reply letters: the review body of the county government's own replies (行政复议法 Art. 24), and the city
  // ecology bureau's county branch, reviewed by the city's government or the county's (Art. 24 ¶4).
  await configureReplyReview(deps, actor, site.id, {
    parentGovernment: "包头市人民政府",
    routes: { "gyx-sthjj": { route: "branch", review_body: "包头市人民政府" } },
  });
  // Side by side: each account's argon2 hash takes a worker thread, and the inserts queue on the database.
  await Promise.all(
    DEMO_USERS.map((u) =>
      createUser(deps, actor, {
        username: u.username,
        name: u.name,
        orgCode: u.org,
        roles: [...u.roles],
        password: DEMO_PASSWORD,
      }),
    ),
  );
  await seedCatalogs(deps, actor, site.id);
  // The seeded catalogue into the site search; items and archive entries index themselves as they publish.
  await reindexSite(deps, site.id);
  await seedDemoContent(live, opts);
  // Government services: materials, items (approved), 一件事, halls and windows (issue 15).
  if (opts.history || opts.services) await seedDemoServices(live, await loadDemoStaff(live));
  // The normative-document ledger's filings and a clean-up, at the end of the county's history.
  if (opts.history) await seedDemoNormative(live, await loadDemoStaff(live));
  // Public opinion cases, the new-media registry and 12345 supervision notices, as of today (issue 17).
  await seedDemoOpinion(live, await loadDemoStaff(live), { responses: !!opts.history });
  // The 2025 assessment over the history, with two accountability records, finalised (issue 14 item 2).
  if (opts.history) await seedDemoAssessment(live, await loadDemoStaff(live));
  // Mongolian versions of six items, one outdated by a later Chinese revision (issue 18); tests opt in.
  if (opts.history || opts.mongolian) {
    await seedDemoMongolian(live);
    // A service guide, a gazette issue, a consultation, a meeting, a 权责清单, an implementation report, a
    // 一件事 and a hall in Mongolian, where the demo has them.
    await seedDemoLaterMongolian(live);
  }
  return { created: true, users };
}
