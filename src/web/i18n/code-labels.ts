import { type Lang, type MessageKey, translator } from "./index";
import { zhCN } from "./zh-CN";

// The names of stored codes that public pages show (a service item's type and level, a material's form, a
// gazette category, an organisation's kind…), from the catalogs so a Mongolian page shows them in Mongolian
// and the county can reword them (src/domains/translations). Some codes are stored as their Chinese names
// (a service item's type, level and objects): those are mapped to their key here. A value with no key is the
// county's own data and is shown as entered.
const BY_CHINESE: Record<string, Record<string, string>> = {
  "svc.type": {
    行政许可: "licensing",
    行政处罚: "penalty",
    行政强制: "enforcement",
    行政征收: "levy",
    行政给付: "benefit",
    行政检查: "inspection",
    行政确认: "confirmation",
    行政奖励: "reward",
    行政裁决: "adjudication",
    行政备案: "filing",
    其他行政权力: "other_power",
    公共服务: "public_service",
  },
  "svc.level": { 国家: "national", 省: "province", 市: "city", 县: "county", 乡: "town", 村: "village" },
  "svc.object": { 自然人: "natural", 法人: "legal", 其他组织: "other" },
};

export type CodeGroup =
  | "org.kind"
  | "svc.type"
  | "svc.level"
  | "svc.object"
  | "svc.necessity"
  | "svc.form"
  | "svc.kind"
  | "svc.source"
  | "svc.mode"
  | "gazette.category";

/** The stable codes of a group stored as Chinese names (`svc.type`, `svc.level`), with those names. */
export const storedNamesByCode = (group: "svc.type" | "svc.level"): ReadonlyMap<string, string> =>
  new Map(Object.entries(BY_CHINESE[group] ?? {}).map(([name, code]) => [code, name]));

/** The catalog key of a stored value, if the catalog names it. */
export function codeKey(group: CodeGroup, value: string): MessageKey | undefined {
  const code = BY_CHINESE[group]?.[value] ?? value;
  const key = `${group}.${code}`;
  return key in zhCN ? (key as MessageKey) : undefined;
}

/** A stored code's name in `lang`; the stored value itself when the catalog has no name for it. */
export function codeLabel(lang: Lang, group: CodeGroup, value: string): string {
  const key = codeKey(group, value);
  return key ? translator(lang)(key) : value;
}
