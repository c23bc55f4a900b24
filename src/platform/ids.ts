import { randomBytes, randomInt } from "node:crypto";

let lastMs = 0;
let sequence = 0;

/**
 * UUIDv7: time-ordered, so primary keys index well on both engines. Within one millisecond the 12-bit
 * sequence counts up (RFC 9562 §6.2, method 1), so ids made one after another also sort in that order.
 */
export function newId(now = Date.now()): string {
  if (now <= lastMs) {
    now = lastMs;
    sequence++;
    if (sequence > 0xfff) {
      lastMs = now = lastMs + 1;
      sequence = 0;
    }
  } else {
    lastMs = now;
    sequence = randomInt(0, 0x800);
  }
  const b = randomBytes(16);
  b.writeUIntBE(now, 0, 6);
  b[6] = 0x70 | (sequence >> 8);
  b[7] = sequence & 0xff;
  b[8] = 0x80 | (b[8]! & 0x3f);
  const h = b.toString("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export const isUuid = (s: string): boolean =>
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(s);
