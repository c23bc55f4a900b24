// Views of a list shared by the public pages and the back office: the entries (one block of definitions each,
// readable on a phone without sideways scrolling) and the changes between two versions (added, removed, and each
// changed field before and after; several-line fields compared line by line).
import { diffLines } from "../../platform/text-diff";
import { LIST_FIELDS, type ListChanges } from "./services.lists.model";
import type { LinkedItem } from "./services.lists.present";
import type { ListKind } from "./services.lists.tables";
import type { ListTextKey, listText } from "./services.lists.text";

type X = ReturnType<typeof listText>;
type EntryView = Record<string, unknown> & { code?: unknown; name?: unknown; item?: unknown };

const label = (x: X, key: string) => x(`f_${key}` as ListTextKey);

export function EntryBlocks(p: { x: X; prefix: string; kind: ListKind; entries: readonly EntryView[] }) {
  return (
    <ol class="materials">
      {p.entries.map((e) => {
        const item = e.item as LinkedItem | null;
        return (
          <li id={`entry-${String(e.code)}`}>
            <h3 class="material-name" safe>{`${String(e.code)} ${String(e.name)}`}</h3>
            <dl class="meta-table">
              {LIST_FIELDS[p.kind]
                .filter((f) => f.key !== "code" && f.key !== "name")
                .map((f) => {
                  if (f.key === "item")
                    return item ? (
                      <>
                        <dt safe>{label(p.x, "item")}</dt>
                        <dd>
                          {item.url ? (
                            <a href={`${p.prefix}${item.url}`} safe>
                              {item.name}
                            </a>
                          ) : (
                            <span safe>{item.name}</span>
                          )}
                          <span class="meta mono" safe>{` ${item.impl_code}`}</span>
                        </dd>
                      </>
                    ) : (
                      ""
                    );
                  const v = String(e[f.key] ?? "");
                  if (!v && !f.required) return "";
                  return (
                    <>
                      <dt safe>{label(p.x, f.key)}</dt>
                      <dd class={f.multiline ? "pre-line" : undefined} safe>
                        {v}
                      </dd>
                    </>
                  );
                })}
            </dl>
          </li>
        );
      })}
    </ol>
  );
}

function FieldDiff(p: { x: X; before: string; after: string }) {
  const empty = p.x("empty_value");
  // One line each side: before and after; several lines: the lines that differ, in place.
  if (!p.before.includes("\n") && !p.after.includes("\n"))
    return (
      <ol class="diff">
        <li>
          <del safe>{`${p.x("before")}：${p.before || empty}`}</del>
        </li>
        <li>
          <ins safe>{`${p.x("after")}：${p.after || empty}`}</ins>
        </li>
      </ol>
    );
  return (
    <ol class="diff">
      {diffLines(p.before, p.after).map((d) =>
        d.op === "same" ? (
          <li safe>{d.text}</li>
        ) : d.op === "del" ? (
          <li>
            <del safe>{`－ ${d.text}`}</del>
          </li>
        ) : (
          <li>
            <ins safe>{`＋ ${d.text}`}</ins>
          </li>
        ),
      )}
    </ol>
  );
}

/** The changes between two versions; `entryHref` links an added or changed entry to where it is shown. */
export function ChangesView(p: { x: X; kind: ListKind; changes: ListChanges; idPrefix?: string }) {
  const c = p.changes;
  const id = (s: string) => `${p.idPrefix ?? "chg"}-${s}`;
  const kindOf = (e: { type: string; category: string }) => (p.kind === "power" ? e.type : e.category);
  if (!c.added.length && !c.removed.length && !c.changed.length) return <p safe>{p.x("no_changes")}</p>;
  return (
    <>
      {c.added.length ? (
        <section aria-labelledby={id("added")}>
          <h3 id={id("added")} safe>{`${p.x("added")}（${c.added.length}）`}</h3>
          <ul class="diff-list">
            {c.added.map((e) => (
              <li class="diff-add" safe>{`＋ ${e.code} ${e.name}（${kindOf(e)}）`}</li>
            ))}
          </ul>
        </section>
      ) : (
        ""
      )}
      {c.removed.length ? (
        <section aria-labelledby={id("removed")}>
          <h3 id={id("removed")} safe>{`${p.x("removed")}（${c.removed.length}）`}</h3>
          <ul class="diff-list">
            {c.removed.map((e) => (
              <li class="diff-del" safe>{`－ ${e.code} ${e.name}（${kindOf(e)}）`}</li>
            ))}
          </ul>
        </section>
      ) : (
        ""
      )}
      {c.changed.length ? (
        <section aria-labelledby={id("changed")}>
          <h3 id={id("changed")} safe>{`${p.x("changed")}（${c.changed.length}）`}</h3>
          <ol class="materials">
            {c.changed.map((ch) => (
              <li>
                <h4 class="material-name" safe>{`${ch.code} ${ch.name}`}</h4>
                <dl class="meta-table">
                  {ch.fields.map((f) => (
                    <>
                      <dt safe>{label(p.x, f.field)}</dt>
                      <dd>
                        <FieldDiff x={p.x} before={f.before} after={f.after} />
                      </dd>
                    </>
                  ))}
                </dl>
              </li>
            ))}
          </ol>
        </section>
      ) : (
        ""
      )}
      {c.unchanged ? (
        <p class="meta" safe>
          {p.x("unchanged", { n: c.unchanged })}
        </p>
      ) : (
        ""
      )}
    </>
  );
}
