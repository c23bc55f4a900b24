// A clock is passed in so tests can set "now"; statutory dates are Asia/Shanghai calendar dates.
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export function fixedClock(
  start: Date | string,
): Clock & { set(d: Date | string): void; advance(ms: number): void } {
  let t = new Date(start).getTime();
  return {
    now: () => new Date(t),
    set: (d) => {
      t = new Date(d).getTime();
    },
    advance: (ms) => {
      t += ms;
    },
  };
}

const shanghaiDate = new Intl.DateTimeFormat("en-CA", {
  timeZone: "Asia/Shanghai",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});
const shanghaiDateTime = new Intl.DateTimeFormat("en-CA", {
  timeZone: "Asia/Shanghai",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hour12: false,
});

/** The calendar date in Asia/Shanghai of an instant, as YYYY-MM-DD. */
export function shanghaiDateOf(instant: Date): string {
  return shanghaiDate.format(instant);
}

/**
 * The instant Asia/Shanghai's day YYYY-MM-DD begins, as the ISO text timestamps are stored (UTC, toISOString):
 * `shanghaiDateOf(t) >= day` exactly when `t.toISOString() >= shanghaiDayStartIso(day)`. China has kept UTC+8
 * without summer time since 1991.
 */
export function shanghaiDayStartIso(day: string): string {
  const [y, m, d] = day.split("-").map(Number);
  return new Date(Date.UTC(y!, m! - 1, d!) - 8 * 3_600_000).toISOString();
}

/** "2026-11-27 04:58" in Asia/Shanghai, for display. */
export function formatShanghai(iso: string | Date): string {
  const d = typeof iso === "string" ? new Date(iso) : iso;
  const parts = Object.fromEntries(shanghaiDateTime.formatToParts(d).map((p) => [p.type, p.value]));
  const hour = parts.hour === "24" ? "00" : parts.hour;
  return `${parts.year}-${parts.month}-${parts.day} ${hour}:${parts.minute}`;
}

/** True for a real calendar date written YYYY-MM-DD (2025-02-30 and 2026-13-01 are not). */
export function isRealDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s;
}
