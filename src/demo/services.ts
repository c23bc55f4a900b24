// The demo county's government services: the materials catalogue (with Word blank forms and samples), 46
// items of twelve departments, the towns and a community (each proposed by the office and approved by the
// county's reviewer, so every item has its version 1 and decision), five 一件事 bundles, and the halls —
// the county's 政务服务中心 with five window units (one offering only 7 special modes, which the modes check
// flags), a town's centre and a community's station.
import {
  AlignmentType,
  Document,
  HeadingLevel,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from "docx";
import type { Deps } from "../deps";
import type { CurrentUser } from "../domains/accounts";
import { actorOf } from "../domains/accounts";
import { recordAudit } from "../domains/audit";
import { loadOrgTree } from "../domains/orgs";
import { checkItemInput } from "../domains/services/services.check";
import { createBundle, createHall, createWindow } from "../domains/services/services.halls";
import * as repo from "../domains/services/services.repo";
import { serviceSearchDoc } from "../domains/services/services.search";
import { newId } from "../platform/ids";
import { getSearchIndex } from "../platform/search";
import { storageOf } from "../platform/storage";
import type { DemoStaff } from "./publish";
import { DEMO_ITEMS } from "./services-items";
import { seedDemoServiceLists } from "./services-lists";
import { DEMO_MATERIALS } from "./services-materials";
import { seedDemoServiceReports } from "./services-reports";

/** A blank form (or a filled sample) as a small Word document: a title and a table of fields. */
async function formDocx(title: string, fields: string[], filled: boolean): Promise<Buffer> {
  const row = (label: string, value: string) =>
    new TableRow({
      children: [
        new TableCell({ width: { size: 30, type: WidthType.PERCENTAGE }, children: [new Paragraph(label)] }),
        new TableCell({ width: { size: 70, type: WidthType.PERCENTAGE }, children: [new Paragraph(value)] }),
      ],
    });
  const doc = new Document({
    sections: [
      {
        children: [
          new Paragraph({ text: title, heading: HeadingLevel.HEADING_1, alignment: AlignmentType.CENTER }),
          new Table({
            width: { size: 100, type: WidthType.PERCENTAGE },
            rows: fields.map((f, i) =>
              row(
                f,
                filled
                  ? ["王小明", "男", "2026年11月20日", "固阳县金山镇东街 12 号", "13800000000"][i % 5]!
                  : "",
              ),
            ),
          }),
          new Paragraph({
            children: [
              new TextRun({
                text: filled ? "（填写示范，请勿直接提交）" : "申请人（签名）：            年    月    日",
              }),
            ],
          }),
        ],
      },
    ],
  });
  return Buffer.from(await Packer.toBuffer(doc));
}

const FORM_FIELDS = ["申请人姓名", "性别", "出生日期", "住址", "联系电话", "申请事项", "备注"];

/**
 * Materials and items are written in one transaction (the demo's initial implementation list, as if imported
 * approved): each item checked like any other, its version 1 recorded with the decision and the county
 * reviewer's approval, audited and indexed. Writing them one workflow step at a time would slow every test
 * that seeds the demo county.
 */
export async function seedDemoServices(deps: Deps, staff: DemoStaff): Promise<void> {
  const office = staff.office;
  const reviewer = staff.countyReviewer;
  const storage = storageOf(deps);
  const tree = await loadOrgTree(deps, office.siteId);
  const orgId = (code: string) => {
    const e = tree.flatten(office.siteId).find((x) => x.org.code === code);
    if (!e) throw new Error(`demo organisation ${code} missing`);
    return e.org.id;
  };
  const now = deps.clock.now().toISOString();
  // Blank forms for every form; filled samples for the newborn's forms (the journey downloads one).
  const files = new Map<
    string,
    { blank?: { sha256: string; name: string }; sample?: { sha256: string; name: string } }
  >();
  for (const m of DEMO_MATERIALS) {
    const f: { blank?: { sha256: string; name: string }; sample?: { sha256: string; name: string } } = {};
    if (m.blank)
      f.blank = {
        sha256: (await storage.put(await formDocx(m.name, FORM_FIELDS, false))).sha256,
        name: `${m.blank}.docx`,
      };
    if (m.sample && SAMPLES.has(m.name))
      f.sample = {
        sha256: (await storage.put(await formDocx(`${m.name}（填写示范）`, FORM_FIELDS, true))).sha256,
        name: `${m.sample}.docx`,
      };
    files.set(m.name, f);
  }
  const docs: repo.ItemRow[] = [];
  await deps.db.kysely.transaction().execute(async (trx) => {
    const ids = new Map<string, string>();
    for (const m of DEMO_MATERIALS) {
      const { blank: _b, sample: _s, issuer, org: _o, ...input } = m;
      const f = files.get(m.name)!;
      const row: repo.MaterialRow = {
        id: newId(),
        site_id: office.siteId,
        org_id: orgId("gyx-zwfwj"),
        name: m.name,
        necessity: input.necessity!,
        form: input.form!,
        kind: input.kind!,
        copies: input.copies!,
        source: input.source!,
        issuer_org_id: issuer ? orgId(issuer) : null,
        notes: input.notes ?? "",
        standard: input.standard ?? "",
        basis: input.basis ?? "",
        blank_sha256: f.blank?.sha256 ?? null,
        blank_name: f.blank?.name ?? null,
        sample_sha256: f.sample?.sha256 ?? null,
        sample_name: f.sample?.name ?? null,
        revision: 1,
        created_at: now,
        updated_at: now,
      };
      await repo.insertMaterial(trx, row);
      ids.set(m.name, row.id);
    }
    for (const { uses, org, ...it } of DEMO_ITEMS) {
      const links = uses.map((u) => {
        const [name, condition] = u.split("|");
        const id = ids.get(name!);
        if (!id) throw new Error(`demo material ${name} missing`);
        return { material_id: id, condition: condition ?? "" };
      });
      const { content, materials } = await checkItemInput(trx, office.siteId, { ...it, materials: links });
      const item: repo.ItemRow = {
        id: newId(),
        site_id: office.siteId,
        org_id: orgId(org),
        code: content.code,
        impl_code: content.impl_code,
        name: content.name,
        type: content.type,
        level: content.level,
        life_events: `,${content.life_events.join(",")},`,
        online_depth: content.online_depth,
        visits: content.visits,
        status: "published",
        version: 1,
        content_json: JSON.stringify(content),
        published_at: now,
        cancelled_at: null,
        created_by: office.id,
        created_at: now,
        updated_at: now,
      };
      await repo.insertItem(trx, item);
      await repo.insertVersion(trx, {
        id: newId(),
        item_id: item.id,
        number: 1,
        change_kind: "add",
        status: "approved",
        content_json: item.content_json,
        materials_json: JSON.stringify(materials),
        decision: DECISION,
        reason: "依据自治区政务服务事项基本目录编制本县实施清单。",
        review_note: null,
        created_by: office.id,
        submitted_by: office.id,
        submitted_at: now,
        decided_by: reviewer.id,
        decided_at: now,
        created_at: now,
        updated_at: now,
      });
      await repo.replaceItemMaterials(trx, item.id, materials);
      await recordAudit(trx, deps.clock, actorOf(reviewer), {
        action: "service.approve",
        entityType: "service_item",
        entityId: item.id,
        orgId: item.org_id,
        summary: { version: 1, change: "新增", decision: DECISION },
      });
      docs.push(item);
    }
    const index = getSearchIndex(deps.db, deps.clock);
    const searchDocs = [];
    for (const d of docs) searchDocs.push(await serviceSearchDoc(trx, d));
    await index.upsertDocs(trx, searchDocs);
  });
  await seedBundles(deps, office, new Map(docs.map((d) => [d.name, d.id])));
  await seedHalls(deps, office);
  await seedDemoServiceLists(deps, staff);
  await seedDemoServiceReports(deps, office);
}

const DECISION = "固政服发〔2026〕3号 固阳县人民政府关于公布政务服务事项实施清单的通知";
const SAMPLES = new Set([
  "出生医学证明首次签发申请表",
  "生育登记表",
  "城乡居民基本医疗保险参保登记表",
  "社会保障卡申领登记表",
]);

async function seedBundles(deps: Deps, office: CurrentUser, items: Map<string, string>) {
  const ref = (name: string, parallel = false) => {
    const id = items.get(name);
    if (!id) throw new Error(`demo item ${name} missing`);
    return { item_id: id, parallel };
  };
  const bundles = [
    {
      key: "newborn",
      name: "新生儿出生一件事",
      life_event: "birth",
      notice:
        "孩子出生后，父母一方到县政务服务中心综合受理窗口（或在医院产科护士站）一次提交材料，即可同时办理出生医学证明、生育登记、城乡居民医保参保和社会保障卡申领。医保参保和社保卡申领并联办理，结果通过邮寄送达。",
      window: "固阳县政务服务中心一楼综合受理窗口；县人民医院产科护士站代办点",
      promised_days: 5,
      items: [
        ref("出生医学证明首次签发"),
        ref("生育登记", true),
        ref("城乡居民基本医疗保险参保登记（新生儿）", true),
        ref("社会保障卡申领", true),
      ],
    },
    {
      key: "restaurant",
      name: "开办餐饮店一件事",
      life_event: "business",
      notice:
        "开办餐饮店，在县政务服务中心市场准入窗口一次提交材料，营业执照即时办结，食品经营许可和公共场所卫生许可并联审批，现场核查一次完成。",
      window: "固阳县政务服务中心一楼市场准入窗口",
      promised_days: 5,
      items: [ref("个体工商户设立登记"), ref("食品经营许可", true), ref("公共场所卫生许可", true)],
    },
    {
      key: "retirement",
      name: "退休一件事",
      life_event: "elderly",
      notice: "达到法定退休年龄，一次申请即可办理养老保险待遇核定和社会保障卡金融功能确认。",
      window: "固阳县政务服务中心一楼社保窗口",
      promised_days: 15,
      items: [ref("基本养老保险待遇核定"), ref("社会保障卡申领")],
    },
    {
      key: "rural-house",
      name: "农村村民建房一件事",
      life_event: "housing",
      notice:
        "农村村民建住房，在镇便民服务中心一次提交申请，宅基地审批和乡村建设规划许可并联办理，现场踏勘一次完成。",
      window: "各镇便民服务中心综合窗口",
      promised_days: 20,
      items: [ref("农村村民宅基地申请审批", true), ref("乡村建设规划许可", true)],
    },
    {
      key: "hardship",
      name: "困难群众救助一件事",
      life_event: "assistance",
      notice:
        "家庭生活困难，在镇便民服务中心一次申请，最低生活保障、临时救助和残疾人两项补贴并联审核，不用分头跑。",
      window: "各镇便民服务中心社会救助窗口",
      promised_days: 25,
      items: [
        ref("最低生活保障审核确认", true),
        ref("临时救助申请受理", true),
        ref("困难残疾人生活补贴和重度残疾人护理补贴申请受理", true),
      ],
    },
  ];
  for (const b of bundles) await createBundle(deps, office, b);
}

const ALL = [
  "extended",
  "weekend",
  "noon",
  "appointment",
  "home_visit",
  "online",
  "agent",
  "tolerance",
  "one_notice",
  "first_ask",
  "time_limit",
  "green_channel",
  "self_service",
  "two_way_post",
];

async function seedHalls(deps: Deps, office: CurrentUser) {
  const county = await createHall(deps, office, {
    org: "gyx-zwfwj",
    name: "固阳县政务服务中心",
    level: "county",
    address: "固阳县金山镇阿尔丁大街政务服务中心大楼",
    hours: "工作日 8:30-12:00，14:30-18:00；周六上午 9:00-12:00 延时服务",
    phone: "0472-8120000",
  });
  const windows: Array<[string, string[], string[]]> = [
    ["综合受理窗口（民政、人社、卫健）", ["gyx-mzj", "gyx-rsj", "gyx-wjw"], ALL.slice(0, 12)],
    ["市场准入窗口", ["gyx-scjgj", "gyx-yjglj"], ALL.slice(0, 10)],
    ["不动产登记窗口", ["gyx-zrzyj", "gyx-zjj"], ALL.slice(2, 12)],
    ["工程建设项目审批窗口", ["gyx-fgw", "gyx-zjj", "gyx-zrzyj", "gyx-sthjj"], ALL.slice(3, 12)],
    // Seven special modes only: the modes check flags this window unit.
    [
      "社会事务窗口（教育、农牧）",
      ["gyx-jyj", "gyx-nmkjj"],
      ["appointment", "online", "agent", "one_notice", "first_ask", "time_limit", "self_service"],
    ],
  ];
  for (const [name, orgs, modes] of windows)
    await createWindow(deps, office, county.id, { name, orgs, modes });
  const town = await createHall(deps, office, {
    org: "gyx-jsz",
    name: "金山镇便民服务中心",
    level: "town",
    address: "金山镇人民政府一楼",
    hours: "工作日 8:30-12:00，14:30-17:30",
    phone: "0472-8131001",
  });
  await createWindow(deps, office, town.id, { name: "综合窗口", orgs: ["gyx-jsz"], modes: ALL.slice(3, 13) });
  const station = await createHall(deps, office, {
    org: "gyx-jsz-1",
    name: "金山镇东街社区便民服务站",
    level: "community",
    address: "金山镇东街社区党群服务中心",
    hours: "工作日 8:30-12:00，14:30-17:30",
    phone: "0472-8131101",
  });
  await createWindow(deps, office, station.id, {
    name: "代办窗口",
    orgs: ["gyx-jsz-1"],
    modes: [
      "appointment",
      "home_visit",
      "agent",
      "one_notice",
      "first_ask",
      "time_limit",
      "green_channel",
      "two_way_post",
    ],
  });
}
