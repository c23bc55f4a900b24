// The vocabulary of the 权责清单 (power and responsibility list) and 公共服务事项清单 (public-service list) of a
// department: the two kinds, the ten power types, the fields of an entry of each kind (one table the checks,
// the forms, the public pages and the changes between versions all read), and the changes between two versions.
import { Problems } from "../../platform/errors";
import type { ListKind } from "./services.lists.tables";

export const LIST_KINDS = ["power", "public_service"] as const satisfies readonly ListKind[];
export const LIST_KIND_LABELS: Record<ListKind, string> = {
  power: "权责清单",
  public_service: "公共服务事项清单",
};
export const isListKind = (k: unknown): k is ListKind =>
  typeof k === "string" && (LIST_KINDS as readonly string[]).includes(k);

/** The administrative-power types of a 权责清单 (RULES.md §11; 行政备案 is counted under 其他行政权力 here). */
export const POWER_TYPES = [
  "行政许可",
  "行政处罚",
  "行政强制",
  "行政征收",
  "行政给付",
  "行政检查",
  "行政确认",
  "行政奖励",
  "行政裁决",
  "其他行政权力",
] as const;

/** One entry of a list; the fields of the other kind stay "". */
export interface ListEntry {
  /** The entry's code in the list (事项编码), unique within the list. */
  code: string;
  name: string;
  /** Power lists: one of POWER_TYPES. */
  type: string;
  /** Public-service lists: the category (服务类别: 教育, 社会保障 …). */
  category: string;
  /** Legal basis (设定依据). */
  basis: string;
  /** Power lists: the responsible body (实施主体 / 责任主体). */
  body: string;
  /** Power lists: the responsibilities (责任事项), one a line. */
  duties: string;
  /** Power lists: when someone is held accountable (追责情形) and on what basis. */
  accountability: string;
  /** Public-service lists: who is served (服务对象). */
  object: string;
  /** Public-service lists: who provides it (服务提供主体). */
  provider: string;
  notes: string;
  /** The service item (政务服务事项) the entry is handled as, or null. */
  item_id: string | null;
}

export type EntryField = Exclude<keyof ListEntry, "item_id">;

export interface FieldSpec {
  key: EntryField | "item";
  label: string;
  required: boolean;
  max: number;
  /** Shown and edited as several lines. */
  multiline?: boolean;
}

const CODE: FieldSpec = { key: "code", label: "事项编码", required: true, max: 60 };
const NAME: FieldSpec = { key: "name", label: "事项名称", required: true, max: 200 };
const BASIS: FieldSpec = { key: "basis", label: "设定依据", required: true, max: 5000, multiline: true };
const NOTES: FieldSpec = { key: "notes", label: "备注", required: false, max: 1000, multiline: true };
const ITEM: FieldSpec = { key: "item", label: "对应政务服务事项", required: false, max: 60 };

/** The fields of an entry of each kind, in the order the list shows them. */
export const LIST_FIELDS: Record<ListKind, readonly FieldSpec[]> = {
  power: [
    CODE,
    NAME,
    { key: "type", label: "权力类型", required: true, max: 20 },
    BASIS,
    { key: "body", label: "实施主体", required: true, max: 200 },
    { key: "duties", label: "责任事项", required: true, max: 5000, multiline: true },
    { key: "accountability", label: "追责情形", required: true, max: 5000, multiline: true },
    NOTES,
    ITEM,
  ],
  public_service: [
    CODE,
    NAME,
    { key: "category", label: "服务类别", required: true, max: 50 },
    BASIS,
    { key: "object", label: "服务对象", required: true, max: 100 },
    { key: "provider", label: "服务提供主体", required: true, max: 200 },
    NOTES,
    ITEM,
  ],
};

export const fieldLabel = (kind: ListKind, key: string) =>
  LIST_FIELDS[kind].find((f) => f.key === key)?.label ?? key;

/** What a client sends for an entry: the fields, and `item` as a service item's id or implementation code. */
export type EntryInput = Partial<Record<EntryField | "item", string | null>>;

export const MAX_ENTRIES = 1000;
const CODE_PATTERN = /^[A-Za-z0-9\u4e00-\u9fff][A-Za-z0-9\u4e00-\u9fff._()（）-]{0,59}$/;

export const emptyEntry = (): ListEntry => ({
  code: "",
  name: "",
  type: "",
  category: "",
  basis: "",
  body: "",
  duties: "",
  accountability: "",
  object: "",
  provider: "",
  notes: "",
  item_id: null,
});

/**
 * Checks the entries of a list of `kind`, naming every problem on its field (`entries[2].name`, with the
 * entry's position in the message). `resolveItem` turns an `item` reference into a service item's id, or
 * undefined when the site has no such item in force. Returns the entries as stored.
 */
export async function checkEntries(
  kind: ListKind,
  inputs: readonly EntryInput[],
  resolveItem: (ref: string) => Promise<string | undefined>,
  p: Problems = new Problems(),
): Promise<ListEntry[]> {
  if (inputs.length > MAX_ENTRIES)
    p.add("entries", "entries_too_many", `一份清单最多 ${MAX_ENTRIES} 项，请分部门编制。`);
  const seen = new Set<string>();
  const out: ListEntry[] = [];
  for (const [i, input] of inputs.entries()) {
    const at = (key: string) => `entries[${i}].${key}`;
    const where = `第 ${i + 1} 项`;
    const entry = emptyEntry();
    for (const f of LIST_FIELDS[kind]) {
      const raw = input[f.key];
      const v = typeof raw === "string" ? raw.trim() : "";
      if (f.required && !v) p.add(at(f.key), `${f.key}_required`, `${where}：请填写${f.label}。`);
      if (v.length > f.max)
        p.add(at(f.key), "too_long", `${where}：${f.label}不能超过 ${f.max} 个字（现有 ${v.length} 个）。`);
      if (f.key === "item") {
        if (v) {
          const id = await resolveItem(v);
          if (id) entry.item_id = id;
          else
            p.add(
              at("item"),
              "linked_item_not_found",
              `${where}：找不到实施清单编码或编号为“${v}”的在用政务服务事项。`,
            );
        }
      } else entry[f.key] = v;
    }
    if (entry.code && !CODE_PATTERN.test(entry.code))
      p.add(at("code"), "invalid_entry_code", `${where}：事项编码只能由字母、数字、汉字和 . _ - ( ) 组成。`);
    if (entry.code && seen.has(entry.code))
      p.add(at("code"), "entry_code_repeated", `${where}：事项编码“${entry.code}”与前面的事项重复。`);
    seen.add(entry.code);
    if (kind === "power" && entry.type && !(POWER_TYPES as readonly string[]).includes(entry.type))
      p.add(at("type"), "invalid_power_type", `${where}：权力类型应为${POWER_TYPES.join("、")}之一。`);
    out.push(entry);
  }
  p.throwIfAny("清单未保存，请按提示修改。");
  return out;
}

/** An entry as input again (an edit merges its fields over these). */
export function inputOfEntry(e: ListEntry, itemRef: (id: string) => string = (id) => id): EntryInput {
  const { item_id, ...fields } = e;
  return { ...fields, item: item_id ? itemRef(item_id) : "" };
}

export interface FieldChange {
  field: EntryField | "item";
  label: string;
  before: string;
  after: string;
}

export interface ListChanges {
  added: ListEntry[];
  removed: ListEntry[];
  changed: Array<{ code: string; name: string; fields: FieldChange[] }>;
  /** Entries the same in both versions. */
  unchanged: number;
}

/**
 * The changes from `older` to `newer`, entries matched by code: added, removed, and changed with each field
 * that differs (`itemName` shows a linked service item as people know it).
 */
export function diffEntries(
  kind: ListKind,
  older: readonly ListEntry[],
  newer: readonly ListEntry[],
  itemName: (id: string | null) => string = (id) => id ?? "",
): ListChanges {
  const before = new Map(older.map((e) => [e.code, e]));
  const after = new Set(newer.map((e) => e.code));
  const out: ListChanges = { added: [], removed: [], changed: [], unchanged: 0 };
  for (const e of newer) {
    const o = before.get(e.code);
    if (!o) {
      out.added.push(e);
      continue;
    }
    const fields: FieldChange[] = [];
    for (const f of LIST_FIELDS[kind]) {
      if (f.key === "code") continue;
      const [b, a] = f.key === "item" ? [itemName(o.item_id), itemName(e.item_id)] : [o[f.key], e[f.key]];
      if (f.key === "item" ? o.item_id !== e.item_id : b !== a)
        fields.push({ field: f.key, label: f.label, before: b, after: a });
    }
    if (fields.length) out.changed.push({ code: e.code, name: e.name, fields });
    else out.unchanged++;
  }
  for (const o of older) if (!after.has(o.code)) out.removed.push(o);
  return out;
}

export const parseEntries = (json: string): ListEntry[] => {
  try {
    const v = JSON.parse(json) as ListEntry[];
    return Array.isArray(v) ? v.map((e) => ({ ...emptyEntry(), ...e })) : [];
  } catch {
    return [];
  }
};
