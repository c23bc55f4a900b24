import { AppError } from "../errors";
import { EXTRACT_LIMITS } from "./limits";
import { filePool } from "./pool";
import type { TextParsed, TextParserName } from "./text-parsers";

/**
 * Reads an uploaded text file in the file worker (heap limit, deadline): its bytes decoded as strict UTF-8
 * (a leading BOM dropped) and the text given to the parser `parser`. Returns the text and the parser's
 * result. Throws the module's 4xx AppError: invalid_utf8 (400, naming `what` and the first bad byte),
 * file_too_complex, file_extraction_timeout; 503 file_service_busy when too many files wait. The caller
 * limits the size before (the bytes are read into memory first).
 */
export async function parseTextFile<N extends TextParserName>(
  parser: N,
  data: Uint8Array,
  opts: { what?: string; timeoutMs?: number } = {},
): Promise<{ text: string; parsed: TextParsed<N> }> {
  const answer = await filePool().run(
    { kind: "text", parser, data, what: opts.what ?? "文本" },
    opts.timeoutMs ?? EXTRACT_LIMITS.timeoutMs,
  );
  if (!answer.ok) throw new AppError(answer.code, answer.status, answer.message);
  return { text: answer.text ?? "", parsed: answer.parsed as TextParsed<N> };
}
