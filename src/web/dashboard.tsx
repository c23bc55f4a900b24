import type { Deps } from "../deps";
import { type Action, type CurrentUser, canAny } from "../domains/accounts";
import { IntegrityAlerts, openAlertsFor } from "../domains/integrity";
import { resolveSite } from "../domains/orgs";
import { requireUser } from "./auth";
import { InspectorBoard, loadInspectorBoard, watchesAsInspector } from "./inspector-board";
import type { AppInstance } from "./types";
import { AdminLayout, takeFlash } from "./views/admin-layout";

/** One box of pending work on the back-office dashboard. Domains register theirs as they land. */
export interface DashboardPanel {
  id: string;
  title: string;
  action: Action;
  load(
    deps: Deps,
    user: CurrentUser,
    /** null: the panel is not shown now (e.g. a deadline out of season). */
  ): Promise<{ count?: number; lines: Array<{ text: string; href?: string }>; href?: string } | null>;
}

const panels: DashboardPanel[] = [];

export function addDashboardPanel(panel: DashboardPanel): void {
  if (!panels.some((p) => p.id === panel.id)) panels.push(panel);
}

export function registerDashboard(app: AppInstance, deps: Deps): void {
  app.get("/admin", { schema: { hide: true } }, async (req, reply) => {
    const user = requireUser(req);
    const site = await resolveSite(deps, req);
    const visible = panels.filter((p) => canAny(user, p.action));
    const integrityAlerts = await openAlertsFor(deps, user); // 防篡改: red until acknowledged
    const [loaded, board] = await Promise.all([
      Promise.all(visible.map(async (p) => ({ panel: p, data: await p.load(deps, user) }))).then((all) =>
        all.flatMap(({ panel, data }) => (data ? [{ panel, data }] : [])),
      ),
      watchesAsInspector(user) ? loadInspectorBoard(deps, user) : undefined,
    ]);
    return reply.type("text/html; charset=utf-8").send(
      <AdminLayout
        user={user}
        csrf={reply.generateCsrf()}
        title="工作台"
        path="/admin"
        siteName={site.name}
        flash={takeFlash(req)}
      >
        <IntegrityAlerts alerts={integrityAlerts} csrf={reply.generateCsrf()} />
        {board ? <InspectorBoard data={board} /> : ""}
        <div class="cards">
          {loaded.map(({ panel, data }) => (
            <section class="card" aria-labelledby={`panel-${panel.id}`}>
              <h2 id={`panel-${panel.id}`} safe>
                {panel.title}
              </h2>
              {data.count !== undefined ? (
                <p class="count">
                  {data.href ? (
                    <a href={data.href} safe>
                      {String(data.count)}
                    </a>
                  ) : (
                    <span safe>{String(data.count)}</span>
                  )}
                </p>
              ) : (
                ""
              )}
              <ul>
                {data.lines.map((l) =>
                  l.href ? (
                    <li>
                      <a href={l.href} safe>
                        {l.text}
                      </a>
                    </li>
                  ) : (
                    <li safe>{l.text}</li>
                  ),
                )}
              </ul>
            </section>
          ))}
        </div>
      </AdminLayout>,
    );
  });
}
