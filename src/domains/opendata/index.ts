// What other code may use of the open-data domain (可利用): its routes.
export { registerOpenDataRoutes } from "./opendata.routes";
