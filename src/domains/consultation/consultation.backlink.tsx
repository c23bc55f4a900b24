// The public item page's link back to the consultation(s) that led to it (registered through
// src/web/item-page-extras.ts, so publishing does not import this domain).
import type { ItemPageContext } from "../../web/item-page-extras";
import { consultationUrl } from "./consultation.present";
import * as repo from "./consultation.repo";
import { consultationText } from "./consultation.text";

/** The item page extra, through the rendering app's dependencies (`ctx.deps`). */
export async function ConsultationBackLink(ctx: ItemPageContext): Promise<string> {
  const found = await repo.consultationsOfItem(ctx.deps.db.kysely, ctx.itemId);
  if (!found.length) return "";
  const x = consultationText(ctx.lang);
  return (
    <aside class="notice consultation-link" aria-label={x("title")}>
      <span safe>{x("back_link")}</span>
      {found.map((c, i) => (
        <>
          {i ? "、" : ""}
          <a href={consultationUrl(c.id, ctx.prefix)} rel="related" safe>
            {c.title}
          </a>
        </>
      ))}
    </aside>
  ) as string;
}
