// Server-rendered charts (ECharts SSR → SVG) with their data tables and Excel export: domain-free.
export {
  CHART_KINDS,
  type ChartKind,
  type ChartSeries,
  type ChartSpec,
  type ChartTable,
  MONTH_LABELS,
  specProblems,
  tableOf,
} from "./chart-spec";
export { CHART_FONT, chartHeight, renderChartSvg, sanitiseSvg, UnsafeSvgError } from "./chart-svg";
export { ChartFigure, formatFigure } from "./chart-view";
export { buildChartsWorkbook, type ChartsWorkbookInput, sheetName } from "./chart-xlsx";
