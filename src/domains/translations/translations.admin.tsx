// The back office's page of the portal's UI strings (issue 18 item 2): every key with the shipped Chinese and
// Mongolian texts and the site's own text in the language chosen, filtered (untranslated, overridden) and
// searched; one key's page edits or reverts the override. Forms post and redirect (303); the back-office hook
// checks the login and the CSRF token; translations.policy.ts decides.
import { Type } from "@sinclair/typebox";
import type { FastifyReply } from "fastify";
import type { Deps } from "../../deps";
import { AppError, type ErrorDetail } from "../../platform/errors";
import { sendAdminPage } from "../../web/admin-page";
import { requireUser } from "../../web/auth";
import { type Lang, shippedTextOf } from "../../web/i18n";
import type { AppInstance } from "../../web/types";
import { addAdminNav, takeFlash } from "../../web/views/admin-layout";
import { ErrorList } from "../../web/views/error-list";
import { Field } from "../../web/views/fields";
import type { CurrentUser } from "../accounts";
import {
  getTranslation,
  isLang,
  listTranslations,
  MAX_TEXT,
  revertTranslation,
  setTranslation,
  type TranslationFilter,
} from "./translations.service";

const BASE = "/admin/translations";
const LANG_LABELS: Record<Lang, string> = { "zh-CN": "中文", "mn-Mong": "蒙古文" };
const FILTER_LABELS: Record<TranslationFilter, string> = {
  all: "全部",
  untranslated: "未翻译（门户页面显示中文）",
  overridden: "本站已改写",
};

const ListQuery = Type.Object({
  lang: Type.Optional(Type.String({ maxLength: 10 })),
  filter: Type.Optional(Type.String({ maxLength: 20 })),
  q: Type.Optional(Type.String({ maxLength: 100 })),
});
const KeyParams = Type.Object({ lang: Type.String({ maxLength: 10 }), key: Type.String({ maxLength: 100 }) });
const FormBody = Type.Record(Type.String({ maxLength: 20 }), Type.String({ maxLength: 8000 }));

const editPath = (lang: string, key: string) =>
  `${BASE}/${encodeURIComponent(lang)}/${encodeURIComponent(key)}`;
const problemsOf = (e: AppError): ErrorDetail[] =>
  e.details.length ? e.details : [{ code: e.code, message: e.message }];

/** A text in its language (Mongolian shown in its own script and font, horizontally in the back office). */
const Text = (p: { lang: Lang; text: string | null; none?: string }) =>
  p.text === null ? (
    <span class="meta" safe>
      {p.none ?? "（无）"}
    </span>
  ) : (
    <span lang={p.lang} safe>
      {p.text}
    </span>
  );

export function registerTranslationAdmin(app: AppInstance, deps: Deps): void {
  addAdminNav({ href: BASE, label: "界面文字", action: "translation.manage" });

  app.get(BASE, { schema: { hide: true, querystring: ListQuery } }, async (req, reply) => {
    const user = requireUser(req);
    const lang: Lang = req.query.lang && isLang(req.query.lang) ? req.query.lang : "mn-Mong";
    const filter =
      (["all", "untranslated", "overridden"] as const).find((f) => f === req.query.filter) ?? "all";
    const list = await listTranslations(deps, user, { lang, filter, search: req.query.q });
    return sendAdminPage(
      deps,
      reply,
      { user, title: "网站界面文字", path: BASE, flash: takeFlash(req) },
      <>
        <p>
          门户网站的按钮、栏目名称、提示和说明文字。系统自带中文和蒙古文两种文字；本站点可改写任一条，改写后全站页面立即使用本站的文字。
          蒙古文页面上缺少蒙古文的文字以中文显示并加以标注，列在“未翻译”中。
        </p>
        <p class="meta" safe>
          {`${LANG_LABELS[lang]}：共 ${list.items.length} 条符合条件；未翻译 ${list.untranslated} 条；本站已改写 ${list.overridden} 条。`}
        </p>
        <form method="get" action={BASE} class="filters">
          <Field
            as="select"
            name="lang"
            id="f-lang"
            label="语言"
            value={lang}
            choices={[
              { value: "mn-Mong", label: "蒙古文" },
              { value: "zh-CN", label: "中文" },
            ]}
          />
          <Field
            as="select"
            name="filter"
            id="f-filter"
            label="范围"
            value={filter}
            choices={(Object.keys(FILTER_LABELS) as TranslationFilter[]).map((f) => ({
              value: f,
              label: FILTER_LABELS[f],
            }))}
          />
          <Field name="q" id="f-q" type="search" label="查找文字" value={req.query.q ?? ""} maxlength={100} />
          <button type="submit">筛选</button>
        </form>
        {list.items.length === 0 ? (
          <p>没有符合条件的文字。</p>
        ) : (
          <table class="translations">
            <caption class="visually-hidden">界面文字列表</caption>
            <thead>
              <tr>
                <th scope="col">中文（系统自带）</th>
                {lang === "mn-Mong" ? <th scope="col">蒙古文（系统自带）</th> : ""}
                <th scope="col" safe>{`本站${LANG_LABELS[lang]}`}</th>
                <th scope="col">操作</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((e) => (
                <tr class={e.untranslated ? "untranslated-row" : undefined}>
                  <td>
                    <Text lang="zh-CN" text={e.source} />
                    <br />
                    <code class="meta" safe>
                      {e.key}
                    </code>
                    {e.public_portal ? "" : <span class="meta">（仅后台使用）</span>}
                  </td>
                  {lang === "mn-Mong" ? (
                    <td>
                      <Text
                        lang="mn-Mong"
                        text={e.shipped}
                        none={e.public_portal ? "未翻译：页面显示中文" : "（后台文字，无需蒙古文）"}
                      />
                      {e.missing_renders ? (
                        <span class="meta" safe>{`（已有 ${e.missing_renders} 次页面显示中文）`}</span>
                      ) : (
                        ""
                      )}
                    </td>
                  ) : (
                    ""
                  )}
                  <td>
                    <Text lang={lang} text={e.override} none="使用系统自带" />
                  </td>
                  <td>
                    <a href={editPath(lang, e.key)}>{e.override === null ? "改写" : "修改"}</a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </>,
    );
  });

  const editPage = async (
    user: CurrentUser,
    reply: FastifyReply,
    lang: string,
    key: string,
    f: { value?: string; problems?: ErrorDetail[]; status?: number; flash?: string } = {},
  ) => {
    const t = await getTranslation(deps, user, lang, key);
    const csrf = reply.generateCsrf();
    return sendAdminPage(
      deps,
      reply,
      { user, title: `改写界面文字（${LANG_LABELS[t.lang]}）`, path: BASE, status: f.status, flash: f.flash },
      <>
        <p>
          <a href={`${BASE}?lang=${encodeURIComponent(t.lang)}`}>返回界面文字列表</a>
        </p>
        <ErrorList problems={f.problems ?? []} title="文字未保存，请修改以下问题：" />
        <dl class="meta-list">
          <dt>文字代码</dt>
          <dd>
            <code safe>{t.key}</code>
          </dd>
          <dt>中文（系统自带）</dt>
          <dd>
            <Text lang="zh-CN" text={t.source} />
          </dd>
          <dt>蒙古文（系统自带）</dt>
          <dd>
            <Text lang="mn-Mong" text={shippedTextOf("mn-Mong", t.key) ?? null} none="未翻译" />
          </dd>
          <dt>页面现在显示</dt>
          <dd>
            <Text lang={t.lang} text={t.effective} none="中文原文（标注为未翻译）" />
          </dd>
        </dl>
        <form method="post" action={editPath(t.lang, t.key)} class="stack">
          <input type="hidden" name="_csrf" value={csrf} />
          <Field
            as="textarea"
            name="text"
            id="text"
            lang={t.lang}
            rows={4}
            maxlength={MAX_TEXT}
            label={`本站${LANG_LABELS[t.lang]}文字`}
            hint="花括号中的占位符（如 {site}、{n}）由页面填入，须与中文原文一致。"
            value={f.value ?? t.override ?? t.effective ?? ""}
            problems={f.problems}
          />
          <button type="submit">保存</button>
        </form>
        {t.override !== null ? (
          <form method="post" action={`${editPath(t.lang, t.key)}/revert`} class="stack">
            <input type="hidden" name="_csrf" value={csrf} />
            <button type="submit" class="secondary">
              恢复系统自带的文字
            </button>
          </form>
        ) : (
          ""
        )}
      </>,
    );
  };

  app.get(`${BASE}/:lang/:key`, { schema: { hide: true, params: KeyParams } }, async (req, reply) =>
    editPage(requireUser(req), reply, req.params.lang, req.params.key, { flash: takeFlash(req) }),
  );

  app.post(
    `${BASE}/:lang/:key`,
    { schema: { hide: true, params: KeyParams, body: FormBody } },
    async (req, reply) => {
      const user = requireUser(req);
      const { lang, key } = req.params;
      const text = req.body.text ?? "";
      try {
        await setTranslation(deps, user, lang, key, text);
      } catch (e) {
        if (!(e instanceof AppError) || e.status !== 400) throw e;
        return editPage(user, reply, lang, key, { value: text, problems: problemsOf(e), status: 400 });
      }
      req.session.set("flash", "已保存，网站页面已使用本站的文字。");
      return reply.redirect(editPath(lang, key), 303);
    },
  );

  app.post(
    `${BASE}/:lang/:key/revert`,
    { schema: { hide: true, params: KeyParams, body: FormBody } },
    async (req, reply) => {
      const user = requireUser(req);
      await revertTranslation(deps, user, req.params.lang, req.params.key);
      req.session.set("flash", "已恢复系统自带的文字。");
      return reply.redirect(editPath(req.params.lang, req.params.key), 303);
    },
  );
}
