import type { Actor, Deps } from "../../deps";
import { checkCreditCode, isValidDivisionCode } from "../../platform/credit-code";
import { AppError, notFound, Problems } from "../../platform/errors";
import { newId } from "../../platform/ids";
import { recordAudit } from "../audit";
import { OrgTree } from "./org-tree";
import * as repo from "./orgs.repo";
import type { CreateOrgInput } from "./orgs.schemas";
import { ORG_KINDS } from "./orgs.schemas";

export interface CreateSiteInput {
  code: string;
  name: string;
  identifier_code: string;
  division_code: string;
  icp_record?: string;
  police_record?: string;
  contact_phone?: string;
  contact_address?: string;
  contact_email?: string;
  index_pattern?: string;
}

/** 索引号 default: `<credit code>/<year>-<5-digit serial>` (RULES.md §1). */
export const DEFAULT_INDEX_PATTERN = "{credit}/{year}-{serial:5}";

const CODE_RE = /^[A-Za-z0-9_-]{1,50}$/;

export async function createSite(deps: Deps, actor: Actor, input: CreateSiteInput): Promise<repo.Site> {
  const p = new Problems();
  if (!CODE_RE.test(input.code))
    p.add("code", "invalid_code", "站点代码只能包含字母、数字、下划线和连字符。");
  if (!input.name.trim()) p.add("name", "required", "请填写站点名称。");
  if (!isValidDivisionCode(input.division_code))
    p.add("division_code", "invalid_division_code", "行政区划代码应为6位数字。");
  // 网站标识码: the 6-digit division code followed by 4 digits.
  if (
    !/^\d{10}$/.test(input.identifier_code) ||
    !input.identifier_code.startsWith(input.division_code.slice(0, 6))
  ) {
    p.add("identifier_code", "invalid_identifier_code", "网站标识码应为10位数字，前6位为行政区划代码。");
  }
  p.throwIfAny();
  const now = deps.clock.now().toISOString();
  const site: repo.Site = {
    id: newId(),
    code: input.code,
    name: input.name.trim(),
    identifier_code: input.identifier_code,
    division_code: input.division_code,
    icp_record: input.icp_record ?? null,
    police_record: input.police_record ?? null,
    contact_phone: input.contact_phone ?? null,
    contact_address: input.contact_address ?? null,
    contact_email: input.contact_email ?? null,
    index_pattern: input.index_pattern ?? DEFAULT_INDEX_PATTERN,
    created_at: now,
    updated_at: now,
  };
  await deps.db.kysely.transaction().execute(async (trx) => {
    if (await repo.findSiteByCode(trx, site.code))
      throw new AppError("site_exists", 409, `站点代码 ${site.code} 已存在。`);
    await repo.insertSite(trx, site);
    await recordAudit(trx, deps.clock, actor, {
      action: "site.create",
      entityType: "site",
      entityId: site.id,
      summary: { after: { code: site.code, name: site.name, identifier_code: site.identifier_code } },
    });
  });
  return site;
}

export async function createOrg(
  deps: Deps,
  actor: Actor,
  input: CreateOrgInput,
  siteId?: string,
): Promise<repo.Org> {
  const db = deps.db.kysely;
  const p = new Problems();
  const site = siteId
    ? await repo.findSiteById(db, siteId)
    : input.site_code
      ? await repo.findSiteByCode(db, input.site_code)
      : (await repo.listSites(db))[0];
  if (!site) p.add("site_code", "site_not_found", "站点不存在。");
  if (!CODE_RE.test(input.code))
    p.add("code", "invalid_code", "机构代码只能包含字母、数字、下划线和连字符（1-50位）。");
  if (!input.name?.trim()) p.add("name", "required", "请填写机构全称。");
  if (!ORG_KINDS.includes(input.kind)) p.add("kind", "invalid_kind", "机构类型不正确。");
  const creditCode = input.credit_code?.trim().toUpperCase() || null;
  if (creditCode) {
    const problem = checkCreditCode(creditCode);
    if (problem === "format")
      p.add(
        "credit_code",
        "invalid_credit_code",
        "统一社会信用代码应为18位（数字和大写字母，不含I、O、Z、S、V）。",
      );
    else if (problem)
      p.add("credit_code", "credit_code_check_failed", "统一社会信用代码校验位不正确，请核对。");
  }
  const divisionCode = input.division_code?.trim() || null;
  if (divisionCode && !isValidDivisionCode(divisionCode)) {
    p.add("division_code", "invalid_division_code", "行政区划代码应为6、9或12位数字。");
  }
  let parent: repo.Org | undefined;
  if (site && input.parent_code) {
    parent = await repo.findOrgByCode(db, site.id, input.parent_code);
    if (!parent) p.add("parent_code", "parent_not_found", `上级机构 ${input.parent_code} 不存在。`);
  }
  if (input.kind === "government" && parent && parent.kind !== "government") {
    p.add("kind", "invalid_parent", "人民政府只能隶属于上级人民政府。");
  }
  p.throwIfAny();
  const now = deps.clock.now().toISOString();
  const org: repo.Org = {
    id: newId(),
    site_id: site!.id,
    parent_id: parent?.id ?? null,
    code: input.code,
    name: input.name.trim(),
    short_name: input.short_name?.trim() || input.name.trim(),
    kind: input.kind,
    credit_code: creditCode,
    division_code: divisionCode,
    sort_order: input.sort_order ?? 0,
    created_at: now,
    updated_at: now,
  };
  await db.transaction().execute(async (trx) => {
    if (await repo.findOrgByCode(trx, org.site_id, org.code)) {
      throw new AppError("org_exists", 409, `机构代码 ${org.code} 已存在。`, [
        { field: "code", code: "org_exists", message: `机构代码 ${org.code} 已存在。` },
      ]);
    }
    await repo.insertOrg(trx, org);
    await recordAudit(trx, deps.clock, actor, {
      action: "org.create",
      entityType: "org",
      entityId: org.id,
      summary: {
        after: { code: org.code, name: org.name, kind: org.kind, parent: input.parent_code ?? null },
      },
    });
  });
  return org;
}

export async function loadOrgTree(deps: Pick<Deps, "db">, siteId?: string): Promise<OrgTree> {
  return new OrgTree(await repo.listOrgs(deps.db.kysely, siteId));
}

export async function getSite(deps: Pick<Deps, "db">, code?: string): Promise<repo.Site> {
  const site = code
    ? await repo.findSiteByCode(deps.db.kysely, code)
    : (await repo.listSites(deps.db.kysely))[0];
  if (!site) throw notFound("站点", "site_not_found");
  return site;
}

export async function findOrgByCodeAnySite(deps: Pick<Deps, "db">, code: string): Promise<repo.Org> {
  const orgs = await repo.findOrgsByCode(deps.db.kysely, code);
  if (orgs.length === 0) throw notFound(`机构 ${code} `, "org_not_found");
  if (orgs.length > 1)
    throw new AppError("org_ambiguous", 400, `机构代码 ${code} 在多个站点中存在，请指定站点。`);
  return orgs[0]!;
}

export const listSites = (deps: Pick<Deps, "db">) => repo.listSites(deps.db.kysely);
export const getOrg = (deps: Pick<Deps, "db">, id: string) => repo.findOrgById(deps.db.kysely, id);
