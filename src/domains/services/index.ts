// What other code may use of the government services domain (政务服务).

export { LICENSING_TYPE } from "./services.model";
export { registerServiceRoutes } from "./services.routes";
export type { ServiceTables } from "./services.tables";
