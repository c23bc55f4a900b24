export { registerApplicationRoutes } from "./applications.routes";
export { getApplicationForStaff, submitOnline, trackApplication } from "./applications.service";
export { performApplicationAction } from "./applications.workflow";
export { feeForNthInMonth, feeForPages } from "./fees";
