// CSV as Excel opens it on a Chinese Windows desktop: UTF-8 with a byte-order mark (without it Excel reads
// GBK and shows mojibake), CRLF line ends and RFC 4180 quoting (csv-stringify), and a Chinese header row.
import { stringify } from "csv-stringify/sync";

export interface CsvColumn<T> {
  header: string;
  value(row: T): string | number | null | undefined;
}

/**
 * A cell a spreadsheet would run as a formula (=, +, -, @, or a leading tab or carriage return) is prefixed
 * with an apostrophe, which Excel shows as text (OWASP "CSV injection"). Numbers are left as they are.
 */
export function spreadsheetSafe(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "number") return String(v);
  return /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
}

export function toCsv<T>(columns: ReadonlyArray<CsvColumn<T>>, rows: readonly T[]): string {
  return stringify(
    [columns.map((c) => c.header), ...rows.map((r) => columns.map((c) => spreadsheetSafe(c.value(r))))],
    // csv-stringify quotes a field holding the record delimiter (CRLF) but not a bare LF or CR: those too.
    { bom: true, record_delimiter: "windows", quoted_match: /[\r\n]|^\s|\s$/ },
  );
}

export const CSV_TYPE = "text/csv; charset=utf-8; header=present";
