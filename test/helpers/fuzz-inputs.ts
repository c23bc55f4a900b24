import fc from "fast-check";

// Generated hostile input for test/fuzz.db.test.ts: text that databases and parsers choke on, values
// generated from a route's JSON schema, and path and query builders that send them as a client would.

export const HUGE = "__fuzz_huge_number__";
export const NASTY = [
  "a\u0000b",
  "\u0000",
  "\u0007\u001b[2J",
  "\ud800",
  "x\udfffy",
  "2026-02-30",
  "2026-13-01",
  "2025-02-29",
  "0000-00-00",
  "9999-12-31",
  "2026-2-3",
  "-1",
  "0",
  "99999999999999999999999",
  "1e309",
  "NaN",
  "' OR '1'='1",
  "%00",
  "%",
  "../../package.json",
  "<script>alert(1)</script>",
  "😀𠮷",
  "\u202e",
  "null",
  "   ",
  "",
];
export const longText = fc.constantFrom("长".repeat(201), "x".repeat(5_001), "中".repeat(70_000));
export const text = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...NASTY) },
  { weight: 2, arbitrary: fc.string({ maxLength: 30, unit: "binary" }) },
  { weight: 1, arbitrary: longText },
);
export const number = fc.oneof(
  fc.integer(),
  fc.constantFrom(0, -1, 1.5, 2 ** 31, 2 ** 53 + 2, 1e21, 1e308, -1e308, HUGE),
);
export const wrongType = fc.constantFrom<unknown>(null, true, 0, 2 ** 64, "x", [], {}, [null], {
  a: "\u0000",
});

export type Schema = {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: Schema[];
  oneOf?: Schema[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  format?: string;
  pattern?: string;
};

export const DATES = [
  "2026-03-02",
  "2026-03-02",
  "2026-01-05",
  "2026-02-30",
  "2025-02-29",
  "2026-13-01",
  "0000-01-01",
  "2026-3-2",
];

/** A value that passes for the field by its name, so a near-valid body reaches the service behind the schema. */
export function plausibleFor(name: string, s: Schema): fc.Arbitrary<string> {
  if (
    s.format === "date" ||
    /(^on|_on|date|^from|^to)$/.test(name) ||
    /\\d\{4\}|YYYY/.test(`${s.pattern ?? ""}`)
  )
    return fc.constantFrom(...DATES);
  if (/email/.test(name)) return fc.constantFrom("test@example.com", "a@b");
  if (/phone/.test(name)) return fc.constantFrom("13800000000", "0472-1234567");
  if (name === "id_number") return fc.constantFrom("11010519491231002X", "110105194912310021");
  if (/^(org|site_code|parent_code|root_org)$/.test(name)) return fc.constantFrom("gyx", "gyx-zfb", "nope");
  if (/code$/.test(name)) return fc.constantFrom("fz-1", "GK2026", "91150222MB1234567X");
  if (/url$/.test(name))
    return fc.constantFrom("https://example.gov.cn/gk/items/1", "/gk", "javascript:alert(1)");
  if (/(description|body|summary|text|note|reason|content)/.test(name))
    return fc.constantFrom(
      "请公开2025年固阳县财政预算执行情况。",
      "身份证号11010519491231002X，电话13800000000。",
    );
  return fc.constantFrom("测试", "固阳县人民政府办公室", "x");
}

export type Mode = "near" | "wild";

/**
 * Bodies in the shape the schema asks for. `near`: plausible values with a rare hostile leaf, so most
 * bodies pass validation and reach the services; `wild`: hostile leaves everywhere and wrong types.
 */
export function arbitraryFor(
  schema: Schema,
  components: Record<string, Schema>,
  mode: Mode,
  name = "",
  depth = 0,
): fc.Arbitrary<unknown> {
  const s = schema.$ref ? (components[schema.$ref.split("/").pop()!] ?? {}) : schema;
  const odd = mode === "near" ? 1 : 3;
  const mutate = (valid: fc.Arbitrary<unknown>) =>
    fc.oneof({ weight: mode === "near" ? 30 : 6, arbitrary: valid }, { weight: 1, arbitrary: wrongType });
  if (s.enum)
    return mutate(
      fc.oneof({ weight: 12, arbitrary: fc.constantFrom(...s.enum) }, { weight: odd, arbitrary: text }),
    );
  if (s.const !== undefined) return mutate(fc.constant(s.const));
  const branches = s.anyOf ?? s.oneOf;
  if (branches) return fc.oneof(...branches.map((b) => arbitraryFor(b, components, mode, name, depth + 1)));
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== "null") : s.type;
  switch (type) {
    case "object": {
      if (!s.properties || depth > 5) return mutate(fc.constant({}));
      const model = Object.fromEntries(
        Object.entries(s.properties).map(([k, v]) => [k, arbitraryFor(v, components, mode, k, depth + 1)]),
      );
      return mutate(fc.record(model, { requiredKeys: (s.required ?? []).filter((k) => k in model) }));
    }
    case "array":
      return mutate(
        fc.array(arbitraryFor(s.items ?? {}, components, mode, name, depth + 1), { maxLength: 3 }),
      );
    case "string":
      return mutate(
        fc.oneof(
          { weight: mode === "near" ? 20 : 2, arbitrary: plausibleFor(name, s) },
          { weight: odd, arbitrary: text },
        ),
      );
    case "integer":
    case "number":
      return mutate(
        fc.oneof(
          { weight: mode === "near" ? 8 : 1, arbitrary: fc.integer({ min: 0, max: 30 }) },
          { weight: odd, arbitrary: number },
        ),
      );
    case "boolean":
      return mutate(fc.boolean());
    default:
      return fc.oneof(text, number, wrongType, fc.array(text, { maxLength: 2 }));
  }
}

/** JSON text of a generated body; the huge-number marker becomes a literal no double can hold. */
export const toJson = (value: unknown) => JSON.stringify(value).replaceAll(`"${HUGE}"`, "1e400");

export const HOSTILE_PARAMS = [
  "a\u0000b",
  "x".repeat(150),
  "中".repeat(300),
  "..",
  "-1",
  "0",
  "2026-02-30",
  "\ud800",
  "😀",
  " ",
  "99999999999999999999",
];
export const QUERY_KEYS = [
  "q",
  "page",
  "per_page",
  "year",
  "org",
  "kind",
  "status",
  "sort",
  "from",
  "to",
  "date",
  "on",
  "id_number",
  "code",
  "secret",
  "limit",
];

/** A path segment as a client would send it; a lone surrogate cannot be percent-encoded, so its UTF-8-shaped bytes go instead. */
export function segment(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return "%ED%A0%80";
  }
}

export function fillPath(url: string, values: (name: string) => string): string {
  return url
    .split("/")
    .map((part) => {
      if (part === "*") return segment(values("*"));
      // `letter.:format` and plain `:id`
      return part.replace(/:([A-Za-z_]+)/g, (_m, name: string) => segment(values(name)));
    })
    .join("/");
}

export function queryString(pairs: Array<[string, string]>): string {
  return pairs.map(([k, v]) => `${segment(k)}=${segment(v)}`).join("&");
}

/** A small seeded generator (mulberry32) for choices made outside fast-check's arbitraries. */
export type Rnd = { nextBoolean(): boolean; nextInt(min: number, max: number): number };
export function seeded(seed: number): Rnd {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    nextBoolean: () => next() < 0.5,
    nextInt: (min, max) => min + Math.floor(next() * (max - min + 1)),
  };
}
