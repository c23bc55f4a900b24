// Sites are tenants: one county (or city) on a consolidated (集约化) platform. A site is created with its root
// organisation (the county people's government) in one transaction; the request's site is the signed-in
// user's, or for the public portal the one whose host names include the Host header.
import type { Insertable } from "kysely";
import type { SiteTable } from "../../db/schema";
import type { Actor, Deps, Executor } from "../../deps";
import { isValidDivisionCode } from "../../platform/credit-code";
import { AppError, notFound, Problems } from "../../platform/errors";
import { newId } from "../../platform/ids";
import { invalidatePublicPages } from "../../web/page-cache";
import { recordAudit } from "../audit";
import * as repo from "./orgs.repo";
import { buildOrg, CODE_RE, checkOrgFields, insertOrgAudited, throwProblems } from "./orgs.service";

export interface CreateSiteInput {
  code: string;
  name: string;
  identifier_code: string;
  division_code: string;
  /** Host names of its public portal: an array, or one string separated by commas or spaces. */
  hosts?: string | readonly string[];
  icp_record?: string;
  police_record?: string;
  contact_phone?: string;
  contact_address?: string;
  contact_email?: string;
  index_pattern?: string;
}

/** The site's root organisation: its people's government (kind `government`). */
export interface RootOrgInput {
  code: string;
  name: string;
  short_name?: string;
  credit_code?: string;
}

/** 索引号 default: `<credit code>/<year>-<5-digit serial>` (RULES.md §1). */
export const DEFAULT_INDEX_PATTERN = "{credit}/{year}-{serial:5}";

const HOST_RE =
  /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/;
const MAX_HOSTS = 20;

/** A Host header or a typed host name, compared in lower case without a port or a trailing dot. */
export function normaliseHost(raw: string | undefined): string {
  let h = (raw ?? "").trim().toLowerCase();
  if (!h.startsWith("[")) h = h.replace(/:\d*$/, "");
  return h.replace(/\.$/, "");
}

/** Host names from "gk.example.gov.cn, www.example.gov.cn", each a plain DNS name with no port or scheme. */
export function parseHosts(
  raw: string | readonly string[] | undefined,
  p: Problems,
  field = "hosts",
): string[] {
  const parts = (typeof raw === "string" ? raw.split(/[\s,，;；]+/) : [...(raw ?? [])])
    .map((h) => h.trim())
    .filter(Boolean);
  const out: string[] = [];
  for (const part of parts) {
    if (/^[a-z]+:\/\//i.test(part) || part.includes("/")) {
      p.add(field, "invalid_host", `主机名 ${part} 只填域名，不含 http:// 和路径。`);
      continue;
    }
    if (/:\d*$/.test(part) && !part.startsWith("[")) {
      p.add(field, "host_has_port", `主机名 ${part} 不含端口号。`);
      continue;
    }
    const host = normaliseHost(part);
    if (!HOST_RE.test(host)) {
      p.add(field, "invalid_host", `主机名 ${part} 不是有效的域名。`);
      continue;
    }
    if (!out.includes(host)) out.push(host);
  }
  if (out.length > MAX_HOSTS) p.add(field, "too_many_hosts", `一个站点最多 ${MAX_HOSTS} 个主机名。`);
  return out;
}

export const hostsOf = (site: Pick<repo.Site, "hosts">): string[] =>
  site.hosts ? site.hosts.split(",") : [];

function checkSiteFields(input: CreateSiteInput, p: Problems): string[] {
  if (!CODE_RE.test(input.code ?? ""))
    p.add("code", "invalid_code", "站点代码只能包含字母、数字、下划线和连字符（1-50位）。");
  if (!input.name?.trim()) p.add("name", "required", "请填写站点名称。");
  else if (input.name.trim().length > 100) p.add("name", "too_long", "站点名称不能超过100字。");
  const division = input.division_code ?? "";
  if (!/^\d{6}$/.test(division) || !isValidDivisionCode(division))
    p.add("division_code", "invalid_division_code", "行政区划代码应为6位数字。");
  // 网站标识码: the 6-digit division code followed by 4 digits.
  if (
    !/^\d{10}$/.test(input.identifier_code ?? "") ||
    !input.identifier_code.startsWith(division.slice(0, 6))
  ) {
    p.add("identifier_code", "invalid_identifier_code", "网站标识码应为10位数字，前6位为行政区划代码。");
  }
  return parseHosts(input.hosts, p);
}

/** A taken site code or host name, as problems (checked before and again inside the transaction). */
async function checkSiteConflicts(db: Executor, code: string, hosts: string[], p: Problems): Promise<void> {
  const sites = await repo.listSites(db);
  if (sites.some((s) => s.code === code)) p.add("code", "site_exists", `站点代码 ${code} 已存在。`);
  for (const h of hosts) {
    const other = sites.find((s) => hostsOf(s).includes(h));
    if (other) p.add("hosts", "host_taken", `主机名 ${h} 已用于站点 ${other.name}（${other.code}）。`);
  }
}

const CONFLICTS = ["site_exists", "host_taken", "org_exists"];

function buildSite(
  deps: Pick<Deps, "clock">,
  input: CreateSiteInput,
  hosts: string[],
): Insertable<SiteTable> & { id: string } {
  const now = deps.clock.now().toISOString();
  return {
    id: newId(),
    code: input.code,
    name: input.name.trim(),
    identifier_code: input.identifier_code,
    division_code: input.division_code,
    icp_record: input.icp_record?.trim() || null,
    police_record: input.police_record?.trim() || null,
    contact_phone: input.contact_phone?.trim() || null,
    contact_address: input.contact_address?.trim() || null,
    contact_email: input.contact_email?.trim() || null,
    index_pattern: input.index_pattern ?? DEFAULT_INDEX_PATTERN,
    hosts: hosts.join(","),
    created_at: now,
    updated_at: now,
  };
}

/** Inserts a built site inside the caller's transaction and reads it back with its defaults. */
async function insertSiteAudited(
  trx: Executor,
  deps: Pick<Deps, "clock">,
  actor: Actor,
  site: Insertable<SiteTable> & { id: string },
): Promise<repo.Site> {
  // Audit first: it serialises concurrent creations (see insertOrgAudited), so the check sees them.
  await recordAudit(trx, deps.clock, actor, {
    action: "site.create",
    entityType: "site",
    entityId: site.id,
    siteId: site.id, // the new site's entry, not the creating administrator's site
    orgId: null,
    summary: {
      after: { code: site.code, name: site.name, identifier_code: site.identifier_code, hosts: site.hosts },
    },
  });
  const p = new Problems();
  await checkSiteConflicts(trx, site.code, site.hosts ? site.hosts.split(",") : [], p);
  throwProblems(p, CONFLICTS);
  await repo.insertSite(trx, site);
  return (await repo.findSiteById(trx, site.id))!;
}

/** A site without organisations (the demo seed adds its own); `createSiteWithRoot` is the usual way. */
export async function createSite(deps: Deps, actor: Actor, input: CreateSiteInput): Promise<repo.Site> {
  const p = new Problems();
  const hosts = checkSiteFields(input, p);
  if (p.empty) await checkSiteConflicts(deps.db.kysely, input.code, hosts, p);
  throwProblems(p, CONFLICTS);
  const built = buildSite(deps, input, hosts);
  const site = await deps.db.kysely
    .transaction()
    .execute((trx) => insertSiteAudited(trx, deps, actor, built));
  forgetSites(deps);
  return site;
}

/**
 * A site and its root organisation (the people's government, kind `government`, with the site's division
 * code), both or neither, with an audit entry for each. Every problem with either is named at once.
 */
export async function createSiteWithRoot(
  deps: Deps,
  actor: Actor,
  input: CreateSiteInput & { root: RootOrgInput },
): Promise<{ site: repo.Site; root: repo.Org }> {
  const p = new Problems();
  const hosts = checkSiteFields(input, p);
  const rootField = (f: string) => (f === "code" ? "root_org" : f === "name" ? "root_name" : `root_${f}`);
  const rootInput = { ...input.root, kind: "government" as const, division_code: input.division_code };
  const checked = checkOrgFields(
    {
      ...rootInput,
      division_code: isValidDivisionCode(input.division_code ?? "") ? input.division_code : "",
    },
    p,
    rootField,
  );
  if (CODE_RE.test(input.code ?? "")) await checkSiteConflicts(deps.db.kysely, input.code, hosts, p);
  throwProblems(p, CONFLICTS);
  const built = buildSite(deps, input, hosts);
  const root = buildOrg(deps, rootInput, built.id, null, checked);
  const site = await deps.db.kysely.transaction().execute(async (trx) => {
    const inserted = await insertSiteAudited(trx, deps, actor, built);
    await insertOrgAudited(trx, deps, actor, root, null, "root_org");
    return inserted;
  });
  forgetSites(deps);
  return { site, root };
}

export async function getSite(deps: Pick<Deps, "db">, code?: string): Promise<repo.Site> {
  const site = code
    ? await repo.findSiteByCode(deps.db.kysely, code)
    : (await repo.listSites(deps.db.kysely))[0];
  if (!site) throw notFound(code ? `站点 ${code} ` : "站点", "site_not_found");
  return site;
}

export const listSites = (deps: Pick<Deps, "db">) => repo.listSites(deps.db.kysely);

// The sites, briefly kept in memory: every request resolves its site. Creating a site here forgets them at
// once; one created by another process (the CLI beside a running server) shows within SITE_CACHE_MS.
export const SITE_CACHE_MS = 5_000;
const siteCache = new WeakMap<object, { at: number; sites: repo.Site[] }>();

async function cachedSites(deps: Pick<Deps, "db">): Promise<repo.Site[]> {
  const hit = siteCache.get(deps.db);
  if (hit && performance.now() - hit.at < SITE_CACHE_MS) return hit.sites;
  const sites = await repo.listSites(deps.db.kysely);
  siteCache.set(deps.db, { at: performance.now(), sites });
  return sites;
}

export function forgetSites(deps: Pick<Deps, "db">): void {
  siteCache.delete(deps.db);
  // Public answers are kept by host name (src/web/fast-path.ts): a new site's host was the default site's.
  invalidatePublicPages(deps);
}

/** What `resolveSite` needs of a request (a FastifyRequest has both). */
export interface SiteRequest {
  user?: { siteId: string } | null;
  hostname: string;
}

/** A site by id, from memory when it can. */
export async function siteById(deps: Pick<Deps, "db">, id: string): Promise<repo.Site> {
  const site =
    (await cachedSites(deps)).find((s) => s.id === id) ?? (await repo.findSiteById(deps.db.kysely, id));
  if (!site) throw notFound("站点", "site_not_found");
  return site;
}

/** The public portal's site: the one whose host names include `host` (port ignored), else the default one. */
export async function siteForHost(deps: Pick<Deps, "db">, host: string | undefined): Promise<repo.Site> {
  const sites = await cachedSites(deps);
  const h = normaliseHost(host);
  const site = (h && sites.find((s) => hostsOf(s).includes(h))) || sites[0];
  if (!site) throw notFound("站点", "site_not_found");
  return site;
}

/**
 * The request's site: a signed-in user's own site (staff pages and the staff API), otherwise the site of
 * the Host header. Public pages use `resolvePublicSite`, so staff browsing a portal see that portal's site.
 */
export async function resolveSite(deps: Pick<Deps, "db">, req: SiteRequest): Promise<repo.Site> {
  return req.user ? siteById(deps, req.user.siteId) : siteForHost(deps, req.hostname);
}

/** The public portal's site, by the Host header alone. */
export const resolvePublicSite = (deps: Pick<Deps, "db">, req: Pick<SiteRequest, "hostname">) =>
  siteForHost(deps, req.hostname);

/** Refuses a site code or id that is not the user's own: a site's staff never act on another site. */
export function assertSameSite(user: { siteId: string }, siteId: string): void {
  if (user.siteId !== siteId) throw new AppError("forbidden", 403, "您没有执行此操作的权限。");
}
