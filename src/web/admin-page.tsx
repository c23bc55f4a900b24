import type { FastifyReply } from "fastify";
import type { Deps } from "../deps";
import type { CurrentUser } from "../domains/accounts";
import { resolveSite } from "../domains/orgs";
import { AdminLayout } from "./views/admin-layout";

/** Sends a back-office page in the shared layout, with a fresh CSRF token and an optional flash. */
export async function sendAdminPage(
  deps: Pick<Deps, "db">,
  reply: FastifyReply,
  page: { user: CurrentUser; title: string; path: string; status?: number; flash?: string },
  body: JSX.Element,
) {
  const site = await resolveSite(deps, reply.request);
  return reply
    .status(page.status ?? 200)
    .type("text/html; charset=utf-8")
    .send(
      <AdminLayout
        user={page.user}
        csrf={reply.generateCsrf()}
        title={page.title}
        path={page.path}
        siteName={site.name}
        flash={page.flash}
      >
        {body}
      </AdminLayout>,
    );
}
