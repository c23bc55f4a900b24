// Ruled tables with merged cells for the annual report's PDF (reports.pdf.ts): cells placed on the grid as HTML
// places them, rows measured, groups of rows joined by a rowspan (or a row kept with the next) never split across
// pages, and a table's heading rows repeated at the top of every page it continues on.
export const CELL_PT = 9;
const PAD = 3;
/** Cell rules: 0.5 pt single lines, as the published reports print them (Word's 单实线 ½ 磅). */
const RULE = 0.5;

/** A cell as written in a row, placed on the grid the way HTML places td's past earlier rowspans. */
export interface Cell {
  text: string;
  /** The cell's row stays on the page of the row after it (a section's heading rows). */
  keepWithNext?: boolean;
  colspan?: number;
  rowspan?: number;
  left?: boolean;
  bold?: boolean;
}
export type Rows = Cell[][];

interface Placed extends Cell {
  row: number;
  col: number;
}

function place(rows: Rows, columns: number): Placed[] {
  const taken = rows.map(() => new Array<boolean>(columns).fill(false));
  const out: Placed[] = [];
  rows.forEach((cells, r) => {
    let c = 0;
    for (const cell of cells) {
      while (c < columns && taken[r]![c]) c++;
      const rs = cell.rowspan ?? 1;
      const cs = cell.colspan ?? 1;
      for (let i = r; i < Math.min(rows.length, r + rs); i++)
        for (let j = c; j < Math.min(columns, c + cs); j++) taken[i]![j] = true;
      out.push({ ...cell, row: r, col: c });
      c += cs;
    }
  });
  return out;
}

/** A table measured for the page: its cells placed, each row's height, and the heights that must stay together. */
export interface Layout {
  rows: Rows;
  cells: Placed[];
  xs: number[];
  heights: number[];
  /** The last row of the heading (repeated on each page the table continues on), -1 for none. */
  head: number;
  /** The heading with the first group of the body: never split. */
  start: number;
  total: number;
}

/**
 * Measures a ruled table with merged cells; widths in points, summing to the width. The first `headerRows` rows
 * are the table's heading: a table that breaks across pages repeats them at the top of each following page (as
 * Word does with 标题行重复), and never leaves them alone at a page's foot.
 */
export function layoutTable(doc: PDFKit.PDFDocument, widths: number[], rows: Rows, headerRows = 0): Layout {
  const cells = place(rows, widths.length);
  const x0 = doc.page.margins.left;
  const xs = [x0];
  for (const w of widths) xs.push(xs[xs.length - 1]! + w);
  const layout: Layout = { rows, cells, xs, heights: [], head: -1, start: 0, total: 0 };
  doc.fontSize(CELL_PT);
  const heights = rows.map(() => CELL_PT + 2 * PAD + 4);
  for (const c of cells)
    if ((c.rowspan ?? 1) === 1)
      heights[c.row] = Math.max(heights[c.row]!, textHeight(doc, layout, c) + 2 * PAD);
  for (const c of cells) {
    const rs = c.rowspan ?? 1;
    if (rs === 1) continue;
    const last = Math.min(rows.length, c.row + rs) - 1;
    const have = heights.slice(c.row, last + 1).reduce((a, h) => a + h, 0);
    const need = textHeight(doc, layout, c) + 2 * PAD;
    if (need > have) heights[last]! += need - have;
  }
  layout.heights = heights;
  layout.head = headerRows > 0 ? Math.max(headerRows - 1, groupEnd(layout, 0)) : -1;
  layout.start = sumOf(layout, 0, groupEnd(layout, layout.head + 1));
  layout.total = sumOf(layout, 0, rows.length - 1);
  return layout;
}

const spanWidth = (l: Layout, c: Placed) => l.xs[c.col + (c.colspan ?? 1)]! - l.xs[c.col]!;
const sumOf = (l: Layout, from: number, to: number) =>
  l.heights.slice(from, to + 1).reduce((a, h) => a + h, 0);

function textHeight(doc: PDFKit.PDFDocument, l: Layout, c: Placed): number {
  doc.font(c.bold ? "bold" : "body").fontSize(CELL_PT);
  return doc.heightOfString(c.text || " ", { width: spanWidth(l, c) - 2 * PAD });
}

/**
 * The last row of the group starting at r: rows joined by a rowspan, or by a row that keeps with the next, stay
 * on one page.
 */
function groupEnd(l: Layout, r: number): number {
  let end = Math.min(r, l.rows.length - 1);
  for (let i = r; i <= end; i++)
    for (const c of l.cells)
      if (c.row === i) {
        end = Math.max(end, Math.min(l.rows.length, i + (c.rowspan ?? 1)) - 1);
        if (c.keepWithNext) end = Math.max(end, Math.min(l.rows.length - 1, i + 1));
      }
  return end;
}

/** How much of a table (whole groups, from the top) fits in `room` points. */
export function fittingHeight(l: Layout, room: number): number {
  let used = 0;
  let r = 0;
  while (r < l.rows.length) {
    const end = r === 0 ? groupEnd(l, l.head + 1) : groupEnd(l, r);
    const h = sumOf(l, r, end);
    if (used + h > room) break;
    used += h;
    r = end + 1;
  }
  return used;
}

/** Draws a measured table at the current position, page by page, the heading repeated on each new page. */
export function drawTable(doc: PDFKit.PDFDocument, l: Layout): void {
  const bottom = () => doc.page.height - doc.page.margins.bottom;
  /** Draws rows r..end (whole groups) from y; returns the y below them. */
  const drawRows = (r: number, end: number, y: number) => {
    const ys = [y];
    for (let i = r; i <= end; i++) ys.push(ys[ys.length - 1]! + l.heights[i]!);
    for (let i = r; i <= end; i++)
      for (const c of l.cells.filter((k) => k.row === i)) {
        const top = ys[i - r]!;
        const h = ys[Math.min(end + 1, i + (c.rowspan ?? 1)) - r]! - top;
        const w = spanWidth(l, c);
        doc.lineWidth(RULE).rect(l.xs[c.col]!, top, w, h).stroke();
        const th = textHeight(doc, l, c);
        doc.text(c.text, l.xs[c.col]! + PAD, top + (h - th) / 2, {
          width: w - 2 * PAD,
          align: c.left ? "left" : "center",
        });
      }
    return ys[ys.length - 1]!;
  };
  let y = doc.y;
  if (y + l.start > bottom() && y > doc.page.margins.top + 1) {
    doc.addPage();
    y = doc.page.margins.top;
  }
  // A page holding only the repeated heading takes the next group however tall (never a run of empty pages).
  let fresh = doc.page.margins.top + 1;
  let r = 0;
  while (r < l.rows.length) {
    // the heading and the first group of the body are one block
    const end = r === 0 ? groupEnd(l, l.head + 1) : groupEnd(l, r);
    if (y + sumOf(l, r, end) > bottom() && y > fresh) {
      doc.addPage();
      y = doc.page.margins.top;
      if (l.head >= 0 && r > l.head) y = drawRows(0, l.head, y);
      fresh = y + 1;
    }
    y = drawRows(r, end, y);
    r = end + 1;
  }
  doc.x = l.xs[0]!;
  doc.y = y;
}
