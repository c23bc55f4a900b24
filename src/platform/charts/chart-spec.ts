// A chart described as data, domain-free: categories along one axis, one or more named series of numbers.
// The same spec draws the SVG (chart-svg.ts), the table beside it for screen readers and people without
// the picture (chart-view.tsx) and the Excel sheet (chart-xlsx.ts), so the three always show the same numbers.

export const CHART_KINDS = ["bar", "stacked", "line"] as const;
export type ChartKind = (typeof CHART_KINDS)[number];

export interface ChartSeries {
  name: string;
  /** One value per category; null: no figure (drawn as a gap, shown as "—"). */
  values: Array<number | null>;
}

export interface ChartSpec {
  /** Stable id (letters, digits, "-"): the anchor on the page and the `chart` of the Excel link. */
  id: string;
  title: string;
  /** The drawing's text description (its SVG <desc>); by default 图中数字见下方数据表。 (the back office's language). */
  description?: string;
  kind: ChartKind;
  /** The category axis' name (the table's first column header), e.g. 月份 or 单位. */
  categoryLabel: string;
  /** What the series are (the first header of a transposed table), e.g. 单位. */
  seriesLabel?: string;
  categories: string[];
  series: ChartSeries[];
  /** Further figures per category shown in the table and the Excel sheet only (e.g. the counts behind a rate). */
  tableOnly?: ChartSeries[];
  /** Appended to the value axis' name and to the table's headers, e.g. "%" or "件". */
  unit?: string;
  /** Bars running left to right (long organisation names read better this way). */
  horizontal?: boolean;
  /** The table lists the series as rows and the categories as columns (e.g. organisations × months). */
  transposeTable?: boolean;
  /** A line under the table explaining how the figures are counted. */
  note?: string;
  /** Whether the table ends with a 合计 row/column summing each series (not for rates). */
  totals?: boolean;
}

export interface ChartTable {
  caption: string;
  /** The header of the first column, then one per data column. */
  head: string[];
  rows: Array<{ label: string; cells: Array<number | null> }>;
  /** The 合计 row, when asked for. */
  total?: Array<number | null>;
}

const sum = (xs: Array<number | null>) => xs.reduce<number>((a, b) => a + (b ?? 0), 0);

/** The spec's numbers as a table: categories × series, or series × categories when transposed. */
export function tableOf(spec: ChartSpec): ChartTable {
  const series = [...spec.series, ...(spec.tableOnly ?? [])];
  const caption = spec.unit ? `${spec.title}（${spec.unit}）` : spec.title;
  if (spec.transposeTable) {
    const rows = series.map((s) => ({ label: s.name, cells: [...s.values] }));
    const head = [spec.seriesLabel ?? "项目", ...spec.categories];
    if (spec.totals) {
      head.push("合计");
      for (const r of rows) r.cells.push(sum(r.cells));
    }
    const total = spec.totals
      ? head.slice(1).map((_, i) => sum(rows.map((r) => r.cells[i] ?? null)))
      : undefined;
    return { caption, head, rows, total };
  }
  const rows = spec.categories.map((c, i) => ({ label: c, cells: series.map((s) => s.values[i] ?? null) }));
  const total = spec.totals ? series.map((s) => sum(s.values)) : undefined;
  return { caption, head: [spec.categoryLabel, ...series.map((s) => s.name)], rows, total };
}

/** Problems with a spec that would draw a misleading chart (a programming error, not user input). */
export function specProblems(spec: ChartSpec): string[] {
  const out: string[] = [];
  if (!/^[a-z0-9-]+$/.test(spec.id)) out.push(`id ${JSON.stringify(spec.id)} is not [a-z0-9-]+`);
  for (const s of [...spec.series, ...(spec.tableOnly ?? [])])
    if (s.values.length !== spec.categories.length)
      out.push(`series ${s.name}: ${s.values.length} values for ${spec.categories.length} categories`);
  return out;
}

/** The twelve months as category labels. */
export const MONTH_LABELS = Array.from({ length: 12 }, (_, i) => `${i + 1}月`);
