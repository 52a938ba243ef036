import { demoPlantConfig } from '../plant-config/demo-plant-config';
import type { PlantConfig } from '../plant-config/plant-config';
import { mulberry32 } from '../random/prng';
import type { MachineMessage } from './machine-message';
import { createPlantSimulation, simulate } from './plant-simulation';
import { statesOf } from './testing/timeline';

const plant = demoPlantConfig(['press-1', 'cnc-1', 'assembly-1', 'packer-1', 'welder-1']);
const week = { start: '2026-01-05T00:00:00Z', end: '2026-01-12T00:00:00Z' };
const timeOf = (message: MachineMessage): number => Date.parse(message.kind === 'state' ? message.since : message.at);

describe('plant simulation', () => {
  describe('determinism', () => {
    it('gives the same messages, byte for byte, for the same seed, config and time range', () => {
      const first = simulate(plant, { seed: 42, ...week });
      const again = simulate(JSON.parse(JSON.stringify(plant)), { seed: 42, ...week });
      expect(first.length).toBeGreaterThan(1000);
      expect(JSON.stringify(again)).toBe(JSON.stringify(first));
    });

    it('gives other messages for another seed', () => {
      const first = simulate(plant, { seed: 42, ...week });
      const other = simulate(plant, { seed: 43, ...week });
      expect(JSON.stringify(other.map(({ messageId: _, ...rest }) => rest))).not.toBe(JSON.stringify(first.map(({ messageId: _, ...rest }) => rest)));
    });

    it('gives the same messages when advanced in many small irregular steps as in one call', () => {
      const whole = simulate(plant, { seed: 7, ...week });
      const stepper = createPlantSimulation(plant, { seed: 7, start: week.start });
      const steps = mulberry32(99);
      const stepped: MachineMessage[] = [];
      for (let at = Date.parse(week.start); at < Date.parse(week.end); at += Math.ceil(steps.next() * 20 * 60_000)) stepped.push(...stepper.advance(new Date(at).toISOString()));
      stepped.push(...stepper.advance(week.end));
      expect(stepped).toEqual(whole);
    });

    it('gives the same messages when each step ends exactly on a message', () => {
      const whole = simulate(plant, { seed: 11, start: week.start, end: '2026-01-06T12:00:00Z' });
      const stepper = createPlantSimulation(plant, { seed: 11, start: week.start });
      const stepped = [...new Set(whole.map(timeOf))].flatMap((at) => stepper.advance(new Date(at).toISOString()));
      expect(stepped).toEqual(whole);
    });

    it('leaves a work unit’s messages as they were when another unit joins the plant', () => {
      const alone = simulate({ ...plant, workUnits: plant.workUnits.slice(0, 1) }, { seed: 5, ...week });
      const together = simulate(plant, { seed: 5, ...week }).filter((message) => message.workUnitId === 'press-1');
      expect(together).toEqual(alone);
    });
  });

  describe('the message stream', () => {
    const messages = simulate(plant, { seed: 3, ...week });

    it('is ordered by time, then work unit id, with a count before a state change at the same time', () => {
      const keys = messages.map((message) => [timeOf(message), message.workUnitId] as const);
      keys.forEach(([at, workUnitId], i) => {
        if (i === 0) return;
        const [previousAt, previousUnit] = keys[i - 1];
        expect(at > previousAt || (at === previousAt && workUnitId >= previousUnit)).toBe(true);
      });
      const sameTime = messages.filter((message, i) => i > 0 && message.kind === 'state' && messages[i - 1].workUnitId === message.workUnitId && timeOf(messages[i - 1]) === timeOf(message));
      expect(sameTime.length).toBeGreaterThan(0);
      sameTime.forEach((message) => expect(messages[messages.indexOf(message) - 1].kind).toBe('count'));
    });

    it('numbers each unit’s messages sim-<seed>-<start>-<workUnitId>-<n> from 0, without gaps', () => {
      for (const { workUnitId } of plant.workUnits) {
        const ids = messages.filter((message) => message.workUnitId === workUnitId).map((message) => message.messageId);
        expect(ids).toEqual(ids.map((_, n) => `sim-3-20260105T000000.000Z-${workUnitId}-${n}`));
      }
    });

    it('gives a run of the same seed from another start other message ids, so none passes for a replay', () => {
      const later = simulate(plant, { seed: 3, start: '2026-01-05T00:00:01Z', end: week.end });
      const earlierIds = new Set(messages.map((message) => message.messageId));
      expect(later.filter((message) => earlierIds.has(message.messageId))).toEqual([]);
    });

    it('opens with every unit’s state at the start and writes UTC timestamps', () => {
      expect(messages.slice(0, 5)).toEqual(
        [...plant.workUnits.map((unit) => unit.workUnitId)].sort().map((workUnitId) =>
          expect.objectContaining({ kind: 'state', workUnitId, state: 'PlannedDowntime', reasonCode: 'NO_SHIFT', since: '2026-01-05T00:00:00.000Z' }),
        ),
      );
      messages.forEach((message) => expect(message.kind === 'state' ? message.since : message.at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/));
    });

    it('includes a message that falls exactly on the end, and none after it', () => {
      const end = '2026-01-05T06:00:00Z';
      const untilShift = simulate(plant, { seed: 3, start: week.start, end });
      expect(untilShift.filter((message) => message.kind === 'state' && message.state === 'Running').map((message) => message.workUnitId)).toHaveLength(5);
      expect(untilShift.every((message) => timeOf(message) <= Date.parse(end))).toBe(true);
    });
  });

  describe('the stepper', () => {
    it('returns nothing for a time at or before where it stands, and reports where that is', () => {
      const stepper = createPlantSimulation(plant, { seed: 1, start: '2026-01-05T06:00:00+01:00' });
      expect(stepper.start).toBe('2026-01-05T05:00:00.000Z');
      expect(stepper.position).toBe('2026-01-05T05:00:00.000Z');
      expect(stepper.advance('2026-01-05T04:00:00Z')).toEqual([]);
      expect(stepper.advance('2026-01-05T08:00:00Z').length).toBeGreaterThan(0);
      expect(stepper.position).toBe('2026-01-05T08:00:00.000Z');
      expect(stepper.advance('2026-01-05T08:00:00Z')).toEqual([]);
      expect(stepper.advance('2026-01-05T07:00:00Z')).toEqual([]);
    });

    it('refuses a seed that is not a 32-bit unsigned integer and a time without a zone', () => {
      expect(() => createPlantSimulation(plant, { seed: -1, start: week.start })).toThrow('seed must be a whole number from 0 to 4294967295, not -1');
      expect(() => createPlantSimulation(plant, { seed: 1.5, start: week.start })).toThrow('seed must be a whole number');
      expect(() => createPlantSimulation(plant, { seed: 1, start: '2026-01-05 06:00' })).toThrow('start must be an ISO 8601 timestamp with a zone');
      expect(() => createPlantSimulation(plant, { seed: 1, start: week.start }).advance('tomorrow')).toThrow('until must be an ISO 8601 timestamp');
    });

    it('refuses an invalid config before simulating anything', () => {
      const config: PlantConfig = { workUnits: [{ workUnitId: 'press-1', idealCycleTimeSeconds: 0 }] };
      expect(() => createPlantSimulation(config, { seed: 1, start: week.start })).toThrow('workUnits[0].idealCycleTimeSeconds must be above 0');
    });
  });

  it('reports a state only when it changes', () => {
    const messages = simulate(plant, { seed: 9, ...week });
    for (const { workUnitId } of plant.workUnits) {
      const states = statesOf(messages, workUnitId);
      states.forEach((message, i) => {
        if (i > 0) expect(`${message.state}/${message.reasonCode}`).not.toBe(`${states[i - 1].state}/${states[i - 1].reasonCode}`);
      });
    }
  });
});
