// What other code may use of the open-data domain (可利用): its routes.

export { CSV_TYPE, type CsvColumn, toCsv } from "./csv";
export { addOpenDataset, type OpenDataset } from "./opendata.pages";
export { registerOpenDataRoutes } from "./opendata.routes";
export { siteOrigin } from "./opendata.service";
