// The public page of the county's hotline numbers (政务服务便民热线归并, /hd/hotlines, Chinese and Mongolian):
// which lines were merged into 12345 and when, which are kept and why. Works without JavaScript.
import type { Deps } from "../../deps";
import { type Translate, translator } from "../../web/i18n";
import { addSectionLink, publicPage } from "../../web/portal";
import type { AppInstance } from "../../web/types";
import { PublicLayout } from "../../web/views/layout";
import { publicNumbers } from "./hotline.numbers";

type Status = "merged" | "kept" | "withdrawn";
const statusKey = (s: string) =>
  (
    ({
      merged: "hotline.status_merged",
      kept: "hotline.status_kept",
      withdrawn: "hotline.status_withdrawn",
    }) as const
  )[s as Status] ?? "hotline.status_merged";

function NumbersTable(p: { t: Translate; rows: Awaited<ReturnType<typeof publicNumbers>> }) {
  const t = p.t;
  // A region of its own that scrolls sideways when the table is wider than a phone (or, at /mn, than the
  // vertical page beside it), reachable and named for keyboard users: it takes focus (tabindex 0).
  return (
    <div class="table-scroll" tabindex="0" role="region" aria-labelledby="hotline-caption">
      <table class="table">
        <caption id="hotline-caption" safe>
          {t("hotline.caption")}
        </caption>
        <thead>
          <tr>
            <th scope="col" safe>
              {t("hotline.number")}
            </th>
            <th scope="col" safe>
              {t("hotline.name")}
            </th>
            <th scope="col" safe>
              {t("hotline.org")}
            </th>
            <th scope="col" safe>
              {t("hotline.status")}
            </th>
            <th scope="col" safe>
              {t("hotline.note")}
            </th>
          </tr>
        </thead>
        <tbody>
          {p.rows.map((r) => (
            <tr>
              <td safe>{r.number}</td>
              <td safe>{r.name}</td>
              <td safe>{r.org.name}</td>
              <td safe>{t(statusKey(r.status))}</td>
              <td safe>
                {r.status === "merged" && r.merged_on
                  ? t("hotline.merged_on", { date: r.merged_on })
                  : (r.reason ?? "")}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function registerHotlinePages(app: AppInstance, deps: Deps): void {
  addSectionLink("interaction", { path: "/hd/hotlines", label: (lang) => translator(lang)("hotline.title") });
  publicPage(app, deps, "/hd/hotlines", async (c) => {
    const rows = await publicNumbers(deps, c.site.id);
    return (
      <PublicLayout
        lang={c.lang}
        t={c.t}
        site={c.site}
        title={c.t("hotline.title")}
        path={c.path}
        section="interaction"
      >
        <h1 safe>{c.t("hotline.title")}</h1>
        <p safe>{c.t("hotline.intro")}</p>
        <p safe>{c.t("hotline.call")}</p>
        {rows.length ? <NumbersTable t={c.t} rows={rows} /> : <p safe>{c.t("hotline.empty")}</p>}
      </PublicLayout>
    );
  });
}
