// Services as the public API and pages present them: the list entries of GET /api/v1/services and the whole
// implementation-list entry with its materials (GET /api/v1/services/{id}, the guide page).
import type { Deps } from "../../deps";
import { Problems } from "../../platform/errors";
import type { PageRequest } from "../../platform/paging";
import { storedNamesByCode } from "../../web/i18n/code-labels";
import { loadOrgTree, type OrgTree } from "../orgs";
import {
  FORM_LABELS,
  type ItemContent,
  KIND_LABELS,
  LICENSING_TYPE,
  LIFE_EVENTS,
  lifeEventName,
  NECESSITY_LABELS,
  ONLINE_DEPTH_LABELS,
  parseJson,
  SOURCE_LABELS,
} from "./services.model";
import * as repo from "./services.repo";

export const PER_PAGE = 20;
export const pageOf = (raw: string | undefined) => {
  const n = Number(raw ?? 1);
  return Number.isInteger(n) && n >= 1 && n <= 10_000 ? n : 1;
};
export const itemUrl = (id: string, prefix = "") => `${prefix}/fw/items/${id}`;
export const fileUrl = (materialId: string, which: "blank" | "sample") =>
  `/fw/materials/${materialId}/${which}`;

const orgRef = (tree: OrgTree, id: string) => {
  const o = tree.get(id);
  return { code: o?.code ?? "", name: o?.name ?? "" };
};

export function listEntry(tree: OrgTree, r: repo.ItemRow) {
  return {
    id: r.id,
    code: r.code,
    impl_code: r.impl_code,
    name: r.name,
    type: r.type,
    org: orgRef(tree, r.org_id),
    level: r.level,
    url: itemUrl(r.id),
    online_depth: r.online_depth,
    visits: r.visits,
  };
}

export interface PublicQuery {
  q?: string;
  org?: string;
  type?: string;
  life_event?: string;
  level?: string;
  page?: string;
}

/** The filters as a person knows them (the parameter is in the problem's `field`; the codes in docs/errors.md). */
const FILTER_NAMES: Record<string, string> = {
  org: "实施主体",
  type: "事项类型",
  level: "行使层级",
  life_event: "主题服务",
};

/**
 * A filter's stored value: `type` and `level` take their stable code (`licensing`, `county`) or, as before, the
 * Chinese name; an unknown value of any filter is a problem naming the parameter and what it may be.
 */
function filterValue(
  p: Problems,
  param: string,
  value: string | undefined,
  options: ReadonlyArray<{ code: string; stored: string; label: string }>,
) {
  if (!value) return undefined;
  const hit = options.find((o) => o.code === value || o.stored === value);
  if (!hit)
    p.add(
      param,
      "invalid_filter",
      `筛选条件“${FILTER_NAMES[param] ?? param}”的值“${value}”无效，可选：${options.map((o) => o.label).join("、")}。`,
    );
  return hit?.stored;
}

/** The options of a filter stored as its Chinese name: stable code, stored name, the name shown. */
const namedOptions = (group: "svc.type" | "svc.level") =>
  [...storedNamesByCode(group)].map(([code, name]) => ({ code, stored: name, label: name }));

/** The public list: published items, filtered; an unknown filter value is a 400 naming it. */
export async function publicList(deps: Deps, siteId: string, query: PublicQuery) {
  const { tree, filter } = await publicFilter(deps, siteId, query);
  const page = pageOf(query.page);
  const r = await repo.listItems(deps.db.kysely, filter, { limit: PER_PAGE, offset: (page - 1) * PER_PAGE });
  return { total: r.total, page, items: r.rows.map((row) => listEntry(tree, row)), tree };
}

/** The public page's list: a page by number or cursor (src/platform/paging.ts) and the capped total. */
export async function publicPageOf(deps: Deps, siteId: string, query: PublicQuery, req: PageRequest) {
  const { tree, filter } = await publicFilter(deps, siteId, query);
  const [found, total] = await Promise.all([
    repo.pageItems(deps.db.kysely, filter, req),
    repo.countItemsCapped(deps.db.kysely, filter),
  ]);
  return { found, total, items: found.rows.map((row) => listEntry(tree, row)), tree };
}

async function publicFilter(
  deps: Deps,
  siteId: string,
  query: PublicQuery,
): Promise<{ tree: OrgTree; filter: repo.ItemFilter }> {
  const tree = await loadOrgTree(deps, siteId);
  const p = new Problems();
  const orgs = tree.flatten(siteId).map((e) => ({ code: e.org.code, stored: e.org.code, label: e.org.name }));
  const orgCode = filterValue(p, "org", query.org, orgs);
  const type = filterValue(p, "type", query.type, namedOptions("svc.type"));
  const level = filterValue(p, "level", query.level, namedOptions("svc.level"));
  const events = LIFE_EVENTS.map((e) => ({ code: e.key, stored: e.key, label: e.name }));
  const lifeEvent = filterValue(p, "life_event", query.life_event, events);
  p.throwIfAny("筛选条件无效，请按提示修改。");
  const org = orgCode ? tree.flatten(siteId).find((e) => e.org.code === orgCode) : undefined;
  const filter: repo.ItemFilter = {
    siteId,
    statuses: ["published"],
    ...(org ? { orgIds: [org.org.id] } : {}),
    ...(query.q?.trim() ? { q: query.q.trim() } : {}),
    ...(type ? { type } : {}),
    ...(level ? { level } : {}),
    ...(lifeEvent ? { lifeEvent } : {}),
  };
  return { tree, filter };
}

export type MaterialEntry = ReturnType<typeof materialJson>;

export function materialJson(tree: OrgTree, m: repo.MaterialRow, condition = "") {
  return {
    id: m.id,
    name: m.name,
    necessity: m.necessity,
    necessity_label: NECESSITY_LABELS[m.necessity] ?? m.necessity,
    form: m.form,
    form_label: FORM_LABELS[m.form] ?? m.form,
    kind: m.kind,
    kind_label: KIND_LABELS[m.kind] ?? m.kind,
    copies: m.copies,
    source: m.source,
    source_label: SOURCE_LABELS[m.source] ?? m.source,
    issuer: m.issuer_org_id ? orgRef(tree, m.issuer_org_id) : null,
    condition,
    notes: m.notes,
    standard: m.standard,
    basis: m.basis,
    blank_form: m.blank_sha256 ? { name: m.blank_name, url: fileUrl(m.id, "blank") } : null,
    sample: m.sample_sha256 ? { name: m.sample_name, url: fileUrl(m.id, "sample") } : null,
    revision: m.revision,
  };
}

/** The whole implementation-list entry in force, with its materials as the catalogue defines them now. */
export async function itemJson(deps: Deps, row: repo.ItemRow) {
  const tree = await loadOrgTree(deps, row.site_id);
  const c = parseJson<ItemContent>(row.content_json, {} as ItemContent);
  const materials = await repo.materialsOfItem(deps.db.kysely, row.id);
  return {
    ...listEntry(tree, row),
    status: row.status,
    version: row.version,
    published_at: row.published_at,
    cancelled_at: row.cancelled_at,
    /** Counted by table 二 of the annual report (行政许可). */
    licensing: row.type === LICENSING_TYPE,
    implementer: orgRef(tree, row.org_id).name,
    entrusted: c.entrusted ?? "",
    life_events: (c.life_events ?? []).map((k) => ({ key: k, name: lifeEventName(k) })),
    basis: c.basis ?? "",
    objects: c.objects ?? [],
    conditions: c.conditions ?? "",
    process: c.process ?? [],
    special: c.special ?? [],
    statutory_limit: c.statutory_limit ?? 0,
    promised_limit: c.promised_limit ?? 0,
    limit_unit: c.limit_unit ?? "working_days",
    fee: c.fee ?? "",
    fee_basis: c.fee_basis ?? "",
    online_depth_label: ONLINE_DEPTH_LABELS[row.online_depth] ?? "",
    online_url: c.online_url ?? "",
    place: c.place ?? "",
    hours: c.hours ?? "",
    consult_phone: c.consult_phone ?? "",
    complaint_phone: c.complaint_phone ?? "",
    result_name: c.result_name ?? "",
    result_sample: c.result_sample ?? "",
    faq: c.faq ?? [],
    parallel: c.parallel === true,
    materials: materials.map((m) => materialJson(tree, m.material, m.condition)),
  };
}
export type ItemJson = Awaited<ReturnType<typeof itemJson>>;
