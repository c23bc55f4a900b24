import { Type } from "@sinclair/typebox";
import type { Deps } from "../../deps";
import { AppError, type ErrorDetail } from "../../platform/errors";
import { diffLines } from "../../platform/text-diff";
import { formatShanghai } from "../../platform/time";
import { requireUser } from "../../web/auth";
import type { AppInstance } from "../../web/types";
import { loadOrgTree } from "../orgs";
import { sendItemDetail } from "./publishing.admin-detail";
import { IdParams, itemPageSender } from "./publishing.admin-views";
import { itemNotFound, mayViewItem } from "./publishing.policy";
import * as repo from "./publishing.repo";
import { VALIDITIES } from "./publishing.schemas";
import { performAction, setValidity } from "./publishing.service";
import { ITEM_WORKFLOW, type OfferedAction, STEPS } from "./workflow.steps";

const doneText = (action: OfferedAction) =>
  action === "revise" ? "已生成修订草稿" : `已${STEPS[action].label}`;

/**
 * Each problem of a refused step once: the refusal's sentence, then the details that say something more
 * (not the same sentence again, nor the open review findings, which the review panel lists beside it).
 */
export function problemsOnce(e: AppError, action: string): ErrorDetail[] {
  // The review findings link to the panel that lists them; anything else names its sentence once.
  if (e.code === "review_findings_open") return [{ field: "review-title", code: e.code, message: e.message }];
  // Links only to fields the item page has: the step's note and publication time.
  const fieldOn = (f?: string) => (f === "note" ? `note-${action}` : f === "at" ? "at" : undefined);
  const seen = new Set([e.message]);
  const more = e.details.filter((d) => !seen.has(d.message) && seen.add(d.message));
  const same = e.details.find((d) => d.message === e.message);
  return [same ?? { code: e.code, message: e.message }, ...more].map((d) => ({
    ...d,
    field: fieldOn(d.field),
  }));
}

/** An item's page and the steps taken from it: workflow actions, validity, version comparison. */
export function registerItemRoutes(app: AppInstance, deps: Deps): void {
  const layout = itemPageSender(deps);

  app.get("/admin/items/:id", { schema: { hide: true, params: IdParams } }, async (req, reply) => {
    const user = requireUser(req);
    return sendItemDetail(deps, req, reply, user, req.params.id);
  });

  app.post(
    "/admin/items/:id/actions",
    {
      schema: {
        hide: true,
        params: IdParams,
        body: Type.Object({
          action: Type.String({ maxLength: 20 }),
          note: Type.Optional(Type.String({ maxLength: 1000 })),
          at: Type.Optional(Type.String({ maxLength: 40 })),
          _csrf: Type.Optional(Type.String()),
        }),
      },
    },
    async (req, reply) => {
      const user = requireUser(req);
      try {
        if (!Object.hasOwn(ITEM_WORKFLOW, req.body.action))
          throw new AppError("validation_failed", 400, "未知操作。", [
            { field: "action", code: "not_allowed", message: "未知操作。" },
          ]);
        // datetime-local has no zone: it is Beijing time.
        const at = req.body.at
          ? new Date(`${req.body.at}${req.body.at.length === 16 ? ":00" : ""}+08:00`).toISOString()
          : undefined;
        const result = await performAction(deps, user, req.params.id, {
          action: req.body.action as never,
          note: req.body.note,
          at,
        });
        req.session.set(
          "flash",
          result.status === "scheduled"
            ? `已定时：${formatShanghai(result.scheduled_at!)} 发布`
            : doneText(req.body.action as OfferedAction),
        );
        return reply.redirect(`/admin/items/${result.id}`, 303);
      } catch (e) {
        if (!(e instanceof AppError) || e.status >= 500) throw e;
        // A step the rules refuse (four eyes) is shown on the item's page; other refusals are error pages.
        if ((e.status === 403 && e.code !== "four_eyes_required") || e.status === 404) throw e;
        return sendItemDetail(
          deps,
          req,
          reply,
          user,
          req.params.id,
          problemsOnce(e, req.body.action),
          e.status,
        );
      }
    },
  );

  app.post(
    "/admin/items/:id/validity",
    {
      schema: {
        hide: true,
        params: IdParams,
        body: Type.Object({
          validity: Type.String({ maxLength: 20 }),
          on: Type.String({ maxLength: 20 }),
          replaced_by: Type.Optional(Type.String({ maxLength: 40 })),
          _csrf: Type.Optional(Type.String()),
        }),
      },
    },
    async (req, reply) => {
      const user = requireUser(req);
      try {
        if (
          !(VALIDITIES as readonly string[]).includes(req.body.validity) ||
          !/^\d{4}-\d{2}-\d{2}$/.test(req.body.on)
        ) {
          throw new AppError("validation_failed", 400, "请选择有效性并填写日期（年-月-日）。", [
            { field: "on", code: "invalid_date", message: "请选择有效性并填写日期（年-月-日）。" },
          ]);
        }
        await setValidity(deps, user, req.params.id, {
          validity: req.body.validity,
          on: req.body.on,
          replaced_by: req.body.replaced_by || undefined,
        });
        req.session.set("flash", "有效性已更新。");
        return reply.redirect(`/admin/items/${req.params.id}`, 303);
      } catch (e) {
        if (!(e instanceof AppError) || e.status >= 500 || e.status === 403 || e.status === 404) throw e;
        return sendItemDetail(
          deps,
          req,
          reply,
          user,
          req.params.id,
          e.details.length ? e.details : [{ code: e.code, message: e.message }],
          e.status,
        );
      }
    },
  );

  app.get(
    "/admin/items/:id/diff",
    {
      schema: {
        hide: true,
        params: IdParams,
        querystring: Type.Object({ against: Type.String({ maxLength: 40 }) }),
      },
    },
    async (req, reply) => {
      const user = requireUser(req);
      const [a, b] = await Promise.all([
        repo.findItem(deps.db.kysely, req.query.against),
        repo.findItem(deps.db.kysely, req.params.id),
      ]);
      if (!a || !b || a.lineage_id !== b.lineage_id)
        throw new AppError("item_not_found", 404, "要比较的版本不存在。");
      if (!mayViewItem(user, b, await loadOrgTree(deps, user.siteId))) throw itemNotFound();
      const lines = diffLines(`${a.title}\n\n${a.body_text}`, `${b.title}\n\n${b.body_text}`);
      return layout(
        user,
        reply,
        `版本比较：第 ${a.version} 版 → 第 ${b.version} 版`,
        "/admin/items",
        <>
          <p>
            <a href={`/admin/items/${b.id}`}>返回</a>
          </p>
          <p class="meta">删除的内容以“−”标出，新增的内容以“+”标出。</p>
          <ol class="diff">
            {lines.map((l) =>
              l.op === "same" ? (
                <li safe>{`　${l.text}`}</li>
              ) : l.op === "add" ? (
                <li>
                  <ins safe>{`+ ${l.text}`}</ins>
                </li>
              ) : (
                <li>
                  <del safe>{`− ${l.text}`}</del>
                </li>
              ),
            )}
          </ol>
        </>,
      );
    },
  );
}
