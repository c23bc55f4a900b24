// 发文字号 per GB/T 9704-2012 §7.2.5: `<代字>〔YYYY〕N号`, brackets U+3014/U+3015, serial without leading
// zeros and without 第. Input commonly arrives with [] 【】 () （） ［］ or 〔 〕 typed as other look-alikes.

const OPEN = "[\\[【(（［〔{｛<＜〈]";
const CLOSE = "[\\]】)）］〕}｝>＞〉]";
const PATTERN = new RegExp(
  `^\\s*(.+?)\\s*${OPEN}\\s*((?:19|20)\\d{2})\\s*${CLOSE}\\s*(?:第\\s*)?0*(\\d{1,5})\\s*号?\\s*$`,
);
const CANONICAL = /^[\u4e00-\u9fa5A-Za-z0-9]{1,24}〔(?:19|20)\d{2}〕[1-9]\d{0,4}号$/;

export type DocNumberResult = { ok: true; value: string } | { ok: false; message: string };

const toHalfWidthDigits = (s: string) =>
  s.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));

export function normaliseDocNumber(raw: string): DocNumberResult {
  const input = toHalfWidthDigits(raw.normalize("NFC"));
  const m = PATTERN.exec(input);
  if (!m) {
    return { ok: false, message: "文号格式应为“机关代字〔年份〕序号号”，例如 固政发〔2020〕1号。" };
  }
  const prefix = m[1]!.replace(/\s+/g, "");
  const serial = Number(m[3]);
  if (serial === 0) return { ok: false, message: "文号序号不能为0。" };
  const value = `${prefix}〔${m[2]}〕${serial}号`;
  if (!CANONICAL.test(value)) {
    return { ok: false, message: "文号的机关代字只能包含汉字、字母或数字，例如 固政发〔2020〕1号。" };
  }
  return { ok: true, value };
}

export const isCanonicalDocNumber = (s: string): boolean => CANONICAL.test(s);
