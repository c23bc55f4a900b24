// The one way the messages' public POST answers (and their forms) are sent: the portal layout of the request's
// site and language, in the 互动交流 section, with the page's status.

import type { FastifyReply, FastifyRequest } from "fastify";
import type { Deps } from "../../deps";
import { type Lang, type Translate, translator } from "../../web/i18n";
import { PublicLayout } from "../../web/views/layout";
import { resolvePublicSite } from "../orgs";

export async function sendInteractionPage(
  deps: Deps,
  req: FastifyRequest,
  reply: FastifyReply,
  lang: Lang,
  page: { title: string; status?: number },
  body: (t: Translate) => JSX.Element,
) {
  const site = await resolvePublicSite(deps, req);
  const t = translator(lang);
  return reply
    .status(page.status ?? 200)
    .type("text/html; charset=utf-8")
    .send(
      <PublicLayout lang={lang} t={t} site={site} title={page.title} path={req.url} section="interaction">
        <h1 safe>{page.title}</h1>
        {body(t)}
      </PublicLayout>,
    );
}
