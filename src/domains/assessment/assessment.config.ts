// The office's configuration of the assessment: the site's indicators (computed from a registered definition
// or entered by hand), the deductions for accountability records, and the hand-entered values. Every change is
// checked as a whole (every problem listed), written with its audit entry in one transaction.
import type { Deps } from "../../deps";
import { AppError, Problems } from "../../platform/errors";
import { newId } from "../../platform/ids";
import { translator } from "../../web/i18n";
import { actorOf, type CurrentUser } from "../accounts";
import { recordAudit } from "../audit";
import { loadOrgTree, type OrgTree } from "../orgs";
import { DEFAULT_INDICATOR_KEYS } from "./assessment.defaults";
import { PERIOD_KIND_LABELS, PERIOD_KINDS, parsePeriod } from "./assessment.periods";
import { authoriseAssessment, indicatorNotFound } from "./assessment.policy";
import { indicatorDefinition, listIndicatorDefinitions } from "./assessment.registry";
import * as repo from "./assessment.repo";
import type { AssessmentIndicatorTable, IndicatorSource, PeriodKind } from "./assessment.tables";

const zh = translator("zh-CN");

/** Organisation kinds an indicator may apply to (the government itself is the assessor, not assessed). */
export const ASSESSED_KINDS = ["department", "town", "community", "institution"] as const;
export const ORG_KIND_LABELS: Record<string, string> = {
  department: "部门",
  town: "乡镇（街道）",
  community: "社区（村）",
  institution: "事业单位",
};
export const DEFAULT_DEDUCTIONS = { criticism_points: 2, interview_points: 5 };
export const MAX_POINTS = 100;
const NAME_MAX = 100;
const NOTE_MAX = 1000;

export interface IndicatorView {
  id: string;
  source: IndicatorSource;
  key: string | null;
  name: string;
  description: string;
  points: number;
  period_kind: PeriodKind;
  period_label: string;
  org_kinds: string[];
  orgs: Array<{ id: string; code: string; name: string }>;
  active: boolean;
  position: number;
}

export const parseList = (json: string): string[] => {
  try {
    const v = JSON.parse(json);
    return Array.isArray(v) ? v.filter((x) => typeof x === "string") : [];
  } catch {
    return [];
  }
};

export function presentIndicator(row: AssessmentIndicatorTable, tree: OrgTree): IndicatorView {
  const def = row.computed_key ? indicatorDefinition(row.computed_key) : undefined;
  return {
    id: row.id,
    source: row.source,
    key: row.computed_key,
    name: row.name,
    description: def
      ? zh(def.descriptionKey)
      : row.source === "manual"
        ? "由政务公开办按考核情况逐单位录入得分并注明依据。"
        : "该计算指标尚未在本系统中登记，考核时不计算。",
    points: row.points,
    period_kind: row.period_kind,
    period_label: PERIOD_KIND_LABELS[row.period_kind],
    org_kinds: parseList(row.org_kinds),
    orgs: parseList(row.org_ids).flatMap((id) => {
      const o = tree.get(id);
      return o ? [{ id: o.id, code: o.code, name: o.name }] : [];
    }),
    active: row.active === 1,
    position: row.position,
  };
}

/** The organisations of the site an indicator applies to, in the tree's order. */
export function orgsOfIndicator(
  row: Pick<AssessmentIndicatorTable, "org_kinds" | "org_ids">,
  tree: OrgTree,
  siteId: string,
) {
  const kinds = new Set(parseList(row.org_kinds));
  const ids = new Set(parseList(row.org_ids));
  return tree
    .flatten(siteId)
    .map(({ org }) => org)
    .filter((o) => kinds.has(o.kind) || ids.has(o.id));
}

export async function listIndicatorsForUser(deps: Deps, user: CurrentUser) {
  const tree = await loadOrgTree(deps, user.siteId);
  authoriseAssessment(user, "assessment.view", user.siteId, tree);
  const rows = await repo.listIndicators(deps.db.kysely, user.siteId);
  const settings = (await repo.findSettings(deps.db.kysely, user.siteId)) ?? DEFAULT_DEDUCTIONS;
  return {
    items: rows.map((r) => presentIndicator(r, tree)),
    available: listIndicatorDefinitions().map((d) => ({
      key: d.key,
      name: zh(d.labelKey),
      description: zh(d.descriptionKey),
      default_points: d.defaultPoints,
    })),
    deductions: {
      criticism_points: settings.criticism_points,
      interview_points: settings.interview_points,
    },
  };
}

export interface IndicatorInput {
  source?: string;
  key?: string | null;
  name?: string;
  points?: number | string;
  period_kind?: string;
  org_kinds?: string[];
  /** organisation codes */
  orgs?: string[];
  active?: boolean;
  position?: number;
}

/** Checks a whole indicator (after merging a patch) and resolves its organisations; throws 400 with every problem. */
function checkIndicator(input: IndicatorInput, tree: OrgTree, siteId: string) {
  const p = new Problems();
  const source = input.source as IndicatorSource;
  if (source !== "computed" && source !== "manual")
    p.add("source", "invalid_source", "请选择指标来源（系统计算或手工录入）。");
  const key = source === "computed" ? (input.key ?? "") : null;
  const def = key ? indicatorDefinition(key) : undefined;
  if (source === "computed" && !def) p.add("key", "unknown_indicator", "请选择系统可计算的指标。");
  const name = (input.name ?? "").trim() || (def ? zh(def.labelKey) : "");
  if (!name) p.add("name", "required", "请填写指标名称。");
  else if (name.length > NAME_MAX) p.add("name", "too_long", `指标名称不能超过${NAME_MAX}字。`);
  const points = typeof input.points === "string" ? Number(input.points.trim() || Number.NaN) : input.points;
  if (points === undefined || !Number.isFinite(points) || points <= 0 || points > MAX_POINTS)
    p.add("points", "invalid_points", `分值须为大于0、不超过${MAX_POINTS}的数。`);
  else if (Math.round(points * 100) !== points * 100)
    p.add("points", "invalid_points", "分值最多保留两位小数。");
  const kind = input.period_kind as PeriodKind;
  if (!PERIOD_KINDS.includes(kind))
    p.add("period_kind", "invalid_period_kind", "请选择考核周期（年度、半年、季度或月度）。");
  const kinds = [...new Set(input.org_kinds ?? [])];
  for (const k of kinds)
    if (!(ASSESSED_KINDS as readonly string[]).includes(k))
      p.add("org_kinds", "invalid_org_kind", `考核对象类型“${k}”不正确。`);
  const orgIds: string[] = [];
  for (const code of [...new Set(input.orgs ?? [])]) {
    const o = tree.flatten(siteId).find((x) => x.org.code === code)?.org;
    if (!o) p.add("orgs", "org_not_found", `本站点没有代码为“${code}”的单位。`);
    else orgIds.push(o.id);
  }
  if (
    kinds.length === 0 &&
    orgIds.length === 0 &&
    !p.list.some((x) => x.field === "org_kinds" || x.field === "orgs")
  )
    p.add("org_kinds", "no_assessed_orgs", "请选择考核对象（部门、乡镇或具体单位）。");
  p.throwIfAny();
  return { source, key, name, points: points!, kind, kinds, orgIds };
}

export async function createIndicator(
  deps: Deps,
  user: CurrentUser,
  input: IndicatorInput,
): Promise<IndicatorView> {
  const tree = await loadOrgTree(deps, user.siteId);
  authoriseAssessment(user, "assessment.manage", user.siteId, tree);
  const c = checkIndicator(input, tree, user.siteId);
  const now = deps.clock.now().toISOString();
  const row = await deps.db.kysely.transaction().execute(async (trx) => {
    const row: AssessmentIndicatorTable = {
      id: newId(),
      site_id: user.siteId,
      source: c.source,
      computed_key: c.key,
      name: c.name,
      points: c.points,
      period_kind: c.kind,
      org_kinds: JSON.stringify(c.kinds),
      org_ids: JSON.stringify(c.orgIds),
      position: await repo.nextPosition(trx, user.siteId),
      active: input.active === false ? 0 : 1,
      created_at: now,
      updated_at: now,
    };
    await repo.insertIndicators(trx, [row]);
    await recordAudit(trx, deps.clock, actorOf(user), {
      action: "assessment.indicator_create",
      entityType: "assessment_indicator",
      entityId: row.id,
      orgId: null,
      siteId: user.siteId,
      summary: { name: row.name, points: row.points, period: row.period_kind, source: row.source },
    });
    return row;
  });
  return presentIndicator(row, tree);
}

export async function updateIndicatorForUser(
  deps: Deps,
  user: CurrentUser,
  id: string,
  patch: IndicatorInput,
): Promise<IndicatorView> {
  const tree = await loadOrgTree(deps, user.siteId);
  const now = deps.clock.now().toISOString();
  const row = await deps.db.kysely.transaction().execute(async (trx) => {
    await repo.lockSite(trx, deps.db.dialect, user.siteId);
    const row = await repo.findIndicator(trx, id);
    if (!row || row.site_id !== user.siteId) throw indicatorNotFound();
    authoriseAssessment(user, "assessment.manage", row.site_id, tree);
    const merged: IndicatorInput = {
      source: row.source,
      key: row.computed_key,
      name: patch.name ?? row.name,
      points: patch.points ?? row.points,
      period_kind: patch.period_kind ?? row.period_kind,
      org_kinds: patch.org_kinds ?? parseList(row.org_kinds),
      orgs:
        patch.orgs ??
        parseList(row.org_ids).flatMap((oid) => {
          const o = tree.get(oid);
          return o ? [o.code] : [];
        }),
    };
    const c = checkIndicator(merged, tree, user.siteId);
    const set = {
      name: c.name,
      points: c.points,
      period_kind: c.kind,
      org_kinds: JSON.stringify(c.kinds),
      org_ids: JSON.stringify(c.orgIds),
      active: patch.active === undefined ? row.active : patch.active ? 1 : 0,
      position: patch.position ?? row.position,
      updated_at: now,
    };
    await repo.updateIndicator(trx, id, set);
    const changed = Object.fromEntries(
      Object.entries(set).filter(([k, v]) => k !== "updated_at" && row[k as keyof typeof row] !== v),
    );
    await recordAudit(trx, deps.clock, actorOf(user), {
      action: "assessment.indicator_update",
      entityType: "assessment_indicator",
      entityId: id,
      orgId: null,
      siteId: user.siteId,
      summary: { name: c.name, changed },
    });
    return { ...row, ...set };
  });
  return presentIndicator(row, tree);
}

/** Adds the registered default indicators the site does not have yet (year, departments and towns). */
export async function addDefaultIndicators(deps: Deps, user: CurrentUser): Promise<IndicatorView[]> {
  const tree = await loadOrgTree(deps, user.siteId);
  authoriseAssessment(user, "assessment.manage", user.siteId, tree);
  const now = deps.clock.now().toISOString();
  const rows = await deps.db.kysely.transaction().execute(async (trx) => {
    await repo.lockSite(trx, deps.db.dialect, user.siteId);
    const have = new Set((await repo.listIndicators(trx, user.siteId)).map((r) => r.computed_key));
    let position = await repo.nextPosition(trx, user.siteId);
    const keys = [
      ...DEFAULT_INDICATOR_KEYS,
      ...listIndicatorDefinitions()
        .map((d) => d.key)
        .filter((k) => !(DEFAULT_INDICATOR_KEYS as readonly string[]).includes(k)),
    ];
    const rows: AssessmentIndicatorTable[] = keys.flatMap((key) => {
      const def = indicatorDefinition(key);
      if (!def || have.has(key)) return [];
      return [
        {
          id: newId(),
          site_id: user.siteId,
          source: "computed" as const,
          computed_key: key,
          name: zh(def.labelKey),
          points: def.defaultPoints,
          period_kind: def.defaultPeriod ?? "year",
          org_kinds: JSON.stringify(def.defaultOrgKinds ?? ["department", "town"]),
          org_ids: "[]",
          position: position++,
          active: 1,
          created_at: now,
          updated_at: now,
        },
      ];
    });
    if (rows.length === 0) return rows;
    await repo.insertIndicators(trx, rows);
    await recordAudit(trx, deps.clock, actorOf(user), {
      action: "assessment.indicator_defaults",
      entityType: "assessment_indicator",
      orgId: null,
      siteId: user.siteId,
      summary: { added: rows.map((r) => r.name) },
    });
    return rows;
  });
  return rows.map((r) => presentIndicator(r, tree));
}

export interface DeductionsInput {
  criticism_points?: number | string;
  interview_points?: number | string;
}

export async function saveDeductions(deps: Deps, user: CurrentUser, input: DeductionsInput) {
  const tree = await loadOrgTree(deps, user.siteId);
  authoriseAssessment(user, "assessment.manage", user.siteId, tree);
  const p = new Problems();
  const num = (field: string, label: string, v: number | string | undefined) => {
    const n = typeof v === "string" ? Number(v.trim() || Number.NaN) : v;
    if (
      n === undefined ||
      !Number.isFinite(n) ||
      n < 0 ||
      n > MAX_POINTS ||
      Math.round(n * 100) !== n * 100
    ) {
      p.add(field, "invalid_points", `${label}须为0至${MAX_POINTS}之间的数（最多两位小数）。`);
      return 0;
    }
    return n;
  };
  const criticism = num("criticism_points", "每次通报批评扣分", input.criticism_points);
  const interview = num("interview_points", "每次约谈整改扣分", input.interview_points);
  p.throwIfAny();
  const row = {
    site_id: user.siteId,
    criticism_points: criticism,
    interview_points: interview,
    updated_at: deps.clock.now().toISOString(),
  };
  await deps.db.kysely.transaction().execute(async (trx) => {
    await repo.saveSettings(trx, row);
    await recordAudit(trx, deps.clock, actorOf(user), {
      action: "assessment.deductions",
      entityType: "assessment_settings",
      entityId: user.siteId,
      orgId: null,
      siteId: user.siteId,
      summary: { criticism_points: criticism, interview_points: interview },
    });
  });
  return { criticism_points: criticism, interview_points: interview };
}

export interface ManualInput {
  period?: string;
  /** organisation code */
  org?: string;
  points?: number | string;
  note?: string;
}

/**
 * Enters an organisation's points on a hand-entered indicator for a period, with its note (依据). Under the
 * site's lock: a finalised period's values no longer change.
 */
export async function enterManualValue(
  deps: Deps,
  user: CurrentUser,
  indicatorId: string,
  input: ManualInput,
) {
  const tree = await loadOrgTree(deps, user.siteId);
  return deps.db.kysely.transaction().execute(async (trx) => {
    await repo.lockSite(trx, deps.db.dialect, user.siteId);
    const ind = await repo.findIndicator(trx, indicatorId);
    if (!ind || ind.site_id !== user.siteId) throw indicatorNotFound();
    authoriseAssessment(user, "assessment.manage", ind.site_id, tree);
    const p = new Problems();
    if (ind.source !== "manual")
      p.add("indicator", "indicator_not_manual", "该指标由系统计算，不能手工录入。");
    const period = parsePeriod(input.period ?? "");
    if (!period) p.add("period", "invalid_period", "考核期格式应为 2025、2025-H1、2025-Q1 或 2025-01。");
    else if (period.kind !== ind.period_kind)
      p.add(
        "period",
        "period_kind_mismatch",
        `该指标按${PERIOD_KIND_LABELS[ind.period_kind]}考核，请填写对应的考核期。`,
      );
    const org = tree.flatten(user.siteId).find((o) => o.org.code === input.org)?.org;
    if (!org) p.add("org", "org_not_found", "请选择本站点的被考核单位。");
    else if (!orgsOfIndicator(ind, tree, user.siteId).some((o) => o.id === org.id))
      p.add("org", "org_not_assessed", "该单位不在此指标的考核对象中。");
    const points =
      typeof input.points === "string" ? Number(input.points.trim() || Number.NaN) : input.points;
    if (points === undefined || !Number.isFinite(points) || points < 0 || points > ind.points)
      p.add("points", "invalid_points", `得分须在0至${ind.points}分之间。`);
    const note = (input.note ?? "").trim();
    if (!note) p.add("note", "required", "请注明评分依据。");
    else if (note.length > NOTE_MAX) p.add("note", "too_long", `评分依据不能超过${NOTE_MAX}字。`);
    p.throwIfAny();
    if ((await repo.runsOfPeriod(trx, user.siteId, period!.code)).some((r) => r.status === "final"))
      throw new AppError("assessment_period_final", 409, `${period!.label}的考核结果已确定，不能再修改。`);
    const row = {
      indicator_id: ind.id,
      period: period!.code,
      org_id: org!.id,
      points: Math.round(points! * 100) / 100,
      note,
      entered_by: user.id,
      entered_at: deps.clock.now().toISOString(),
    };
    await repo.saveManual(trx, row);
    await recordAudit(trx, deps.clock, actorOf(user), {
      action: "assessment.manual_value",
      entityType: "assessment_indicator",
      entityId: ind.id,
      orgId: org!.id,
      summary: { indicator: ind.name, period: period!.code, points: row.points },
    });
    return { indicator: ind.id, period: row.period, org: org!.code, points: row.points, note };
  });
}
