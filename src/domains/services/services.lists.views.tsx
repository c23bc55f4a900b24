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

/** A heading of level 2 to 5, so the changes fit under the page's own headings. */
function H(p: { level: number; id?: string; class?: string; text: string }) {
  const props = { id: p.id, class: p.class };
  if (p.level <= 2)
    return (
      <h2 {...props} safe>
        {p.text}
      </h2>
    );
  if (p.level === 3)
    return (
      <h3 {...props} safe>
        {p.text}
      </h3>
    );
  if (p.level === 4)
    return (
      <h4 {...props} safe>
        {p.text}
      </h4>
    );
  return (
    <h5 {...props} safe>
      {p.text}
    </h5>
  );
}

/** The changes between two versions; `level` is the level of their headings (added, removed, changed). */
export function ChangesView(p: {
  x: X;
  kind: ListKind;
  changes: ListChanges;
  idPrefix?: string;
  level?: number;
}) {
  const level = p.level ?? 2;
  const c = p.changes;
  const id = (s: string) => `${p.idPrefix ?? "chg"}-${s}`;
  const kindOf = (e: { type: string; category: string }) => (p.kind === "power" ? e.type : e.category);
  if (!c.added.length && !c.removed.length && !c.changed.length) return <p safe>{p.x("no_changes")}</p>;
  return (
    <>
      {c.added.length ? (
        <section aria-labelledby={id("added")}>
          <H level={level} id={id("added")} text={`${p.x("added")}（${c.added.length}）`} />
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
          <H level={level} id={id("removed")} text={`${p.x("removed")}（${c.removed.length}）`} />
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
          <H level={level} id={id("changed")} text={`${p.x("changed")}（${c.changed.length}）`} />
          <ol class="materials">
            {c.changed.map((ch) => (
              <li>
                <H level={level + 1} class="material-name" text={`${ch.code} ${ch.name}`} />
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
