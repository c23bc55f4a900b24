import type { Actor, Deps, Executor } from "../../deps";
import { checkCreditCode, isValidDivisionCode } from "../../platform/credit-code";
import { AppError, notFound, Problems } from "../../platform/errors";
import { newId } from "../../platform/ids";
import { invalidatePublicPages } from "../../web/page-cache";
import { recordAudit } from "../audit";
import { OrgTree } from "./org-tree";
import * as repo from "./orgs.repo";
import type { CreateOrgInput } from "./orgs.schemas";
import { ORG_KINDS } from "./orgs.schemas";

export const CODE_RE = /^[A-Za-z0-9_-]{1,50}$/;

/** Checks an organisation's own fields (not its site or parent), adding every problem; returns them normalised. */
export function checkOrgFields(
  input: Pick<CreateOrgInput, "code" | "name" | "kind" | "credit_code" | "division_code">,
  p: Problems,
  field: (name: string) => string = (name) => name,
): { creditCode: string | null; divisionCode: string | null } {
  if (!CODE_RE.test(input.code ?? ""))
    p.add(field("code"), "invalid_code", "机构代码只能包含字母、数字、下划线和连字符（1-50位）。");
  if (!input.name?.trim()) p.add(field("name"), "required", "请填写机构全称。");
  else if (input.name.trim().length > 100) p.add(field("name"), "too_long", "机构全称不能超过100字。");
  if (!ORG_KINDS.includes(input.kind)) p.add(field("kind"), "invalid_kind", "机构类型不正确。");
  const creditCode = input.credit_code?.trim().toUpperCase() || null;
  if (creditCode) {
    const problem = checkCreditCode(creditCode);
    if (problem === "format")
      p.add(
        field("credit_code"),
        "invalid_credit_code",
        "统一社会信用代码应为18位（数字和大写字母，不含I、O、Z、S、V）。",
      );
    else if (problem)
      p.add(field("credit_code"), "credit_code_check_failed", "统一社会信用代码校验位不正确，请核对。");
  }
  const divisionCode = input.division_code?.trim() || null;
  if (divisionCode && !isValidDivisionCode(divisionCode)) {
    p.add(field("division_code"), "invalid_division_code", "行政区划代码应为6、9或12位数字。");
  }
  return { creditCode, divisionCode };
}

/** Inserts a checked organisation inside the caller's transaction, refusing a code the site already has. */
export async function insertOrgAudited(
  trx: Executor,
  deps: Pick<Deps, "clock">,
  actor: Actor,
  org: repo.Org,
  parentCode: string | null,
  field = "code",
): Promise<void> {
  // The audit entry first: it updates the one audit head row, which serialises concurrent audited writes
  // on PostgreSQL, so the check below reads what a concurrent creation committed (409, never a 500 from
  // the unique constraint). On SQLite transactions already run one at a time.
  await recordAudit(trx, deps.clock, actor, {
    action: "org.create",
    entityType: "org",
    entityId: org.id,
    // The row is not written yet, so its site is named too: entries of a site are read only by its staff.
    orgId: org.id,
    siteId: org.site_id,
    summary: { after: { code: org.code, name: org.name, kind: org.kind, parent: parentCode } },
  });
  if (await repo.findOrgByCode(trx, org.site_id, org.code)) {
    throw new AppError("org_exists", 409, `机构代码 ${org.code} 已存在。`, [
      { field, code: "org_exists", message: `机构代码 ${org.code} 已存在。` },
    ]);
  }
  await repo.insertOrg(trx, org);
}

/**
 * Fails with every problem (400); when the only one is a taken code, with that conflict (409) instead,
 * so a caller can tell "fix the input" from "it exists already".
 */
export function throwProblems(
  p: Problems,
  conflictCodes: string | readonly string[],
  message?: string,
): void {
  if (p.empty) return;
  const conflicts = typeof conflictCodes === "string" ? [conflictCodes] : conflictCodes;
  if (p.list.every((d) => conflicts.includes(d.code)))
    throw new AppError(p.list[0]!.code, 409, p.list.map((d) => d.message).join(" "), p.list);
  p.throwIfAny(message);
}

/** The organisation row for checked input (`checkOrgFields` first). */
export function buildOrg(
  deps: Pick<Deps, "clock">,
  input: Pick<CreateOrgInput, "code" | "name" | "short_name" | "kind" | "sort_order">,
  siteId: string,
  parentId: string | null,
  checked: { creditCode: string | null; divisionCode: string | null },
): repo.Org {
  const now = deps.clock.now().toISOString();
  return {
    id: newId(),
    site_id: siteId,
    parent_id: parentId,
    code: input.code,
    name: input.name.trim(),
    short_name: input.short_name?.trim() || input.name.trim(),
    kind: input.kind,
    credit_code: checked.creditCode,
    division_code: checked.divisionCode,
    sort_order: input.sort_order ?? 0,
    created_at: now,
    updated_at: now,
  };
}

/**
 * Adds an organisation to a site: `siteId`, else `input.site_code`, else the default (first) site.
 * Every problem is named at once; a code the site already has is refused.
 */
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
  if (!site)
    p.add(
      "site_code",
      "site_not_found",
      input.site_code ? `站点 ${input.site_code} 不存在。` : "站点不存在，请先创建站点。",
    );
  const checked = checkOrgFields(input, p);
  let parent: repo.Org | undefined;
  if (site && input.parent_code) {
    parent = await repo.findOrgByCode(db, site.id, input.parent_code);
    if (!parent) p.add("parent_code", "parent_not_found", `上级机构 ${input.parent_code} 不存在。`);
  }
  if (input.kind === "government" && parent && parent.kind !== "government") {
    p.add("kind", "invalid_parent", "人民政府只能隶属于上级人民政府。");
  }
  const taken =
    site && CODE_RE.test(input.code) ? await repo.findOrgByCode(db, site.id, input.code) : undefined;
  if (taken) p.add("code", "org_exists", `机构代码 ${input.code} 已存在。`);
  throwProblems(p, "org_exists");
  const org = buildOrg(deps, input, site!.id, parent?.id ?? null, checked);
  await db.transaction().execute(async (trx) => {
    await insertOrgAudited(trx, deps, actor, org, input.parent_code ?? null);
  });
  // The catalogue's list of organisations (a cached public page) shows it.
  invalidatePublicPages(deps);
  return org;
}

/** The organisation tree, of one site when `siteId` is given (request handlers always give it). */
export async function loadOrgTree(deps: Pick<Deps, "db">, siteId?: string): Promise<OrgTree> {
  return new OrgTree(await repo.listOrgs(deps.db.kysely, siteId));
}

export async function findOrgByCodeAnySite(deps: Pick<Deps, "db">, code: string): Promise<repo.Org> {
  const orgs = await repo.findOrgsByCode(deps.db.kysely, code);
  if (orgs.length === 0) throw notFound(`机构 ${code} `, "org_not_found");
  if (orgs.length > 1)
    throw new AppError("org_ambiguous", 400, `机构代码 ${code} 在多个站点中存在，请指定站点。`);
  return orgs[0]!;
}

/** An organisation of one site by its code. */
export async function findOrgInSite(deps: Pick<Deps, "db">, siteId: string, code: string): Promise<repo.Org> {
  const org = await repo.findOrgByCode(deps.db.kysely, siteId, code);
  if (!org) throw notFound(`机构 ${code} `, "org_not_found");
  return org;
}

export const getOrg = (deps: Pick<Deps, "db">, id: string) => repo.findOrgById(deps.db.kysely, id);
