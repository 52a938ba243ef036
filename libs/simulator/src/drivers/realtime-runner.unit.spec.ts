import { demoPlantConfig } from '../plant-config/demo-plant-config';
import type { MachineMessage, Sink } from '../model/machine-message';
import { createPlantSimulation, simulate } from '../model/plant-simulation';
import { runRealtime, type Clock } from './realtime-runner';

/** A clock that moves only when the test moves it, waking the runner for each tick on the way. */
function manualClock(start: number): Clock & { pass(ms: number): Promise<void> } {
  let now = start;
  const sleepers: { until: number; wake: () => void }[] = [];
  const settle = async (): Promise<void> => {
    for (let i = 0; i < 10; i++) await Promise.resolve();
  };
  return {
    now: () => now,
    sleep: (ms, signal) =>
      new Promise((resolve) => {
        sleepers.push({ until: now + ms, wake: resolve });
        signal.addEventListener('abort', () => resolve());
      }),
    async pass(ms) {
      const target = now + ms;
      await settle();
      for (let next = sleepers.shift(); next && next.until <= target; next = sleepers.shift()) {
        now = next.until;
        next.wake();
        await settle();
      }
      now = target;
    },
  };
}

const plant = demoPlantConfig(['press-1', 'cnc-1']);
const start = '2026-01-05T05:58:00Z';
const wallStart = Date.parse('2030-06-01T12:00:00Z');

const collector = (): { sink: Sink; received: MachineMessage[][] } => {
  const received: MachineMessage[][] = [];
  return { received, sink: async (messages) => void received.push(messages) };
};

describe('realtime runner', () => {
  it('hands the sink what the simulation made up to the wall-clock time since it began, times the speed', async () => {
    const clock = manualClock(wallStart);
    const { sink, received } = collector();
    const run = runRealtime({ simulation: createPlantSimulation(plant, { seed: 4, start }), sink, speed: 60, clock, tickMs: 1000 });
    await clock.pass(10_000);
    await run.stop();
    expect(received.flat()).toEqual(simulate(plant, { seed: 4, start, end: '2026-01-05T06:08:00Z' }));
    expect(received.length).toBeGreaterThan(5);
  });

  it('carries on from where a simulation seeded with history stands', async () => {
    const simulation = createPlantSimulation(plant, { seed: 4, start });
    const history = simulation.advance('2026-01-05T07:00:00Z');
    const clock = manualClock(wallStart);
    const { sink, received } = collector();
    const run = runRealtime({ simulation, sink, speed: 60, clock });
    await clock.pass(5_000);
    await run.stop();
    expect([...history, ...received.flat()]).toEqual(simulate(plant, { seed: 4, start, end: '2026-01-05T07:05:00Z' }));
  });

  it('stops only once the send under way has finished, and sends nothing after', async () => {
    const clock = manualClock(wallStart);
    let finishSend: () => void = () => undefined;
    let sends = 0;
    const sink: Sink = () => {
      sends++;
      return new Promise((resolve) => (finishSend = resolve));
    };
    const run = runRealtime({ simulation: createPlantSimulation(plant, { seed: 4, start }), sink, clock });
    await clock.pass(0);
    let stopped = false;
    const stopping = run.stop().then(() => (stopped = true));
    await clock.pass(5_000);
    expect(stopped).toBe(false);
    finishSend();
    await stopping;
    expect(stopped).toBe(true);
    await clock.pass(5_000);
    expect(sends).toBe(1);
  });

  it('ends the run with the sink’s error when nobody handles it', async () => {
    const clock = manualClock(wallStart);
    const run = runRealtime({ simulation: createPlantSimulation(plant, { seed: 4, start }), sink: async () => Promise.reject(new Error('broker down')), clock });
    await expect(run.done).rejects.toThrow('broker down');
    await expect(run.stop()).rejects.toThrow('broker down');
  });

  it('keeps what failed to send and sends it first with the next tick when told of errors', async () => {
    const clock = manualClock(wallStart);
    const errors: unknown[] = [];
    const received: MachineMessage[][] = [];
    let failures = 1;
    const sink: Sink = async (messages) => {
      if (failures-- > 0) throw new Error('timeout');
      received.push(messages);
    };
    const run = runRealtime({ simulation: createPlantSimulation(plant, { seed: 4, start }), sink, speed: 60, clock, onError: (error) => errors.push(error) });
    await clock.pass(4_000);
    await run.stop();
    expect(errors).toEqual([new Error('timeout')]);
    expect(received.flat()).toEqual(simulate(plant, { seed: 4, start, end: '2026-01-05T06:02:00Z' }));
  });

  it('refuses a speed that would not move time forward', () => {
    expect(() => runRealtime({ simulation: createPlantSimulation(plant, { seed: 4, start }), sink: async () => undefined, speed: 0 })).toThrow('speed must be a positive number, not 0');
  });
});
