// What other code may use of the public consultation domain (征求意见).

export { commentTextsSince } from "./consultation.repo";
export { registerConsultationRoutes } from "./consultation.routes";
export type { ConsultationTables } from "./consultation.tables";
