// Blocks other domains add to the public item page (src/domains/publishing/publishing.pages.tsx) without the
// publishing domain importing them: a consultation's back-link to the final policy it led to, and later others.
// Each returns HTML (already escaped) or "" when it has nothing to say for that item.
import type { Deps } from "../deps";
import type { Lang } from "./i18n";

export interface ItemPageContext {
  itemId: string;
  lang: Lang;
  /** "" or "/mn": the language prefix of links. */
  prefix: string;
  /** The dependencies of the app rendering the page: an extra never keeps another app's database. */
  deps: Deps;
}

type Extra = (ctx: ItemPageContext) => Promise<string> | string;

const extras: Extra[] = [];

/** Called once per domain when its routes are registered. */
export function registerItemPageExtra(extra: Extra): void {
  if (!extras.includes(extra)) extras.push(extra);
}

/** Every registered block for the item, in registration order: HTML each extra escaped (hence `safe`). */
export async function safeItemPageExtras(ctx: ItemPageContext): Promise<string> {
  const parts = await Promise.all(extras.map((e) => e(ctx)));
  return parts.join("");
}
