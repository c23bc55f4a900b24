// What other code may use of the public consultation domain (征求意见).
export { registerConsultationRoutes } from "./consultation.routes";
export type { ConsultationTables } from "./consultation.tables";
