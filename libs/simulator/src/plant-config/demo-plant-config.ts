import { randomStream } from '../random/prng';
import type { PlantConfig, ShiftCalendar, WorkUnitConfig } from './plant-config';

/** Kinds of machine a discrete plant has, with the figures of a typical one of each. */
const ARCHETYPES = [
  { kind: 'press', cycleSeconds: 6, jitter: 0.08, mtbfHours: 3, mttrMinutes: 12, scrap: 0.012, rework: 0.004, microStop: 0.004, setup: { every: { units: 2400 }, minutes: 25 } },
  { kind: 'cnc', cycleSeconds: 95, jitter: 0.03, mtbfHours: 7, mttrMinutes: 40, scrap: 0.008, rework: 0.012, microStop: 0.002, setup: { every: { runningMinutes: 240 }, minutes: 35 } },
  { kind: 'assembly', cycleSeconds: 42, jitter: 0.12, mtbfHours: 5, mttrMinutes: 15, scrap: 0.02, rework: 0.01, microStop: 0.015, setup: undefined },
  { kind: 'packer', cycleSeconds: 2.5, jitter: 0.05, mtbfHours: 2.5, mttrMinutes: 7, scrap: 0.006, rework: 0, microStop: 0.0015, setup: undefined },
  { kind: 'welder', cycleSeconds: 28, jitter: 0.06, mtbfHours: 4.5, mttrMinutes: 25, scrap: 0.028, rework: 0.018, microStop: 0.006, setup: { every: { units: 600 }, minutes: 12 } },
] as const;

const REASONS = ['BEARING', 'JAM', 'ELECTRICAL', 'HYDRAULIC', 'SENSOR', 'TOOLING'];

/** Two shifts on weekdays, each with a short and a long break. */
export const DEMO_CALENDAR: ShiftCalendar = {
  days: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'],
  shifts: [
    { name: 'early', start: '06:00', end: '14:00', breaks: [{ start: '09:00', end: '09:15' }, { start: '11:30', end: '12:00' }] },
    { name: 'late', start: '14:00', end: '22:00', breaks: [{ start: '17:00', end: '17:15' }, { start: '19:30', end: '20:00' }] },
  ],
};

const within = (value: number, min: number, max: number): number => Math.min(max, Math.max(min, value));
const round = (value: number, digits: number): number => Number(value.toFixed(digits));

/**
 * A plausible plant for demos and load: the units take turns through the machine kinds, and each one's
 * figures are spread by ±25 % from a stream seeded by its id, so two presses differ but a given id is
 * always the same machine. MTBF stays within 2-8 h, MTTR within 5-45 min, scrap within 0.5-3 %.
 */
export function demoPlantConfig(workUnitIds: string[]): PlantConfig {
  return { countIntervalSeconds: 60, calendar: DEMO_CALENDAR, workUnits: workUnitIds.map((id, i) => demoWorkUnit(id, i)) };
}

function demoWorkUnit(workUnitId: string, position: number): WorkUnitConfig {
  const type = ARCHETYPES[position % ARCHETYPES.length];
  const random = randomStream(0, `demo/${workUnitId}`);
  const spread = (value: number): number => value * (0.75 + 0.5 * random.next());
  const mtbfSeconds = within(spread(type.mtbfHours), 2, 8) * 3600;
  const mttrSeconds = within(spread(type.mttrMinutes), 5, 45) * 60;
  const first = Math.floor(random.next() * REASONS.length);
  const reasonCodes = [0, 1, 2].map((offset) => REASONS[(first + offset * 2) % REASONS.length]);
  return {
    workUnitId,
    idealCycleTimeSeconds: round(spread(type.cycleSeconds), 1),
    cycleTimeJitter: type.jitter,
    microStops: { probabilityPerCycle: round(spread(type.microStop), 5), durationSeconds: { kind: 'lognormal', mean: 25, sd: 15 } },
    breakdowns: {
      timeToFailureSeconds: { kind: 'exponential', mean: Math.round(mtbfSeconds) },
      timeToRepairSeconds: { kind: 'lognormal', mean: Math.round(mttrSeconds), sd: Math.round(mttrSeconds * 0.6) },
      reasonCodes,
      reasonWeights: [5, 3, 1],
    },
    ...(type.setup
      ? { setups: { every: type.setup.every, durationSeconds: { kind: 'normal', mean: type.setup.minutes * 60, sd: type.setup.minutes * 12, min: 300 }, reasonCode: 'CHANGEOVER' } }
      : {}),
    scrapRate: round(within(spread(type.scrap), 0.005, 0.03), 4),
    reworkRate: round(spread(type.rework), 4),
  };
}
