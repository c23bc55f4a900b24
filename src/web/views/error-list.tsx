import type { ErrorDetail } from "../../platform/errors";

// The back office's list of what stopped a step or a decision on a record's page (forms with their own fields
// use ErrorSummary in layout.tsx, which links each problem to its field).

export function ErrorList(p: { problems: readonly ErrorDetail[]; title?: string }) {
  if (!p.problems.length) return "";
  return (
    <div class="error-summary" role="alert" tabindex="-1">
      <h2 safe>{p.title ?? "未能办理，请修改："}</h2>
      <ul>
        {p.problems.map((x) => (
          <li safe>{x.message}</li>
        ))}
      </ul>
    </div>
  );
}
