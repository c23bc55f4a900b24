import type { Children } from "@kitajs/html";
import type { Site } from "../../domains/orgs";
import { elderTogglePath } from "../elder-mode";
import { elderMode, LANG_PREFIX, type Lang, switchLangPath, type Translate } from "../i18n";
import { Field } from "./fields";

export interface PublicPageProps {
  lang: Lang;
  t: Translate;
  site: Site;
  title: string;
  path: string;
  section?: "home" | "disclosure" | "services" | "interaction" | "gazette";
  /** Feeds of this page's list (an organisation's, a catalogue node's) besides the site's own. */
  alternates?: FeedLink[];
  children?: Children;
}

/** A `<link rel="alternate">` to a feed (RSS or Atom, src/domains/opendata). */
export interface FeedLink {
  type: "application/rss+xml" | "application/atom+xml";
  href: string;
  title: string;
}

const NAV = [
  { key: "home", href: "/", label: "nav.home" },
  { key: "disclosure", href: "/gk", label: "nav.disclosure" },
  { key: "services", href: "/fw", label: "nav.services" },
  { key: "interaction", href: "/hd", label: "nav.interaction" },
  { key: "gazette", href: "/gb", label: "nav.gazette" },
] as const;

export function Doc(props: {
  lang: Lang;
  title: string;
  bodyClass?: string;
  /** A class on <html>: `elder` for the 适老化 mode (rem sizes follow it). */
  htmlClass?: string;
  feeds?: FeedLink[];
  children?: Children;
}) {
  return (
    <>
      {"<!doctype html>"}
      <html lang={props.lang} dir="ltr" class={props.htmlClass}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title safe>{props.title}</title>
          <link rel="stylesheet" href="/assets/app.css" />
          {props.htmlClass?.includes("elder") ? <link rel="stylesheet" href="/assets/elder.css" /> : ""}
          <link rel="icon" href="/assets/emblem.svg" type="image/svg+xml" />
          {(props.feeds ?? []).map((f) => (
            <link rel="alternate" type={f.type} href={f.href} title={f.title} />
          ))}
        </head>
        <body class={props.bodyClass}>{props.children}</body>
      </html>
    </>
  );
}

/** The public portal shell: header, main navigation, search, footer with the site's record numbers. */
export function PublicLayout(p: PublicPageProps) {
  const prefix = LANG_PREFIX[p.lang];
  const other: Lang = p.lang === "zh-CN" ? "mn-Mong" : "zh-CN";
  const mongolian = p.lang === "mn-Mong";
  const elder = elderMode();
  return (
    <Doc
      lang={p.lang}
      title={`${p.title} - ${p.site.name}`}
      bodyClass={mongolian ? "portal lang-mn" : "portal"}
      htmlClass={elder ? "elder" : undefined}
      feeds={[
        ...(p.alternates ?? []),
        {
          type: "application/atom+xml",
          href: "/feeds/site.atom",
          title: p.t("feeds.site_title", { site: p.site.name }),
        },
        {
          type: "application/rss+xml",
          href: "/feeds/site.rss",
          title: p.t("feeds.site_title", { site: p.site.name }),
        },
      ]}
    >
      <a class="skip-link" href="#main" safe>
        {p.t("site.skip")}
      </a>
      <header class="portal-header">
        <div class="wrap header-row">
          <a class="brand" href={`${prefix}/`}>
            <img
              class="emblem"
              src="/assets/emblem.svg"
              alt={p.t("site.emblem_alt", { site: p.site.name })}
              width="56"
              height="56"
            />
            <span class="site-name" safe>
              {p.site.name}
            </span>
          </a>
          <div class="header-tools">
            <a class="lang-switch" href={switchLangPath(p.path, other)} lang={other} hreflang={other}>
              <span safe>{p.t("lang.switch")}</span>
            </a>
            <a class="elder-toggle" href={elderTogglePath(!elder, p.path)} safe>
              {p.t(elder ? "elder.off" : "elder.on")}
            </a>
            <form class="search" role="search" method="get" action={`${prefix}/search`}>
              <Field
                name="q"
                type="search"
                label={p.t("search.label")}
                labelHidden
                placeholder={p.t("search.placeholder")}
                maxlength={100}
              />
              <button type="submit" safe>
                {p.t("search.submit")}
              </button>
            </form>
          </div>
        </div>
        <nav class="main-nav" aria-label={p.t("nav.label")}>
          <ul class="wrap">
            {NAV.map((n) => (
              <li>
                <a href={`${prefix}${n.href}`} aria-current={p.section === n.key ? "page" : undefined} safe>
                  {p.t(n.label)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main id="main" class={mongolian ? "wrap mong" : "wrap"} tabindex="-1">
        {p.children}
      </main>
      <footer class="portal-footer">
        <div class="wrap">
          <p safe>{p.t("footer.sponsor", { site: p.site.name })}</p>
          <p>
            <span safe>{p.t("footer.identifier", { code: p.site.identifier_code })}</span>
            {p.site.icp_record ? <span safe>{p.t("footer.icp", { icp: p.site.icp_record })}</span> : ""}
            {p.site.police_record ? (
              <span safe>{p.t("footer.police", { police: p.site.police_record })}</span>
            ) : (
              ""
            )}
          </p>
          <p>
            {p.site.contact_phone ? (
              <span safe>{p.t("footer.contact", { phone: p.site.contact_phone })}</span>
            ) : (
              ""
            )}
            {p.site.contact_email ? (
              <span safe>{p.t("footer.email", { email: p.site.contact_email })}</span>
            ) : (
              ""
            )}
            {p.site.contact_address ? (
              <span safe>{p.t("footer.address", { address: p.site.contact_address })}</span>
            ) : (
              ""
            )}
          </p>
          <p>
            <a href={`${prefix}/gk/opendata`} safe>
              {p.t("footer.opendata")}
            </a>
            {"　"}
            <a href={`${prefix}/hd/error-report?page=${encodeURIComponent(p.path)}`} safe>
              {p.t("footer.error_report")}
            </a>
            {"　"}
            <a href="/admin/login" safe>
              {p.t("footer.staff_login")}
            </a>
          </p>
        </div>
      </footer>
    </Doc>
  );
}

/** A list of every problem with a submitted form, linked to the fields (GOV.UK error summary pattern). */
export function ErrorSummary(props: { title: string; problems: Array<{ field?: string; message: string }> }) {
  if (props.problems.length === 0) return "";
  return (
    // autofocus (a global attribute the JSX types give only to controls): the page opens on the summary with no
    // script, so a keyboard or screen-reader user starts there.
    <div
      class="error-summary"
      role="alert"
      aria-labelledby="error-summary-title"
      tabindex="-1"
      {...({ autofocus: true } as object)}
    >
      <h2 id="error-summary-title" safe>
        {props.title}
      </h2>
      <ul>
        {props.problems.map((p) =>
          p.field ? (
            <li>
              <a href={`#${p.field}`} safe>
                {p.message}
              </a>
            </li>
          ) : (
            <li safe>{p.message}</li>
          ),
        )}
      </ul>
    </div>
  );
}

export const CsrfField = (props: { token: string }) => (
  <input type="hidden" name="_csrf" value={props.token} />
);
