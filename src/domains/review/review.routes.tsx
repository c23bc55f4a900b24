import { Type } from "@sinclair/typebox";
import type { FastifyRequest } from "fastify";
import type { Deps } from "../../deps";
import { AppError, type ErrorDetail } from "../../platform/errors";
import { authorizeAny, requireUser } from "../../web/auth";
import type { AppInstance } from "../../web/types";
import { AdminLayout, addAdminNav, takeFlash } from "../../web/views/admin-layout";
import { Field } from "../../web/views/fields";
import { CsrfField, ErrorSummary } from "../../web/views/layout";
import { resolveSite } from "../orgs";
import { maskText, scanText } from "./engine";
import { reviewItemsOf } from "./review.port";
import {
  applyMasks,
  checkItemLinks,
  EXEMPTIONS,
  exemptFinding,
  findingsForItem,
  getReviewSettings,
  saveReviewSettings,
  scanOptionsFor,
} from "./review.service";

const TextBody = Type.Object(
  {
    text: Type.String({ maxLength: 5_000_000 }),
    allow_phones: Type.Optional(Type.Array(Type.String({ maxLength: 40 }), { maxItems: 200 })),
    sensitive_words: Type.Optional(Type.Array(Type.String({ maxLength: 40 }), { maxItems: 5000 })),
  },
  { additionalProperties: false },
);

const IdParams = Type.Object({ id: Type.String({ maxLength: 40 }) });

export function registerReviewRoutes(app: AppInstance, deps: Deps): void {
  addAdminNav({ href: "/admin/review/settings", label: "审查设置", action: "org.manage" });
  // Provided by publishing, whose routes are registered first (src/domains/publishing/review-items.ts).
  const items = reviewItemsOf(app);

  // The engine itself, for 公文管理系统 and other programs (same output as `gongkai review scan/mask`).
  app.post(
    "/api/v1/review/scan",
    {
      schema: {
        tags: ["review"],
        summary: "Pre-publication checks on UTF-8 text (code-point offsets)",
        security: [{ bearer: [] }],
        body: TextBody,
      },
    },
    async (req) => {
      const user = requireUser(req);
      const site = await scanOptionsFor(deps.db.kysely, user.siteId);
      return {
        findings: scanText(req.body.text, {
          ...site,
          allowPhones: [...(site.allowPhones ?? []), ...(req.body.allow_phones ?? [])],
          sensitiveWords: [...(site.sensitiveWords ?? []), ...(req.body.sensitive_words ?? [])],
        }),
      };
    },
  );

  app.post(
    "/api/v1/review/mask",
    {
      schema: {
        tags: ["review"],
        summary: "The same text with personal information de-identified",
        security: [{ bearer: [] }],
        body: TextBody,
      },
    },
    async (req) => {
      const user = requireUser(req);
      const site = await scanOptionsFor(deps.db.kysely, user.siteId);
      const r = maskText(req.body.text, {
        ...site,
        allowPhones: [...(site.allowPhones ?? []), ...(req.body.allow_phones ?? [])],
      });
      return {
        text: r.text,
        applied: r.applied.map(({ kind, start, end, masked }) => ({ kind, start, end, masked })),
      };
    },
  );

  app.get(
    "/api/v1/items/:id/findings",
    {
      schema: {
        tags: ["review"],
        summary: "Review findings of an item",
        security: [{ bearer: [] }],
        params: IdParams,
      },
    },
    async (req) => {
      const user = requireUser(req);
      await items.load(deps, user, "item.view", req.params.id);
      return { items: await findingsForItem(deps, req.params.id) };
    },
  );

  app.post(
    "/api/v1/items/:id/findings/mask",
    {
      schema: {
        tags: ["review"],
        summary: "De-identify the item: every open personal-information finding, or the ones listed",
        security: [{ bearer: [] }],
        params: IdParams,
        body: Type.Object(
          {
            finding_ids: Type.Optional(
              Type.Array(Type.String({ maxLength: 40 }), { minItems: 1, maxItems: 1000 }),
            ),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (req) => ({
      items: await applyMasks(deps, items, requireUser(req), req.params.id, req.body.finding_ids),
    }),
  );

  app.post(
    "/api/v1/items/:id/findings/:fid/exempt",
    {
      schema: {
        tags: ["review"],
        summary: "Record a reasoned exemption (disciplinary publicity, mandatory disclosure, consent)",
        security: [{ bearer: [] }],
        params: Type.Object({ id: Type.String({ maxLength: 40 }), fid: Type.String({ maxLength: 40 }) }),
        body: Type.Object(
          {
            decision: Type.String({ maxLength: 20, description: Object.keys(EXEMPTIONS).join(" | ") }),
            note: Type.Optional(Type.String({ maxLength: 500 })),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (req) => exemptFinding(deps, items, requireUser(req), req.params.fid, req.body),
  );

  app.post(
    "/api/v1/items/:id/findings/links",
    {
      schema: {
        tags: ["review"],
        summary: "Check that the links in the item's body answer (network)",
        security: [{ bearer: [] }],
        params: IdParams,
      },
    },
    async (req) => ({ items: await checkItemLinks(deps, items, requireUser(req), req.params.id) }),
  );

  // Back-office form posts from the item page's review panel.
  app.post(
    "/admin/items/:id/review/links",
    {
      schema: { hide: true, params: IdParams, body: Type.Object({ _csrf: Type.Optional(Type.String()) }) },
    },
    async (req, reply) => {
      const user = requireUser(req);
      const after = await checkItemLinks(deps, items, user, req.params.id);
      const dead = after.filter((f) => f.source === "links").length;
      req.session.set("flash", dead ? `发现 ${dead} 个无法访问的链接，请核实。` : "正文中的链接均可访问。");
      return reply.redirect(`/admin/items/${req.params.id}`, 303);
    },
  );
  app.post(
    "/admin/items/:id/review/mask",
    {
      schema: { hide: true, params: IdParams, body: Type.Object({ _csrf: Type.Optional(Type.String()) }) },
    },
    async (req, reply) => {
      const user = requireUser(req);
      try {
        const after = await applyMasks(deps, items, user, req.params.id);
        req.session.set(
          "flash",
          `已去标识化：${after.filter((f) => f.status === "masked").length} 处个人信息。`,
        );
      } catch (e) {
        // A file that cannot be masked: nothing changed; the reviewer is told what to upload instead.
        if (!(e instanceof AppError) || e.code !== "attachment_not_maskable") throw e;
        req.session.set("flash", `未去标识化：${e.details.map((d) => d.message).join(" ")}`);
      }
      return reply.redirect(`/admin/items/${req.params.id}`, 303);
    },
  );

  app.post(
    "/admin/items/:id/review/findings/:fid/exempt",
    {
      schema: {
        hide: true,
        params: Type.Object({ id: Type.String({ maxLength: 40 }), fid: Type.String({ maxLength: 40 }) }),
        body: Type.Object({
          decision: Type.String({ maxLength: 20 }),
          note: Type.Optional(Type.String({ maxLength: 500 })),
          _csrf: Type.Optional(Type.String()),
        }),
      },
    },
    async (req, reply) => {
      const user = requireUser(req);
      try {
        await exemptFinding(deps, items, user, req.params.fid, req.body);
        req.session.set("flash", "已记录豁免理由。");
      } catch (e) {
        if (!(e instanceof AppError) || e.status !== 400) throw e;
        req.session.set("flash", `未豁免：${e.details.map((d) => d.message).join(" ")}`);
      }
      return reply.redirect(`/admin/items/${req.params.id}`, 303);
    },
  );

  // The review settings form, one textarea a setting (one entry a line).
  const settingsFields = (site: { contact_phone: string | null; contact_address: string | null }) =>
    [
      {
        key: "allowPhones",
        name: "allow_phones",
        label: "对外公布的办公电话（不作为个人信息）",
        hint: `每行一个，如 0472-8123456。网站页脚的联系电话 ${site.contact_phone ?? ""} 已自动包含。`,
        rows: 5,
      },
      { key: "allowEmails", name: "allow_emails", label: "对外公布的电子邮箱", rows: 3 },
      {
        key: "allowAddresses",
        name: "allow_addresses",
        label: "对外公布的办公地址",
        hint: `每行一个完整地址。网站页脚的地址 ${site.contact_address ?? ""} 已自动包含。`,
        rows: 3,
      },
      { key: "sensitiveWords", name: "sensitive_words", label: "敏感词（发现时提示审查人员）", rows: 8 },
    ] as const;

  const settingsPage = async (
    req: FastifyRequest,
    reply: { generateCsrf(): string },
    user: ReturnType<typeof requireUser>,
    values: { allowPhones: string; allowEmails: string; allowAddresses: string; sensitiveWords: string },
    problems: ErrorDetail[] = [],
  ) => {
    const site = await resolveSite(deps, req);
    const csrf = reply.generateCsrf();
    return (
      <AdminLayout
        user={user}
        csrf={csrf}
        title="审查设置"
        path="/admin/review/settings"
        siteName={site.name}
        flash={problems.length ? undefined : takeFlash(req)}
      >
        <ErrorSummary title="设置未保存，请修改以下问题：" problems={problems} />
        <form method="post" action="/admin/review/settings" class="stack">
          <CsrfField token={csrf} />
          <p class="hint">
            本机关对外公布的联系方式不是个人信息：审查时不提示，去标识化时也不遮盖（公民的手机号等照常处理）。
          </p>
          {settingsFields(site).map(({ key, ...f }) => (
            <Field as="textarea" {...f} value={values[key]} problems={problems} />
          ))}
          <button type="submit">保存</button>
        </form>
      </AdminLayout>
    );
  };

  app.get("/admin/review/settings", { schema: { hide: true } }, async (req, reply) => {
    const user = requireUser(req);
    authorizeAny(user, "org.manage");
    const site = await resolveSite(deps, req);
    const s = await getReviewSettings(deps, site.id);
    const page = await settingsPage(req, reply, user, {
      allowPhones: s.allowPhones.join("\n"),
      allowEmails: s.allowEmails.join("\n"),
      allowAddresses: s.allowAddresses.join("\n"),
      sensitiveWords: s.sensitiveWords.join("\n"),
    });
    return reply.type("text/html; charset=utf-8").send(page);
  });

  app.post(
    "/admin/review/settings",
    {
      schema: {
        hide: true,
        body: Type.Object({
          allow_phones: Type.String({ maxLength: 20000 }),
          allow_emails: Type.String({ maxLength: 20000 }),
          allow_addresses: Type.Optional(Type.String({ maxLength: 20000 })),
          sensitive_words: Type.String({ maxLength: 200000 }),
          _csrf: Type.Optional(Type.String()),
        }),
      },
    },
    async (req, reply) => {
      const user = requireUser(req);
      authorizeAny(user, "org.manage");
      const site = await resolveSite(deps, req);
      const values = {
        allowPhones: req.body.allow_phones,
        allowEmails: req.body.allow_emails,
        allowAddresses: req.body.allow_addresses ?? "",
        sensitiveWords: req.body.sensitive_words,
      };
      try {
        await saveReviewSettings(deps, user, site.id, values);
      } catch (e) {
        if (!(e instanceof AppError) || e.status !== 400) throw e;
        const page = await settingsPage(req, reply, user, values, e.details);
        return reply.status(400).type("text/html; charset=utf-8").send(page);
      }
      req.session.set("flash", "审查设置已保存。");
      return reply.redirect("/admin/review/settings", 303);
    },
  );
}
