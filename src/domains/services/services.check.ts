// Checks a proposed implementation-list entry (RULES.md §11) and its materials, naming every problem at once.
import type { Executor } from "../../deps";
import { Problems } from "../../platform/errors";
import { charCount, tooLongMessage } from "../../web/form-limits";
import {
  type Faq,
  ITEM_TYPES,
  type ItemContent,
  type ItemType,
  LEVELS,
  type Level,
  LIFE_EVENT_KEYS,
  LIMIT_UNITS,
  type LimitUnit,
  type MaterialLink,
  OBJECTS,
  type ProcessStep,
} from "./services.model";
import * as repo from "./services.repo";

/** What a client sends for a version: the entry's fields and its materials (all optional: all are checked). */
export interface ItemInput {
  code?: string;
  impl_code?: string;
  name?: string;
  type?: string;
  level?: string;
  life_events?: string[];
  basis?: string;
  entrusted?: string;
  objects?: string[];
  conditions?: string;
  process?: Array<{ name?: string; days?: number; counted?: boolean }>;
  special?: Array<{ name?: string; days?: number; counted?: boolean }>;
  statutory_limit?: number;
  promised_limit?: number;
  limit_unit?: string;
  fee?: string;
  fee_basis?: string;
  visits?: number;
  online_depth?: number;
  online_url?: string;
  place?: string;
  hours?: string;
  consult_phone?: string;
  complaint_phone?: string;
  result_name?: string;
  result_sample?: string;
  faq?: Array<{ q?: string; a?: string }>;
  parallel?: boolean;
  materials?: Array<{ material_id?: string; condition?: string }>;
}

export const MAX_STEPS = 30;
export const MAX_MATERIALS = 60;
const CODE = /^[0-9A-Za-z-]{4,40}$/;

export function checkLength(
  p: Problems,
  field: string,
  label: string,
  text: string | undefined,
  max: number,
) {
  const n = charCount(text ?? "");
  if (n > max) p.add(field, "too_long", tooLongMessage(label, max, n));
}

const text = (p: Problems, field: string, label: string, v: unknown, max: number, required: boolean) => {
  const s = typeof v === "string" ? v.trim() : "";
  if (required && !s) p.add(field, `${field}_required`, `请填写${label}。`);
  checkLength(p, field, label, s, max);
  return s;
};

const int = (p: Problems, field: string, label: string, v: unknown, min: number, max: number) => {
  if (typeof v !== "number" || !Number.isInteger(v) || v < min || v > max) {
    p.add(field, `invalid_${field}`, `${label}应为 ${min} 至 ${max} 之间的整数。`);
    return min;
  }
  return v;
};

function steps(p: Problems, field: string, label: string, list: ItemInput["process"], required: boolean) {
  const out: ProcessStep[] = [];
  const entries = Array.isArray(list) ? list : [];
  if (required && !entries.some((s) => s?.name?.trim()))
    p.add(field, `${field}_required`, `请至少填写一个${label}环节。`);
  if (entries.length > MAX_STEPS) p.add(field, `${field}_too_long`, `${label}不能超过${MAX_STEPS}个环节。`);
  for (const [i, s] of entries.slice(0, MAX_STEPS).entries()) {
    const name = s?.name?.trim() ?? "";
    if (!name) {
      p.add(field, "step_name_required", `${label}第${i + 1}个环节：请填写环节名称。`);
      continue;
    }
    checkLength(p, field, `${label}第${i + 1}个环节的名称`, name, 100);
    const days = s.days ?? 0;
    if (!Number.isInteger(days) || days < 0 || days > 365)
      p.add(field, "invalid_step_days", `${label}第${i + 1}个环节：时限应为 0 至 365 之间的整数（工作日）。`);
    out.push({ name, days: Number.isInteger(days) ? days : 0, counted: s.counted !== false });
  }
  return out;
}

/**
 * Checks a whole entry: codes, name, type, level, life events, the process and its limits (the promised limit
 * within the statutory one), fees, visits, online depth and its link, contacts, FAQ, and materials of the same
 * site. Returns the content and the material links as stored.
 */
export async function checkItemInput(
  db: Executor,
  siteId: string,
  input: ItemInput,
): Promise<{ content: ItemContent; materials: MaterialLink[] }> {
  const p = new Problems();
  const code = text(p, "code", "基本目录编码", input.code, 40, true);
  if (code && !CODE.test(code))
    p.add("code", "invalid_code", "基本目录编码只能由字母、数字和连字符组成（4 至 40 位）。");
  const implCode = text(p, "impl_code", "实施清单编码", input.impl_code, 60, true);
  if (implCode && !/^[0-9A-Za-z-]{4,60}$/.test(implCode))
    p.add("impl_code", "invalid_impl_code", "实施清单编码只能由字母、数字和连字符组成。");
  const name = text(p, "name", "事项名称", input.name, 200, true);
  if (!ITEM_TYPES.includes(input.type as ItemType))
    p.add("type", "invalid_type", `请选择事项类型（${ITEM_TYPES.join("、")}）。`);
  if (!LEVELS.includes(input.level as Level))
    p.add("level", "invalid_level", `请选择行使层级（${LEVELS.join("、")}）。`);
  const lifeEvents = [...new Set(Array.isArray(input.life_events) ? input.life_events : [])];
  const unknownEvents = lifeEvents.filter((k) => !LIFE_EVENT_KEYS.includes(k));
  if (unknownEvents.length) p.add("life_events", "invalid_life_event", "请从列表中选择主题分类。");
  const objects = [...new Set(Array.isArray(input.objects) ? input.objects : [])];
  if (!objects.length) p.add("objects", "objects_required", "请选择服务对象。");
  else if (objects.some((o) => !(OBJECTS as readonly string[]).includes(o)))
    p.add("objects", "invalid_object", `服务对象只能是${OBJECTS.join("、")}。`);
  const basis = text(p, "basis", "设定依据", input.basis, 5000, true);
  const entrusted = text(p, "entrusted", "受委托单位", input.entrusted, 200, false);
  const conditions = text(p, "conditions", "受理条件", input.conditions, 5000, true);
  const process = steps(p, "process", "办理流程", input.process, true);
  const special = steps(p, "special", "特别程序", input.special, false);
  const statutory = int(p, "statutory_limit", "法定办结时限", input.statutory_limit, 0, 365);
  const promised = int(p, "promised_limit", "承诺办结时限", input.promised_limit, 0, 365);
  if (promised > statutory)
    p.add("promised_limit", "promised_over_statutory", "承诺办结时限不能长于法定办结时限。");
  if (!LIMIT_UNITS.includes(input.limit_unit as LimitUnit))
    p.add("limit_unit", "invalid_limit_unit", "请选择时限单位（工作日或自然日）。");
  const fee = text(p, "fee", "收费标准", input.fee, 1000, true);
  const feeBasis = text(p, "fee_basis", "收费依据", input.fee_basis, 1000, false);
  if (fee && fee !== "不收费" && !feeBasis)
    p.add("fee_basis", "fee_basis_required", "收费的事项须写明收费依据。");
  const visits = int(p, "visits", "到现场次数", input.visits, 0, 9);
  const depth = int(p, "online_depth", "网上办理深度", input.online_depth, 0, 4);
  const onlineUrl = text(p, "online_url", "网上办理地址", input.online_url, 500, false);
  if (onlineUrl && !isHttpsUrl(onlineUrl))
    p.add("online_url", "invalid_online_url", "网上办理地址应为以 https:// 开头的网址。");
  if (depth >= 2 && !onlineUrl)
    p.add("online_url", "online_url_required", "可网上申报的事项须填写网上办理地址。");
  if (depth === 4 && visits > 0) p.add("visits", "visits_over_online", "全程网办的事项到现场次数应为 0。");
  const place = text(p, "place", "办理地点", input.place, 500, true);
  const hours = text(p, "hours", "办理时间", input.hours, 500, true);
  const consult = text(p, "consult_phone", "咨询方式", input.consult_phone, 200, true);
  const complaint = text(p, "complaint_phone", "监督投诉方式", input.complaint_phone, 200, true);
  const resultName = text(p, "result_name", "办理结果名称", input.result_name, 200, true);
  const resultSample = text(p, "result_sample", "结果样本说明", input.result_sample, 1000, false);
  const faq: Faq[] = [];
  for (const [i, f] of (Array.isArray(input.faq) ? input.faq : []).entries()) {
    const q = f?.q?.trim() ?? "";
    const a = f?.a?.trim() ?? "";
    if (!q && !a) continue;
    if (!q || !a) p.add("faq", "faq_incomplete", `第${i + 1}个常见问题：问题和解答都要填写。`);
    checkLength(p, "faq", `第${i + 1}个常见问题`, q + a, 2000);
    faq.push({ q, a });
  }
  if (faq.length > 30) p.add("faq", "faq_too_long", "常见问题不能超过30个。");
  const links: MaterialLink[] = [];
  const entries = Array.isArray(input.materials) ? input.materials : [];
  if (entries.length > MAX_MATERIALS)
    p.add("materials", "materials_too_long", `申请材料不能超过${MAX_MATERIALS}项。`);
  const ids = entries.map((m) => m?.material_id?.trim() ?? "").filter(Boolean);
  const found = new Map((await repo.materialsByIds(db, ids)).map((m) => [m.id, m]));
  const seen = new Set<string>();
  for (const [i, m] of entries.slice(0, MAX_MATERIALS).entries()) {
    const id = m?.material_id?.trim() ?? "";
    const row = found.get(id);
    if (!row || row.site_id !== siteId) {
      p.add("materials", "material_not_found", `第${i + 1}项材料不在本站材料目录中。`);
      continue;
    }
    if (seen.has(id)) {
      p.add("materials", "material_repeated", `材料“${row.name}”重复列出。`);
      continue;
    }
    seen.add(id);
    const condition = m.condition?.trim() ?? "";
    checkLength(p, "materials", `材料“${row.name}”的适用情形`, condition, 200);
    links.push({ material_id: id, condition });
  }
  p.throwIfAny("服务事项未保存，请按提示修改。");
  return {
    content: {
      code,
      impl_code: implCode,
      name,
      type: input.type as ItemType,
      level: input.level as Level,
      life_events: lifeEvents,
      basis,
      entrusted,
      objects,
      conditions,
      process,
      special,
      statutory_limit: statutory,
      promised_limit: promised,
      limit_unit: input.limit_unit as LimitUnit,
      fee,
      fee_basis: feeBasis,
      visits,
      online_depth: depth,
      online_url: onlineUrl,
      place,
      hours,
      consult_phone: consult,
      complaint_phone: complaint,
      result_name: resultName,
      result_sample: resultSample,
      faq,
      parallel: input.parallel === true,
    },
    materials: links,
  };
}

export function isHttpsUrl(s: string): boolean {
  if (/\s/.test(s)) return false;
  try {
    const u = new URL(s);
    return u.protocol === "https:" && Boolean(u.hostname) && !u.username && !u.password;
  } catch {
    return false;
  }
}
