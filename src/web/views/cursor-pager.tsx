// The pager of a long list (src/platform/paging.ts): previous and next by cursor, page numbers only near the
// current page and only where a page number reaches them (MAX_OFFSET rows), "page n of m" when the total is
// exact and "page n" when it is capped. Texts come from the caller in the page's language.
import { type Cursor, encodeCursor, MAX_OFFSET, type Total } from "../../platform/paging";

export interface PagerTarget {
  page?: number;
  cursor?: string;
}

export function CursorPager(p: {
  page: number;
  size: number;
  next?: Cursor;
  prev?: Cursor;
  total: Total;
  href: (to: PagerTarget) => string;
  text: { label: string; prev: string; next: string; page: (page: number, pages?: number) => string };
}) {
  const pages = p.total.capped ? undefined : Math.max(1, Math.ceil(p.total.n / p.size));
  if (!p.next && !p.prev && p.page <= 1) return "";
  const numbered = Math.floor(MAX_OFFSET / p.size) + 1;
  const last = Math.min(pages ?? numbered, numbered);
  const to = (n: number, c: Cursor | undefined): string =>
    n <= numbered || !c ? p.href(n > 1 ? { page: n } : {}) : p.href({ cursor: encodeCursor(c) });
  const near = [p.page - 2, p.page - 1, p.page + 1, p.page + 2].filter((n) => n >= 1 && n <= last);
  return (
    <nav class="pager" aria-label={p.text.label}>
      {p.prev ? (
        <a href={to(p.page - 1, p.prev)} rel="prev" safe>
          {p.text.prev}
        </a>
      ) : (
        ""
      )}
      <ul class="page-numbers">
        {[...near.filter((n) => n < p.page), p.page, ...near.filter((n) => n > p.page)].map((n) =>
          n === p.page ? (
            <li aria-current="page" safe>
              {p.text.page(n, pages)}
            </li>
          ) : (
            <li>
              <a href={p.href(n > 1 ? { page: n } : {})} safe>
                {String(n)}
              </a>
            </li>
          ),
        )}
      </ul>
      {p.next ? (
        <a href={to(p.page + 1, p.next)} rel="next" safe>
          {p.text.next}
        </a>
      ) : (
        ""
      )}
    </nav>
  );
}

/** The query parameters of a pager link. */
export const pagerParams = (to: PagerTarget): Record<string, string> =>
  to.cursor ? { cursor: to.cursor } : to.page ? { page: String(to.page) } : {};

/** The back office's pager texts (Chinese only). */
export const ADMIN_PAGER_TEXT = {
  label: "分页",
  prev: "上一页",
  next: "下一页",
  page: (page: number, pages?: number) => (pages ? `第 ${page} 页，共 ${pages} 页` : `第 ${page} 页`),
};
