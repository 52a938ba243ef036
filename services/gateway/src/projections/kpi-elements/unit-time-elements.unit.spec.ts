import { BUCKET_MS, unitTimeBuckets, type StateEntry } from './unit-time-elements';

const T0 = Date.parse('2026-11-16T06:00:00Z');
const min = (m: number): number => T0 + m * 60_000;
const entry = (state: StateEntry['state'], minute: number, reasonCode: string | null = null): StateEntry => ({ state, since: min(minute), reasonCode });

describe('unit time elements', () => {
  it('splits an interval that crosses bucket boundaries exactly', () => {
    // Running 06:10 to 06:40: 5 min in the 06:00 bucket, 15 in 06:15, 10 in 06:30.
    const buckets = unitTimeBuckets([entry('Running', 10), entry('Idle', 40)], min(0), min(60), 0);
    expect([...buckets].map(([start, b]) => [(start - T0) / 60_000, b.time.APT])).toEqual([
      [0, 300],
      [15, 900],
      [30, 600],
    ]);
  });

  it('books each state to its element, and the last (open) interval to nothing', () => {
    const entries = [entry('Running', 0), entry('Setup', 5), entry('Down', 7, 'JAM'), entry('Idle', 10), entry('PlannedDowntime', 12), entry('Unknown', 13), entry('Running', 14)];
    const [only] = [...unitTimeBuckets(entries, min(0), min(15), 0).values()];
    expect(only?.time).toEqual({ APT: 300, ASUT: 120, ADET: 180, ADOT: 120, FE: 1, TTR: 180 });
  });

  it('keeps a stop shorter than the minor-stop threshold in APT (speed loss), judged on its whole length', () => {
    // A 90 s Down straddling 06:15: under a 120 s threshold it is a minor stop on both sides of the boundary.
    const entries = [entry('Running', 0), { state: 'Down' as const, since: min(14), reasonCode: 'JAM' }, { state: 'Running' as const, since: min(15.5), reasonCode: null }, entry('Idle', 30)];
    const minor = unitTimeBuckets(entries, min(0), min(30), 120);
    expect([...minor.values()].map((b) => b.time)).toEqual([
      { APT: 900, ASUT: 0, ADET: 0, ADOT: 0, FE: 0, TTR: 0 },
      { APT: 900, ASUT: 0, ADET: 0, ADOT: 0, FE: 0, TTR: 0 },
    ]);
    const iso = unitTimeBuckets(entries, min(0), min(30), 0);
    expect([...iso.values()].map((b) => b.time)).toEqual([
      { APT: 840, ASUT: 0, ADET: 60, ADOT: 0, FE: 1, TTR: 60 },
      { APT: 870, ASUT: 0, ADET: 30, ADOT: 0, FE: 0, TTR: 30 },
    ]);
    // Either way the stop is in the downtime by reason, with one occurrence where it started.
    expect([...minor.values()].map((b) => [...b.reasons.values()])).toEqual([[{ state: 'Down', reasonCode: 'JAM', seconds: 60, occurrences: 1 }], [{ state: 'Down', reasonCode: 'JAM', seconds: 30, occurrences: 0 }]]);
  });

  it('books only inside [from, to), and counts an occurrence only where its interval starts', () => {
    const entries = [entry('Down', 10, 'JAM'), entry('Running', 50)];
    const buckets = unitTimeBuckets(entries, min(15), min(45), 0);
    expect([...buckets.keys()].map((start) => (start - T0) / 60_000)).toEqual([15, 30]);
    expect([...buckets.values()].map((b) => [b.time.ADET, b.time.FE])).toEqual([
      [900, 0],
      [900, 0],
    ]);
  });

  it('sums to the same totals however the buckets cut the time', () => {
    const entries = [entry('Running', 0), entry('Down', 37, 'JAM'), entry('Running', 52), entry('Setup', 200), entry('Idle', 233), entry('Running', 301)];
    const total = { APT: 0, ASUT: 0, ADET: 0, ADOT: 0 };
    for (const b of unitTimeBuckets(entries, min(0), min(360), 0).values()) for (const k of Object.keys(total) as (keyof typeof total)[]) total[k] += b.time[k];
    expect(total).toEqual({ APT: (37 + 148) * 60, ASUT: 33 * 60, ADET: 15 * 60, ADOT: 68 * 60 });
    expect(BUCKET_MS).toBe(900_000);
  });
});
