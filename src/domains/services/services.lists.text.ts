import { defineCatalog, type Lang } from "../../web/i18n";
import type { ListKind } from "./services.lists.tables";

// The public pages of the 权责清单 and 公共服务事项清单 (zh-CN source, mn-Mong beside it). Entries, departments
// and decisions are the county's data and shown as entered. Mongolian text to be reviewed by the county's
// language office (docs/i18n.md).
const ZH = {
  title: "权责清单和公共服务事项清单",
  intro:
    "本县各部门的权责清单和公共服务事项清单：列明每项行政权力的类型、设定依据、实施主体、责任事项和追责情形，以及每项公共服务的依据、对象和提供主体。清单经审核后发布，每次调整都保留历史版本并列明变化。",
  kind_power: "权责清单",
  kind_public_service: "公共服务事项清单",
  by_org: "按部门查看",
  none: "暂无已发布的清单。",
  version: "第 {n} 版",
  version_of: "第 {n} 版，{date} 发布",
  decision: "发布决定",
  reason: "调整说明",
  entries_count: "共 {n} 项",
  history: "历史版本",
  current: "（现行）",
  view: "查看",
  changes: "版本变化",
  changes_title: "第 {from} 版至第 {to} 版的变化",
  changes_first: "第 {to} 版为首次发布",
  changes_from_previous: "与上一版相比的变化",
  added: "新增事项",
  removed: "取消事项",
  changed: "调整事项",
  unchanged: "其余 {n} 项没有变化。",
  no_changes: "两个版本的事项完全相同。",
  before: "调整前",
  after: "调整后",
  empty_value: "（空）",
  compare: "比较版本",
  compare_from: "从",
  compare_to: "到",
  compare_button: "比较",
  older: "这是第 {n} 版（已不是现行版本）。",
  see_current: "查看现行版本",
  back: "返回权责清单和公共服务事项清单",
  back_services: "返回政务服务",
  f_code: "事项编码",
  f_name: "事项名称",
  f_type: "权力类型",
  f_category: "服务类别",
  f_basis: "设定依据",
  f_body: "实施主体",
  f_duties: "责任事项",
  f_accountability: "追责情形",
  f_object: "服务对象",
  f_provider: "服务提供主体",
  f_notes: "备注",
  f_item: "对应政务服务事项",
};
export type ListTextKey = keyof typeof ZH;

const MN: Record<ListTextKey, string> = {
  title: "ᠡᠷᠬᠡ ᠬᠠᠷᠢᠭᠤᠴᠠᠯᠭ᠎ᠠ ᠶᠢᠨ ᠵᠢᠭᠰᠠᠭᠠᠯᠳᠠ ᠪᠠ ᠨᠡᠶᠢᠲᠡ ᠶᠢᠨ ᠦᠢᠯᠡᠴᠢᠯᠡᠭᠡ ᠶᠢᠨ ᠵᠢᠭᠰᠠᠭᠠᠯᠳᠠ",
  intro:
    "ᠰᠢᠶᠠᠨ ᠤ ᠬᠡᠯᠲᠡᠰ ᠦᠨ ᠡᠷᠬᠡ ᠬᠠᠷᠢᠭᠤᠴᠠᠯᠭ᠎ᠠ ᠶᠢᠨ ᠵᠢᠭᠰᠠᠭᠠᠯᠳᠠ ᠪᠠ ᠨᠡᠶᠢᠲᠡ ᠶᠢᠨ ᠦᠢᠯᠡᠴᠢᠯᠡᠭᠡ ᠶᠢᠨ ᠵᠢᠭᠰᠠᠭᠠᠯᠳᠠ᠃ ᠬᠡᠪᠯᠡᠯ ᠪᠦᠷᠢ ᠶᠢᠨ ᠦᠭᠡᠷᠡᠴᠢᠯᠡᠯᠲᠡ ᠶᠢ ᠬᠠᠳᠠᠭᠠᠯᠠᠨ ᠬᠠᠷᠠᠭᠤᠯᠤᠨ᠎ᠠ᠃",
  kind_power: "ᠡᠷᠬᠡ ᠬᠠᠷᠢᠭᠤᠴᠠᠯᠭ᠎ᠠ ᠶᠢᠨ ᠵᠢᠭᠰᠠᠭᠠᠯᠳᠠ",
  kind_public_service: "ᠨᠡᠶᠢᠲᠡ ᠶᠢᠨ ᠦᠢᠯᠡᠴᠢᠯᠡᠭᠡ ᠶᠢᠨ ᠬᠡᠷᠡᠭ ᠦᠨ ᠵᠢᠭᠰᠠᠭᠠᠯᠳᠠ",
  by_org: "ᠬᠡᠯᠲᠡᠰ ᠢᠶᠡᠷ ᠦᠵᠡᠬᠦ",
  none: "ᠨᠡᠶᠢᠲᠡᠯᠡᠭᠰᠡᠨ ᠵᠢᠭᠰᠠᠭᠠᠯᠳᠠ ᠦᠭᠡᠢ᠃",
  version: "{n} ᠳᠦᠭᠡᠷ ᠬᠡᠪᠯᠡᠯ",
  version_of: "{n} ᠳᠦᠭᠡᠷ ᠬᠡᠪᠯᠡᠯ᠂ {date} ᠨᠡᠶᠢᠲᠡᠯᠡᠭᠰᠡᠨ",
  decision: "ᠨᠡᠶᠢᠲᠡᠯᠡᠬᠦ ᠰᠢᠢᠳᠪᠦᠷᠢ",
  reason: "ᠦᠭᠡᠷᠡᠴᠢᠯᠡᠯᠲᠡ ᠶᠢᠨ ᠲᠠᠢᠯᠪᠤᠷᠢ",
  entries_count: "ᠨᠡᠢᠲᠡ {n} ᠬᠡᠷᠡᠭ",
  history: "ᠬᠡᠪᠯᠡᠯ ᠦᠨ ᠲᠡᠦᠬᠡ",
  current: "（ᠣᠳᠤᠬᠠᠨ ᠤ）",
  view: "ᠦᠵᠡᠬᠦ",
  changes: "ᠬᠡᠪᠯᠡᠯ ᠦᠨ ᠦᠭᠡᠷᠡᠴᠢᠯᠡᠯᠲᠡ",
  changes_title: "{from} ᠡᠴᠡ {to} ᠳᠦᠭᠡᠷ ᠬᠡᠪᠯᠡᠯ ᠦᠨ ᠦᠭᠡᠷᠡᠴᠢᠯᠡᠯᠲᠡ",
  changes_first: "{to} ᠳᠦᠭᠡᠷ ᠬᠡᠪᠯᠡᠯ ᠨᠢ ᠠᠩᠬᠠ ᠤᠳᠠᠭ᠎ᠠ ᠨᠡᠶᠢᠲᠡᠯᠡᠭᠰᠡᠨ",
  changes_from_previous: "ᠡᠮᠦᠨᠡᠬᠢ ᠬᠡᠪᠯᠡᠯ ᠡᠴᠡ ᠦᠭᠡᠷᠡᠴᠢᠯᠡᠭᠳᠡᠭᠰᠡᠨ",
  added: "ᠨᠡᠮᠡᠭᠳᠡᠭᠰᠡᠨ ᠬᠡᠷᠡᠭ",
  removed: "ᠬᠠᠰᠤᠭᠳᠠᠭᠰᠠᠨ ᠬᠡᠷᠡᠭ",
  changed: "ᠦᠭᠡᠷᠡᠴᠢᠯᠡᠭᠳᠡᠭᠰᠡᠨ ᠬᠡᠷᠡᠭ",
  unchanged: "ᠪᠤᠰᠤᠳ {n} ᠬᠡᠷᠡᠭ ᠦᠭᠡᠷᠡᠴᠢᠯᠡᠭᠳᠡᠭᠰᠡᠨ ᠦᠭᠡᠢ᠃",
  no_changes: "ᠬᠤᠶᠠᠷ ᠬᠡᠪᠯᠡᠯ ᠦᠨ ᠬᠡᠷᠡᠭ ᠠᠳᠠᠯᠢ᠃",
  before: "ᠦᠭᠡᠷᠡᠴᠢᠯᠡᠬᠦ ᠡᠴᠡ ᠡᠮᠦᠨ᠎ᠡ",
  after: "ᠦᠭᠡᠷᠡᠴᠢᠯᠡᠭᠰᠡᠨ ᠦ ᠳᠠᠷᠠᠭ᠎ᠠ",
  empty_value: "（ᠬᠤᠭᠤᠰᠤᠨ）",
  compare: "ᠬᠡᠪᠯᠡᠯ ᠬᠠᠷᠢᠴᠠᠭᠤᠯᠬᠤ",
  compare_from: "ᠡᠬᠢᠯᠡᠬᠦ",
  compare_to: "ᠳᠠᠭᠤᠰᠬᠤ",
  compare_button: "ᠬᠠᠷᠢᠴᠠᠭᠤᠯᠬᠤ",
  older: "ᠡᠨᠡ ᠪᠣᠯ {n} ᠳᠦᠭᠡᠷ ᠬᠡᠪᠯᠡᠯ（ᠣᠳᠤᠬᠠᠨ ᠤ ᠬᠡᠪᠯᠡᠯ ᠪᠢᠰᠢ）᠃",
  see_current: "ᠣᠳᠤᠬᠠᠨ ᠤ ᠬᠡᠪᠯᠡᠯ ᠢ ᠦᠵᠡᠬᠦ",
  back: "ᠵᠢᠭᠰᠠᠭᠠᠯᠳᠠ ᠳᠦ ᠪᠤᠴᠠᠬᠤ",
  back_services: "ᠵᠠᠰᠠᠭ ᠤᠨ ᠭᠠᠵᠠᠷ ᠤᠨ ᠦᠢᠯᠡᠴᠢᠯᠡᠭᠡ ᠳᠦ ᠪᠤᠴᠠᠬᠤ",
  f_code: "ᠺᠣᠳ᠋",
  f_name: "ᠬᠡᠷᠡᠭ ᠦᠨ ᠨᠡᠷ᠎ᠡ",
  f_type: "ᠡᠷᠬᠡ ᠶᠢᠨ ᠲᠥᠷᠥᠯ",
  f_category: "ᠦᠢᠯᠡᠴᠢᠯᠡᠭᠡ ᠶᠢᠨ ᠠᠩᠭᠢᠯᠠᠯ",
  f_basis: "ᠲᠣᠭᠲᠠᠭᠠᠬᠤ ᠦᠨᠳᠦᠰᠦ",
  f_body: "ᠬᠡᠷᠡᠭᠵᠢᠭᠦᠯᠬᠦ ᠡᠵᠡᠨ",
  f_duties: "ᠬᠠᠷᠢᠭᠤᠴᠠᠯᠭ᠎ᠠ ᠶᠢᠨ ᠬᠡᠷᠡᠭ",
  f_accountability: "ᠬᠠᠷᠢᠭᠤᠴᠠᠯᠭ᠎ᠠ ᠨᠡᠬᠡᠮᠵᠢᠯᠡᠬᠦ ᠪᠠᠢᠳᠠᠯ",
  f_object: "ᠦᠢᠯᠡᠴᠢᠯᠡᠬᠦ ᠡᠵᠡᠨ",
  f_provider: "ᠦᠢᠯᠡᠴᠢᠯᠡᠭᠡ ᠬᠠᠩᠭᠠᠭᠴᠢ",
  f_notes: "ᠲᠠᠢᠯᠪᠤᠷᠢ",
  f_item: "ᠵᠠᠰᠠᠭ ᠤᠨ ᠭᠠᠵᠠᠷ ᠤᠨ ᠦᠢᠯᠡᠴᠢᠯᠡᠭᠡ ᠶᠢᠨ ᠬᠡᠷᠡᠭ",
};

// Registered with the shared catalogs (src/web/i18n defineCatalog): the site's overrides apply, and a missing
// Mongolian text is shown in Chinese, marked and listed as untranslated, never silently.
const text = defineCatalog("service_lists", ZH, MN);

export function listText(lang: Lang) {
  return text(lang);
}

export const kindText = (x: ReturnType<typeof listText>, kind: ListKind) => x(`kind_${kind}`);
