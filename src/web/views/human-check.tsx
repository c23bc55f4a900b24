import type { ErrorDetail } from "../../platform/errors";
import { Field } from "./fields";

// The spam defences of a public form, as fields: the signed token of the human check, a field people never
// see (automated submissions that fill it are refused) and the question. The route checks them with
// publicFormProblems (platform/tracking).

export function HumanCheckFields(p: {
  token: string;
  label: string;
  problems: readonly ErrorDetail[];
  /** The "required" marker in the page's language. */
  requiredMark?: string;
}) {
  return (
    <>
      <input type="hidden" name="check_token" value={p.token} />
      <div class="visually-hidden" aria-hidden="true">
        <label for="website">网址</label>
        <input id="website" name="website" type="text" tabindex="-1" autocomplete="off" />
      </div>
      <Field
        name="check_answer"
        label={p.label}
        required
        requiredMark={p.requiredMark}
        autocomplete="off"
        inputmode="numeric"
        problems={p.problems}
      />
    </>
  );
}
