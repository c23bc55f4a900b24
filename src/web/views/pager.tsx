// A list's pager: previous, "page n of m", next — nothing when there is one page. Texts come from the caller
// (the page's language), links from `href`.

export function Pager(p: {
  page: number;
  pages: number;
  href: (page: number) => string;
  text: { label: string; prev: string; next: string; page: string };
}) {
  if (p.pages <= 1) return "";
  return (
    <nav class="pager" aria-label={p.text.label}>
      {p.page > 1 ? (
        <a href={p.href(p.page - 1)} rel="prev" safe>
          {p.text.prev}
        </a>
      ) : (
        ""
      )}
      <span safe>{p.text.page}</span>
      {p.page < p.pages ? (
        <a href={p.href(p.page + 1)} rel="next" safe>
          {p.text.next}
        </a>
      ) : (
        ""
      )}
    </nav>
  );
}
