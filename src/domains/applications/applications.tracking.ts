import type { TrackingKind } from "../../platform/tracking";

/** Applications' tracking codes start with YS (依申请); their secrets are hashed for this purpose. */
export const APPLICATION_TRACKING: TrackingKind = { prefix: "YS", purpose: "application" };
