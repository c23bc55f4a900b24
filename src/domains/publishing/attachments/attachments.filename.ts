// Original file names, made safe to show, to put in a URL and to send back in Content-Disposition.

export const MAX_FILENAME_CHARS = 120;
const FALLBACK_NAME = "附件";

/**
 * Drops any path, control and bidirectional-override characters (which can disguise "gpj.exe" as
 * "exe.jpg"), characters Windows refuses in names, and keeps at most 120 characters, the extension kept.
 */
export function sanitiseFilename(raw: string): string {
  let name = raw.normalize("NFC");
  name = name.slice(Math.max(name.lastIndexOf("/"), name.lastIndexOf("\\")) + 1);
  name = name
    .replace(/[\t\r\n]+/g, " ")
    // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
    .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, "")
    .replace(/[<>:"|?*]/g, "_")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^[.\s]+|[.\s]+$/g, "");
  if (!name) return FALLBACK_NAME;
  const chars = Array.from(name);
  if (chars.length <= MAX_FILENAME_CHARS) return name;
  const dot = name.lastIndexOf(".");
  const ext = dot > 0 && name.length - dot <= 9 ? name.slice(dot) : "";
  const stem = Array.from(ext ? name.slice(0, dot) : name);
  return (
    stem
      .slice(0, MAX_FILENAME_CHARS - Array.from(ext).length)
      .join("")
      .trimEnd() + ext
  );
}

/** `attachment; filename="ascii fallback"; filename*=UTF-8''percent-encoded` (RFC 6266 / RFC 5987). */
export function contentDisposition(kind: "inline" | "attachment", filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, "_").replace(/["\\%]/g, "_");
  const encoded = encodeURIComponent(filename).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** The last segment of a download URL: the name, percent-encoded. */
export const filenameSegment = (filename: string): string => encodeURIComponent(filename);
