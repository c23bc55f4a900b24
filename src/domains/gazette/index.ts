// What other code may use of the gazette domain (政府公报).
export { registerGazetteRoutes } from "./gazette.routes";
export type { GazetteTables } from "./gazette.tables";
