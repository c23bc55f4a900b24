// Views of the public services pages: the item list, the full guide (phone-first: one column of definition
// lists and tables that scroll on their own; printable: the layout's print styles drop navigation), the
// combined guide of a 一件事, and the halls.
import { type Lang, langFromPath } from "../../web/i18n";
import { codeLabel } from "../../web/i18n/code-labels";
import { MnRowTitle } from "../mongolian";
import type { BundleJson } from "./services.bundles";
import type { ItemJson, MaterialEntry } from "./services.present";
import { type ServiceKey, serviceText } from "./services.text";

type X = ReturnType<typeof serviceText>;

export const depthLabel = (x: X, depth: number) => x(`depth_${depth}` as ServiceKey);

export function ItemList(p: {
  x: X;
  prefix: string;
  items: Array<{
    id: string;
    name: string;
    org: { name: string };
    type: string;
    visits: number;
    online_depth: number;
  }>;
  /** At /mn: the approved Mongolian names of the items (mongolian.titles.tsx). */
  mnTitles?: ReadonlyMap<string, string>;
}) {
  const lang = langFromPath(`${p.prefix}/`);
  return (
    <ul class="list">
      {p.items.map((i) => (
        <li>
          <a href={`${p.prefix}/fw/items/${i.id}`}>
            <MnRowTitle lang={lang} titles={p.mnTitles ?? new Map()} id={i.id} title={i.name} />
          </a>
          <span class="meta">
            {" "}
            <span lang={p.prefix ? "zh-CN" : undefined} safe>
              {i.org.name}
            </span>
            <span safe>
              {` · ${codeLabel(langFromPath(`${p.prefix}/`), "svc.type", i.type)} · ${p.x("visits", { n: i.visits })} · ${depthLabel(p.x, i.online_depth)}`}
            </span>
          </span>
        </li>
      ))}
    </ul>
  );
}

const limitText = (x: X, n: number, unit: string) =>
  n === 0 ? x("instant") : `${n}${x(unit === "days" ? "unit_days" : "unit_working_days")}`;

function FileLinks(p: { x: X; prefix: string; m: MaterialEntry }) {
  const links = [
    p.m.blank_form ? (
      <a href={p.m.blank_form.url} download="">
        <span safe>{`${p.x("blank_form")}：${p.m.blank_form.name}`}</span>
      </a>
    ) : (
      ""
    ),
    p.m.sample ? (
      <a href={p.m.sample.url} download="">
        <span safe>{`${p.x("sample")}：${p.m.sample.name}`}</span>
      </a>
    ) : (
      ""
    ),
  ].filter(Boolean);
  return links.length ? (
    <ul class="plain">
      {links.map((l) => (
        <li>{l}</li>
      ))}
    </ul>
  ) : (
    <span>—</span>
  );
}

/** The materials as a list of definition blocks: readable on a phone without sideways scrolling. */
export function MaterialList(p: {
  x: X;
  prefix: string;
  materials: ReadonlyArray<MaterialEntry & { items?: string[] }>;
}) {
  const x = p.x;
  // The stored codes' names in the page's language (src/web/i18n/code-labels.ts).
  const lang = langFromPath(`${p.prefix}/`);
  return (
    <ol class="materials">
      {p.materials.map((m) => (
        <li>
          <h3 class="material-name" safe>
            {m.name}
          </h3>
          <dl class="meta-table">
            <dt safe>{x("m_need")}</dt>
            <dd safe>
              {m.condition
                ? `${codeLabel(lang, "svc.necessity", m.necessity)}（${m.condition}）`
                : codeLabel(lang, "svc.necessity", m.necessity)}
            </dd>
            <dt safe>{x("m_form")}</dt>
            <dd safe>
              {x("copies", {
                kind: codeLabel(lang, "svc.kind", m.kind),
                form: `（${codeLabel(lang, "svc.form", m.form)}）`,
                n: m.copies,
              })}
            </dd>
            <dt safe>{x("m_source")}</dt>
            <dd safe>
              {m.issuer
                ? x("issued_by", { source: codeLabel(lang, "svc.source", m.source), org: m.issuer.name })
                : codeLabel(lang, "svc.source", m.source)}
            </dd>
            <dt safe>{x("m_standard")}</dt>
            <dd safe>{m.standard}</dd>
            {m.notes ? (
              <>
                <dt safe>{x("guide")}</dt>
                <dd safe>{m.notes}</dd>
              </>
            ) : (
              ""
            )}
            {m.basis ? (
              <>
                <dt safe>{x("basis")}</dt>
                <dd safe>{m.basis}</dd>
              </>
            ) : (
              ""
            )}
            <dt safe>{x("m_files")}</dt>
            <dd>
              <FileLinks x={x} prefix={p.prefix} m={m} />
            </dd>
            {m.items ? (
              <>
                <dt class="visually-hidden" safe>
                  {x("bundle_items")}
                </dt>
                <dd class="meta" safe>
                  {x("bundle_used_by", { items: m.items.join("、") })}
                </dd>
              </>
            ) : (
              ""
            )}
          </dl>
        </li>
      ))}
    </ol>
  );
}

function Steps(p: { x: X; steps: ItemJson["process"] }) {
  return (
    <ol>
      {p.steps.map((s) => (
        <li safe>
          {`${s.name}（${s.days === 0 ? p.x("step_instant") : p.x("step_days", { n: s.days })}${s.counted ? "" : `，${p.x("not_counted")}`}）`}
        </li>
      ))}
    </ol>
  );
}

/** The whole guide of an item. */
export function Guide(p: { lang: Lang; prefix: string; item: ItemJson }) {
  const x = serviceText(p.lang);
  const i = p.item;
  // On /mn the item's own data is still Chinese: marked so, for screen readers (WCAG 3.1.2).
  const dataLang = p.lang === "mn-Mong" ? "zh-CN" : undefined;
  const row = (label: ServiceKey, value: string, translated = false) =>
    value ? (
      <>
        <dt safe>{x(label)}</dt>
        <dd lang={translated ? undefined : dataLang} safe>
          {value}
        </dd>
      </>
    ) : (
      ""
    );
  return (
    <article class="guide">
      <p class="meta" safe>
        {x("version", { n: i.version, date: (i.published_at ?? "").slice(0, 10) })}
      </p>
      {i.status === "cancelled" ? (
        <p class="notice" role="status" safe>
          {x("cancelled", { date: (i.cancelled_at ?? "").slice(0, 10) })}
        </p>
      ) : (
        ""
      )}
      <p class="meta print-hide" safe>
        {x("print")}
      </p>
      <h2 safe>{x("basic")}</h2>
      <dl class="meta-table">
        {row("code", i.code)}
        {row("impl_code", i.impl_code)}
        {row("type", codeLabel(p.lang, "svc.type", i.type), true)}
        {row("level", codeLabel(p.lang, "svc.level", i.level), true)}
        {row("implementer", i.implementer)}
        {row("entrusted", i.entrusted)}
        {row(
          "objects",
          i.objects.map((o) => codeLabel(p.lang, "svc.object", o)).join(p.lang === "mn-Mong" ? "᠂ " : "、"),
          true,
        )}
        {row("basis", i.basis)}
      </dl>
      {i.parallel ? (
        <p class="tag" safe>
          {x("parallel")}
        </p>
      ) : (
        ""
      )}
      <h2 safe>{x("conditions")}</h2>
      <p class="pre-wrap" lang={dataLang} safe>
        {i.conditions}
      </p>
      <h2 safe>{x("materials")}</h2>
      <MaterialList x={x} prefix={p.prefix} materials={i.materials} />
      <h2 safe>{x("process")}</h2>
      <Steps x={x} steps={i.process} />
      {i.special.length ? (
        <>
          <h3 safe>{x("special")}</h3>
          <Steps x={x} steps={i.special} />
        </>
      ) : (
        ""
      )}
      <h2 safe>{x("limits")}</h2>
      <dl class="meta-table">
        {row("statutory", limitText(x, i.statutory_limit, i.limit_unit), true)}
        {row("promised", limitText(x, i.promised_limit, i.limit_unit), true)}
      </dl>
      <h2 safe>{x("fees")}</h2>
      <dl class="meta-table">
        {row("fees", i.fee)}
        {row("fee_basis", i.fee_basis)}
      </dl>
      <h2 safe>{x("online")}</h2>
      <dl class="meta-table">
        {row("depth", depthLabel(x, i.online_depth), true)}
        <dt safe>{x("stats")}</dt>
        <dd safe>{x("visits", { n: i.visits })}</dd>
      </dl>
      {i.online_url ? (
        <p>
          <a href={i.online_url} rel="noopener" safe>
            {x("online_go")}
          </a>
        </p>
      ) : (
        ""
      )}
      <h2 safe>{x("place")}</h2>
      <dl class="meta-table">
        {row("place", i.place)}
        {row("hours", i.hours)}
        {row("consult", i.consult_phone)}
        {row("complaint", i.complaint_phone)}
      </dl>
      <h2 safe>{x("result")}</h2>
      <dl class="meta-table">
        {row("result", i.result_name)}
        {row("result_sample", i.result_sample)}
      </dl>
      {i.faq.length ? (
        <>
          <h2 safe>{x("faq")}</h2>
          <dl class="faq">
            {i.faq.map((f) => (
              <>
                <dt safe>{f.q}</dt>
                <dd safe>{f.a}</dd>
              </>
            ))}
          </dl>
        </>
      ) : (
        ""
      )}
    </article>
  );
}

/** The combined guide of a 一件事. */
export function BundleGuide(p: { lang: Lang; prefix: string; b: BundleJson }) {
  const x = serviceText(p.lang);
  // The bundle's own text is Chinese: marked so at /mn (its Mongolian version is shown above it).
  const dataLang = p.lang === "mn-Mong" ? "zh-CN" : undefined;
  return (
    <article class="guide">
      <h2 safe>{x("bundle_notice")}</h2>
      <p class="pre-wrap" lang={dataLang} safe>
        {p.b.notice}
      </p>
      <dl class="meta-table">
        <dt safe>{x("bundle_window")}</dt>
        <dd lang={dataLang} safe>
          {p.b.window}
        </dd>
        <dt safe>{x("limits")}</dt>
        <dd safe>{x("bundle_days", { n: p.b.promised_days })}</dd>
      </dl>
      <h2 safe>{x("bundle_items")}</h2>
      <ol>
        {p.b.items.map((i) => (
          <li>
            <a href={`${p.prefix}${i.url}`} safe>
              {i.name}
            </a>
            <span class="meta" safe>
              {` ${i.org} · ${i.parallel ? x("bundle_parallel") : x("bundle_serial")}`}
            </span>
          </li>
        ))}
      </ol>
      <h2 safe>{x("bundle_form")}</h2>
      {p.b.form?.blank_form ? (
        <p>
          <a href={p.b.form.blank_form.url} safe>
            {`${p.b.form.name}（${x("blank_form")}）`}
          </a>
        </p>
      ) : (
        <p safe>{p.b.form ? p.b.form.name : x("bundle_form_none")}</p>
      )}
      <h2 safe>{x("bundle_materials")}</h2>
      <MaterialList x={x} prefix={p.prefix} materials={p.b.materials} />
      {p.b.waived.length ? (
        <p class="meta" safe>
          {x("bundle_waived", { names: p.b.waived.map((m) => m.name).join("、") })}
        </p>
      ) : (
        ""
      )}
    </article>
  );
}
