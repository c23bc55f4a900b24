// Halls and window units (政务服务中心、便民服务中心/站), the convenience service modes each window offers
// (a configurable list per site; the work plan asks for at least 8 special modes at every window unit), and
// 一件事 bundles (one notice, one form, one set of materials, one window; items approved in parallel marked).
import type { Deps, Executor } from "../../deps";
import { Problems } from "../../platform/errors";
import { newId } from "../../platform/ids";
import { invalidatePublicPages } from "../../web/page-cache";
import { actorOf, type CurrentUser } from "../accounts";
import { recordAudit } from "../audit";
import { findOrgInSite, loadOrgTree } from "../orgs";
import { BUNDLE_NOUN } from "./services.bundles";
import { checkLength } from "./services.check";
import * as hrepo from "./services.halls.repo";
import { DEFAULT_MODES, LIFE_EVENT_KEYS, MIN_SPECIAL_MODES, parseJson } from "./services.model";
import {
  authoriseManageIn,
  authoriseService,
  authoriseSiteWide,
  HALL,
  hallNotFound,
} from "./services.policy";
import * as repo from "./services.repo";
import { indexBundle } from "./services.search";

export const HALL_LEVELS = ["county", "town", "community"] as const;
/** A hall's public page. */
export const hallUrl = (id: string, prefix = "") => `${prefix}/fw/halls/${id}`;
export const HALL_LEVEL_LABELS: Record<string, string> = {
  county: "县级政务服务中心",
  town: "乡镇便民服务中心",
  community: "村（社区）便民服务站",
};

/** The site's list of modes; a site without one gets the 14 of the work plan. */
export async function modesOf(db: Executor, siteId: string): Promise<hrepo.ModeRow[]> {
  const rows = await hrepo.listModes(db, siteId);
  if (rows.length) return rows;
  await hrepo.insertModes(
    db,
    DEFAULT_MODES.map(([key, name], i) => ({ site_id: siteId, key, name, special: 1, position: i + 1 })),
  );
  return hrepo.listModes(db, siteId);
}

export interface HallInput {
  org?: string;
  name?: string;
  level?: string;
  address?: string;
  hours?: string;
  phone?: string;
}

export async function createHall(deps: Deps, user: CurrentUser, input: HallInput) {
  const tree = await loadOrgTree(deps, user.siteId);
  const orgId = input.org ? (await findOrgInSite(deps, user.siteId, input.org)).id : user.orgId;
  authoriseManageIn(user, orgId, tree, HALL.noun);
  const p = new Problems();
  const f = (k: keyof HallInput, label: string, max: number) => {
    const v = (input[k] ?? "").trim();
    if (!v) p.add(k, `${k}_required`, `请填写${label}。`);
    checkLength(p, k, label, v, max);
    return v;
  };
  const row: hrepo.HallRow = {
    id: newId(),
    site_id: user.siteId,
    org_id: orgId,
    name: f("name", "大厅名称", 100),
    level: input.level ?? "",
    address: f("address", "地址", 200),
    hours: f("hours", "办公时间", 200),
    phone: f("phone", "咨询电话", 50),
    position: (await hrepo.listHalls(deps.db.kysely, user.siteId)).length + 1,
  };
  if (!(HALL_LEVELS as readonly string[]).includes(row.level))
    p.add("level", "invalid_hall_level", "请选择大厅层级（县、乡镇、村社区）。");
  p.throwIfAny("服务大厅未保存，请按提示修改。");
  await deps.db.kysely.transaction().execute(async (trx) => {
    await hrepo.insertHall(trx, row);
    await recordAudit(trx, deps.clock, actorOf(user), {
      action: "service.hall_create",
      entityType: "service_hall",
      entityId: row.id,
      orgId,
      summary: { name: row.name },
    });
  });
  invalidatePublicPages(deps);
  return row;
}

export async function checkWindow(
  deps: Deps,
  siteId: string,
  input: { name?: string; orgs?: string[]; modes?: string[] },
) {
  const p = new Problems();
  const name = (input.name ?? "").trim();
  if (!name) p.add("name", "name_required", "请填写窗口名称。");
  checkLength(p, "name", "窗口名称", name, 100);
  const orgIds: string[] = [];
  for (const code of input.orgs ?? []) {
    try {
      orgIds.push((await findOrgInSite(deps, siteId, code)).id);
    } catch {
      p.add("orgs", "org_not_found", `找不到机构代码为 ${code} 的进驻部门。`);
    }
  }
  const known = new Set((await modesOf(deps.db.kysely, siteId)).map((m) => m.key));
  const modes = [...new Set(input.modes ?? [])];
  if (modes.some((m) => !known.has(m))) p.add("modes", "invalid_mode", "请从本站的便民服务模式清单中选择。");
  p.throwIfAny("窗口未保存，请按提示修改。");
  return { name, orgIds, modes };
}

export async function createWindow(
  deps: Deps,
  user: CurrentUser,
  hallId: string,
  input: { name?: string; orgs?: string[]; modes?: string[] },
) {
  const tree = await loadOrgTree(deps, user.siteId);
  const hall = await hrepo.findHall(deps.db.kysely, hallId);
  if (!hall) throw hallNotFound();
  authoriseService(user, "service.manage", hall, tree, HALL);
  const c = await checkWindow(deps, hall.site_id, input);
  const existing = await hrepo.listWindows(deps.db.kysely, [hall.id]);
  const row: hrepo.WindowRow = {
    id: newId(),
    hall_id: hall.id,
    name: c.name,
    org_ids_json: JSON.stringify(c.orgIds),
    modes_json: JSON.stringify(c.modes),
    position: existing.length + 1,
  };
  await deps.db.kysely.transaction().execute(async (trx) => {
    await hrepo.insertWindow(trx, row);
    await recordAudit(trx, deps.clock, actorOf(user), {
      action: "service.window_create",
      entityType: "service_window",
      entityId: row.id,
      orgId: hall.org_id,
      summary: { hall: hall.name, name: row.name, modes: c.modes.length },
    });
  });
  invalidatePublicPages(deps);
  return row;
}

/** Sets the modes a window unit offers (the office answers the modes check with this). */
export async function setWindowModes(deps: Deps, user: CurrentUser, windowId: string, modes: string[]) {
  const tree = await loadOrgTree(deps, user.siteId);
  const win = await hrepo.findWindow(deps.db.kysely, windowId);
  const hall = win && (await hrepo.findHall(deps.db.kysely, win.hall_id));
  if (!win || !hall) throw hallNotFound();
  authoriseService(user, "service.manage", hall, tree, HALL);
  const c = await checkWindow(deps, hall.site_id, { name: win.name, modes });
  await deps.db.kysely.transaction().execute(async (trx) => {
    await hrepo.updateWindowModes(trx, win.id, JSON.stringify(c.modes));
    await recordAudit(trx, deps.clock, actorOf(user), {
      action: "service.window_modes",
      entityType: "service_window",
      entityId: win.id,
      orgId: hall.org_id,
      summary: { hall: hall.name, name: win.name, modes: c.modes.length },
    });
  });
  invalidatePublicPages(deps);
  return { ...win, modes_json: JSON.stringify(c.modes) };
}

export interface HallView {
  hall: hrepo.HallRow;
  windows: Array<{
    window: hrepo.WindowRow;
    orgs: string[];
    modes: string[];
    special: number;
  }>;
}

/** Every hall of a site with its windows, the departments stationed there and the modes offered. */
export async function hallsOf(
  deps: Deps,
  siteId: string,
): Promise<{ halls: HallView[]; modes: hrepo.ModeRow[] }> {
  const db = deps.db.kysely;
  const [halls, modes, tree] = await Promise.all([
    hrepo.listHalls(db, siteId),
    modesOf(db, siteId),
    loadOrgTree(deps, siteId),
  ]);
  const windows = await hrepo.listWindows(
    db,
    halls.map((h) => h.id),
  );
  const modeByKey = new Map(modes.map((m) => [m.key, m]));
  return {
    modes,
    halls: halls.map((hall) => ({
      hall,
      windows: windows
        .filter((w) => w.hall_id === hall.id)
        .map((w) => {
          const keys = parseJson<string[]>(w.modes_json, []);
          return {
            window: w,
            orgs: parseJson<string[]>(w.org_ids_json, []).map((id) => tree.get(id)?.name ?? ""),
            modes: keys.map((k) => modeByKey.get(k)?.name ?? k),
            special: keys.filter((k) => modeByKey.get(k)?.special === 1).length,
          };
        }),
    })),
  };
}

/** The modes check: every window unit offering fewer than MIN_SPECIAL_MODES special modes. */
export async function modesCheck(deps: Deps, siteId: string) {
  const { halls } = await hallsOf(deps, siteId);
  return halls.flatMap((h) =>
    h.windows
      .filter((w) => w.special < MIN_SPECIAL_MODES)
      .map((w) => ({
        hall: h.hall,
        window: w.window,
        special: w.special,
        missing: MIN_SPECIAL_MODES - w.special,
      })),
  );
}

export interface BundleInput {
  key?: string;
  name?: string;
  life_event?: string;
  notice?: string;
  window?: string;
  promised_days?: number;
  items?: Array<{ item_id?: string; parallel?: boolean }>;
}

/** A 一件事 bundle of published items (the office at the site root arranges them). */
export async function createBundle(deps: Deps, user: CurrentUser, input: BundleInput) {
  const tree = await loadOrgTree(deps, user.siteId);
  const root = authoriseSiteWide(user, "service.manage", tree, BUNDLE_NOUN);
  const p = new Problems();
  const key = (input.key ?? "").trim();
  if (!/^[a-z][a-z0-9-]{1,39}$/.test(key))
    p.add("key", "invalid_key", "网址标识应为 2 至 40 位小写字母、数字或连字符。");
  else if (await hrepo.findBundle(deps.db.kysely, user.siteId, key))
    p.add("key", "bundle_key_taken", "该网址标识已被使用。");
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
  const days = input.promised_days;
  if (typeof days !== "number" || !Number.isInteger(days) || days < 0 || days > 365)
    p.add("promised_days", "invalid_promised_days", "承诺办结时限应为 0 至 365 之间的整数（工作日）。");
  const entries = input.items ?? [];
  if (entries.length < 2) p.add("items", "items_too_few", "“一件事”至少包含两个服务事项。");
  const items: Array<{ item_id: string; parallel: boolean }> = [];
  for (const [i, e] of entries.entries()) {
    const row = e.item_id ? await repo.findItem(deps.db.kysely, e.item_id) : undefined;
    if (!row || row.site_id !== user.siteId || row.status !== "published")
      p.add("items", "item_not_found", `第${i + 1}个事项不是本站在用的服务事项。`);
    else items.push({ item_id: row.id, parallel: e.parallel === true });
  }
  p.throwIfAny("“一件事”未保存，请按提示修改。");
  const now = deps.clock.now().toISOString();
  const row: hrepo.BundleRow = {
    id: newId(),
    site_id: user.siteId,
    key,
    name,
    life_event: input.life_event!,
    notice,
    window,
    items_json: JSON.stringify(items),
    promised_days: days!,
    created_at: now,
    updated_at: now,
  };
  await deps.db.kysely.transaction().execute(async (trx) => {
    await hrepo.insertBundle(trx, row);
    // A 一件事 spans departments: indexed for the site as a whole.
    await indexBundle(deps, trx, row, null);
    await recordAudit(trx, deps.clock, actorOf(user), {
      action: "service.bundle_create",
      entityType: "service_bundle",
      entityId: row.id,
      orgId: root.id,
      summary: { name, items: items.length },
    });
  });
  invalidatePublicPages(deps);
  return row;
}

/** Site-wide staff pages (the modes check, the 减材料 report, `noun`): viewing services of the site's root. */
export async function authoriseSiteReport(deps: Deps, user: CurrentUser, noun: string) {
  const tree = await loadOrgTree(deps, user.siteId);
  authoriseSiteWide(user, "service.view", tree, noun);
  return tree;
}

export interface ModeInput {
  key?: string;
  name?: string;
  special?: boolean;
}

/**
 * Replaces the site's list of convenience service modes (the office at the site root). Keys are stable codes
 * the windows refer to: a mode a window still offers cannot be dropped.
 */
export async function setModes(deps: Deps, user: CurrentUser, input: ModeInput[]) {
  const tree = await loadOrgTree(deps, user.siteId);
  const root = authoriseSiteWide(user, "service.manage", tree, "便民服务模式清单");
  const p = new Problems();
  if (input.length === 0) p.add("modes", "modes_required", "便民服务模式清单不能为空。");
  if (input.length > 40) p.add("modes", "modes_too_long", "便民服务模式不能超过40种。");
  const seen = new Set<string>();
  const rows = input.slice(0, 40).map((m, i) => {
    const key = (m.key ?? "").trim();
    const name = (m.name ?? "").trim();
    if (!/^[a-z][a-z0-9_]{1,29}$/.test(key))
      p.add("modes", "invalid_mode_key", `第${i + 1}种模式：代码应为 2 至 30 位小写字母、数字或下划线。`);
    else if (seen.has(key)) p.add("modes", "mode_repeated", `第${i + 1}种模式：代码 ${key} 重复。`);
    seen.add(key);
    if (!name) p.add("modes", "mode_name_required", `第${i + 1}种模式：请填写名称。`);
    checkLength(p, "modes", `第${i + 1}种模式的名称`, name, 40);
    return { site_id: user.siteId, key, name, special: m.special === false ? 0 : 1, position: i + 1 };
  });
  const { halls } = await hallsOf(deps, user.siteId);
  const inUse = new Set(
    halls.flatMap((h) => h.windows.flatMap((w) => parseJson<string[]>(w.window.modes_json, []))),
  );
  for (const k of inUse)
    if (!seen.has(k))
      p.add("modes", "mode_in_use", `模式 ${k} 仍有窗口在提供，不能删除；请先调整窗口的服务模式。`);
  p.throwIfAny("便民服务模式清单未保存，请按提示修改。");
  await deps.db.kysely.transaction().execute(async (trx) => {
    await hrepo.replaceModes(trx, user.siteId, rows);
    await recordAudit(trx, deps.clock, actorOf(user), {
      action: "service.modes",
      entityType: "service_mode",
      orgId: root.id,
      summary: { modes: rows.map((r) => r.name).join("、") },
    });
  });
  invalidatePublicPages(deps);
  return rows;
}
