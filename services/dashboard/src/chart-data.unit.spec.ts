import { isEmptyRange, paretoBars, waterfallSteps, worstByOee } from './chart-data';

describe('the loss waterfall', () => {
  const losses = { plannedBusyTime: 28_800, availabilityLoss: 3_600, setupTime: 0, speedLoss: 1_800, qualityLoss: 600, fullyProductiveTime: 22_800 };

  it('steps down from planned busy time to fully productive time, without setup when it is 0', () => {
    expect(waterfallSteps(losses)).toEqual([
      { label: 'Planned busy time', base: 0, value: 28_800, kind: 'total' },
      { label: 'Availability loss', base: 25_200, value: 3_600, kind: 'loss' },
      { label: 'Speed loss', base: 23_400, value: 1_800, kind: 'loss' },
      { label: 'Quality loss', base: 22_800, value: 600, kind: 'loss' },
      { label: 'Fully productive time', base: 0, value: 22_800, kind: 'result' },
    ]);
  });

  it('shows setup apart when there is some', () => {
    const steps = waterfallSteps({ ...losses, availabilityLoss: 2_400, setupTime: 1_200 });
    expect(steps.map((step) => step.label)).toEqual(['Planned busy time', 'Availability loss', 'Setup', 'Speed loss', 'Quality loss', 'Fully productive time']);
    expect(steps[2]).toEqual({ label: 'Setup', base: 25_200, value: 1_200, kind: 'loss' });
  });

  it('never draws below zero', () => {
    const steps = waterfallSteps({ plannedBusyTime: 100, availabilityLoss: 150, setupTime: 0, speedLoss: -5, qualityLoss: 0, fullyProductiveTime: 0 });
    expect(steps.every((step) => step.base >= 0 && step.value >= 0)).toBe(true);
  });
});

describe('the downtime Pareto', () => {
  it('sorts longest first and accumulates the share of the reasons shown', () => {
    const bars = paretoBars([
      { state: 'Idle', reasonCode: null, durationSeconds: 1_000, occurrences: 4 },
      { state: 'Down', reasonCode: 'SPINDLE_OVERHEAT', durationSeconds: 3_000, occurrences: 2 },
    ]);
    expect(bars.map((bar) => [bar.label, bar.cumulativeShare])).toEqual([
      ['Down · Spindle overheat', 0.75],
      ['Idle · No reason given', 1],
    ]);
  });

  it('has no share when nothing was lost', () => {
    expect(paretoBars([{ state: 'Down', reasonCode: 'X', durationSeconds: 0, occurrences: 1 }])[0]?.cumulativeShare).toBe(0);
    expect(paretoBars([])).toEqual([]);
  });
});

describe('picking lines', () => {
  it('takes the lowest OEE first and leaves out those without one', () => {
    const line = (id: string, oee: number | null) => ({ id, total: { oee } });
    expect(worstByOee([line('a', 0.9), line('b', null), line('c', 0.4), line('d', 0.7), line('e', 0.5)], 3).map((summary) => summary.id)).toEqual(['c', 'e', 'd']);
  });

  it('calls a range empty when nothing was planned nor produced', () => {
    expect(isEmptyRange({ PBT: 0, PQ: 0 })).toBe(true);
    expect(isEmptyRange({ PBT: 0, PQ: 3 })).toBe(false);
    expect(isEmptyRange({ PBT: 60, PQ: 0 })).toBe(false);
  });
});
