import type { ErrorDetail } from "../platform/errors";
import { newHumanCheck } from "../platform/tracking";
import { type Lang, type MessageKey, translator, untranslatedText } from "./i18n";
import { zhCN } from "./i18n/zh-CN";

// The texts a public form shows about what was typed, in the page's language. The checks (domains/…checks)
// name each problem with a stable code and a Chinese sentence; on a page in another language the sentence is
// taken from that language's catalog by code (`problem.<code>`, with the field's label); when the catalog has
// none, the Chinese one is shown marked as untranslated. The human check's sum is worded from the catalog too.

/**
 * The problems with their messages in `lang`: `labels` are the form's field labels in that language (for
 * "请填写{label}。"); `params` fills other placeholders ({min}). Chinese pages keep the checks' own sentences.
 */
export function localiseProblems(
  lang: Lang,
  problems: readonly ErrorDetail[],
  labels: Record<string, string>,
  params: Record<string, string | number> = {},
): ErrorDetail[] {
  if (lang === "zh-CN") return [...problems];
  const t = translator(lang);
  return problems.map((d) => {
    const key = `problem.${d.code}` as MessageKey;
    // A check no catalog names: its Chinese sentence, marked as untranslated (never silently).
    if (!(key in zhCN)) return { ...d, message: untranslatedText(lang, key, d.message) };
    const label = (d.field && labels[d.field]) || "";
    return { ...d, message: t(key, { ...params, label }) };
  });
}

/** A new human check whose question is worded in `lang` ("六加六等于几？" in Chinese). */
export function humanCheckIn(secret: Buffer, now: number, lang: Lang): { question: string; token: string } {
  const check = newHumanCheck(secret, now);
  const t = translator(lang);
  const numerals = t("check.numerals").split(",");
  const [a, b] = check.terms;
  return { token: check.token, question: t("check.sum", { a: numerals[a] ?? a, b: numerals[b] ?? b }) };
}
