import type { Deps } from "../../deps";
import { type ChainPoint, type VerifyResult, walkAuditChain } from "./audit.verify";

// The audit page's chain check. A full walk hashes every entry of the database (seconds at a million), too
// slow for every view of a staff list page. So the page remembers, per database, the last full walk's result
// and the last entry verified; within FULL_CHECK_FRESH_MS of a passed full walk a view hashes only the entries
// appended since (and still checks the remembered entry's hash, the head row and the head file); otherwise a
// full walk starts in the background and the view shows the last known result with its time. A failure found
// by any walk stays on the page until a full walk that started after it passes. The CLI and every other caller
// keep using verifyAuditChain, the full walk, every time.

/** How long a passed full walk lets views check only the entries appended after it. */
export const FULL_CHECK_FRESH_MS = 10 * 60_000;
/** How long the first view of a database waits for the first full walk before showing it as under way. */
export const FIRST_CHECK_WAIT_MS = 2_000;

interface FullCheck {
  /** When the walk started (ms): entries verified are those it saw from then on. */
  at: number;
  result: VerifyResult;
  tick: number;
}

interface Failure {
  at: number;
  result: Extract<VerifyResult, { ok: false }>;
  /**
   * Order of events: a full walk clears the failure only if it started after the failure was found (a
   * failure a full walk finds carries that walk's start).
   */
  tick: number;
}

interface CheckState {
  full?: FullCheck;
  /** The last entry verified and linked back to a passed full walk; absent after a failure. */
  point?: ChainPoint;
  failure?: Failure;
  running?: { run: Promise<VerifyResult>; tick: number };
  tick: number;
}

const states = new WeakMap<object, CheckState>();

function stateOf(deps: Pick<Deps, "db">): CheckState {
  const found = states.get(deps.db);
  if (found) return found;
  const s: CheckState = { tick: 0 };
  states.set(deps.db, s);
  return s;
}

function noteFailure(
  s: CheckState,
  result: Extract<VerifyResult, { ok: false }>,
  at: number,
  tick = ++s.tick,
): void {
  s.failure = { at, result, tick };
  s.point = undefined;
}

/**
 * Starts a full walk of `deps.db`'s chain unless one is under way, and returns it. Only a finished walk is
 * remembered: one that throws (a lost connection) leaves the last result as it was and the next view starts
 * another.
 */
export function runFullAuditCheck(deps: Pick<Deps, "db" | "config" | "clock">): Promise<VerifyResult> {
  const s = stateOf(deps);
  if (s.running) return s.running.run;
  const at = deps.clock.now().getTime();
  const tick = ++s.tick;
  const run = walkAuditChain(deps).then((walk) => {
    const { result } = walk;
    s.full = { at, result, tick };
    if (result.ok) {
      if (s.failure && s.failure.tick < tick) s.failure = undefined;
      if (!s.failure && walk.last && (!s.point || walk.last.seq >= s.point.seq)) s.point = walk.last;
    } else noteFailure(s, result, at, tick);
    return result;
  });
  const entry = { run, tick };
  s.running = entry;
  const settle = () => {
    if (s.running === entry) s.running = undefined;
  };
  run.then(settle, settle);
  return run;
}

/** What the audit page shows. */
export type PageCheck =
  /** No full walk has finished yet; one is under way. */
  | { state: "pending" }
  | {
      state: "done";
      result: VerifyResult;
      /** When the last finished full walk started (ms), if one has finished. */
      fullAt?: number;
      /** A newer full walk is under way (the shown result is older than the freshness window). */
      refreshing: boolean;
      /**
       * incremental: this view checked the entries appended after a fresh passed full walk; remembered: the
       * result of the last walk, shown as it was.
       */
      mode: "incremental" | "remembered";
      /** Entries hashed for this view (0 when nothing was appended, or the result is a remembered one). */
      walked: number;
    };

/**
 * The chain check for one view of the audit page: incremental after a fresh passed full walk, otherwise the
 * last known result while a full walk runs in the background. `freshMs` is for tests.
 */
export async function auditCheckForPage(
  deps: Pick<Deps, "db" | "config" | "clock" | "logger">,
  opts: { freshMs?: number } = {},
): Promise<PageCheck> {
  const s = stateOf(deps);
  const freshMs = opts.freshMs ?? FULL_CHECK_FRESH_MS;
  const now = deps.clock.now().getTime();
  const full = s.full;
  if (full?.result.ok && now - full.at < freshMs && !s.failure && s.point) {
    const from = s.point;
    const walk = await walkAuditChain(deps, { from });
    // Read again after the walk: a full walk or another view may have finished meanwhile.
    const after = stateOf(deps);
    if (!walk.result.ok) noteFailure(after, walk.result, now);
    // Only move forward: a full walk or another view may have verified further meanwhile.
    else if (!after.failure && walk.last && after.point && walk.last.seq >= after.point.seq)
      after.point = walk.last;
    return {
      state: "done",
      result: after.failure?.result ?? walk.result,
      fullAt: full.at,
      refreshing: false,
      mode: "incremental",
      walked: walk.walked,
    };
  }
  // A full walk is due: none yet, the last one is stale, or a failure was found since it started.
  const due =
    !s.running &&
    (!full || now - full.at >= freshMs || (s.failure !== undefined && s.failure.tick > full.tick));
  const background = due ? runFullAuditCheck(deps) : s.running?.run;
  // Logged once, by the view that started it; the page keeps showing the last result.
  if (due) background?.catch((err) => deps.logger.error({ err }, "audit chain check failed to run"));
  if (!s.full && !s.failure && background) {
    // The first view of this database: a small chain is checked within the wait, a large one is shown as
    // under way rather than holding the page.
    let timer: NodeJS.Timeout | undefined;
    const waited = await Promise.race([
      background.then(
        () => true,
        () => false,
      ),
      new Promise<false>((resolve) => {
        timer = setTimeout(() => resolve(false), FIRST_CHECK_WAIT_MS);
      }),
    ]);
    clearTimeout(timer);
    if (!waited) return { state: "pending" };
  }
  const result = s.failure?.result ?? s.full?.result;
  if (!result) return { state: "pending" };
  return {
    state: "done",
    result,
    fullAt: s.full?.at,
    refreshing: s.running !== undefined,
    mode: "remembered",
    walked: 0,
  };
}
