// The staff ledger as an .xlsx workbook (台账): one sheet of every registered or unregistered 规范性文件 with its
// registration, legality review, collective decision, filing, validity and expiry, under a title row. Text
// cells never become formulas (a leading = + - @ is escaped with an apostrophe).

import { REGISTER_VALIDITY } from "./normative.present";
import type { LedgerRow } from "./normative.repo";
import { filedLate } from "./normative.rules";

const safeText = (v: string): string => (/^[=+\-@\t\r]/.test(v) ? `'${v}` : v);

const COLUMNS: Array<{ header: string; width: number; value: (r: LedgerRow) => string | null }> = [
  { header: "登记编号", width: 18, value: (r) => r.registration_number },
  { header: "标题", width: 48, value: (r) => r.title },
  { header: "发文机关", width: 26, value: (r) => r.org_name },
  { header: "发文字号", width: 20, value: (r) => r.doc_number },
  { header: "索引号", width: 26, value: (r) => r.index_number },
  { header: "成文日期", width: 12, value: (r) => r.formed_on },
  { header: "发布日期", width: 12, value: (r) => r.published_on },
  { header: "合法性审核机构", width: 20, value: (r) => r.review_body },
  { header: "合法性审核日期", width: 14, value: (r) => r.reviewed_on },
  { header: "集体讨论日期", width: 14, value: (r) => r.decided_on },
  { header: "备案期限", width: 12, value: (r) => r.filing_due_on },
  { header: "报送备案日期", width: 14, value: (r) => r.filed_on },
  { header: "备案机关", width: 20, value: (r) => r.filed_with },
  { header: "逾期备案", width: 10, value: (r) => (filedLate(r) ? "是" : r.filed_on ? "否" : null) },
  { header: "有效性", width: 10, value: (r) => REGISTER_VALIDITY[r.validity] ?? r.validity },
  { header: "有效期至", width: 12, value: (r) => r.expires_on },
];

export async function buildLedgerWorkbook(
  title: string,
  rows: readonly LedgerRow[],
  created: Date,
): Promise<Buffer> {
  // exceljs takes most of a second to load: only when a workbook is asked for.
  const { default: Excel } = await import("exceljs");
  const wb = new Excel.Workbook();
  wb.creator = "gongkai";
  wb.created = created;
  const ws = wb.addWorksheet("规范性文件台账", { views: [{ state: "frozen", ySplit: 2 }] });
  ws.columns = COLUMNS.map((c) => ({ width: c.width }));
  ws.addRow([safeText(title)]);
  ws.mergeCells(1, 1, 1, COLUMNS.length);
  ws.getRow(1).font = { bold: true, size: 14 };
  ws.addRow(COLUMNS.map((c) => c.header)).font = { bold: true };
  for (const r of rows) ws.addRow(COLUMNS.map((c) => safeText(c.value(r) ?? "")));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
