import type { CountSignal } from '@quadrant/sparkplug';
import { coalesceCounts } from './record-machine-signals';

const count = (messageId: string, at: string, good: number, scrap: number, totals: CountSignal['totals']): CountSignal => ({
  kind: 'count',
  messageId,
  workUnitId: 'press-1',
  at: `2026-11-16T${at}Z`,
  good,
  scrap,
  rework: 0,
  totals,
});

describe('coalescing a unit’s counts of one batch', () => {
  it('adds up the counts of one 15-minute bucket into one, at the last one’s time and totals', () => {
    const coalesced = coalesceCounts([
      count('m1', '06:00:01.000', 3, 0, { goodCount: '103', scrapCount: '5' }),
      count('m2', '06:00:02.000', 2, 1, { goodCount: '105', scrapCount: '6' }),
      count('m3', '06:14:59.999', 4, 0, { goodCount: '109' }),
    ]);
    expect(coalesced).toEqual([
      { kind: 'count', messageId: 'm1..m3', workUnitId: 'press-1', at: '2026-11-16T06:14:59.999Z', good: 9, scrap: 1, rework: 0, totals: { goodCount: '109', scrapCount: '6' } },
    ]);
  });

  it('never adds across a 15-minute boundary, where the KPI buckets are cut', () => {
    const coalesced = coalesceCounts([
      count('m1', '06:14:59.000', 3, 0, { goodCount: '103' }),
      count('m2', '06:15:00.000', 2, 0, { goodCount: '105' }),
      count('m3', '06:15:01.000', 1, 0, { goodCount: '106' }),
    ]);
    expect(coalesced.map((c) => [c.messageId, c.good, c.totals])).toEqual([
      ['m1', 3, { goodCount: '103' }],
      ['m2..m3', 3, { goodCount: '106' }],
    ]);
  });

  it('leaves a lone count as it came', () => {
    const lone = count('m1', '06:00:00.000', 1, 0, { goodCount: '1' });
    expect(coalesceCounts([lone])).toEqual([lone]);
    expect(coalesceCounts([])).toEqual([]);
  });
});
