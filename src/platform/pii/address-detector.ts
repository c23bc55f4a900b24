// Detailed home addresses: a chain of place names ending in a house-level part (12号, 3单元, 501室).
// The regex anchors on the cheap house-number tail; the place chain is then read backwards, so the pass
// stays linear and a law's "第711号" (no place before it) costs one failed look-back.
import { isDigitCode, isHanCode } from "./text-utils";
import type { RawFinding } from "./types";

// House numbers are short; 户 is not a unit here ("12345户" counts households).
const TAIL = /(?<![0-9])[0-9]{1,5}(?:-[0-9]+)?(?:号楼|号院|号|栋|幢|单元|室)/g;
const MORE = /[0-9]+(?:-[0-9]+)?(?:号楼|号院|号|栋|幢|单元|室|户|层|楼)|(?<=单元)[0-9]{3,4}(?![0-9])/y;

// Strong cues say someone lives there; 地址 and 住所 are also used for offices and firms' domiciles, so
// after them only a unit, room or village house makes an address a home.
const CUES =
  /家庭住址|家庭地址|户籍地址|户籍所在地|户籍地|现住址|居住地址|现居住地|居住地|住所地|住址|住所|家住|现住|居住在|居住于|住在|地址|住/g;
const WEAK_CUES = new Set(["地址", "住所", "住所地"]);
const CUE_BEFORE = /(?:住址|户籍地|居住地|家住|现住)[为是]?\s*[:：]?\s*$/;
// A place below the county: a county and a number ("全县12号") is no home address.
const PLACE = /镇|乡|苏木|街道|村|社区|嘎查|路|街|巷|道|里|弄|胡同|小区|花园|公寓|家园|苑/;
/省|自治区|市|盟|州|县|旗|区|镇|乡|苏木|街道|村|社区|嘎查|路|街|巷|道|里|弄|胡同|小区|花园|公寓|家园|苑/;
// Offices, schools, hospitals and firms publish their addresses on purpose.
const INSTITUTION =
  /政府|局|委|办|中心|医院|卫生院|学校|小学|中学|大学|学院|大厦|大楼|公司|银行|法院|检察院|派出所|所|站|馆|厅|部|处|队|厂|集团|商场|酒店|宾馆|超市|市场|广场|园区|机关|单位|门市|营业/;
const VILLAGE_HOUSE = /(?:村|嘎查|社区)(?:[0-9一二三四五六七八九十]+(?:组|社|队))?$/;
const FIRST_PART = 40;

const isAddressChar = (c: number) => isHanCode(c) || isDigitCode(c) || c === 45; /* - */

export function detectAddresses(norm: string, out: RawFinding[]): void {
  TAIL.lastIndex = 0;
  for (let m = TAIL.exec(norm); m; m = TAIL.exec(norm)) {
    const t0 = m.index;
    let e = t0 + m[0].length;
    for (;;) {
      MORE.lastIndex = e;
      const n = MORE.exec(norm);
      if (!n) break;
      e += n[0].length;
    }
    TAIL.lastIndex = e;
    // A "号" right after 第 or a bracket is a document or statute number.
    const prev = norm[t0 - 1];
    if (prev === "第" || prev === "〕" || prev === "]" || prev === "】" || prev === ")" || prev === "）")
      continue;

    let s = t0;
    while (s > 0 && t0 - s < FIRST_PART && isAddressChar(norm.charCodeAt(s - 1))) s--;
    let segment = norm.slice(s, t0);
    let cue = CUE_BEFORE.test(norm.slice(Math.max(0, s - 10), s));
    let lastCue = -1;
    CUES.lastIndex = 0;
    for (let c = CUES.exec(segment); c; c = CUES.exec(segment)) {
      lastCue = c.index + c[0].length;
      cue = !WEAK_CUES.has(c[0]);
    }
    if (lastCue >= 0) {
      s += lastCue;
      segment = segment.slice(lastCue);
    }
    // Start at the first character of a place name, not at digits left over from something else.
    while (segment && !isHanCode(segment.charCodeAt(0))) {
      s++;
      segment = segment.slice(1);
    }
    // 某村23号 is already de-identified (court and sample texts).
    if (segment.length < 2 || !PLACE.test(segment) || INSTITUTION.test(segment) || segment.includes("某"))
      continue;
    const tail = norm.slice(t0, e);
    const home = cue || /单元|室/.test(tail) || VILLAGE_HOUSE.test(segment);
    if (home) out.push({ kind: "address", start: s, end: e });
  }
}

const STREET = /路|街|巷|大道|胡同|弄|村|嘎查|社区/;
const TOWN = /镇|乡|苏木|街道/;
const COUNTY = /县|旗|市|区/g;

/** How many leading characters of an address a keep level shows: "cut after the street" by default. */
export function addressKeepLength(address: string, level: "county" | "town" | "street"): number {
  const town = TOWN.exec(address);
  const townCut = town ? town.index + town[0].length : -1;
  let countyCut = 0;
  COUNTY.lastIndex = 0;
  for (let c = COUNTY.exec(address); c; c = COUNTY.exec(address)) {
    if (townCut >= 0 && c.index >= townCut) break;
    countyCut = c.index + 1;
  }
  if (level === "county") return countyCut;
  if (level === "town") return townCut >= 0 ? townCut : countyCut;
  const rest = address.slice(Math.max(townCut, countyCut));
  const street = STREET.exec(rest);
  // Without a street, village or community the house part starts at the first digit.
  if (street) return Math.max(townCut, countyCut) + street.index + street[0].length;
  const digit = address.search(/[0-9]/);
  return townCut >= 0 ? townCut : Math.max(countyCut, digit, 0);
}
