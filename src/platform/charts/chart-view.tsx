// One chart on a page: a <figure> with its heading, the SVG (role="img", titled), the data table with the
// same numbers (a <caption>, row and column headers, for screen readers and for anyone who cannot read the
// picture) and the link that downloads those numbers as Excel. No JavaScript.
import type { ChartSpec, ChartTable } from "./chart-spec";
import { tableOf } from "./chart-spec";

/** A figure as text: "—" for no figure, one decimal at most. */
export const formatFigure = (v: number | null | undefined): string =>
  v === null || v === undefined ? "—" : String(Math.round(v * 10) / 10);

function DataTable(p: { table: ChartTable; id: string }) {
  const t = p.table;
  return (
    <div class="table-scroll" tabindex="0" role="region" aria-labelledby={`${p.id}-caption`}>
      <table class="chart-table">
        <caption id={`${p.id}-caption`} safe>{`数据表：${t.caption}`}</caption>
        <thead>
          <tr>
            {t.head.map((h) => (
              <th scope="col" safe>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {t.rows.map((r) => (
            <tr>
              <th scope="row" safe>
                {r.label}
              </th>
              {r.cells.map((c) => (
                <td class="num" safe>
                  {formatFigure(c)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
        {t.total ? (
          <tfoot>
            <tr>
              <th scope="row">合计</th>
              {t.total.map((c) => (
                <td class="num" safe>
                  {formatFigure(c)}
                </td>
              ))}
            </tr>
          </tfoot>
        ) : (
          ""
        )}
      </table>
    </div>
  );
}

/**
 * A chart with its table and Excel link. `svg` comes from renderChartSvg (escaped and checked there);
 * `headingLevel` fits the page's outline.
 */
export function ChartFigure(p: { spec: ChartSpec; svg: string; xlsxHref?: string; headingLevel?: 2 | 3 }) {
  const id = `chart-${p.spec.id}`;
  const safeSvg = p.svg;
  const heading =
    p.headingLevel === 2 ? (
      <h2 id={`${id}-heading`} safe>
        {p.spec.title}
      </h2>
    ) : (
      <h3 id={`${id}-heading`} safe>
        {p.spec.title}
      </h3>
    );
  const empty = p.spec.series.every((s) => s.values.every((v) => !v));
  return (
    <section class="chart" id={id} aria-labelledby={`${id}-heading`}>
      {heading}
      {empty ? <p>所选范围内没有数据。</p> : <div class="chart-svg">{safeSvg}</div>}
      <DataTable table={tableOf(p.spec)} id={id} />
      {p.spec.note ? (
        <p class="meta" safe>
          {p.spec.note}
        </p>
      ) : (
        ""
      )}
      {p.xlsxHref ? (
        <p>
          <a href={p.xlsxHref}>
            下载 Excel<span class="visually-hidden" safe>{`：${p.spec.title}`}</span>
          </a>
        </p>
      ) : (
        ""
      )}
    </section>
  );
}
