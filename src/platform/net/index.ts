export { BLOCK_REASON_LABELS, type BlockReason, classifyAddress } from "./address";
export { BlockedTargetError, createSafeLinkProbe, type SafeProbeOptions } from "./safe-probe";
