// Demo Mongolian versions (issue 18): six published items of 固阳县 with a translation in traditional Mongolian
// script, drafted by a clerk of the item's organisation and approved by a reviewer through the real review
// (src/domains/mongolian); the last one is outdated: its Chinese was revised and republished afterwards. The
// translations were written for the demo; a county has its own translated by its Mongolian language office.
import type { Deps } from "../deps";
import { type CurrentUser, findCurrentUser } from "../domains/accounts";
import { actOnMn, saveMnDraft } from "../domains/mongolian";
import { performAction, updateDraft } from "../domains/publishing";

interface DemoTranslation {
  /** The Chinese title of the published item; `{0}` is next year (the 元旦 notice). */
  zh: string;
  title: string;
  body: string[];
  /** Who drafts (a clerk of the item's organisation, or the office) and who approves. */
  drafter: string;
  approver: string;
}

const p = (lines: string[]) => lines.map((l) => `<p>${l}</p>`).join("\n");

const TRANSLATIONS: DemoTranslation[] = [
  {
    zh: "固阳县举办“政府开放日”活动",
    title: "ᠭᠦᠶᠠᠩ ᠰᠢᠶᠠᠨ “ᠵᠠᠰᠠᠭ ᠤᠨ ᠭᠠᠵᠠᠷ ᠤᠨ ᠨᠡᠭᠡᠭᠡᠯᠲᠡᠢ ᠡᠳᠦᠷ” ᠦᠢᠯᠡ ᠠᠵᠢᠯᠯᠠᠭ᠎ᠠ ᠵᠣᠬᠢᠶᠠᠨ ᠪᠠᠶᠢᠭᠤᠯᠪᠠ",
    body: [
      "ᠵᠠᠰᠠᠭ ᠤᠨ ᠠᠵᠢᠯ ᠢ ᠢᠯᠡ ᠪᠣᠯᠭᠠᠬᠤ ᠠᠵᠢᠯ ᠢ ᠭᠦᠨᠵᠡᠭᠦᠢᠷᠦᠯᠺᠦ ᠶᠢᠨ ᠲᠤᠯᠠᠳᠠ᠂ ᠰᠢᠶᠠᠨ ᠤ ᠵᠠᠰᠠᠭ ᠤᠨ ᠭᠠᠵᠠᠷ ᠤᠨ ᠠᠯᠪᠠ “ᠵᠠᠰᠠᠭ ᠤᠨ ᠭᠠᠵᠠᠷ ᠤᠨ ᠨᠡᠭᠡᠭᠡᠯᠲᠡᠢ ᠡᠳᠦᠷ” ᠦᠢᠯᠡ ᠠᠵᠢᠯᠯᠠᠭ᠎ᠠ ᠵᠣᠬᠢᠶᠠᠨ ᠪᠠᠶᠢᠭᠤᠯᠵᠤ᠂ ᠠᠷᠠᠳ ᠣᠯᠠᠨ ᠤ ᠲᠥᠯᠥᠥᠯᠡᠭᠴᠢᠳ᠂ ᠠᠷᠠᠳ ᠤᠨ ᠲᠥᠯᠥᠥᠯᠡᠭᠴᠢᠳ ᠺᠢᠭᠡᠳ ᠤᠯᠤᠰ ᠲᠥᠷ ᠦᠨ ᠵᠥᠪᠯᠡᠯᠭᠡᠨ ᠦ ᠭᠡᠰᠢᠭᠦᠳ ᠢ ᠰᠢᠶᠠᠨ ᠤ ᠵᠠᠰᠠᠭ ᠤᠨ ᠠᠵᠢᠯ ᠦᠢᠯᠡᠴᠢᠯᠭᠡᠨ ᠦ ᠲᠥᠪ ᠲᠦ ᠤᠷᠢᠵᠤ᠂ “ᠨᠢᠭᠡ ᠴᠣᠩᠬᠣ ᠪᠠᠷ ᠺᠦᠯᠢᠶᠡᠨ ᠠᠪᠬᠤ”᠂ “ᠮᠤᠵᠢ ᠳᠠᠪᠠᠨ ᠪᠠᠷᠢᠬᠤ” ᠵᠡᠷᠭᠡ ᠦᠢᠯᠡᠴᠢᠯᠭᠡᠨ ᠢ ᠥᠪᠡᠷᠢᠶᠡᠨ ᠲᠤᠷᠱᠢᠭᠤᠯᠪᠠ᠃",
      "ᠲᠥᠯᠥᠥᠯᠡᠭᠴᠢᠳ ᠵᠠᠰᠠᠭ ᠤᠨ ᠮᠡᠳᠡᠡᠭᠡ ᠶᠢ ᠢᠯᠡ ᠪᠣᠯᠭᠠᠬᠤ ᠭᠤᠶᠤᠯᠲᠠ ᠶᠢ ᠱᠢᠢᠳᠪᠦᠷᠢᠯᠡᠺᠦ᠂ ᠪᠣᠳᠣᠯᠭ᠎ᠠ ᠶᠢ ᠲᠠᠶᠢᠯᠪᠤᠷᠢᠯᠠᠬᠤ ᠵᠡᠷᠭᠡ ᠲᠠᠯᠠᠠᠷ 28 ᠵᠦᠢᠯ ᠰᠠᠨᠠᠯ ᠵᠥᠪᠯᠡᠯᠭᠡ ᠭᠠᠷᠭᠠᠪᠠ᠃",
      "ᠰᠢᠶᠠᠨ ᠤ ᠵᠠᠰᠠᠭ ᠤᠨ ᠭᠠᠵᠠᠷ ᠤᠨ ᠠᠯᠪᠠ ᠡᠳᠡ ᠰᠠᠨᠠᠯ ᠵᠥᠪᠯᠡᠯᠭᠡ ᠶᠢ ᠨᠢᠭᠡ ᠨᠢᠭᠡᠨ ᠡᠴᠡ ᠵᠠᠰᠠᠭᠯᠠᠨ ᠪᠦᠷᠢᠳᠭᠡᠵᠦ᠂ ᠬᠠᠷᠢᠶᠤᠴᠠᠬᠤ ᠠᠯᠪᠠ ᠲᠠᠰᠤᠭ ᠺᠢᠭᠡᠳ ᠱᠢᠢᠳᠪᠦᠷᠢᠯᠡᠺᠦ ᠬᠤᠭᠤᠴᠠᠭ᠎ᠠ ᠶᠢ ᠲᠣᠳᠣᠷᠬᠠᠶᠢᠯᠠᠪᠠ᠃",
    ],
    drafter: "demo-clerk",
    approver: "demo-reviewer",
  },
  {
    zh: "关于{0}年元旦放假安排的通知",
    title: "{0} ᠣᠨ ᠤ ᠰᠢᠨ᠎ᠡ ᠵᠢᠯ ᠦᠨ ᠪᠠᠶᠠᠷ ᠤᠨ ᠠᠮᠤᠷᠠᠯᠲᠠ ᠶᠢ ᠵᠣᠬᠢᠶᠠᠨ ᠪᠠᠶᠢᠭᠤᠯᠬᠤ ᠲᠤᠬᠠᠢ ᠮᠡᠳᠡᠭᠳᠡᠯ",
    body: [
      "ᠰᠢᠶᠠᠨ ᠤ ᠬᠠᠮᠤᠭ ᠪᠠᠭ᠎ᠠ ᠬᠣᠲᠠ ᠶᠢᠨ ᠠᠷᠠᠳ ᠤᠨ ᠵᠠᠰᠠᠭ ᠤᠨ ᠭᠠᠵᠠᠷ᠂ ᠰᠢᠶᠠᠨ ᠤ ᠱᠢᠲᠠᠳᠠᠬ ᠬᠠᠮᠤᠭ ᠲᠠᠰᠤᠭ᠂ ᠠᠯᠪᠠᠨ ᠭᠠᠵᠠᠷ᠄",
      "ᠤᠯᠤᠰ ᠤᠨ ᠵᠥᠪᠯᠡᠯ ᠦᠨ ᠠᠯᠪᠠᠨ ᠭᠠᠵᠠᠷ ᠤᠨ {0} ᠣᠨ ᠤ ᠵᠠᠷᠢᠮ ᠪᠠᠶᠠᠷ ᠤᠨ ᠡᠳᠦᠷ ᠦᠨ ᠠᠮᠤᠷᠠᠯᠲᠠ ᠶᠢᠨ ᠲᠤᠬᠠᠢ ᠮᠡᠳᠡᠭᠳᠡᠯ ᠢ ᠳᠠᠭᠠᠵᠤ᠂ {0} ᠣᠨ ᠤ ᠰᠢᠨ᠎ᠡ ᠵᠢᠯ ᠦᠨ ᠪᠠᠶᠠᠷ ᠤᠨ ᠠᠮᠤᠷᠠᠯᠲᠠ ᠶᠢ ᠳᠣᠣᠷᠠᠲᠤ ᠮᠡᠲᠦ ᠮᠡᠳᠡᠭᠳᠡᠪᠡ᠄",
      "1 ᠰᠠᠷ᠎ᠠ ᠶᠢᠨ 1 ᠨᠦ ᠡᠳᠦᠷ ᠠᠮᠤᠷᠠᠵᠤ᠂ ᠳᠣᠯᠣᠭᠠᠨ ᠬᠣᠨᠣᠭ ᠤᠨ ᠠᠳᠠᠭ ᠤᠨ ᠠᠮᠤᠷᠠᠯᠲᠠ ᠲᠠᠢ ᠬᠣᠯᠪᠣᠨ ᠠᠮᠤᠷᠠᠨ᠎ᠠ᠃",
      "ᠪᠠᠶᠠᠷ ᠤᠨ ᠡᠳᠦᠷ ᠦᠨ ᠬᠣᠣᠷᠣᠨᠳᠤ ᠬᠠᠮᠤᠭ ᠠᠯᠪᠠᠨ ᠭᠠᠵᠠᠷ ᠵᠢᠵᠦᠦᠷ ᠺᠢᠭᠡᠳ ᠠᠶᠤᠯᠭᠦᠢ ᠬᠠᠮᠠᠭᠠᠯᠠᠯᠲᠠ ᠶᠢᠨ ᠠᠵᠢᠯ ᠢ ᠰᠠᠶᠢᠲᠤᠷ ᠵᠣᠬᠢᠶᠠᠨ ᠪᠠᠶᠢᠭᠤᠯᠵᠤ᠂ ᠶᠡᠺᠡ ᠺᠡᠷᠡᠭ ᠶᠠᠪᠤᠳᠠᠯ ᠭᠠᠷᠪᠠᠯ ᠲᠣᠭᠲᠠᠭᠠᠯ ᠤᠨ ᠳᠠᠭᠤ ᠴᠠᠭ ᠲᠤ ᠨᠢ ᠮᠡᠳᠡᠭᠦᠯᠵᠦ ᠱᠢᠢᠳᠪᠦᠷᠢᠯᠡᠵᠦ᠂ ᠠᠷᠠᠳ ᠣᠯᠠᠨ ᠢ ᠠᠮᠤᠷ ᠲᠠᠶᠢᠪᠤᠨ ᠪᠠᠶᠠᠷ ᠢ ᠥᠨᠭᠭᠡᠷᠡᠭᠦᠯᠺᠦ ᠶᠢ ᠪᠠᠲᠠᠯᠠᠬᠤ ᠺᠡᠷᠡᠭᠲᠡᠢ᠃",
      "ᠭᠦᠶᠠᠩ ᠰᠢᠶᠠᠨ ᠤ ᠠᠷᠠᠳ ᠤᠨ ᠵᠠᠰᠠᠭ ᠤᠨ ᠭᠠᠵᠠᠷ ᠤᠨ ᠠᠯᠪᠠ",
    ],
    drafter: "demo-clerk",
    approver: "demo-reviewer",
  },
  {
    zh: "县人民医院开展“送医下乡”义诊活动",
    title: "ᠰᠢᠶᠠᠨ ᠤ ᠠᠷᠠᠳ ᠤᠨ ᠡᠮᠨᠡᠯᠭ “ᠡᠮᠴᠢ ᠺᠥᠳᠡᠭᠡ ᠲᠣᠰᠬᠣᠨ ᠳᠤ” ᠲᠥᠯᠪᠦᠷᠢ ᠦᠭᠡᠭᠦᠢ ᠦᠵᠯᠡᠭ ᠵᠣᠬᠢᠶᠠᠨ ᠪᠠᠶᠢᠭᠤᠯᠪᠠ",
    body: [
      "ᠰᠠᠶᠢᠬᠠᠨ ᠰᠢᠶᠠᠨ ᠤ ᠠᠷᠠᠳ ᠤᠨ ᠡᠮᠨᠡᠯᠭ ᠳᠣᠲᠣᠷ᠎ᠠ ᠡᠮᠨᠡᠯᠭᠡ᠂ ᠶᠠᠰᠤ᠂ ᠨᠢᠳᠦᠨ ᠦ ᠡᠮᠨᠡᠯᠭᠡ ᠵᠡᠷᠭᠡ ᠮᠡᠷᠭᠡᠵᠢᠯᠲᠡᠨ ᠢ ᠶᠢᠨ ᠬᠠᠤ ᠪᠠᠭ᠎ᠠ ᠬᠣᠲᠠ ᠳᠤ ᠢᠯᠡᠭᠡᠵᠦ ᠲᠥᠯᠪᠦᠷᠢ ᠦᠭᠡᠭᠦᠢ ᠦᠵᠯᠡᠭ ᠬᠢᠵᠤ᠂ ᠠᠷᠠᠳ ᠣᠯᠠᠨ ᠤ ᠴᠢᠰᠤᠨ ᠤ ᠳᠠᠷᠠᠯᠲᠠ᠂ ᠴᠢᠰᠤᠨ ᠤ ᠰᠢᠺᠢᠷ ᠢ 200 ᠭᠠᠷᠤᠢ ᠤᠳᠠᠭ᠎ᠠ ᠬᠡᠮᠵᠢᠵᠦ᠂ ᠡᠷᠦᠦᠯ ᠮᠡᠨᠳᠦ ᠶᠢᠨ ᠰᠤᠷᠲᠠᠯᠴᠢᠯᠭᠠᠨ ᠤ ᠮᠠᠲᠡᠷᠢᠠᠯ 300 ᠭᠠᠷᠤᠢ ᠶᠢ ᠲᠠᠷᠬᠠᠭᠠᠪᠠ᠃",
      "ᠮᠥᠨ ᠶᠠᠪᠤᠬᠤ ᠳᠤ ᠪᠡᠷᠺᠡ 12 ᠥᠲᠡᠭᠦᠰ ᠦᠨ ᠭᠡᠷ ᠲᠦ ᠨᠢ ᠣᠴᠢᠵᠤ ᠡᠮᠨᠡᠯᠭᠡ ᠦᠵᠯᠡᠭ ᠬᠢᠪᠠ᠃",
      "ᠡᠨᠡ ᠵᠢᠯ ᠰᠢᠶᠠᠨ ᠤ ᠠᠷᠠᠳ ᠤᠨ ᠡᠮᠨᠡᠯᠭ “ᠡᠮᠴᠢ ᠺᠥᠳᠡᠭᠡ ᠲᠣᠰᠬᠣᠨ ᠳᠤ” ᠦᠢᠯᠡ ᠠᠵᠢᠯᠯᠠᠭ᠎ᠠ ᠶᠢ 11 ᠤᠳᠠᠭ᠎ᠠ ᠵᠣᠬᠢᠶᠠᠨ ᠪᠠᠶᠢᠭᠤᠯᠵᠤ᠂ ᠰᠢᠶᠠᠨ ᠤ 6 ᠪᠠᠭ᠎ᠠ ᠬᠣᠲᠠ ᠶᠢ ᠪᠦᠭᠦᠳᠡ ᠶᠢ ᠨᠢ ᠬᠠᠮᠤᠷᠠᠪᠠ᠃",
    ],
    drafter: "demo-office",
    approver: "demo-county-reviewer",
  },
  {
    zh: "固阳县义务教育阶段家庭经济困难学生资助实施办法",
    title:
      "ᠭᠦᠶᠠᠩ ᠰᠢᠶᠠᠨ ᠤ ᠵᠢᠷᠤᠮ ᠤᠨ ᠰᠤᠷᠭᠠᠨ ᠺᠦᠮᠦᠵᠢᠯ ᠦᠨ ᠦᠶ᠎ᠡ ᠶᠢᠨ ᠭᠡᠷ ᠪᠦᠯ᠎ᠡ ᠶᠢᠨ ᠠᠵᠤ ᠠᠮᠢᠳᠤᠷᠠᠯ ᠪᠡᠷᠺᠡ ᠰᠤᠷᠠᠭᠴᠢᠳ ᠢ ᠲᠡᠳᠭᠦᠨ ᠲᠤᠰᠯᠠᠬᠤ ᠺᠡᠷᠡᠺᠵᠢᠭᠦᠯᠺᠦ ᠠᠷᠭ᠎ᠠ",
    body: [
      "ᠨᠢᠭᠡᠳᠦᠭᠡᠷ ᠵᠦᠢᠯ᠃ ᠵᠢᠷᠤᠮ ᠤᠨ ᠰᠤᠷᠭᠠᠨ ᠺᠦᠮᠦᠵᠢᠯ ᠦᠨ ᠦᠶ᠎ᠡ ᠶᠢᠨ ᠭᠡᠷ ᠪᠦᠯ᠎ᠡ ᠶᠢᠨ ᠠᠵᠤ ᠠᠮᠢᠳᠤᠷᠠᠯ ᠪᠡᠷᠺᠡ ᠰᠤᠷᠠᠭᠴᠢᠳ ᠢ ᠲᠡᠳᠭᠦᠨ ᠲᠤᠰᠯᠠᠬᠤ ᠠᠵᠢᠯ ᠢ ᠰᠠᠶᠢᠲᠤᠷ ᠺᠢᠵᠦ᠂ ᠲᠡᠳᠡ ᠨᠡᠷ ᠢ ᠰᠤᠷᠭᠠᠭᠤᠯᠢ ᠪᠠᠨ ᠲᠡᠭᠦᠰᠭᠡᠺᠦ ᠶᠢ ᠪᠠᠲᠠᠯᠠᠬᠤ ᠶᠢᠨ ᠲᠤᠯᠠ᠂ ᠤᠯᠤᠰ ᠺᠢᠭᠡᠳ ᠥᠥᠪᠡᠷᠲᠡᠭᠡᠨ ᠵᠠᠰᠠᠬᠤ ᠣᠷᠤᠨ ᠤ ᠬᠣᠯᠪᠤᠭᠳᠠᠬᠤ ᠵᠠᠭᠠᠯᠲᠠ ᠶᠢ ᠳᠠᠭᠠᠵᠤ ᠡᠨᠡ ᠠᠷᠭ᠎ᠠ ᠶᠢ ᠲᠣᠭᠲᠠᠭᠠᠪᠠ᠃",
      "ᠬᠣᠶᠠᠳᠤᠭᠠᠷ ᠵᠦᠢᠯ᠃ ᠲᠤᠰᠯᠠᠬᠤ ᠣᠪᠢᠶᠡᠺᠲ ᠨᠢ ᠡᠨᠡ ᠰᠢᠶᠠᠨ ᠤ ᠰᠤᠷᠠᠭᠴᠢ ᠶᠢᠨ ᠪᠦᠷᠦᠲᠭᠡᠯ ᠲᠡᠢ ᠵᠢᠷᠤᠮ ᠤᠨ ᠰᠤᠷᠭᠠᠨ ᠺᠦᠮᠦᠵᠢᠯ ᠦᠨ ᠦᠶ᠎ᠡ ᠶᠢᠨ ᠭᠡᠷ ᠪᠦᠯ᠎ᠡ ᠶᠢᠨ ᠠᠵᠤ ᠠᠮᠢᠳᠤᠷᠠᠯ ᠪᠡᠷᠺᠡ ᠰᠤᠷᠠᠭᠴᠢᠳ ᠪᠣᠯᠣᠨ᠎ᠠ; ᠶᠠᠳᠤᠤ ᠶᠢ ᠲᠣᠨᠢᠯᠭᠠᠭᠰᠠᠨ ᠭᠡᠷ ᠪᠦᠯ᠎ᠡ᠂ ᠠᠮᠢᠳᠤᠷᠠᠯ ᠤᠨ ᠳᠥᠥᠳ ᠪᠠᠲᠠᠯᠭᠠᠨ ᠲᠠᠢ ᠭᠡᠷ ᠪᠦᠯ᠎ᠡ᠂ ᠣᠨᠴᠠ ᠲᠡᠳᠭᠦᠭᠳᠡᠺᠦ ᠰᠤᠷᠠᠭᠴᠢᠳ ᠺᠢᠭᠡᠳ ᠲᠠᠾᠢᠷ ᠳᠤᠲᠠᠭᠤ ᠰᠤᠷᠠᠭᠴᠢᠳ ᠢ ᠢᠯᠠᠨᠭᠭᠤᠶ᠎ᠠ ᠪᠠᠲᠠᠯᠠᠨ᠎ᠠ᠃",
      "ᠭᠤᠷᠪᠠᠳᠤᠭᠠᠷ ᠵᠦᠢᠯ᠃ ᠠᠮᠢᠳᠤᠷᠠᠯ ᠤᠨ ᠲᠡᠲᠭᠦᠯᠭᠡᠷ ᠦᠨ ᠺᠡᠮᠵᠢᠶ᠎ᠡ᠄ ᠪᠠᠭ᠎ᠠ ᠰᠤᠷᠭᠠᠭᠤᠯᠢ ᠶᠢᠨ ᠨᠢᠭᠡ ᠰᠤᠷᠠᠭᠴᠢ ᠨᠢᠭᠡ ᠵᠢᠯ ᠳᠦ 1᠂000 ᠶᠤᠠᠨ᠂ ᠳᠤᠮᠳᠠᠳᠤ ᠰᠤᠷᠭᠠᠭᠤᠯᠢ ᠶᠢᠨ ᠨᠢᠭᠡ ᠰᠤᠷᠠᠭᠴᠢ ᠨᠢᠭᠡ ᠵᠢᠯ ᠳᠦ 1᠂250 ᠶᠤᠠᠨ; ᠳᠣᠲᠤᠭᠤᠷ ᠪᠠᠶᠢᠷ ᠲᠠᠢ ᠰᠤᠷᠠᠭᠴᠢ ᠳᠤ ᠨᠢᠭᠡ ᠵᠢᠯ ᠳᠦ 250 ᠶᠤᠠᠨ ᠨᠡᠮᠡᠵᠦ ᠥᠭᠦᠨ᠎ᠡ᠃",
      "ᠳᠥᠷᠪᠡᠳᠦᠭᠡᠷ ᠵᠦᠢᠯ᠃ ᠰᠤᠷᠠᠭᠴᠢ ᠪᠤᠶᠤ ᠠᠰᠠᠷᠠᠭᠴᠢ ᠨᠢ ᠰᠤᠷᠠᠯᠴᠠᠬᠤ ᠦᠶ᠎ᠡ ᠡᠺᠢᠯᠡᠭᠰᠡᠨ ᠡᠴᠡ ᠬᠣᠶᠢᠱᠢ ᠨᠢᠭᠡ ᠰᠠᠷ᠎ᠠ ᠶᠢᠨ ᠳᠣᠲᠣᠷ᠎ᠠ ᠰᠤᠷᠭᠠᠭᠤᠯᠢ ᠳᠤ ᠭᠤᠶᠤᠯᠲᠠ ᠭᠠᠷᠭᠠᠨ᠎ᠠ; ᠰᠤᠷᠭᠠᠭᠤᠯᠢ ᠰᠦᠢᠯᠡᠵᠦ 5 ᠠᠵᠢᠯ ᠤᠨ ᠡᠳᠦᠷ ᠢᠯᠡ ᠲᠤᠨᠬᠠᠭᠯᠠᠭᠠᠳ ᠰᠢᠶᠠᠨ ᠤ ᠰᠤᠷᠭᠠᠨ ᠺᠦᠮᠦᠵᠢᠯ ᠦᠨ ᠲᠣᠪᠴᠢᠶ᠎ᠠ ᠳᠤ ᠺᠢᠨᠠᠭᠤᠯᠤᠨ᠎ᠠ᠃",
      "ᠲᠠᠪᠤᠳᠠᠭᠠᠷ ᠵᠦᠢᠯ᠃ ᠲᠤᠰᠯᠠᠮᠵᠢ ᠶᠢᠨ ᠮᠥᠨᠭᠭᠦ ᠶᠢ ᠰᠢᠶᠠᠨ ᠤ ᠰᠠᠨᠭᠬᠤ ᠶᠢᠨ ᠲᠣᠪᠴᠢᠶ᠎ᠠ ᠰᠤᠷᠠᠯᠴᠠᠬᠤ ᠦᠶ᠎ᠡ ᠪᠡᠷ ᠥᠭᠴᠦ᠂ ᠠᠰᠠᠷᠠᠭᠴᠢ ᠶᠢᠨ ᠪᠠᠨᠺ ᠤᠨ ᠳᠠᠨᠰᠠ ᠳᠤ ᠱᠢᠭᠤᠵᠢᠨ ᠣᠷᠤᠭᠤᠯᠤᠨ᠎ᠠ; ᠡᠳ ᠪᠠᠷᠠᠭ᠎ᠠ ᠪᠤᠶᠤ ᠦᠢᠯᠡᠴᠢᠯᠭᠡᠨ ᠢᠶᠡᠷ ᠣᠷᠤᠯᠠᠨ ᠥᠭᠴᠦ ᠪᠣᠯᠬᠤ ᠦᠭᠡᠭᠦᠢ᠃",
      "ᠵᠢᠷᠭᠤᠳᠤᠭᠠᠷ ᠵᠦᠢᠯ᠃ ᠡᠨᠡ ᠠᠷᠭ᠎ᠠ ᠨᠢ ᠲᠠᠷᠬᠠᠭᠠᠭᠰᠠᠨ ᠡᠳᠦᠷ ᠡᠴᠡ ᠡᠺᠢᠯᠡᠨ ᠺᠡᠷᠡᠺᠵᠢᠵᠦ᠂ ᠺᠦᠴᠦᠨ ᠲᠡᠢ ᠬᠤᠭᠤᠴᠠᠭ᠎ᠠ ᠨᠢ 5 ᠵᠢᠯ ᠪᠣᠯᠣᠨ᠎ᠠ᠃",
    ],
    drafter: "demo-jyj-clerk",
    approver: "demo-county-reviewer",
  },
  {
    zh: "图解《固阳县义务教育阶段家庭经济困难学生资助实施办法》",
    title:
      "ᠵᠢᠷᠤᠭ ᠢᠶᠠᠷ ᠲᠠᠶᠢᠯᠪᠤᠷᠢᠯᠠᠬᠤ᠄ 《ᠭᠦᠶᠠᠩ ᠰᠢᠶᠠᠨ ᠤ ᠵᠢᠷᠤᠮ ᠤᠨ ᠰᠤᠷᠭᠠᠨ ᠺᠦᠮᠦᠵᠢᠯ ᠦᠨ ᠦᠶ᠎ᠡ ᠶᠢᠨ ᠭᠡᠷ ᠪᠦᠯ᠎ᠡ ᠶᠢᠨ ᠠᠵᠤ ᠠᠮᠢᠳᠤᠷᠠᠯ ᠪᠡᠷᠺᠡ ᠰᠤᠷᠠᠭᠴᠢᠳ ᠢ ᠲᠡᠳᠭᠦᠨ ᠲᠤᠰᠯᠠᠬᠤ ᠺᠡᠷᠡᠺᠵᠢᠭᠦᠯᠺᠦ ᠠᠷᠭ᠎ᠠ》",
    body: [
      "ᠨᠢᠭᠡ᠃ ᠺᠡᠨ ᠭᠤᠶᠤᠵᠤ ᠪᠣᠯᠬᠤ ᠪᠤᠢ? ᠡᠨᠡ ᠰᠢᠶᠠᠨ ᠤ ᠰᠤᠷᠠᠭᠴᠢ ᠶᠢᠨ ᠪᠦᠷᠦᠲᠭᠡᠯ ᠲᠡᠢ ᠵᠢᠷᠤᠮ ᠤᠨ ᠰᠤᠷᠭᠠᠨ ᠺᠦᠮᠦᠵᠢᠯ ᠦᠨ ᠦᠶ᠎ᠡ ᠶᠢᠨ ᠭᠡᠷ ᠪᠦᠯ᠎ᠡ ᠶᠢᠨ ᠠᠵᠤ ᠠᠮᠢᠳᠤᠷᠠᠯ ᠪᠡᠷᠺᠡ ᠰᠤᠷᠠᠭᠴᠢᠳ᠂ ᠢᠯᠠᠨᠭᠭᠤᠶ᠎ᠠ ᠶᠠᠳᠤᠤ ᠶᠢ ᠲᠣᠨᠢᠯᠭᠠᠭᠰᠠᠨ ᠭᠡᠷ ᠪᠦᠯ᠎ᠡ᠂ ᠠᠮᠢᠳᠤᠷᠠᠯ ᠤᠨ ᠳᠥᠥᠳ ᠪᠠᠲᠠᠯᠭᠠᠨ ᠲᠠᠢ ᠭᠡᠷ ᠪᠦᠯ᠎ᠡ᠂ ᠣᠨᠴᠠ ᠲᠡᠳᠭᠦᠭᠳᠡᠺᠦ ᠺᠢᠭᠡᠳ ᠲᠠᠾᠢᠷ ᠳᠤᠲᠠᠭᠤ ᠰᠤᠷᠠᠭᠴᠢᠳ᠃",
      "ᠬᠣᠶᠠᠷ᠃ ᠺᠡᠳᠦᠢ ᠲᠤᠰᠯᠠᠬᠤ ᠪᠤᠢ? ᠪᠠᠭ᠎ᠠ ᠰᠤᠷᠭᠠᠭᠤᠯᠢ ᠶᠢᠨ ᠰᠤᠷᠠᠭᠴᠢ ᠨᠢᠭᠡ ᠵᠢᠯ ᠳᠦ 1᠂000 ᠶᠤᠠᠨ᠂ ᠳᠤᠮᠳᠠᠳᠤ ᠰᠤᠷᠭᠠᠭᠤᠯᠢ ᠶᠢᠨ ᠰᠤᠷᠠᠭᠴᠢ ᠨᠢᠭᠡ ᠵᠢᠯ ᠳᠦ 1᠂250 ᠶᠤᠠᠨ᠂ ᠳᠣᠲᠤᠭᠤᠷ ᠪᠠᠶᠢᠷ ᠲᠠᠢ ᠰᠤᠷᠠᠭᠴᠢ ᠨᠢᠭᠡ ᠵᠢᠯ ᠳᠦ ᠪᠠᠰᠠ 250 ᠶᠤᠠᠨ ᠨᠡᠮᠡᠵᠦ ᠠᠪᠤᠨ᠎ᠠ᠃",
      "ᠭᠤᠷᠪᠠ᠃ ᠶᠠᠭᠠᠺᠢᠵᠤ ᠭᠤᠶᠤᠬᠤ ᠪᠤᠢ? ᠰᠤᠷᠠᠯᠴᠠᠬᠤ ᠦᠶ᠎ᠡ ᠡᠺᠢᠯᠡᠭᠰᠡᠨ ᠡᠴᠡ ᠬᠣᠶᠢᠱᠢ ᠨᠢᠭᠡ ᠰᠠᠷ᠎ᠠ ᠶᠢᠨ ᠳᠣᠲᠣᠷ᠎ᠠ ᠰᠤᠷᠭᠠᠭᠤᠯᠢ ᠳᠤ ᠭᠤᠶᠤᠯᠲᠠ ᠭᠠᠷᠭᠠᠨ᠎ᠠ; ᠰᠤᠷᠭᠠᠭᠤᠯᠢ ᠰᠦᠢᠯᠡᠵᠦ 5 ᠠᠵᠢᠯ ᠤᠨ ᠡᠳᠦᠷ ᠢᠯᠡ ᠲᠤᠨᠬᠠᠭᠯᠠᠭᠠᠳ ᠰᠢᠶᠠᠨ ᠤ ᠰᠤᠷᠭᠠᠨ ᠺᠦᠮᠦᠵᠢᠯ ᠦᠨ ᠲᠣᠪᠴᠢᠶ᠎ᠠ ᠳᠤ ᠺᠢᠨᠠᠭᠤᠯᠤᠨ᠎ᠠ᠃",
      "ᠳᠥᠷᠪᠡ᠃ ᠮᠥᠨᠭᠭᠦ ᠶᠠᠭᠠᠺᠢᠵᠤ ᠣᠯᠭᠣᠬᠤ ᠪᠤᠢ? ᠰᠤᠷᠠᠯᠴᠠᠬᠤ ᠦᠶ᠎ᠡ ᠪᠡᠷ ᠠᠰᠠᠷᠠᠭᠴᠢ ᠶᠢᠨ ᠪᠠᠨᠺ ᠤᠨ ᠳᠠᠨᠰᠠ ᠳᠤ ᠱᠢᠭᠤᠵᠢᠨ ᠣᠷᠤᠭᠤᠯᠤᠨ᠎ᠠ; ᠡᠳ ᠪᠠᠷᠠᠭ᠎ᠠ ᠪᠠᠷ ᠣᠷᠤᠯᠠᠨ ᠥᠭᠴᠦ ᠪᠣᠯᠬᠤ ᠦᠭᠡᠭᠦᠢ᠃",
    ],
    drafter: "demo-jyj-clerk",
    approver: "demo-county-reviewer",
  },
];

/** Translated, approved, then the Chinese revised and republished: the Mongolian is shown as outdated. */
const OUTDATED: DemoTranslation = {
  zh: "县政府召开第十五次常务会议",
  title: "ᠰᠢᠶᠠᠨ ᠤ ᠵᠠᠰᠠᠭ ᠤᠨ ᠭᠠᠵᠠᠷ 15 ᠳᠤᠭᠠᠷ ᠪᠠᠶᠢᠩᠭ᠎ᠠ ᠶᠢᠨ ᠬᠤᠷᠠᠯ ᠢᠶᠠᠨ ᠬᠤᠷᠠᠯᠯᠠᠪᠠ",
  body: [
    "ᠰᠠᠶᠢᠬᠠᠨ ᠰᠢᠶᠠᠨ ᠤ ᠳᠠᠷᠭ᠎ᠠ ᠰᠢᠶᠠᠨ ᠤ ᠵᠠᠰᠠᠭ ᠤᠨ ᠭᠠᠵᠠᠷ ᠤᠨ 15 ᠳᠤᠭᠠᠷ ᠪᠠᠶᠢᠩᠭ᠎ᠠ ᠶᠢᠨ ᠬᠤᠷᠠᠯ ᠢ ᠳᠠᠭᠠᠯᠠᠨ ᠬᠤᠷᠠᠯᠯᠠᠵᠤ᠂ ᠥᠥᠪᠡᠷᠲᠡᠭᠡᠨ ᠵᠠᠰᠠᠬᠤ ᠣᠷᠤᠨ ᠺᠢᠭᠡᠳ ᠪᠣᠭᠣᠲᠤ ᠬᠣᠲᠠ ᠶᠢᠨ ᠠᠶᠤᠯᠭᠦᠢ ᠦᠢᠯᠡᠳᠪᠦᠷᠢ ᠶᠢᠨ ᠬᠤᠷᠠᠯ ᠤᠨ ᠰᠡᠳᠺᠢᠯ ᠢ ᠰᠤᠷᠠᠯᠴᠠᠪᠠ; ᠥᠪᠤᠯ ᠦᠨ ᠠᠶᠤᠯᠭᠦᠢ ᠦᠢᠯᠡᠳᠪᠦᠷᠢ᠂ ᠬᠣᠲᠠ ᠪᠠᠭᠠ ᠬᠣᠲᠠ ᠶᠢᠨ ᠳᠤᠯᠠᠭᠠᠨ ᠤ ᠬᠠᠨᠭᠭᠠᠮᠵ᠎ᠠ᠂ ᠲᠠᠷᠢᠶᠠᠴᠢᠨ ᠮᠠᠯᠴᠢᠨ ᠠᠵᠢᠯᠴᠢᠳ ᠤᠨ ᠠᠵᠢᠯ ᠤᠨ ᠺᠥᠯᠰᠦ ᠶᠢ ᠲᠥᠯᠡᠺᠦ ᠵᠡᠷᠭᠡ ᠠᠵᠢᠯ ᠢ ᠰᠤᠳᠤᠯᠤᠨ ᠵᠣᠬᠢᠶᠠᠨ ᠪᠠᠶᠢᠭᠤᠯᠪᠠ᠃",
    "ᠬᠤᠷᠠᠯ 《ᠭᠦᠶᠠᠩ ᠰᠢᠶᠠᠨ ᠤ ᠥᠪᠤᠯ ᠬᠠᠪᠤᠷ ᠤᠨ ᠣᠢ ᠺᠡᠭᠡᠷᠡ ᠶᠢᠨ ᠭᠠᠯ ᠠᠴᠠ ᠰᠡᠷᠭᠡᠶᠢᠯᠡᠺᠦ ᠲᠥᠯᠥᠪᠯᠦᠭᠡ》 ᠶᠢ ᠪᠠᠲᠠᠯᠠᠵᠤ᠂ ᠬᠠᠮᠤᠭ ᠪᠠᠭ᠎ᠠ ᠬᠣᠲᠠ᠂ ᠬᠠᠮᠤᠭ ᠲᠠᠰᠤᠭ ᠬᠠᠷᠢᠶᠤᠴᠠᠯᠭ᠎ᠠ ᠪᠠᠨ ᠴᠢᠩᠭᠠᠭᠠᠵᠤ᠂ ᠠᠷᠠᠳ ᠣᠯᠠᠨ ᠢ ᠳᠤᠯᠠᠭᠠᠨ ᠥᠪᠤᠯᠵᠢᠺᠦ ᠶᠢ ᠪᠠᠲᠠᠯᠠᠬᠤ ᠶᠢ ᠱᠠᠭᠠᠷᠳᠠᠪᠠ᠃",
  ],
  drafter: "demo-clerk",
  approver: "demo-reviewer",
};

const OUTDATED_ADDITION = "会议还听取了全县政务公开工作情况汇报，要求按期完成主动公开基本目录的动态调整。";

async function staff(deps: Deps, username: string): Promise<CurrentUser> {
  const user = await findCurrentUser(deps, username);
  if (!user) throw new Error(`demo user ${username} missing`);
  return user;
}

async function publishedItem(deps: Deps, siteId: string, title: string) {
  return deps.db.kysely
    .selectFrom("items")
    .select(["id", "body_html"])
    .where("site_id", "=", siteId)
    .where("status", "=", "published")
    .where("title", "=", title)
    .executeTakeFirst();
}

async function translate(
  deps: Deps,
  siteId: string,
  t: DemoTranslation,
  year: string,
): Promise<string | null> {
  const item = await publishedItem(deps, siteId, t.zh.replace("{0}", year));
  if (!item) return null;
  const drafter = await staff(deps, t.drafter);
  await saveMnDraft(deps, drafter, "item", item.id, {
    title: t.title.replace("{0}", year),
    body: p(t.body.map((l) => l.replace("{0}", year))),
  });
  await actOnMn(deps, drafter, "item", item.id, { action: "submit" });
  await actOnMn(deps, await staff(deps, t.approver), "item", item.id, { action: "approve" });
  return item.id;
}

/** Seeds the demo translations (after the demo content is published); returns how many were approved. */
export async function seedDemoMongolian(deps: Deps): Promise<number> {
  const clerk = await staff(deps, "demo-clerk");
  const year = String(Number(deps.clock.now().toISOString().slice(0, 4)) + 1);
  let n = 0;
  for (const t of TRANSLATIONS) if (await translate(deps, clerk.siteId, t, year)) n++;
  const id = await translate(deps, clerk.siteId, OUTDATED, year);
  if (id) {
    n++;
    // The Chinese is revised through the workflow (new version, four eyes) after the translation.
    const draft = await performAction(deps, clerk, id, { action: "revise" });
    const old = await publishedItem(deps, clerk.siteId, OUTDATED.zh);
    await updateDraft(deps, clerk, draft.id, { body: `${old?.body_html ?? ""}<p>${OUTDATED_ADDITION}</p>` });
    await performAction(deps, clerk, draft.id, { action: "submit" });
    await performAction(deps, await staff(deps, "demo-reviewer"), draft.id, { action: "approve" });
    const signer = await staff(deps, "demo-signer");
    await performAction(deps, signer, draft.id, { action: "sign" });
    await performAction(deps, signer, draft.id, { action: "publish" });
  }
  return n;
}
