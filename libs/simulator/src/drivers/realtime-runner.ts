import { isoInstant, type MachineMessage, type Sink } from '../model/machine-message';
import type { PlantSimulation } from '../model/plant-simulation';

/** Wall-clock time for the runner; tests hand in one they move by hand. */
export interface Clock {
  now(): number;
  /** Resolves after `ms`, or at once when the signal aborts. */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise((resolve) => {
      if (signal.aborted) return resolve();
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        resolve();
      }
      signal.addEventListener('abort', done);
    }),
};

export interface RealtimeOptions {
  simulation: PlantSimulation;
  sink: Sink;
  /** Simulated time per wall-clock time: 60 runs an hour a minute. 1 by default. */
  speed?: number;
  clock?: Clock;
  tickMs?: number;
  /**
   * Told of a failed send; the messages stay and go first with the next tick (same ids, so nothing
   * twice). Without it, a failed send ends the run.
   */
  onError?: (error: unknown) => void;
}

export interface RealtimeRun {
  /** Stops ticking; resolves once the send under way has finished, and rejects as `done` does. */
  stop(): Promise<void>;
  /** Settles when the run ends: resolves after `stop()`, rejects with the sink's error if one ended it. */
  readonly done: Promise<void>;
}

/**
 * Plays a simulation against the clock: every tick it advances to where the simulation stood when the run
 * began plus the wall-clock time since, times `speed`, and hands what came out to the sink. A simulation
 * advanced through a year of history first therefore carries on from there.
 */
export function runRealtime(options: RealtimeOptions): RealtimeRun {
  const { simulation, sink, clock = systemClock, onError } = options;
  const speed = options.speed ?? 1;
  const tickMs = options.tickMs ?? 1000;
  if (!(speed > 0 && Number.isFinite(speed))) throw new RangeError(`speed must be a positive number, not ${speed}`);
  if (!(tickMs > 0 && Number.isFinite(tickMs))) throw new RangeError(`tickMs must be a positive number, not ${tickMs}`);
  const startedAt = clock.now();
  const from = Date.parse(simulation.position);
  const stopping = new AbortController();
  let unsent: MachineMessage[] = [];

  const tick = async (): Promise<void> => {
    const until = from + Math.floor((clock.now() - startedAt) * speed);
    unsent = unsent.concat(simulation.advance(isoInstant(until)));
    if (unsent.length === 0) return;
    try {
      await sink(unsent);
      unsent = [];
    } catch (error) {
      if (!onError) throw error;
      onError(error);
    }
  };

  const run = async (): Promise<void> => {
    while (!stopping.signal.aborted) {
      await tick();
      if (!stopping.signal.aborted) await clock.sleep(tickMs, stopping.signal);
    }
  };

  const done = run();
  // Whoever cares learns of a failure through `done` or `stop()`; nobody listening is no crash.
  done.catch(() => undefined);
  return {
    done,
    stop: async () => {
      stopping.abort();
      await done;
    },
  };
}
