// Government new media (政务新媒体, issue 17 item 3): what other code may use.
export { registerNewmediaRoutes } from "./newmedia.routes";
export { isStale, STALE_DAYS } from "./newmedia.service";
export type { NewmediaTables } from "./newmedia.tables";
