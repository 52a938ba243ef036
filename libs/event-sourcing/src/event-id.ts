import { randomFillSync } from 'node:crypto';

/**
 * Event ids are UUID version 7 (RFC 9562): 48 bits of Unix time in milliseconds, then 74 random bits. Ids
 * taken later sort later, so every index keyed by event id (the event store's, each consumer's inbox, the
 * read models') grows at its right edge instead of touching a random page of the index for each event.
 * Within one millisecond the order is random; nothing relies on it.
 */
const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

/** Random bytes drawn in blocks: one call into the system's generator per 256 ids. */
const POOL_SIZE = 16 * 256;
const pool = Buffer.alloc(POOL_SIZE);
let poolOffset = POOL_SIZE;

export function newEventId(now: number = Date.now()): string {
  if (poolOffset + 16 > POOL_SIZE) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  const bytes = pool.subarray(poolOffset, poolOffset + 16);
  poolOffset += 16;
  // 48-bit big-endian millisecond timestamp (exact up to the year 10889).
  const high = Math.floor(now / 2 ** 32);
  const low = now >>> 0;
  bytes[0] = (high >>> 8) & 0xff;
  bytes[1] = high & 0xff;
  bytes[2] = (low >>> 24) & 0xff;
  bytes[3] = (low >>> 16) & 0xff;
  bytes[4] = (low >>> 8) & 0xff;
  bytes[5] = low & 0xff;
  bytes[6] = 0x70 | ((bytes[6] ?? 0) & 0x0f); // version 7
  bytes[8] = 0x80 | ((bytes[8] ?? 0) & 0x3f); // variant 10
  const hex = (from: number, to: number): string => {
    let text = '';
    for (let i = from; i < to; i++) text += HEX[bytes[i] ?? 0];
    return text;
  };
  return `${hex(0, 4)}-${hex(4, 6)}-${hex(6, 8)}-${hex(8, 10)}-${hex(10, 16)}`;
}
