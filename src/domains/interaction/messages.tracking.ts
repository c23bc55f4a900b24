import type { TrackingKind } from "../../platform/tracking";

/** Messages' tracking codes start with HD (互动); error reports' with JC (纠错). One purpose: one status page. */
export const MESSAGE_TRACKING: TrackingKind = { prefix: "HD", purpose: "message" };
export const ERROR_REPORT_TRACKING: TrackingKind = { prefix: "JC", purpose: "message" };
