import { Type } from "@sinclair/typebox";
import type { Deps } from "../../deps";
import { requireUser } from "../../web/auth";
import type { AppInstance } from "../../web/types";
import { listTranslations, revertTranslation, setTranslation } from "./translations.service";

const TAGS = ["translations"];

const ListQuery = Type.Object({
  lang: Type.String({ maxLength: 10, description: "zh-CN or mn-Mong" }),
  filter: Type.Optional(
    Type.Union([Type.Literal("all"), Type.Literal("untranslated"), Type.Literal("overridden")]),
  ),
  q: Type.Optional(Type.String({ maxLength: 100, description: "words in the key or any of its texts" })),
});
const KeyParams = Type.Object({
  lang: Type.String({ maxLength: 10 }),
  key: Type.String({ maxLength: 100 }),
});
const TextBody = Type.Object({ text: Type.String({ maxLength: 4000 }) }, { additionalProperties: false });

const Entry = Type.Object({
  key: Type.String(),
  source: Type.String({ description: "the shipped Chinese text (the source)" }),
  shipped: Type.Union([Type.String(), Type.Null()]),
  override: Type.Union([Type.String(), Type.Null()]),
  effective: Type.Union([Type.String(), Type.Null()]),
  untranslated: Type.Boolean(),
  public_portal: Type.Boolean(),
  missing_renders: Type.Integer(),
  updated_at: Type.Union([Type.String(), Type.Null()]),
});
const One = Type.Object({
  lang: Type.String(),
  key: Type.String(),
  source: Type.String(),
  shipped: Type.Union([Type.String(), Type.Null()]),
  override: Type.Union([Type.String(), Type.Null()]),
  effective: Type.Union([Type.String(), Type.Null()]),
  public_portal: Type.Boolean(),
  updated_at: Type.Union([Type.String(), Type.Null()]),
});

// The site's wording of the portal's UI strings (issue 18 item 2): the office at the site root.
export function registerTranslationApi(app: AppInstance, deps: Deps): void {
  app.get(
    "/api/v1/translations",
    {
      schema: {
        tags: TAGS,
        operationId: "getTranslations",
        summary: "Every UI string of one language: the shipped text, the site's override, untranslated ones",
        querystring: ListQuery,
        response: {
          200: Type.Object({
            lang: Type.String(),
            untranslated: Type.Integer(),
            overridden: Type.Integer(),
            items: Type.Array(Entry),
          }),
        },
      },
    },
    async (req) =>
      listTranslations(deps, requireUser(req), {
        lang: req.query.lang,
        filter: req.query.filter,
        search: req.query.q,
      }),
  );

  app.put(
    "/api/v1/translations/:lang/:key",
    {
      schema: {
        tags: TAGS,
        operationId: "putTranslation",
        summary: "The site's own text for one UI string (placeholders as in the Chinese source)",
        params: KeyParams,
        body: TextBody,
        response: { 200: One },
      },
    },
    async (req) =>
      strip(await setTranslation(deps, requireUser(req), req.params.lang, req.params.key, req.body.text)),
  );

  app.delete(
    "/api/v1/translations/:lang/:key",
    {
      schema: {
        tags: TAGS,
        operationId: "deleteTranslation",
        summary: "Back to the shipped text (404 translation_override_not_found when the site has none)",
        params: KeyParams,
        response: { 200: One },
      },
    },
    async (req) => strip(await revertTranslation(deps, requireUser(req), req.params.lang, req.params.key)),
  );
}

const strip = ({ shipped_mn: _, ...rest }: Awaited<ReturnType<typeof setTranslation>>) => rest;
