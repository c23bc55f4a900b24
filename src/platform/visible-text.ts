// What people type into public forms, as people see it. Zero-width spaces, byte-order marks and the
// direction controls (LRM/RLM, embeddings, overrides, isolates) are invisible: a message of nothing but
// those is blank, and a stray right-to-left override in a name turns the text after it around on the page.
// They are removed before checks and storage. Joiners (ZWJ/ZWNJ) and the narrow no-break space stay: emoji
// sequences and Mongolian script need them.
const INVISIBLE = /[\u200B\u200E\u200F\u202A-\u202E\u2060\u2066-\u2069\uFEFF]/g;

/** The text without invisible characters (not trimmed). */
export const stripInvisible = (s: string): string => s.replace(INVISIBLE, "");

/** The text without invisible characters, trimmed (full-width and no-break spaces included). */
export const visibleTrim = (s: string | undefined | null): string => stripInvisible(s ?? "").trim();
