// The electronic edition of one issue (/gb/issues/{id}), phone first: masthead and numbers, the authoritative
// file with its SHA-256 and a link to verify it, the table of contents by category, each document (with a link
// to its corrections) and the corrections (each linking back to what it corrects).
import { codeLabel } from "../../web/i18n/code-labels";
import type { PortalContext } from "../../web/portal";
import { PublicLayout } from "../../web/views/layout";
import { MnHeading, type PublicMn } from "../mongolian";
import { byCategory, gazetteName } from "./gazette.pdf";
import { fileUrl, type IssueView } from "./gazette.present";
import { correctionAnchor, entryAnchor, issueUrl } from "./gazette.search";
import { gazetteText, labelOf } from "./gazette.text";

export function IssuePage(p: { c: PortalContext; v: IssueView; mn?: PublicMn }) {
  const { c, v } = p;
  const x = gazetteText(c.lang);
  const { row } = v;
  const label = labelOf(x, row);
  const title = `${gazetteName(v.government)} ${label}`;
  const groups = byCategory(v.entries);
  const isPdf = row.file_type === "pdf";
  const correctionsOf = (entryId: string) => v.corrections.filter((k) => k.entry_id === entryId);
  return (
    <PublicLayout lang={c.lang} t={c.t} site={c.site} title={title} path={c.path} section="gazette">
      <p>
        <a href={`${c.prefix}/gb`} safe>
          {x("back")}
        </a>
      </p>
      <header class="gazette-masthead">
        <h1 safe>{gazetteName(v.government)}</h1>
        <p class="gazette-number" safe>
          {label}
        </p>
        <p class="meta" safe>{`${x("published_on")}：${row.published_on ?? ""}`}</p>
      </header>
      <MnHeading
        lang={c.lang}
        t={c.t}
        mn={p.mn}
        title={gazetteName(v.government)}
        path={`/gb/issues/${row.id}`}
        level={2}
      />
      {row.source === "imported" ? (
        <p class="notice" safe>
          {x("imported")}
        </p>
      ) : (
        ""
      )}
      {row.file_sha256 ? (
        <section class="notice" aria-labelledby="gb-file">
          <h2 id="gb-file" safe>
            {isPdf ? x("pdf") : x("file")}
          </h2>
          <p>
            <a href={fileUrl(row.id, "")} download={row.file_name ?? undefined} id="gazette-file" safe>
              {`${row.file_name ?? ""}（${Math.max(1, Math.round((row.file_size ?? 0) / 1024))} KB）`}
            </a>
          </p>
          <p>
            <span safe>{isPdf ? x("sha256") : x("file_sha256")}</span>
            {"："}
            <code class="sha256" id="gazette-sha256" safe>
              {row.file_sha256}
            </code>
          </p>
          <p>
            <a href={`${c.prefix}/verify?sha256=${row.file_sha256}`} safe>
              {x("verify")}
            </a>
          </p>
        </section>
      ) : (
        ""
      )}
      {v.entries.length ? (
        <nav aria-labelledby="gb-toc" class="gazette-toc">
          <h2 id="gb-toc" safe>
            {x("toc")}
          </h2>
          {groups.map((g) => (
            <>
              <h3 safe>{codeLabel(c.lang, "gazette.category", g.category)}</h3>
              <ol>
                {g.entries.map((e) => (
                  <li>
                    <a href={`#${entryAnchor(e.position)}`} safe>
                      {e.title}
                    </a>
                    {e.doc_number ? <span class="meta" safe>{` ${e.doc_number}`}</span> : ""}
                  </li>
                ))}
              </ol>
            </>
          ))}
        </nav>
      ) : (
        ""
      )}
      {groups.flatMap((g) =>
        g.entries.map((e) => (
          <article
            id={entryAnchor(e.position)}
            class="gazette-doc"
            aria-labelledby={`${entryAnchor(e.position)}-t`}
          >
            <h2 id={`${entryAnchor(e.position)}-t`} safe>
              {e.title}
            </h2>
            <p class="meta" safe>
              {[g.label, e.org_name, e.doc_number ?? ""].filter(Boolean).join(" · ")}
            </p>
            {correctionsOf(e.id).map((k) => (
              <p class="notice">
                <span safe>{x("corrected")}</span>{" "}
                <a href={`#${correctionAnchor(k.id)}`} safe>
                  {`${x("corrections")}（${k.published_on}）`}
                </a>
              </p>
            ))}
            {e.body_text
              .split(/\n+/)
              .map((s) => s.trim())
              .filter(Boolean)
              .map((para) => (
                <p safe>{para}</p>
              ))}
          </article>
        )),
      )}
      {row.source === "imported" && row.body_text ? (
        <details>
          <summary safe>{x("full_text")}</summary>
          <div class="pre-wrap" safe>
            {row.body_text}
          </div>
        </details>
      ) : (
        ""
      )}
      {v.corrections.length ? (
        <section aria-labelledby="gb-corrections">
          <h2 id="gb-corrections" safe>
            {x("corrections")}
          </h2>
          {v.corrections.map((k) => {
            const entry = v.entries.find((e) => e.id === k.entry_id);
            return (
              <article id={correctionAnchor(k.id)} class="gazette-correction">
                <p class="meta" safe>
                  {x("correction_on", { date: k.published_on })}
                </p>
                <p>
                  <span safe>{x("correction_of")}</span>
                  <a href={entry ? `#${entryAnchor(entry.position)}` : `${issueUrl(row.id, c.prefix)}`} safe>
                    {entry ? entry.title : x("correction_issue")}
                  </a>
                </p>
                <p class="pre-wrap" safe>
                  {k.text}
                </p>
              </article>
            );
          })}
        </section>
      ) : (
        ""
      )}
    </PublicLayout>
  );
}
