// Paging of long lists (issue 19 part 7; docs/decisions/0013-paging.md). Every list is ordered by an indexed
// (sort key, id), newest first. Shallow pages are reached by number (`?page=N`, an OFFSET over the index, at
// most MAX_OFFSET rows deep); any page is reached by a cursor (`?cursor=…`): the (key, id) of the row next to
// it and the way to go, so the database seeks straight to it with `(key, id) < (?, ?)` on the same index.
// Totals are counted up to COUNT_CAP rows and shown as "10,000+" beyond: never a scan, never a wrong number.
import {
  type Expression,
  type QueryExecutorProvider,
  type RawBuilder,
  type SelectQueryBuilder,
  type SqlBool,
  sql,
} from "kysely";
import { AppError } from "./errors";

/** Rows reachable by page number: deeper pages are reached with the cursor links. */
export const MAX_OFFSET = 10_000;
/** Totals are exact up to this many rows, "COUNT_CAP+" beyond. */
export const COUNT_CAP = 10_000;

export type SortKey = string | number;

/** A position in a list: the (key, id) of a row, and whether the page wanted comes after or before it. */
export interface Cursor {
  key: SortKey;
  id: string;
  dir: "after" | "before";
  /** The number of the page the cursor leads to, for "page n" in the pager (informational). */
  page: number;
}

/** What one request asks for: a page by number, or by cursor. */
export interface PageRequest {
  size: number;
  page: number;
  cursor?: Cursor;
}

export interface Page<R> {
  rows: R[];
  page: number;
  /** Cursors of the neighbouring pages, undefined at either end. */
  next?: Cursor;
  prev?: Cursor;
}

/** A count capped at COUNT_CAP: `capped` says the true number is larger. */
export interface Total {
  n: number;
  capped: boolean;
}

/** The 400 of a damaged or forged cursor (also for a list whose key a well-formed cursor does not fit). */
export const badCursor = () =>
  new AppError("bad_cursor", 400, "翻页链接无效或已损坏，请回到第一页重新浏览。");

export const pageTooDeep = (size: number) =>
  new AppError(
    "page_too_deep",
    400,
    `页码过大：按页码最多可翻到第 ${Math.floor(MAX_OFFSET / size) + 1} 页，更后面的内容请用“下一页”链接继续浏览，或缩小筛选范围。`,
  );

export function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify([c.key, c.id, c.dir === "after" ? "a" : "b", c.page])).toString(
    "base64url",
  );
}

/**
 * Reads a cursor from a link. A cursor only says where to start within the same filtered and authorised
 * query, so it needs no signature; anything malformed is a 400 `bad_cursor`, never a 5xx.
 */
export function decodeCursor(text: string): Cursor {
  if (text.length > 300 || !/^[A-Za-z0-9_-]+$/.test(text)) throw badCursor();
  let v: unknown;
  try {
    v = JSON.parse(Buffer.from(text, "base64url").toString("utf8"));
  } catch {
    throw badCursor();
  }
  if (!Array.isArray(v) || v.length !== 4) throw badCursor();
  const [key, id, dir, page] = v as unknown[];
  const keyOk =
    (typeof key === "string" && key.length <= 64) ||
    (typeof key === "number" && Number.isSafeInteger(key) && key >= 0);
  if (
    !keyOk ||
    typeof id !== "string" ||
    id.length === 0 ||
    id.length > 64 ||
    (dir !== "a" && dir !== "b") ||
    typeof page !== "number" ||
    !Number.isSafeInteger(page) ||
    page < 1 ||
    page > 100_000_000
  )
    throw badCursor();
  return { key: key as SortKey, id, dir: dir === "a" ? "after" : "before", page };
}

/** The request of `?page=&cursor=`: a cursor wins; a page deeper than MAX_OFFSET rows is a 400. */
export function pageRequest(q: { page?: number; cursor?: string }, size: number): PageRequest {
  if (q.cursor) {
    const cursor = decodeCursor(q.cursor);
    return { size, page: cursor.page, cursor };
  }
  const page = q.page ?? 1;
  if ((page - 1) * size > MAX_OFFSET) throw pageTooDeep(size);
  return { size, page };
}

/** How a repository reads one page: the seek condition, the direction of the order, LIMIT and OFFSET. */
export interface Seek {
  /** `(key, id) < (…)` for "after", `>` for "before"; undefined for a page by number. */
  where?: (key: Expression<unknown>, id: Expression<unknown>) => Expression<SqlBool>;
  /** Newest first, except when reading backwards from a cursor. */
  desc: boolean;
  limit: number;
  offset: number;
  /** The cursor the seek starts from, for lists whose order `seekQuery` cannot express on its own. */
  cursor?: Cursor;
}

function seekOf(req: PageRequest): Seek {
  const c = req.cursor;
  if (!c) return { desc: true, limit: req.size + 1, offset: (req.page - 1) * req.size };
  const op = c.dir === "after" ? sql.raw("<") : sql.raw(">");
  return {
    where: (key, id): RawBuilder<SqlBool> => sql<SqlBool>`(${key}, ${id}) ${op} (${c.key}, ${c.id})`,
    desc: c.dir === "after",
    limit: req.size + 1,
    offset: 0,
    cursor: c,
  };
}

/**
 * Reads one page through `read` (the repository's query with the seek applied; see `seekQuery`), one row more
 * than the page to know whether another follows, and makes the neighbours' cursors. Reading backwards past the
 * first row (rows were withdrawn meanwhile) falls back to page 1.
 */
export async function readPage<R>(
  req: PageRequest,
  keyOf: (row: R) => SortKey,
  idOf: (row: R) => string,
  read: (seek: Seek) => Promise<R[]>,
): Promise<Page<R>> {
  const seek = seekOf(req);
  let rows = await read(seek);
  const more = rows.length > req.size;
  if (more) rows = rows.slice(0, req.size);
  if (req.cursor?.dir === "before") {
    rows.reverse();
    if (!more) return readPage({ size: req.size, page: 1 }, keyOf, idOf, read);
  }
  const page = req.page;
  const at = (row: R | undefined, dir: Cursor["dir"], p: number): Cursor | undefined =>
    row === undefined ? undefined : { key: keyOf(row), id: idOf(row), dir, page: p };
  const hasNext = req.cursor?.dir === "before" ? rows.length > 0 : more;
  return {
    rows,
    page,
    next: hasNext ? at(rows.at(-1), "after", page + 1) : undefined,
    prev: page > 1 ? at(rows[0], "before", page - 1) : undefined,
  };
}

/**
 * Applies a seek to a repository's filtered query: the cursor's condition, ORDER BY (key, id), LIMIT, OFFSET.
 * `order: "asc"` lists smallest first (a list by code): the same seek with every comparison turned around.
 */
export function seekQuery<DB, TB extends keyof DB, O>(
  q: SelectQueryBuilder<DB, TB, O>,
  key: string,
  id: string,
  s: Seek,
  order: "desc" | "asc" = "desc",
): SelectQueryBuilder<DB, TB, O> {
  const k = sql.ref(key);
  const i = sql.ref(id);
  const asc = order === "asc";
  if (asc && s.cursor) {
    const op = sql.raw(s.cursor.dir === "after" ? ">" : "<");
    q = q.where(sql<SqlBool>`(${k}, ${i}) ${op} (${s.cursor.key}, ${s.cursor.id})`);
  } else if (s.where) q = q.where(s.where(k, i));
  const dir = s.desc !== asc ? "desc" : "asc";
  q = q.orderBy(k, dir).orderBy(i, dir).limit(s.limit);
  return s.offset ? q.offset(s.offset) : q;
}

/**
 * Counts the rows of a filtered query (selecting anything, unordered) up to COUNT_CAP + 1: at most that many
 * index entries are read, however long the list.
 */
export async function countCapped<DB, TB extends keyof DB, O>(
  db: QueryExecutorProvider,
  q: SelectQueryBuilder<DB, TB, O>,
): Promise<Total> {
  const r = await sql<{
    n: number | string;
  }>`SELECT count(*) AS n FROM (${q.limit(COUNT_CAP + 1)}) AS capped`.execute(db);
  const n = Number(r.rows[0]?.n ?? 0);
  return n > COUNT_CAP ? { n: COUNT_CAP, capped: true } : { n, capped: false };
}
