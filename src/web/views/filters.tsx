// Public list pages' filters (information list, answered-applications archive).

/** One filter of the list page: a labelled select whose first option means "any". */
export function FilterSelect(p: {
  name: string;
  label: string;
  all: string;
  selected?: string;
  options: Array<[string, string]>;
}) {
  return (
    <div>
      <label for={`f-${p.name}`} safe>
        {p.label}
      </label>
      <select id={`f-${p.name}`} name={p.name}>
        <option value="" safe>
          {p.all}
        </option>
        {p.options.map(([value, text]) => (
          <option value={value} selected={p.selected === value} safe>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
}
