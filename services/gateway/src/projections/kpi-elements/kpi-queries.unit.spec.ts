import { bucketIntervals } from './kpi-queries';

describe('bucket intervals for width_bucket', () => {
  it('maps each interval between sorted bounds to its bucket, and a gap between shifts to none', () => {
    const at = (hour: number): number => Date.parse('2026-11-16T00:00:00Z') + hour * 3_600_000;
    // Two shifts with a gap between them (14:00-22:00 is not a bucket).
    const { thresholds, bucketOfInterval } = bucketIntervals([
      { from: at(6), to: at(14) },
      { from: at(22), to: at(30) },
    ]);
    expect(thresholds).toEqual(['2026-11-16T06:00:00.000Z', '2026-11-16T14:00:00.000Z', '2026-11-16T22:00:00.000Z', '2026-11-17T06:00:00.000Z']);
    // width_bucket: 0 below the first bound, i within [bound i-1, bound i), 4 at or above the last.
    expect(bucketOfInterval).toEqual([-1, 0, -1, 1, -1]);
  });
});
