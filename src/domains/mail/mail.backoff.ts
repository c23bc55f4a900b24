// When to try a message again: exponential backoff from one minute, capped at six hours.
export const RETRY_BASE_MS = 60_000;
export const RETRY_MAX_MS = 6 * 60 * 60 * 1000;
/** A claimed message is another worker's for this long; then it counts as abandoned and is retried. */
export const CLAIM_LEASE_MS = 5 * 60 * 1000;

/** The wait after the `attempt`-th failed attempt (1-based): 1, 2, 4, 8… minutes, at most six hours. */
export function retryDelayMs(attempt: number): number {
  const n = Math.max(1, Math.floor(attempt));
  return Math.min(RETRY_BASE_MS * 2 ** (n - 1), RETRY_MAX_MS);
}

export function nextAttemptAt(now: Date, attempt: number): string {
  return new Date(now.getTime() + retryDelayMs(attempt)).toISOString();
}
