import { Type } from "@sinclair/typebox";
import type { Deps } from "../../deps";
import { AppError } from "../../platform/errors";
import { authorizeAny, requireUser } from "../../web/auth";
import type { AppInstance } from "../../web/types";
import { type CurrentUser, can } from "../accounts";
import { listActiveColumns } from "../catalog";
import { FormBody, IdParams, ItemForm, type ItemFormValues, itemPageSender } from "./publishing.admin-views";
import { loadItemFor } from "./publishing.policy";
import * as repo from "./publishing.repo";
import { createItem, updateDraft } from "./publishing.service";

const formValues = (body: Record<string, unknown>): ItemFormValues => {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(body)) if (typeof v === "string" && k !== "_csrf") out[k] = v;
  return out;
};

/** Turns form fields into API input: empty optional fields are absent, as if not sent. */
function toInput(v: ItemFormValues) {
  const out: Record<string, string> = {};
  for (const [k, val] of Object.entries(v)) if (val !== undefined && val !== "") out[k] = val;
  return out;
}

/** Drafting and editing an item: the new-item and edit-draft forms. */
export function registerItemEditor(app: AppInstance, deps: Deps): void {
  const layout = itemPageSender(deps);

  const editorContext = async (user: CurrentUser, orgId: string) => ({
    columns: (await listActiveColumns(deps, orgId)).filter((c) => c.kind === "column"),
    policies: (
      await repo.listItems(
        deps.db.kysely,
        { orgIds: [orgId], kinds: ["policy", "normative"], statuses: ["draft", "published"] },
        { limit: 200, offset: 0, order: "updated" },
      )
    ).filter((p) => p.org_id === user.orgId || can(user, "item.draft", p.org_id, { isWithin: () => true })),
  });

  app.get(
    "/admin/items/new",
    {
      schema: {
        hide: true,
        querystring: Type.Object({
          kind: Type.Optional(Type.String({ maxLength: 20 })),
          interprets: Type.Optional(Type.String({ maxLength: 40 })),
        }),
      },
    },
    async (req, reply) => {
      const user = requireUser(req);
      authorizeAny(user, "item.draft");
      const ctx = await editorContext(user, user.orgId);
      const values: ItemFormValues = { kind: req.query.kind ?? "policy", interprets: req.query.interprets };
      return layout(
        user,
        reply,
        values.kind === "interpretation" ? "起草政策解读" : "起草信息",
        "/admin/items/new",
        <ItemForm
          csrf={reply.generateCsrf()}
          action="/admin/items/new"
          values={values}
          problems={[]}
          {...ctx}
          editing={false}
          submitLabel="保存草稿"
        />,
      );
    },
  );

  app.post("/admin/items/new", { schema: { hide: true, body: FormBody } }, async (req, reply) => {
    const user = requireUser(req);
    authorizeAny(user, "item.draft");
    const values = formValues(req.body);
    try {
      const input = toInput(values);
      if (input.kind !== "interpretation")
        for (const f of ["interprets", "interpreter", "form"]) delete input[f];
      const item = await createItem(deps, user, input as never);
      req.session.set("flash", `已保存草稿：${item.title}`);
      return reply.redirect(`/admin/items/${item.id}`, 303);
    } catch (e) {
      if (!(e instanceof AppError) || e.status >= 500 || e.status === 403) throw e;
      const ctx = await editorContext(user, user.orgId);
      const problems = e.details.length ? e.details : [{ code: e.code, message: e.message }];
      return layout(
        user,
        reply,
        "起草信息",
        "/admin/items/new",
        <ItemForm
          csrf={reply.generateCsrf()}
          action="/admin/items/new"
          values={values}
          problems={problems}
          {...ctx}
          editing={false}
          submitLabel="保存草稿"
        />,
        e.status,
      );
    }
  });

  app.get("/admin/items/:id/edit", { schema: { hide: true, params: IdParams } }, async (req, reply) => {
    const user = requireUser(req);
    const { item } = await loadItemFor(deps, user, "item.draft", req.params.id);
    const ctx = await editorContext(user, item.org_id);
    const nodes = (await repo.nodesOf(deps.db.kysely, [item.id])).get(item.id) ?? [];
    const values: ItemFormValues = {
      kind: item.kind,
      title: item.title,
      body: item.body_html,
      doc_number: item.doc_number ?? "",
      formed_on: item.formed_on,
      catalog_node: nodes[0],
      topic: item.topic ?? "",
      keywords: item.keywords ?? "",
      interprets: item.interprets_id ?? undefined,
      interpreter: item.interpreter ?? "",
      form: item.interpretation_form ?? undefined,
      title_mn: item.title_mn ?? "",
      body_mn: item.body_mn_html ?? "",
    };
    return layout(
      user,
      reply,
      `修改：${item.title}`,
      "/admin/items",
      <ItemForm
        csrf={reply.generateCsrf()}
        action={`/admin/items/${item.id}/edit`}
        values={values}
        problems={[]}
        {...ctx}
        editing
        submitLabel="保存修改"
      />,
    );
  });

  app.post(
    "/admin/items/:id/edit",
    { schema: { hide: true, params: IdParams, body: FormBody } },
    async (req, reply) => {
      const user = requireUser(req);
      const values = formValues(req.body);
      try {
        const input: Record<string, string> = { ...values };
        for (const f of ["kind", "interprets"]) delete input[f];
        if (values.kind !== "interpretation") for (const f of ["interpreter", "form"]) delete input[f];
        if (!input.catalog_node) delete input.catalog_node;
        const item = await updateDraft(deps, user, req.params.id, input as never);
        req.session.set("flash", "草稿已保存。");
        return reply.redirect(`/admin/items/${item.id}`, 303);
      } catch (e) {
        if (!(e instanceof AppError) || e.status >= 500 || e.status === 403 || e.status === 404) throw e;
        const item = await repo.findItem(deps.db.kysely, req.params.id);
        const ctx = await editorContext(user, item!.org_id);
        return layout(
          user,
          reply,
          "修改草稿",
          "/admin/items",
          <ItemForm
            csrf={reply.generateCsrf()}
            action={`/admin/items/${req.params.id}/edit`}
            values={values}
            problems={e.details.length ? e.details : [{ code: e.code, message: e.message }]}
            {...ctx}
            editing
            submitLabel="保存修改"
          />,
          e.status,
        );
      }
    },
  );
}
