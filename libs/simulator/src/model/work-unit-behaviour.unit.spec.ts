import { DEMO_CALENDAR } from '../plant-config/demo-plant-config';
import type { PlantConfig, WorkUnitConfig } from '../plant-config/plant-config';
import { simulate } from './plant-simulation';
import { countsOf, hoursIn, intervalsOf, statesOf, totals, transitions, type StateInterval } from './testing/timeline';

const month = { start: '2026-01-01T00:00:00Z', end: '2026-02-01T00:00:00Z' };

const press: WorkUnitConfig = {
  workUnitId: 'press-1',
  idealCycleTimeSeconds: 20,
  cycleTimeJitter: 0.1,
  microStops: { probabilityPerCycle: 0.01, durationSeconds: { kind: 'lognormal', mean: 30, sd: 15 } },
  breakdowns: {
    timeToFailureSeconds: { kind: 'exponential', mean: 2 * 3600 },
    timeToRepairSeconds: { kind: 'lognormal', mean: 900, sd: 450 },
    reasonCodes: ['BEARING', 'JAM', 'ELECTRICAL'],
  },
  setups: { every: { units: 500 }, durationSeconds: { kind: 'normal', mean: 600, sd: 120 }, reasonCode: 'CHANGEOVER' },
  scrapRate: 0.02,
  reworkRate: 0.01,
};
const onShifts: PlantConfig = { calendar: DEMO_CALENDAR, workUnits: [press] };
const aroundTheClock: PlantConfig = { workUnits: [press] };

/** The demo calendar written out again, so the model is checked against something it did not compute. */
function plannedAt(at: number): { productive: boolean; reasonCode?: string } {
  const date = new Date(at);
  const minute = date.getUTCHours() * 60 + date.getUTCMinutes();
  const weekday = date.getUTCDay() >= 1 && date.getUTCDay() <= 5;
  if (!weekday || minute < 6 * 60 || minute >= 22 * 60) return { productive: false, reasonCode: 'NO_SHIFT' };
  const breaks = [[9 * 60, 9 * 60 + 15], [11 * 60 + 30, 12 * 60], [17 * 60, 17 * 60 + 15], [19 * 60 + 30, 20 * 60]];
  if (breaks.some(([from, to]) => minute >= from && minute < to)) return { productive: false, reasonCode: 'BREAK' };
  return { productive: true };
}

/** Every minute boundary inside an interval, and its first and last millisecond. */
const momentsOf = (interval: StateInterval): number[] => {
  const moments = [interval.start, interval.end - 1];
  for (let at = Math.ceil(interval.start / 60_000) * 60_000; at < interval.end; at += 60_000) moments.push(at);
  return moments;
};

describe('a simulated work unit', () => {
  describe('over a month of two weekday shifts', () => {
    const messages = simulate(onShifts, { seed: 2026, ...month });
    const intervals = intervalsOf(messages, 'press-1', month.end);
    const counts = countsOf(messages, 'press-1');

    it('fails about once per mean time between failures of running', () => {
      const failures = transitions(intervals, 'Running', 'Down');
      expect(failures).toBeGreaterThan(50);
      expect(hoursIn(intervals, 'Running') / failures / 2).toBeGreaterThan(0.8);
      expect(hoursIn(intervals, 'Running') / failures / 2).toBeLessThan(1.2);
    });

    it('never runs in a break or outside the shifts, and plans downtime with the matching reason', () => {
      for (const interval of intervals) {
        const planned = momentsOf(interval).map(plannedAt);
        if (interval.state === 'PlannedDowntime') expect(planned.every((moment) => moment.reasonCode === interval.reasonCode)).toBe(true);
        else expect(planned.every((moment) => moment.productive)).toBe(true);
      }
      expect(intervals.some((interval) => interval.reasonCode === 'BREAK')).toBe(true);
    });

    it('goes down only with one of the configured reason codes, and idles only for micro-stops', () => {
      const down = intervals.filter((interval) => interval.state === 'Down');
      expect(new Set(down.map((interval) => interval.reasonCode))).toEqual(new Set(['BEARING', 'JAM', 'ELECTRICAL']));
      expect(intervals.filter((interval) => interval.state === 'Idle').every((interval) => interval.reasonCode === 'MICRO_STOP')).toBe(true);
    });

    it('counts only in windows in which it was running', () => {
      expect(counts.length).toBeGreaterThan(1000);
      const running = intervals.filter((interval) => interval.state === 'Running');
      let first = 0;
      const withoutRunning = counts.filter((count) => {
        const windowEnd = Date.parse(count.at);
        while (first < running.length && running[first].end <= windowEnd - 60_000) first++;
        return !(first < running.length && running[first].start < windowEnd);
      });
      expect(withoutRunning).toEqual([]);
      expect(counts.filter((count) => count.good + count.scrap + count.rework === 0)).toEqual([]);
    });

    it('scraps and reworks the configured share of what it makes', () => {
      const { scrap, rework, produced } = totals(counts);
      expect(produced).toBeGreaterThan(30_000);
      expect(scrap / produced).toBeGreaterThan(0.018);
      expect(scrap / produced).toBeLessThan(0.022);
      expect(rework / produced).toBeGreaterThan(0.008);
      expect(rework / produced).toBeLessThan(0.012);
    });

    it('makes what its running time allows at its mean cycle time, never beating the ideal', () => {
      const { produced } = totals(counts);
      const meanCycleSeconds = 20 * (1 + 0.1 * Math.sqrt(2 / Math.PI));
      const expected = (hoursIn(intervals, 'Running') * 3600) / meanCycleSeconds;
      expect(Math.abs(produced / expected - 1)).toBeLessThan(0.02);
      const most = counts.reduce((highest, count) => Math.max(highest, count.good + count.scrap + count.rework), 0);
      expect(most).toBe(60 / 20);
    });

    it('changes over about every configured number of units, and micro-stops about once per 1/p cycles', () => {
      const { produced } = totals(counts);
      const setups = intervals.filter((interval, i) => interval.state === 'Setup' && intervals[i - 1]?.state !== 'PlannedDowntime').length;
      expect(Math.abs(produced / setups / 500 - 1)).toBeLessThan(0.1);
      expect(intervals.filter((interval) => interval.state === 'Setup').every((interval) => interval.reasonCode === 'CHANGEOVER')).toBe(true);
      const microStops = transitions(intervals, 'Running', 'Idle');
      expect(Math.abs(microStops / produced / 0.01 - 1)).toBeLessThan(0.2);
    });
  });

  describe('running around the clock', () => {
    const messages = simulate(aroundTheClock, { seed: 31, ...month });
    const intervals = intervalsOf(messages, 'press-1', month.end);

    it('is never in planned downtime without a calendar', () => {
      expect(intervals.some((interval) => interval.state === 'PlannedDowntime')).toBe(false);
    });

    it('takes about the mean time to repair to come back from a breakdown', () => {
      const repairs = intervals.filter((interval) => interval.state === 'Down');
      expect(repairs.length).toBeGreaterThan(150);
      const meanRepairSeconds = repairs.reduce((sum, interval) => sum + interval.end - interval.start, 0) / repairs.length / 1000;
      expect(Math.abs(meanRepairSeconds / 900 - 1)).toBeLessThan(0.2);
    });

    it('resumes running after each stop: every stop is followed by running or another stop', () => {
      intervals.forEach((interval, i) => {
        const next = intervals[i + 1];
        if (interval.state === 'Running' && next) expect(next.state).not.toBe('Running');
      });
      expect(transitions(intervals, 'Down', 'Running') + transitions(intervals, 'Down', 'Setup')).toBe(transitions(intervals, 'Running', 'Down') - (intervals[intervals.length - 1].state === 'Down' ? 1 : 0));
    });
  });

  it('finishes an interrupted cycle after the stop instead of starting it over', () => {
    const slow: WorkUnitConfig = {
      workUnitId: 'slow-1',
      idealCycleTimeSeconds: 60,
      breakdowns: { timeToFailureSeconds: { kind: 'fixed', value: 100 }, timeToRepairSeconds: { kind: 'fixed', value: 10 }, reasonCodes: ['JAM'] },
    };
    const end = '2026-01-05T01:00:00Z';
    const messages = simulate({ workUnits: [slow] }, { seed: 1, start: '2026-01-05T00:00:00Z', end });
    const runningSeconds = hoursIn(intervalsOf(messages, 'slow-1', end), 'Running') * 3600;
    expect(totals(countsOf(messages, 'slow-1')).produced).toBe(Math.floor(runningSeconds / 60));
  });

  it('pauses a repair over planned downtime and finishes it when the next shift starts', () => {
    const fragile: WorkUnitConfig = {
      workUnitId: 'fragile-1',
      idealCycleTimeSeconds: 30,
      breakdowns: { timeToFailureSeconds: { kind: 'fixed', value: 3.25 * 3600 }, timeToRepairSeconds: { kind: 'fixed', value: 3600 }, reasonCodes: ['JAM'] },
    };
    const calendar = { shifts: [{ start: '06:00', end: '10:00' }] };
    const messages = simulate({ calendar, workUnits: [fragile] }, { seed: 1, start: '2026-01-05T06:00:00Z', end: '2026-01-06T12:00:00Z' });
    expect(statesOf(messages, 'fragile-1').map((message) => `${message.since} ${message.state} ${message.reasonCode ?? ''}`.trim())).toEqual([
      '2026-01-05T06:00:00.000Z Running',
      '2026-01-05T09:15:00.000Z Down JAM',
      '2026-01-05T10:00:00.000Z PlannedDowntime NO_SHIFT',
      '2026-01-06T06:00:00.000Z Down JAM',
      '2026-01-06T06:15:00.000Z Running',
      '2026-01-06T09:30:00.000Z Down JAM',
      '2026-01-06T10:00:00.000Z PlannedDowntime NO_SHIFT',
    ]);
  });
});
