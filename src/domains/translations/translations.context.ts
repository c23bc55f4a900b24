// Sets what each request renders with (src/web/i18n RenderContext): the site's overrides of the UI strings
// and the visitor's 适老化 choice, before any hook or route of the request runs, so every translator(lang) of
// the portal (domains call it directly) sees the site's own wording without being handed it. Untranslated
// texts a page still holds are marked (HTML) or unmarked (anything else) on the way out.
import { AsyncResource } from "node:async_hooks";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { Deps } from "../../deps";
import { isElderRequest } from "../../web/elder-mode";
import {
  markUntranslated,
  type RenderContext,
  renderContext,
  setMissingListener,
  stripUntranslated,
  UNTRANSLATED_OPEN,
} from "../../web/i18n";
import { overridesForHost } from "./translations.service";

const RESOURCE = Symbol("renderContext");
type WithResource = FastifyRequest & { [RESOURCE]?: AsyncResource };

/** Paths whose pages are never the portal's: no overrides read for them. */
const notPortal = (url: string): boolean =>
  url.startsWith("/api/") ||
  url.startsWith("/assets/") ||
  url === "/admin" ||
  url.startsWith("/admin/") ||
  url === "/healthz";

export function registerRenderContext(app: FastifyInstance, deps: Pick<Deps, "db">): void {
  setMissingListener((lang, key) =>
    app.log.warn({ lang, key }, "a page showed a UI string with no translation (marked on the page)"),
  );
  app.addHook("onRequest", (req, _reply, done) => {
    const store: RenderContext = { elder: isElderRequest(req) };
    const enter = () =>
      renderContext.run(store, () => {
        (req as WithResource)[RESOURCE] = new AsyncResource("gongkai-render");
        done();
      });
    if (notPortal(req.url)) return enter();
    overridesForHost(deps, req.hostname).then(
      (o) => {
        store.overrides = o;
        enter();
      },
      () => enter(), // the shipped texts rather than no page
    );
  });
  // A body is read on the socket's own events: the route and its hooks run back in the request's context.
  app.addHook("preValidation", (req, _reply, done) => {
    const r = (req as WithResource)[RESOURCE];
    if (r) r.runInAsyncScope(done, req.raw);
    else done();
  });
  app.addHook("onSend", (_req, reply, payload, done) => {
    if (typeof payload !== "string" || !payload.includes(UNTRANSLATED_OPEN)) return done(null, payload);
    const type = String(reply.getHeader("content-type") ?? "");
    done(null, type.startsWith("text/html") ? markUntranslated(payload) : stripUntranslated(payload));
  });
}
