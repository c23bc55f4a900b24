// Public list pages' filters (information list, answered-applications archive, messages, search).

import { Field } from "./fields";

/** One filter of the list page: a labelled select (the shared Field) whose first option means "any". */
export function FilterSelect(p: {
  name: string;
  label: string;
  all: string;
  selected?: string;
  options: Array<[string, string]>;
}) {
  return (
    <div>
      <Field
        as="select"
        id={`f-${p.name}`}
        name={p.name}
        label={p.label}
        blank={p.all}
        value={p.selected}
        choices={p.options.map(([value, label]) => ({ value, label }))}
      />
    </div>
  );
}
