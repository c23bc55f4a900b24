import { fileError } from "./limits";

// Text that arrives as bytes (a file given to the CLI, standard input) must be UTF-8. Invalid bytes are
// refused, never replaced with U+FFFD: a replaced character can hide or break an ID number that the
// review should have found, and the person would never know their text was changed.

const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });

/** Where the first invalid UTF-8 sequence starts (0-based byte offset), or -1 when the bytes are valid. */
export function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    const n =
      c < 0x80
        ? 0
        : c >= 0xc2 && c <= 0xdf
          ? 1
          : c >= 0xe0 && c <= 0xef
            ? 2
            : c >= 0xf0 && c <= 0xf4
              ? 3
              : -1;
    if (n < 0 || i + n >= b.length) return i;
    for (let k = 1; k <= n; k++) if ((b[i + k]! & 0xc0) !== 0x80) return i;
    // Overlong forms, surrogates and code points past U+10FFFF.
    const d = b[i + 1]!;
    if (
      (c === 0xe0 && d < 0xa0) ||
      (c === 0xed && d > 0x9f) ||
      (c === 0xf0 && d < 0x90) ||
      (c === 0xf4 && d > 0x8f)
    )
      return i;
    i += n + 1;
  }
  return -1;
}

/**
 * Decodes UTF-8 strictly (a leading BOM is dropped). Throws invalid_utf8 (400) naming `what` and the
 * first bad byte.
 */
export function decodeUtf8(b: Uint8Array, what = "文本"): string {
  try {
    return decoder.decode(b);
  } catch {
    const at = firstInvalidUtf8(b);
    throw fileError(
      "invalid_utf8",
      `${what}不是有效的 UTF-8 编码（第 ${at + 1} 个字节起无法识别），未做处理。请以 UTF-8 编码另存后重试。`,
    );
  }
}
