// Public pages of the archive (申请公开答复选登) in Chinese and Mongolian: the paged list, filtered by year and
// outcome, and one entry. Only the named public fields of an entry ever reach these pages.

import { Type } from "@sinclair/typebox";
import type { Deps } from "../../../deps";
import { notFound } from "../../../platform/errors";
import { pageRequest } from "../../../platform/paging";
import { shanghaiDateOf } from "../../../platform/time";
import { type MessageKey, translator } from "../../../web/i18n";
import { addSectionLink, type PortalContext, publicPage } from "../../../web/portal";
import type { AppInstance } from "../../../web/types";
import { CursorPager, type PagerTarget, pagerParams } from "../../../web/views/cursor-pager";
import { FilterSelect } from "../../../web/views/filters";
import { PublicLayout } from "../../../web/views/layout";
import { ExportLinks } from "../../opendata/opendata.links";
import {
  ARCHIVE_PER_PAGE,
  findPublicArchive,
  isOutcomeGroup,
  OUTCOME_GROUPS,
  type PublicArchiveEntry,
  pagePublicArchive,
} from "./archive.service";

/** Publish and withdraw clear the page cache at once; the TTL bounds staleness from other edits. */
const TTL_MS = 60_000;

const ListQuery = Type.Object({
  year: Type.Optional(Type.Union([Type.Literal(""), Type.Integer({ minimum: 1990, maximum: 2100 })])),
  outcome: Type.Optional(Type.Union([Type.Literal(""), ...OUTCOME_GROUPS.map((k) => Type.Literal(k))])),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000 })),
  cursor: Type.Optional(Type.String({ maxLength: 300 })),
});

const applicantLabel = (c: PortalContext, type: string) =>
  type === "org" || type === "natural" ? c.t(`archive.applicant.${type}` as MessageKey) : type;

/** The facts of an entry; the outcome keeps its table-三 wording (Chinese) in every language. */
function EntryFacts(p: { c: PortalContext; e: PublicArchiveEntry }) {
  const { c, e } = p;
  return (
    <dl class="facts">
      <dt safe>{c.t("archive.applicant_type")}</dt>
      <dd safe>{applicantLabel(c, e.applicant_type)}</dd>
      <dt safe>{c.t("archive.received_on")}</dt>
      <dd safe>{e.received_on ?? "—"}</dd>
      <dt safe>{c.t("archive.replied_on")}</dt>
      <dd safe>{e.replied_on}</dd>
      <dt safe>{c.t("archive.outcome")}</dt>
      <dd safe>{e.outcome_label}</dd>
      <dt safe>{c.t("archive.org")}</dt>
      <dd safe>{e.org_name}</dd>
    </dl>
  );
}

const paragraphs = (text: string) =>
  text
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => <p safe>{l}</p>);

export function registerArchivePages(app: AppInstance, deps: Deps): void {
  addSectionLink("interaction", { path: "/hd/archive", label: (lang) => translator(lang)("archive.title") });

  publicPage(
    app,
    deps,
    "/hd/archive",
    async (c, req) => {
      const q = req.query as { year?: number | ""; outcome?: string; page?: number; cursor?: string };
      const pageReq = pageRequest(q, ARCHIVE_PER_PAGE);
      const outcome = isOutcomeGroup(q.outcome) ? q.outcome : undefined;
      const year = q.year || undefined;
      const list = await pagePublicArchive(deps, c.site.id, { year, outcome }, pageReq);
      const url = (to: PagerTarget) => {
        const merged: Record<string, string | number | undefined> = { year, outcome, ...pagerParams(to) };
        const u = new URLSearchParams(
          Object.entries(merged).flatMap(
            ([k, v]): Array<[string, string]> => (v === undefined || v === "" ? [] : [[k, String(v)]]),
          ),
        );
        return `${c.prefix}/hd/archive${u.size ? `?${u}` : ""}`;
      };
      const thisYear = Number(shanghaiDateOf(deps.clock.now()).slice(0, 4));
      return (
        <PublicLayout
          lang={c.lang}
          t={c.t}
          site={c.site}
          title={c.t("archive.title")}
          path={c.path}
          section="interaction"
        >
          <h1 safe>{c.t("archive.title")}</h1>
          <p safe>{c.t("archive.intro")}</p>
          <form
            method="get"
            action={`${c.prefix}/hd/archive`}
            class="filters"
            aria-label={c.t("archive.filters")}
          >
            <FilterSelect
              name="year"
              label={c.t("archive.year")}
              all={c.t("list.all")}
              selected={year ? String(year) : undefined}
              options={Array.from({ length: 8 }, (_, i) => String(thisYear - i)).map((y) => [y, y])}
            />
            <FilterSelect
              name="outcome"
              label={c.t("archive.outcome")}
              all={c.t("list.all")}
              selected={outcome}
              options={OUTCOME_GROUPS.map((g) => [g, c.t(`archive.group.${g}` as MessageKey)])}
            />
            <div>
              <button type="submit" class="button" safe>
                {c.t("list.apply")}
              </button>
            </div>
          </form>
          <p class="meta" safe>
            {c.t(list.total.capped ? "list.total_capped" : "list.total", { n: list.total.n })}
          </p>
          <ExportLinks t={c.t} path="/hd/archive" query={{ year, outcome }} />
          {list.items.length === 0 ? (
            <p safe>{c.t("archive.empty")}</p>
          ) : (
            <ul class="item-list archive-list">
              {list.items.map((e) => (
                <li>
                  <a href={`${c.prefix}/hd/archive/${e.id}`} safe>
                    {e.summary.length > 80 ? `${e.summary.slice(0, 80)}…` : e.summary}
                  </a>
                  <span
                    class="meta"
                    safe
                  >{`${e.replied_on}　${e.outcome_label}　${applicantLabel(c, e.applicant_type)}`}</span>
                </li>
              ))}
            </ul>
          )}
          <CursorPager
            page={list.page}
            size={ARCHIVE_PER_PAGE}
            next={list.next}
            prev={list.prev}
            total={list.total}
            href={url}
            text={{
              label: c.t("pager.label"),
              prev: c.t("pager.prev"),
              next: c.t("pager.next"),
              page: (page, pages) =>
                pages ? c.t("pager.page", { page, pages }) : c.t("pager.page_open", { page }),
            }}
          />
        </PublicLayout>
      );
    },
    { querystring: ListQuery, cacheTtlMs: TTL_MS },
  );

  publicPage(
    app,
    deps,
    "/hd/archive/:id",
    async (c, req) => {
      const id = (req.params as { id: string }).id;
      const e = id.length <= 40 ? await findPublicArchive(deps, c.site.id, id) : undefined;
      if (!e) throw notFound("选登的答复", "archive_not_found");
      return (
        <PublicLayout
          lang={c.lang}
          t={c.t}
          site={c.site}
          title={c.t("archive.title")}
          path={c.path}
          section="interaction"
        >
          <p>
            <a href={`${c.prefix}/hd/archive`} safe>
              {c.t("archive.back")}
            </a>
          </p>
          <h1 safe>{c.t("archive.title")}</h1>
          <EntryFacts c={c} e={e} />
          <section aria-labelledby="archive-request">
            <h2 id="archive-request" safe>
              {c.t("archive.request")}
            </h2>
            {paragraphs(e.summary)}
          </section>
          {e.reply_summary ? (
            <section aria-labelledby="archive-reply">
              <h2 id="archive-reply" safe>
                {c.t("archive.reply")}
              </h2>
              {paragraphs(e.reply_summary)}
            </section>
          ) : (
            ""
          )}
        </PublicLayout>
      );
    },
    { cacheTtlMs: TTL_MS },
  );
}
