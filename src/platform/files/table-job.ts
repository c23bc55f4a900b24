import { AppError } from "../errors";
import { EXTRACT_LIMITS } from "./limits";
import { filePool } from "./pool";
import { TABLE_LIMITS, type Table, type TableLimits } from "./table";

/**
 * Reads an uploaded spreadsheet in the file worker (heap limit, deadline): an .xlsx through the ZIP caps and
 * its first sheet, or a CSV decoded as strict UTF-8 (a leading BOM dropped). Returns its non-empty rows, the
 * header first. Throws the module's 4xx AppError: table_too_large (rows, columns, a cell), invalid_utf8,
 * file_corrupt, file_too_complex, file_extraction_timeout; 503 file_service_busy. The caller limits the size.
 */
export async function parseTableFile(
  format: "csv" | "xlsx",
  data: Uint8Array,
  opts: { what?: string; limits?: TableLimits; timeoutMs?: number } = {},
): Promise<Table> {
  const answer = await filePool().run(
    { kind: "table", format, data, what: opts.what ?? "表格", limits: opts.limits ?? TABLE_LIMITS },
    opts.timeoutMs ?? EXTRACT_LIMITS.timeoutMs,
  );
  if (!answer.ok) throw new AppError(answer.code, answer.status, answer.message);
  return answer.parsed as Table;
}

/**
 * Reads the named sheets of an uploaded .xlsx workbook in the file worker, under the same caps as
 * parseTableFile (each sheet within `limits`); answers the workbook's sheet names too, and leaves out a named
 * sheet it lacks. Throws as parseTableFile does. The caller limits the size.
 */
export async function parseWorkbookFile(
  data: Uint8Array,
  sheets: readonly string[],
  opts: { what?: string; limits?: TableLimits; timeoutMs?: number } = {},
): Promise<{ names: string[]; sheets: Record<string, Table> }> {
  const answer = await filePool().run(
    {
      kind: "table",
      format: "xlsx",
      data,
      what: opts.what ?? "表格",
      limits: opts.limits ?? TABLE_LIMITS,
      sheets: [...sheets],
    },
    opts.timeoutMs ?? EXTRACT_LIMITS.timeoutMs,
  );
  if (!answer.ok) throw new AppError(answer.code, answer.status, answer.message);
  return answer.parsed as { names: string[]; sheets: Record<string, Table> };
}
