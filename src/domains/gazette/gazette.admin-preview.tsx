// The back office's preview of an issue before release: /admin/gazette/{id}/preview (the documents as they read
// now, by category) and /admin/gazette/{id}/preview.pdf (a sample PDF in the printed layout with the numbers the
// issue would take if released now, marked 样稿). Nothing is stored.
import { Type } from "@sinclair/typebox";
import type { Deps } from "../../deps";
import { sendAdminPage } from "../../web/admin-page";
import { requireUser } from "../../web/auth";
import type { AppInstance } from "../../web/types";
import { byCategory, issueLabel, renderGazettePdf } from "./gazette.pdf";
import { compilerOf } from "./gazette.release";
import * as repo from "./gazette.repo";
import { loadForStaff, todayOf } from "./gazette.service";
import { STATUS_LABELS } from "./gazette.steps";

const Params = Type.Object({ id: Type.String({ maxLength: 40 }) });
const adminUrl = (id: string) => `/admin/gazette/${id}`;
const titleOf = (r: repo.IssueRow) =>
  r.status === "released"
    ? `政府公报 ${issueLabel(r)}`
    : `政府公报 ${r.year}年（${STATUS_LABELS[r.status]}）`;

export function registerGazettePreview(app: AppInstance, deps: Deps): void {
  app.get("/admin/gazette/:id/preview", { schema: { hide: true, params: Params } }, async (req, reply) => {
    const user = requireUser(req);
    const { row, entries, tree } = await loadForStaff(deps, user, req.params.id);
    const fresh = await freshEntries(deps, entries);
    return sendAdminPage(
      deps,
      reply,
      { user, title: `预览：${titleOf(row)}`, path: "/admin/gazette" },
      <>
        <p>
          <a href={adminUrl(row.id)}>返回本期公报</a>
        </p>
        {byCategory(fresh).map((g) => (
          <section>
            <h2 safe>{g.label}</h2>
            {g.entries.map((e) => (
              <article class="gazette-doc">
                <h3 safe>{e.title}</h3>
                <p class="meta" safe>
                  {[e.org_name || tree.get(e.org_id ?? "")?.name || "", e.doc_number ?? ""]
                    .filter(Boolean)
                    .join(" · ")}
                </p>
                {e.body_text
                  .split(/\n+/)
                  .filter((s) => s.trim())
                  .map((s) => (
                    <p safe>{s.trim()}</p>
                  ))}
              </article>
            ))}
          </section>
        ))}
      </>,
    );
  });

  app.get(
    "/admin/gazette/:id/preview.pdf",
    { schema: { hide: true, params: Params } },
    async (req, reply) => {
      const user = requireUser(req);
      const { row, entries } = await loadForStaff(deps, user, req.params.id);
      const government = await repo.siteNameOf(deps.db.kysely, row.site_id);
      const next = await repo.nextNumbers(deps.db.kysely, row.site_id, row.year);
      const pdf = await renderGazettePdf({
        government,
        compiler: `${compilerOf(government)}（样稿）`,
        year: row.year,
        number: row.number ?? next.number,
        total_number: row.total_number ?? next.total,
        published_on: row.published_on ?? todayOf(deps),
        entries: await freshEntries(deps, entries),
        at: deps.clock.now(),
      });
      return reply
        .type("application/pdf")
        .header("content-disposition", `inline; filename="gazette-preview.pdf"`)
        .header("cache-control", "no-store")
        .send(pdf);
    },
  );
}

/** A draft's documents as they read now (the preview shows what the release will print). */
async function freshEntries(deps: Deps, entries: repo.EntryRow[]): Promise<repo.EntryRow[]> {
  const items = new Map(
    (
      await repo.findItems(
        deps.db.kysely,
        entries.map((e) => e.item_id ?? ""),
      )
    ).map((i) => [i.id, i]),
  );
  return entries.map((e) => {
    const i = e.item_id ? items.get(e.item_id) : undefined;
    return i ? { ...e, title: i.title, doc_number: i.doc_number, body_text: i.body_text } : e;
  });
}
