// Operation ids of the OpenAPI document: derived from method and path for routes that name none, so
// generated clients (openapi-typescript, provincial platforms) get stable, unique names.

export const API_PREFIX = "/api/v1";

/** Words that look plural but are not (or whose singular reads wrong in an id). */
const INVARIANT = new Set(["news", "series", "statistics", "analytics", "settings"]);

/** `items` → `item`, `categories` → `category`, `statuses` → `status`; words not ending in s stay. */
export function singular(word: string): string {
  if (INVARIANT.has(word.toLowerCase())) return word;
  if (/ies$/.test(word)) return `${word.slice(0, -3)}y`;
  if (/(ss|us|is)$/.test(word)) return word;
  if (/(sses|uses|xes|ches|shes)$/.test(word)) return word.slice(0, -2);
  if (/s$/.test(word)) return word.slice(0, -1);
  return word;
}

const capitalise = (s: string): string => (s ? s[0]!.toUpperCase() + s.slice(1) : s);

/** `working-days` → `WorkingDays`. */
const pascal = (segment: string): string =>
  segment
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => capitalise(w.toLowerCase()))
    .join("");

export const isParam = (segment: string): boolean => /^\{.+\}$/.test(segment) || segment.startsWith(":");

/**
 * The operationId of a route that does not name one: the method, then each fixed path segment after
 * /api/v1 in PascalCase, singular before a path parameter (`/items/{id}` → `Item`) and, for POST, at the end
 * (`POST …/actions` → `Action`: one is created). `GET /api/v1/items/{id}` → `getItem`, `GET /api/v1/items`
 * → `getItems`, `POST /api/v1/items/{id}/actions` → `postItemAction`. Depends only on the route's own method
 * and path, so adding a route never renames another; a clash is reported (see `assignOperationIds`).
 */
export function deriveOperationId(method: string, path: string): string {
  const m = method.toLowerCase();
  const rest = path.startsWith(API_PREFIX) ? path.slice(API_PREFIX.length) : path;
  const segments = rest.split("/").filter(Boolean);
  const words: string[] = [];
  segments.forEach((segment, i) => {
    if (isParam(segment)) return;
    const next = segments[i + 1];
    const last = i === segments.length - 1;
    const word =
      (next !== undefined && isParam(next)) || (last && m === "post") ? singular(segment) : segment;
    words.push(pascal(word));
  });
  return m + (words.join("") || "Root");
}

export interface OperationRef {
  method: string;
  path: string;
  /** The operationId the route declares itself (`schema.operationId`), if any. */
  declared?: string;
}

/**
 * Gives each operation its id: its own, else the derived one. Two operations with the same id keep the
 * document valid (the later ones, in path order, get a numeric suffix) but are listed in `clashes`: the
 * tests fail on any clash, and the route author then names one with `schema.operationId`.
 */
export function assignOperationIds(ops: OperationRef[]): { ids: string[]; clashes: string[] } {
  const proposed = ops.map((o) => o.declared ?? deriveOperationId(o.method, o.path));
  const order = ops
    .map((o, i) => ({ key: `${o.path} ${o.method.toUpperCase()}`, i }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const taken = new Set<string>();
  const ids = [...proposed];
  const clashes: string[] = [];
  for (const { i } of order) {
    let id = proposed[i]!;
    if (taken.has(id)) {
      clashes.push(`${ops[i]!.method.toUpperCase()} ${ops[i]!.path} → ${id}`);
      let n = 2;
      while (taken.has(`${id}${n}`)) n++;
      id = `${id}${n}`;
    }
    taken.add(id);
    ids[i] = id;
  }
  return { ids, clashes };
}
