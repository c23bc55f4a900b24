// Every route names the policy that guards it. The table below is the one place that says so; an
// `onRoute` hook attaches it to each route as `config.policy`, and the route × role × scope test
// (src/web/route-policy.db.test.ts) fails for any route missing here, so a route added later without a
// policy fails CI. What each policy checks is in docs/security.md and in the named module.
import type { FastifyInstance, RouteOptions } from "fastify";

export const POLICIES = {
  public: "anyone; shows only what is published",
  hotline:
    "hotline.policy: hotline.push (the 12345 integration account, token only) on its own site; the upload and the numbers register: the office at the site root",
  "public.applicant": "anyone holding an application's or a message's tracking code and secret",
  login: "anyone; signs a person in",
  staff: "any signed-in staff member; shows only their own account or their own site",
  site: "platform administrators only (orgs.policy: sites)",
  "site.settings":
    "a site's own settings: read by its staff, changed by site.settings (admin at the site root)",
  org: "accounts.policy: org.view / org.manage / user.view / user.manage on the row's site and subtree",
  audit: "audit.policy: audit.view, entries of the user's site and subtree only",
  calendar: "calendar.manage; closures of the user's own site",
  catalog: "catalog: org.view / org.manage on the node's organisation",
  item: "publishing.policy: item.* on the item's site and organisation",
  review: "review: item.review on the item's organisation; settings: org.manage on the site",
  application: "applications.policy: application.view / application.handle on the row's site and holding org",
  mail: "mail: application.handle; messages of the user's site",
  message:
    "interaction.policy: message.manage (the office at the site root) / message.handle (the departments holding it)",
  consultation:
    "consultation.policy: consultation.view / draft / approve on the row's site and drafting organisation",
  meeting: "meetings.policy: meeting.view / manage / decide on the row's site and organising organisation",
  report:
    "reports.policy: report.view (a department's staff: their own organisation; office, inspector, admin: their subtree) / report.figures",
  health: "health.policy: health.view (office, inspector, admin at the site root), their own site only",
} as const;

export type PolicyName = keyof typeof POLICIES;

declare module "fastify" {
  interface FastifyContextConfig {
    policy?: PolicyName;
  }
  interface FastifyInstance {
    /** Every route registered, with its policy (src/web/route-policy.ts). */
    routeTable: RegisteredRoute[];
  }
}

/** `METHOD path` → policy. HEAD follows GET. */
export const ROUTE_POLICIES: Record<string, PolicyName> = {
  // system and portal
  "GET /healthz": "public",
  "GET /": "public",
  "GET /*": "public",
  "GET /assets/*": "public",
  "GET /api/v1": "public",
  "GET /api/v1/openapi.json": "public",
  "GET /calendar": "public",
  "GET /search": "public",
  "GET /api/v1/search": "public", // scope=staff: the item policy's drafts of the token's user (H2)
  "GET /gb": "public",
  "GET /fw": "public",
  "GET /gk": "public",
  "GET /gk/catalog": "public",
  "GET /gk/catalog/:orgCode": "public",
  "GET /gk/list": "public",
  "GET /gk/items/:id": "public",
  "GET /gk/items/:id/print": "public",
  "GET /gk/items/:id/attachments/:attId/:filename": "public",
  "GET /hd": "public",
  "GET /hd/apply": "public",
  "POST /hd/apply": "public",
  "GET /hd/archive": "public",
  "GET /hd/archive/:id": "public",
  "GET /hd/repeated": "public",
  "GET /hd/track": "public.applicant",
  "POST /hd/track": "public.applicant",
  "POST /hd/track/letter.:format": "public.applicant",
  "POST /hd/track/documents/:docId": "public.applicant",
  "GET /api/v1/public/archive": "public",
  // verifiable publication (H3, issue 12): verify by hash or file, the daily chain; alerts for the office
  "GET /verify": "public",
  "POST /verify": "public", // hashes the upload only: stores and changes nothing, so no CSRF token
  "GET /verify/chain": "public",
  "GET /api/v1/verify": "public",
  "GET /api/v1/integrity/chain": "public",
  "GET /api/v1/integrity/items/:id/canonical": "public",
  "POST /admin/integrity/alerts/:id/acknowledge": "org", // org.manage at the site root (integrity.alerts.ts)
  // open data (H4, issue 12): public read API, exports, feeds, sitemap, the open-data page
  "GET /api/v1/public/items": "public",
  "GET /api/v1/public/items/:id": "public",
  "GET /api/v1/public/interpretations": "public",
  "GET /api/v1/public/catalog": "public",
  "GET /gk/opendata": "public",
  "GET /gk/list.:format": "public",
  "GET /gk/catalog.:format": "public",
  "GET /hd/archive.:format": "public",
  "GET /hd/repeated.:format": "public",
  "GET /feeds/site.:file": "public",
  "GET /feeds/org/:file": "public",
  "GET /feeds/catalog/:file": "public",
  "GET /sitemap.xml": "public",
  "GET /sitemaps/:file": "public",
  "GET /robots.txt": "public",
  "GET /api/v1/calendar/working-days/add": "public",
  "GET /api/v1/calendar/is-working-day": "public",
  "GET /api/v1/calendar/years/:year": "public",
  "GET /api/v1/calendar/notices": "public",
  "GET /api/v1/calendar/closures": "public",
  "GET /api/v1/calendar/changes": "calendar",
  "GET /api/v1/catalog": "catalog",
  "GET /api/v1/catalog/orgs": "public",
  "GET /api/v1/catalog/nodes/:id": "public",
  "POST /api/v1/review/scan": "staff",
  "POST /api/v1/review/mask": "staff",
  // accounts and the back office shell
  "GET /admin/login": "login",
  "POST /admin/login": "login",
  "POST /admin/logout": "staff",
  "GET /admin/password": "staff",
  "POST /admin/password": "staff",
  "GET /admin": "staff",
  "GET /api/v1/me": "staff",
  "POST /api/v1/tokens": "staff",
  "POST /api/v1/users": "org",
  "GET /admin/users": "org",
  "POST /admin/users": "org",
  "POST /admin/users/:id/email": "org",
  "POST /admin/users/:id/:change": "org",
  "GET /api/v1/orgs": "public",
  "POST /api/v1/orgs": "org",
  "GET /admin/orgs": "org",
  "POST /admin/orgs": "org",
  "GET /api/v1/sites": "site",
  "POST /api/v1/sites": "site",
  "GET /admin/sites": "site",
  "POST /admin/sites": "site",
  "GET /api/v1/sites/current/four-eyes": "site.settings",
  "PUT /api/v1/sites/current/four-eyes": "site.settings",
  // reply letters: who reviews each organ's replies (H5)
  "GET /api/v1/sites/current/letter-settings": "site.settings",
  "PUT /api/v1/sites/current/letter-settings": "site.settings",
  "PUT /api/v1/orgs/:orgCode/review-route": "site.settings",
  "GET /admin/letter-settings": "site.settings",
  "POST /admin/letter-settings": "site.settings",
  "POST /admin/letter-settings/orgs/:orgCode": "site.settings",
  "GET /api/v1/audit": "audit",
  "GET /admin/audit": "audit",
  // calendar
  "POST /api/v1/calendar/notices": "calendar",
  "POST /api/v1/calendar/closures": "calendar",
  "DELETE /api/v1/calendar/closures/:id": "calendar",
  "GET /admin/calendar": "calendar",
  "POST /admin/calendar/notices": "calendar",
  "POST /admin/calendar/notices/upload": "calendar", // H1: the notice as a .txt file
  "POST /admin/calendar/closures": "calendar",
  "POST /admin/calendar/closures/:id/delete": "calendar",
  // catalogue
  "POST /api/v1/catalog/nodes": "catalog",
  "PATCH /api/v1/catalog/nodes/:id": "catalog",
  "POST /api/v1/catalog/nodes/:id/move": "catalog",
  "POST /api/v1/catalog/nodes/:id/archive": "catalog",
  "POST /api/v1/catalog/nodes/:id/restore": "catalog",
  "GET /admin/catalog": "catalog",
  "POST /admin/catalog/nodes": "catalog",
  "GET /admin/catalog/nodes/:id": "catalog",
  "POST /admin/catalog/nodes/:id/update": "catalog",
  "POST /admin/catalog/nodes/:id/move": "catalog",
  "POST /admin/catalog/nodes/:id/reorder": "catalog",
  "POST /admin/catalog/nodes/:id/restore": "catalog",
  "POST /admin/catalog/nodes/:id/archive": "catalog",
  // publishing
  "GET /api/v1/items": "item",
  "POST /api/v1/items": "item",
  "GET /api/v1/items/:id": "item",
  "PATCH /api/v1/items/:id": "item",
  "POST /api/v1/items/:id/actions": "item",
  "GET /api/v1/items/:id/attachments": "item",
  "POST /api/v1/items/:id/attachments": "item",
  "DELETE /api/v1/items/:id/attachments/:attId": "item",
  "GET /api/v1/items/:id/attachments/:attId/text": "item",
  "PUT /api/v1/items/:id/validity": "item",
  "GET /api/v1/items/:id/history": "item",
  "GET /admin/items": "item",
  "GET /admin/items/new": "item",
  "POST /admin/items/new": "item",
  "GET /admin/items/:id": "item",
  "POST /admin/items/:id/actions": "item",
  "POST /admin/items/:id/attachments": "item",
  "GET /admin/items/:id/attachments/:attId": "item",
  "POST /admin/items/:id/attachments/:attId/delete": "item",
  "POST /admin/items/:id/validity": "item",
  "GET /admin/items/:id/edit": "item",
  "POST /admin/items/:id/edit": "item",
  "GET /admin/items/:id/diff": "item",
  // review
  "GET /api/v1/items/:id/findings": "review",
  "POST /api/v1/items/:id/findings/mask": "review",
  "POST /api/v1/items/:id/findings/links": "review",
  "POST /api/v1/items/:id/findings/:fid/exempt": "review",
  "POST /admin/items/:id/review/links": "review",
  "POST /admin/items/:id/review/mask": "review",
  "POST /admin/items/:id/review/findings/:fid/exempt": "review",
  "GET /admin/review/settings": "review",
  "POST /admin/review/settings": "review",
  // messages and error reports (H5, issue 13)
  "POST /api/v1/messages": "public", // a staff token registers a call, letter or visit (interaction.policy)
  "GET /api/v1/messages/track": "public.applicant",
  "POST /api/v1/messages/:id/rating": "public.applicant",
  "POST /api/v1/error-reports": "public",
  "GET /api/v1/messages": "message",
  "GET /api/v1/messages/error-report-stats": "message",
  "GET /api/v1/messages/statistics": "message",
  "GET /api/v1/messages/statistics.xlsx": "message",
  "POST /api/v1/messages/statistics/refresh": "message",
  "GET /api/v1/messages/overdue": "message",
  "GET /api/v1/messages/:id": "message",
  "POST /api/v1/messages/:id/actions": "message",
  "GET /api/v1/sites/current/message-deadlines": "message",
  "PUT /api/v1/sites/current/message-deadlines": "message",
  // messages' pages (H6): the Q&A and the forms are public; tracking and rating need the code and secret
  "GET /hd/messages": "public",
  "GET /hd/messages/new": "public",
  "POST /hd/messages/new": "public",
  "GET /hd/messages/:id": "public",
  "GET /hd/messages/track": "public.applicant",
  "POST /hd/messages/track": "public.applicant",
  "POST /hd/messages/track/rating": "public.applicant",
  "GET /hd/error-report": "public",
  "POST /hd/error-report": "public",
  "GET /admin/messages": "message",
  "GET /admin/messages/new": "message",
  "POST /admin/messages/new": "message",
  "GET /admin/messages/stats": "message",
  "GET /admin/messages/statistics": "message",
  "GET /admin/messages/statistics.xlsx": "message",
  "POST /admin/messages/statistics/refresh": "message",
  "GET /admin/messages/:id": "message",
  "POST /admin/messages/:id/actions": "message",
  // applications
  "POST /api/v1/applications": "public",
  "GET /api/v1/applications/track": "public.applicant",
  "POST /api/v1/applications/intake": "application",
  "GET /api/v1/applications": "application",
  "GET /api/v1/applications/:id": "application",
  "POST /api/v1/applications/:id/actions": "application",
  "POST /api/v1/applications/:id/disputes": "application",
  "POST /api/v1/applications/:id/archive": "application",
  "DELETE /api/v1/applications/:id/archive": "application",
  "GET /api/v1/applications/:id/documents": "application",
  "POST /api/v1/applications/:id/documents": "application",
  "GET /api/v1/applications/:id/files": "application",
  "POST /api/v1/applications/:id/files": "application",
  "GET /api/v1/applications/:id/files/:fileId": "application",
  "GET /api/v1/applications/archive": "application",
  "GET /api/v1/applications/repeated": "application",
  "POST /api/v1/applications/repeated/decisions": "application",
  "GET /admin/applications": "application",
  "GET /admin/applications/export.xlsx": "application",
  "GET /admin/applications/new": "application",
  "POST /admin/applications/new": "application",
  "GET /admin/applications/archive": "application",
  "GET /admin/applications/repeated": "application",
  "POST /admin/applications/repeated/decide": "application",
  "GET /admin/applications/:id": "application",
  "POST /admin/applications/:id/actions": "application",
  "POST /admin/applications/:id/archive": "application",
  "POST /admin/applications/:id/archive/withdraw": "application",
  "POST /admin/applications/:id/archive/suggestion": "application",
  "GET /admin/applications/:id/letters/:file": "application",
  "POST /admin/applications/:id/documents": "application",
  "GET /admin/applications/:id/documents/:docId": "application",
  "POST /admin/applications/:id/documents/:docId/delete": "application",
  "POST /admin/applications/:id/files": "application",
  "GET /admin/applications/:id/files/:fileId": "application",
  // site search (H2): staff search scoped like the item list; dictionary and rebuild: org.manage at the site root
  "GET /admin/search": "item",
  "GET /admin/search/dictionary": "org",
  "POST /admin/search/dictionary": "org",
  "POST /admin/search/dictionary/remove": "org",
  "POST /admin/search/reindex": "org",
  // the 12345 hotline (issue 13 item 7): its integration account's API, the numbers register, the upload
  "POST /api/v1/hotline/tickets": "hotline",
  "GET /api/v1/hotline/tickets/:ticket_no": "hotline",
  "POST /api/v1/hotline/tickets/:ticket_no/satisfaction": "hotline",
  "GET /api/v1/hotline/numbers": "public",
  "GET /hd/hotlines": "public",
  "GET /admin/hotline/numbers": "hotline",
  "POST /admin/hotline/numbers": "hotline",
  "GET /admin/hotline/numbers/new": "hotline",
  "GET /admin/hotline/numbers/:id": "hotline",
  "POST /admin/hotline/numbers/:id": "hotline",
  "POST /admin/hotline/numbers/:id/delete": "hotline",
  "GET /admin/hotline/import": "hotline",
  "POST /admin/hotline/import": "hotline",
  "POST /admin/hotline/import/confirm": "hotline",
  // public consultation (H7, issue 13 item 5)
  "GET /hd/consultations": "public",
  "GET /hd/consultations/:id": "public",
  "POST /hd/consultations/:id/comments": "public",
  "GET /hd/consultations/:id/documents/:docId": "public",
  "GET /api/v1/consultations": "public",
  "GET /api/v1/consultations/:id": "public", // drafts too for staff the consultation policy lets see them
  "POST /api/v1/consultations/:id/comments": "public",
  "POST /api/v1/consultations": "consultation",
  "POST /api/v1/consultations/:id/actions": "consultation",
  "PATCH /api/v1/consultations/:id": "consultation",
  "GET /admin/consultations": "consultation",
  "GET /admin/consultations/new": "consultation",
  "POST /admin/consultations/new": "consultation",
  "GET /admin/consultations/:id": "consultation",
  "GET /admin/consultations/:id/edit": "consultation",
  "POST /admin/consultations/:id/edit": "consultation",
  "POST /admin/consultations/:id/actions": "consultation",
  "POST /admin/consultations/:id/documents": "consultation",
  "POST /admin/consultations/:id/comments/:commentId": "consultation",
  "POST /admin/consultations/:id/report": "consultation",
  // government meetings (issue 13 item 6)
  "GET /hd/meetings": "public",
  "GET /hd/meetings/track": "public.applicant",
  "POST /hd/meetings/track": "public.applicant",
  "GET /hd/meetings/:id": "public",
  "POST /hd/meetings/:id/attendance": "public",
  "GET /api/v1/meetings": "public",
  "GET /api/v1/meetings/attendance/track": "public.applicant",
  "GET /api/v1/meetings/:id": "public", // drafts too for staff the meetings policy lets see them
  "POST /api/v1/meetings/:id/attendance": "public",
  "POST /api/v1/meetings": "meeting",
  "PATCH /api/v1/meetings/:id": "meeting",
  "POST /api/v1/meetings/:id/actions": "meeting",
  "GET /api/v1/meetings/:id/attendance": "meeting",
  "POST /api/v1/meetings/:id/attendance/:aid/decision": "meeting",
  "GET /admin/meetings": "meeting",
  "GET /admin/meetings/new": "meeting",
  "POST /admin/meetings/new": "meeting",
  "GET /admin/meetings/:id": "meeting",
  "POST /admin/meetings/:id/edit": "meeting",
  "POST /admin/meetings/:id/actions": "meeting",
  "POST /admin/meetings/:id/attendance/:aid": "meeting",
  // the annual report (issue 14)
  "GET /api/v1/reports/annual": "report",
  "PUT /api/v1/reports/annual/:year/figures": "report",
  "POST /api/v1/reports/annual/:year/release": "report",
  "GET /admin/reports/annual": "report",
  "GET /admin/reports/annual.docx": "report",
  "GET /admin/reports/annual.pdf": "report",
  "GET /admin/reports/annual/edit": "report",
  "POST /admin/reports/annual/edit": "report",
  "POST /admin/reports/annual/release": "report",
  "POST /admin/reports/annual/figures": "report",
  // site health (issue 14 item 3)
  "GET /api/v1/health/site": "health",
  "GET /api/v1/health/site/history": "health",
  "GET /admin/health": "health",
  // mail
  "GET /api/v1/mail/outbox": "mail",
  "POST /api/v1/mail/outbox/:id/retry": "mail",
  "GET /admin/mail": "mail",
  "POST /admin/mail/:id/retry": "mail",
};

export interface RegisteredRoute {
  method: string;
  url: string;
  policy: PolicyName | undefined;
}

/** The policy of a route: its own `config.policy`, else the table; the Mongolian portal mirrors `/`. */
export function policyOf(method: string, url: string, own?: PolicyName): PolicyName | undefined {
  if (own) return own;
  const m = method === "HEAD" ? "GET" : method;
  const path = url === "/mn" || url === "/mn/" ? "/" : url.startsWith("/mn/") ? url.slice(3) : url;
  return ROUTE_POLICIES[`${m} ${path}`];
}

/** Records every route with its policy (set on `config.policy` for hooks to read). Call before routes. */
export function installRoutePolicies(app: FastifyInstance): RegisteredRoute[] {
  const registered: RegisteredRoute[] = [];
  app.addHook("onRoute", (route: RouteOptions) => {
    const methods = ([] as string[]).concat(route.method);
    const own = (route.config as { policy?: PolicyName } | undefined)?.policy;
    for (const method of methods) {
      const policy = policyOf(method, route.url, own);
      registered.push({ method, url: route.url, policy });
      if (policy) route.config = { ...(route.config ?? {}), policy } as typeof route.config;
    }
  });
  return registered;
}
