export { renderAnnualReportDocx } from "./reports.docx";
export { renderAnnualReportPdf } from "./reports.pdf";
export { registerReportRoutes } from "./reports.routes";
export {
  type AnnualReport,
  annualReportFor,
  computeAnnualReport,
  FIRST_YEAR,
  parseYear,
  saveReportFigures,
} from "./reports.service";
