// Editing halls, window units and 一件事 bundles (the back office and PATCH of the API): each change checked
// with every problem named, authorised against the row's site and organisation, and written with its audit
// entry in one transaction that loads and locks the row first. A bundle is saved here whole — its items with
// their parallel marks, the one notice and window, and its set: the one combined form (一表申请) and the
// member materials it does not ask for (减材料).
import type { Deps } from "../../deps";
import { Problems } from "../../platform/errors";
import { newId } from "../../platform/ids";
import { lockedStep } from "../../platform/workflow/locked-step";
import { invalidatePublicPages } from "../../web/page-cache";
import { actorOf, type CurrentUser } from "../accounts";
import { recordAudit } from "../audit";
import { findOrgInSite, loadOrgTree } from "../orgs";
import { BUNDLE_NOUN, bundleNotFound } from "./services.bundles";
import { checkLength } from "./services.check";
import { checkWindow, HALL_LEVELS, type HallInput } from "./services.halls";
import * as hrepo from "./services.halls.repo";
import * as arepo from "./services.halls-admin.repo";
import { LIFE_EVENT_KEYS, parseJson } from "./services.model";
import {
  authoriseManageIn,
  authoriseService,
  authoriseSiteWide,
  HALL,
  hallNotFound,
} from "./services.policy";
import * as repo from "./services.repo";
import * as rrepo from "./services.reports.repo";
import { indexBundle } from "./services.search";

/** The fields of a hall as entered, checked; the organisation resolved on the user's site. */
async function checkHall(deps: Deps, user: CurrentUser, input: HallInput) {
  const p = new Problems();
  let orgId: string | undefined;
  if (input.org !== undefined) {
    try {
      orgId = (await findOrgInSite(deps, user.siteId, input.org)).id;
    } catch {
      p.add("org", "org_not_found", "请选择大厅所属单位。");
    }
  }
  const f = (k: "name" | "address" | "hours" | "phone", label: string, max: number) => {
    const v = (input[k] ?? "").trim();
    if (!v) p.add(k, `${k}_required`, `请填写${label}。`);
    checkLength(p, k, label, v, max);
    return v;
  };
  const fields = {
    name: f("name", "大厅名称", 100),
    level: input.level ?? "",
    address: f("address", "地址", 200),
    hours: f("hours", "办公时间", 200),
    phone: f("phone", "咨询电话", 50),
  };
  if (!(HALL_LEVELS as readonly string[]).includes(fields.level))
    p.add("level", "invalid_hall_level", "请选择大厅层级（县、乡镇、村社区）。");
  p.throwIfAny("服务大厅未保存，请按提示修改。");
  return { orgId, fields };
}

/** Edits a hall: its name, level, address, hours, phone, and the organisation it belongs to. */
export async function updateHall(deps: Deps, user: CurrentUser, id: string, input: HallInput) {
  const tree = await loadOrgTree(deps, user.siteId);
  const before = await hrepo.findHall(deps.db.kysely, id);
  if (!before) throw hallNotFound();
  authoriseService(user, "service.manage", before, tree, HALL);
  // A field left out keeps its value (PATCH); the form sends them all.
  const c = await checkHall(deps, user, {
    name: input.name ?? before.name,
    level: input.level ?? before.level,
    address: input.address ?? before.address,
    hours: input.hours ?? before.hours,
    phone: input.phone ?? before.phone,
    org: input.org,
  });
  const result = await lockedStep(deps.db.kysely, {
    load: (trx) => arepo.lockHall(trx, deps.db.dialect, id),
    missing: hallNotFound,
    check: (_trx, hall) => {
      authoriseService(user, "service.manage", hall, tree, HALL);
      const orgId = c.orgId ?? hall.org_id;
      if (orgId !== hall.org_id) authoriseManageIn(user, orgId, tree, HALL.noun);
      return orgId;
    },
    write: async (trx, hall, orgId) => {
      await arepo.updateHall(trx, hall.id, { ...c.fields, org_id: orgId });
      await recordAudit(trx, deps.clock, actorOf(user), {
        action: "service.hall_update",
        entityType: "service_hall",
        entityId: hall.id,
        orgId,
        summary: { name: c.fields.name, before: hall.name },
      });
      return { ...hall, ...c.fields, org_id: orgId };
    },
  });
  invalidatePublicPages(deps);
  return result;
}

export interface WindowInput {
  name?: string;
  orgs?: string[];
  modes?: string[];
}

/** Edits a window unit: its name, the departments stationed there and the modes it offers. */
export async function updateWindow(deps: Deps, user: CurrentUser, id: string, input: WindowInput) {
  const tree = await loadOrgTree(deps, user.siteId);
  const win = await hrepo.findWindow(deps.db.kysely, id);
  const hall = win && (await hrepo.findHall(deps.db.kysely, win.hall_id));
  if (!win || !hall) throw hallNotFound();
  authoriseService(user, "service.manage", hall, tree, HALL);
  const c = await checkWindow(deps, hall.site_id, {
    name: input.name ?? win.name,
    orgs: input.orgs ?? parseJson<string[]>(win.org_ids_json, []).flatMap((o) => tree.get(o)?.code ?? []),
    modes: input.modes ?? parseJson<string[]>(win.modes_json, []),
  });
  const result = await lockedStep(deps.db.kysely, {
    load: (trx) => arepo.lockWindow(trx, deps.db.dialect, id),
    missing: hallNotFound,
    check: async (trx, w) => {
      const h = await hrepo.findHall(trx, w.hall_id);
      if (!h) throw hallNotFound();
      authoriseService(user, "service.manage", h, tree, HALL);
      return h;
    },
    write: async (trx, w, h) => {
      const set = {
        name: c.name,
        org_ids_json: JSON.stringify(c.orgIds),
        modes_json: JSON.stringify(c.modes),
      };
      await arepo.updateWindow(trx, w.id, set);
      await recordAudit(trx, deps.clock, actorOf(user), {
        action: "service.window_update",
        entityType: "service_window",
        entityId: w.id,
        orgId: h.org_id,
        summary: { hall: h.name, name: c.name, modes: c.modes.length, orgs: c.orgIds.length },
      });
      return { ...w, ...set };
    },
  });
  invalidatePublicPages(deps);
  return result;
}

export interface BundleSaveInput {
  key?: string;
  name?: string;
  life_event?: string;
  notice?: string;
  window?: string;
  promised_days?: number;
  items?: Array<{ item_id?: string; parallel?: boolean }>;
  /** The catalogue material whose blank form is the one application form, or "" / null for none. */
  form_material_id?: string | null;
  /** Materials of the member items the bundle does not ask for. */
  dropped?: string[];
}

/** Checks a whole bundle (every problem at once); `existingKey` the bundle's key when editing. */
export async function checkBundle(deps: Deps, siteId: string, input: BundleSaveInput, existingKey?: string) {
  const db = deps.db.kysely;
  const p = new Problems();
  const key = existingKey ?? (input.key ?? "").trim();
  if (existingKey === undefined) {
    if (!/^[a-z][a-z0-9-]{1,39}$/.test(key))
      p.add("key", "invalid_key", "网址标识应为 2 至 40 位小写字母、数字或连字符，以字母开头。");
    else if (await hrepo.findBundle(db, siteId, key))
      p.add("key", "bundle_key_taken", "该网址标识已被使用。");
  }
  const name = (input.name ?? "").trim();
  if (!name) p.add("name", "name_required", "请填写“一件事”名称。");
  checkLength(p, "name", "名称", name, 100);
  if (!LIFE_EVENT_KEYS.includes(input.life_event ?? ""))
    p.add("life_event", "invalid_life_event", "请选择主题分类。");
  const notice = (input.notice ?? "").trim();
  if (!notice) p.add("notice", "notice_required", "请填写一次告知的内容。");
  checkLength(p, "notice", "一次告知", notice, 5000);
  const window = (input.window ?? "").trim();
  if (!window) p.add("window", "window_required", "请填写综合受理窗口。");
  checkLength(p, "window", "综合受理窗口", window, 200);
  const days = input.promised_days;
  if (typeof days !== "number" || !Number.isInteger(days) || days < 0 || days > 365)
    p.add("promised_days", "invalid_promised_days", "承诺办结时限应为 0 至 365 之间的整数（工作日）。");
  const entries = input.items ?? [];
  if (entries.length < 2) p.add("items", "items_too_few", "“一件事”至少包含两个服务事项。");
  if (entries.length > 30) p.add("items", "items_too_many", "“一件事”最多包含30个服务事项。");
  const items: Array<{ item_id: string; parallel: boolean }> = [];
  const memberMaterials = new Set<string>();
  for (const [i, e] of entries.slice(0, 30).entries()) {
    const row = e.item_id ? await repo.findItem(db, e.item_id) : undefined;
    if (!row || row.site_id !== siteId || row.status !== "published")
      p.add("items", "item_not_found", `第${i + 1}个事项不是本站在用的服务事项。`);
    else if (items.some((x) => x.item_id === row.id))
      p.add("items", "item_repeated", `事项“${row.name}”重复列出。`);
    else {
      items.push({ item_id: row.id, parallel: e.parallel === true });
      for (const m of await repo.materialsOfItem(db, row.id)) memberMaterials.add(m.material.id);
    }
  }
  const formId = input.form_material_id?.trim() || null;
  if (formId) {
    const m = (await repo.materialsByIds(db, [formId]))[0];
    if (m?.site_id !== siteId)
      p.add("form_material_id", "material_not_found", "一表申请的表格不在本站材料目录中。");
  }
  const dropped = [...new Set(input.dropped ?? [])];
  const known = new Map((await repo.materialsByIds(db, dropped)).map((m) => [m.id, m]));
  for (const id of dropped) {
    const m = known.get(id);
    if (!m || m.site_id !== siteId) p.add("dropped", "material_not_found", "免交的材料不在本站材料目录中。");
    else if (!memberMaterials.has(id))
      p.add("dropped", "material_not_member", `“${m.name}”不是所含事项要求的材料，无需免交。`);
  }
  p.throwIfAny("“一件事”未保存，请按提示修改。");
  return {
    key,
    fields: {
      name,
      life_event: input.life_event!,
      notice,
      window,
      promised_days: days!,
      items_json: JSON.stringify(items),
    },
    set: { form_material_id: formId, dropped_json: JSON.stringify(dropped) },
    items: items.length,
  };
}

/** Arranges a new 一件事 (the office at the site root) with its set. */
export async function createBundleWithSet(deps: Deps, user: CurrentUser, input: BundleSaveInput) {
  const tree = await loadOrgTree(deps, user.siteId);
  const root = authoriseSiteWide(user, "service.manage", tree, BUNDLE_NOUN);
  const c = await checkBundle(deps, user.siteId, input);
  const now = deps.clock.now().toISOString();
  const row: hrepo.BundleRow = {
    id: newId(),
    site_id: user.siteId,
    key: c.key,
    ...c.fields,
    created_at: now,
    updated_at: now,
  };
  await deps.db.kysely.transaction().execute(async (trx) => {
    await hrepo.insertBundle(trx, row);
    await rrepo.saveBundleSet(trx, { bundle_id: row.id, ...c.set });
    await indexBundle(deps, trx, row, null);
    await recordAudit(trx, deps.clock, actorOf(user), {
      action: "service.bundle_create",
      entityType: "service_bundle",
      entityId: row.id,
      orgId: root.id,
      summary: { name: row.name, items: c.items },
    });
  });
  invalidatePublicPages(deps);
  return row;
}

/** A bundle as the office may see it (on their site, viewing services at the site root). */
export async function loadBundleForStaff(deps: Deps, user: CurrentUser, id: string) {
  const tree = await loadOrgTree(deps, user.siteId);
  const row = await arepo.findBundleById(deps.db.kysely, id);
  if (!row || row.site_id !== user.siteId) throw bundleNotFound();
  authoriseSiteWide(user, "service.view", tree, BUNDLE_NOUN);
  const set = await rrepo.findBundleSet(deps.db.kysely, row.id);
  return {
    row,
    tree,
    formMaterialId: set?.form_material_id ?? null,
    dropped: parseJson<string[]>(set?.dropped_json ?? "[]", []),
  };
}

/** Edits a 一件事 (its key, the address of its page, stays). */
export async function updateBundleWithSet(deps: Deps, user: CurrentUser, id: string, input: BundleSaveInput) {
  const tree = await loadOrgTree(deps, user.siteId);
  const before = await arepo.findBundleById(deps.db.kysely, id);
  if (!before || before.site_id !== user.siteId) throw bundleNotFound();
  const root = authoriseSiteWide(user, "service.manage", tree, BUNDLE_NOUN);
  const c = await checkBundle(deps, user.siteId, input, before.key);
  const now = deps.clock.now().toISOString();
  const result = await lockedStep(deps.db.kysely, {
    load: (trx) => arepo.lockBundle(trx, deps.db.dialect, id),
    missing: bundleNotFound,
    check: (_trx, b) => {
      if (b.site_id !== user.siteId) throw bundleNotFound();
    },
    write: async (trx, b) => {
      const row = { ...b, ...c.fields, updated_at: now };
      await arepo.updateBundle(trx, b.id, { ...c.fields, updated_at: now });
      await rrepo.saveBundleSet(trx, { bundle_id: b.id, ...c.set });
      await indexBundle(deps, trx, row, null);
      await recordAudit(trx, deps.clock, actorOf(user), {
        action: "service.bundle_update",
        entityType: "service_bundle",
        entityId: b.id,
        orgId: root.id,
        summary: { name: row.name, items: c.items },
      });
      return row;
    },
  });
  invalidatePublicPages(deps);
  return result;
}
