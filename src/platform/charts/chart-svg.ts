// Draws a ChartSpec as SVG on the server with ECharts' SSR renderer, so a dashboard is readable without
// JavaScript. ECharts is imported on first use only (it is large; the CLI and pages without charts never load
// it), and every chart instance is disposed (an undisposed one keeps a timer alive).
//
// The SVG goes into the page as raw HTML, so its text is checked here, not trusted: ECharts escapes the text
// it draws (&lt; &amp; &quot;), and `sanitiseSvg` then removes what the page's CSP would block anyway (the
// <style> element, style attributes, turned into presentation attributes), drops ECharts' private attributes
// and refuses any element outside a short list of drawing elements or any event-handler attribute, so a label
// such as `<script>` can only ever appear as text.
import type { ChartSpec } from "./chart-spec";
import { specProblems } from "./chart-spec";

/** The portal's Chinese fonts (app.css --font-zh), unquoted: ECharts writes the list into an attribute. */
export const CHART_FONT =
  "Noto Sans CJK SC, Noto Sans SC, Source Han Sans SC, PingFang SC, Microsoft YaHei, sans-serif";

/** Colours distinguishable in print and for the common colour-vision deficiencies (Okabe–Ito, darkened). */
export const CHART_COLOURS = [
  "#0b5394",
  "#b45f06",
  "#38761d",
  "#a8071a",
  "#674ea7",
  "#0e7c86",
  "#7f6000",
  "#595959",
];

export const CHART_WIDTH = 720;

type EChartsModule = typeof import("echarts");
let echartsModule: Promise<EChartsModule> | undefined;
const loadECharts = () => {
  echartsModule ??= import("echarts");
  return echartsModule;
};

/** The chart's pixel height: horizontal bars grow with the number of categories. */
export function chartHeight(spec: ChartSpec): number {
  if (spec.horizontal) return Math.max(220, 26 * spec.categories.length + 90);
  return 340;
}

function optionOf(spec: ChartSpec) {
  const category = {
    type: "category" as const,
    data: spec.categories,
    axisLabel: {
      interval: 0,
      width: spec.horizontal ? 150 : undefined,
      overflow: spec.horizontal ? ("truncate" as const) : undefined,
      rotate: !spec.horizontal && spec.categories.length > 12 ? 40 : 0,
    },
  };
  const value = {
    type: "value" as const,
    name: spec.unit ?? "",
    max: spec.unit === "%" ? 100 : undefined,
    minInterval: spec.unit === "%" ? undefined : 1,
  };
  return {
    animation: false,
    color: CHART_COLOURS,
    textStyle: { fontFamily: CHART_FONT, fontSize: 12 },
    legend: spec.series.length > 1 ? { top: 0, type: "plain" as const } : undefined,
    grid: { left: 8, right: 24, top: spec.series.length > 1 ? 48 : 24, bottom: 8, containLabel: true },
    xAxis: spec.horizontal ? value : category,
    yAxis: spec.horizontal ? { ...category, inverse: true } : value,
    series: spec.series.map((s) => ({
      name: s.name,
      type: spec.kind === "line" ? ("line" as const) : ("bar" as const),
      stack: spec.kind === "stacked" ? "total" : undefined,
      data: s.values,
      connectNulls: false,
      barMaxWidth: 36,
    })),
  };
}

const DRAWING_ELEMENTS = new Set([
  "svg",
  "g",
  "path",
  "rect",
  "circle",
  "ellipse",
  "line",
  "polyline",
  "polygon",
  "text",
  "tspan",
  "title",
  "desc",
  "defs",
  "clippath",
  "lineargradient",
  "radialgradient",
  "stop",
]);
const PRESENTATION = new Set(["font-size", "font-family", "font-weight", "font-style"]);

const escapeAttr = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
export const escapeText = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** Thrown when the drawn SVG holds anything but drawing elements: never inserted into a page. */
export class UnsafeSvgError extends Error {}

/**
 * Makes ECharts' SVG fit for raw insertion into a page under a strict CSP; throws UnsafeSvgError on an
 * element or attribute that could run or load anything.
 */
export function sanitiseSvg(svg: string): string {
  let out = svg
    .replace(/<style[^>]*>[\s\S]*?<\/style>/g, "")
    .replace(/\s(?:ecmeta_[a-z_]+|class)="[^"]*"/g, "")
    .replace(/\sstyle="([^"]*)"/g, (_, css: string) =>
      css
        .split(";")
        .map((d) => d.split(":"))
        .filter(([k, v]) => k && v !== undefined && PRESENTATION.has(k.trim()))
        .map(([k, ...v]) => ` ${k!.trim()}="${escapeAttr(v.join(":").trim())}"`)
        .join(""),
    );
  out = out.replace(/\n+/g, "");
  // Text is escaped, so every "<" opens a tag: check each tag's name and attributes.
  for (const m of out.matchAll(/<([^>]*)>/g)) {
    const tag = m[1]!;
    const name = /^\/?([a-zA-Z][\w:-]*)/.exec(tag)?.[1];
    if (!name || !DRAWING_ELEMENTS.has(name.toLowerCase()))
      throw new UnsafeSvgError(`<${tag.slice(0, 20)}> in a chart`);
    if (/\son[a-z]+\s*=|javascript:|href\s*=/i.test(tag))
      throw new UnsafeSvgError("active attribute in a chart");
  }
  return out;
}

/**
 * The spec drawn as an accessible SVG string: role="img", labelled by its <title> (the chart's title) with a
 * <desc> pointing to the table beside it. `domId` makes the ids unique on the page.
 */
export async function renderChartSvg(spec: ChartSpec, domId = `chart-${spec.id}`): Promise<string> {
  const problems = specProblems(spec);
  if (problems.length) throw new Error(`chart ${spec.id}: ${problems.join("; ")}`);
  const echarts = await loadECharts();
  const height = chartHeight(spec);
  const chart = echarts.init(null, null, { renderer: "svg", ssr: true, width: CHART_WIDTH, height });
  let raw: string;
  try {
    chart.setOption(optionOf(spec));
    raw = chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
  const titleId = `${domId}-title`;
  const descId = `${domId}-desc`;
  const head = `<title id="${escapeAttr(titleId)}">${escapeText(spec.title)}</title><desc id="${escapeAttr(descId)}">${escapeText(spec.description ?? "图中数字见下方数据表。")}</desc>`;
  return sanitiseSvg(raw).replace(
    /^<svg\b([^>]*)>/,
    (_, attrs: string) =>
      `<svg${attrs} role="img" focusable="false" aria-labelledby="${escapeAttr(titleId)}" aria-describedby="${escapeAttr(descId)}">${head}`,
  );
}
