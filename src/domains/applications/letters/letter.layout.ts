// What a filled letter is and the page it is printed on (GB/T 9704-2012 党政机关公文格式), shared by the
// Word and PDF renderers so the two look the same.
import type { LetterKind } from "./letter.outcomes";

/** A filled letter, ready to render: text only, one string per printed paragraph. */
export interface Letter {
  kind: LetterKind;
  title: string;
  /** Empty when the office does not number this kind of letter. */
  docNumber: string;
  salutation: string;
  paragraphs: string[];
  signature: string;
  date: string;
}

/** The issuing office's letterhead (发文机关标志), printed in red above a red rule. */
export interface Letterhead {
  /** E.g. 固阳县人民政府办公室. */
  name: string;
  /** Hex RGB without '#'; default the red of GB/T 9704 letterheads. */
  color?: string;
}

/** GB/T 9704 page (A4) and type sizes, in points; both renderers draw from these numbers. */
export const LETTER_LAYOUT = {
  mm: 72 / 25.4,
  margins: { topMm: 37, bottomMm: 35, leftMm: 28, rightMm: 26 },
  /** 三号 仿宋 body, 二号 小标宋 title, 四号 page numbers. */
  bodyPt: 16,
  titlePt: 22,
  pageNumberPt: 14,
  letterheadMaxPt: 26,
  /** 22 lines in the 225 mm type area. */
  linePitchPt: (225 / 22) * (72 / 25.4),
  defaultRed: "E60012",
} as const;

/** The letterhead's size: as large as allowed, but never wider than the type area (long office names). */
export function letterheadPointSize(name: string): number {
  const width = (210 - LETTER_LAYOUT.margins.leftMm - LETTER_LAYOUT.margins.rightMm) * LETTER_LAYOUT.mm;
  const chars = Math.max(1, [...name].length);
  return Math.min(LETTER_LAYOUT.letterheadMaxPt, Math.floor((width / chars) * 10) / 10);
}
