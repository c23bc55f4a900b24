import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { AUDIT_AREAS } from "../../../src/domains/audit/audit.labels";

// What a person must never read on a back-office page: action codes, error codes, catalogue codes and
// internal-looking dotted names or "verb：草稿" history lines.

const ACTION_CODES = AUDIT_AREAS.flatMap((a) => Object.keys(a.actions));
const ERROR_CODES = [
  ...readFileSync(join(process.cwd(), "docs", "errors.md"), "utf8").matchAll(/^\| `([a-z0-9_]+)` \|/gm),
].map((m) => m[1]!);
const CATALOGUE_CODES = ["guide", "rules", "statutory", "annual-report", "std-key-projects"];
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const word = (s: string) => new RegExp(`(^|[^A-Za-z0-9_.@-])${escapeRe(s)}($|[^A-Za-z0-9_@-])`);

/** The visible text of the page (what a person reads, not attributes or hidden inputs). */
export async function visibleText(page: Page): Promise<string> {
  return String(await page.evaluate("document.body.innerText"));
}

/** Every internal code visible on the page, each with a little context; empty when the page is clean. */
export function internalCodesIn(text: string): string[] {
  const found: string[] = [];
  const note = (what: string, index: number) =>
    found.push(`${what} in “${text.slice(Math.max(0, index - 20), index + 30).replace(/\s+/g, " ")}”`);
  for (const code of [...ACTION_CODES, ...ERROR_CODES, ...CATALOGUE_CODES]) {
    const m = word(code).exec(text);
    if (m) note(code, m.index);
  }
  for (const m of text.matchAll(/\bart2[01]-[a-z0-9-]+/g)) note(m[0], m.index);
  // Dotted lower-case names (auth.login, withhold.third_party), but not host names or e-mail addresses.
  for (const m of text.matchAll(/(?<![@\w.-])[a-z]+(?:\.[a-z_]+)+\b(?![@.-])/g)) {
    if (!/\.(cn|com|net|org|gov|svg|png|pdf|docx|xlsx|txt|json|csv)$/.test(m[0])) note(m[0], m.index);
  }
  for (const m of text.matchAll(/[A-Za-z_]+：(草稿|待审查|待审签|待发布|已发布|已撤回)/g))
    note(m[0], m.index);
  return found;
}
