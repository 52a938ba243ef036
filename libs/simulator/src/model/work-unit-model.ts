import { geometric, sampleMs, standardNormal, weightedChoice } from '../random/distributions';
import type { RandomStream } from '../random/prng';
import { DAY_MS, plannedWindowAt, type PlannedWindow } from '../shift-calendar/shift-calendar';
import type { WorkUnitModel, WorkUnitStreams } from './compile-work-unit';
import type { SimulatedState } from './machine-message';

interface Stop {
  cause: 'breakdown' | 'setup' | 'microStop';
  state: Exclude<SimulatedState, 'Running' | 'PlannedDowntime'>;
  reasonCode: string | undefined;
  remainingMs: number;
}

/** Where a work unit stands at `at`. The counters run down with running time or completed units. */
export interface WorkUnitModelState {
  at: number;
  window: PlannedWindow;
  /** The unplanned stop or changeover under way, or null when the unit runs whenever planned to. */
  stop: Stop | null;
  /** The part of the current cycle already done, in [0, 1). */
  progress: number;
  runToFailureMs: number;
  cyclesToMicroStop: number;
  unitsToSetup: number;
  runToSetupMs: number;
}

export interface Segment {
  start: number;
  end: number;
  state: SimulatedState;
  reasonCode: string | undefined;
  /** For Running: cycle progress at start and end; the units completed are floor(to), as from < 1. */
  cycles?: { from: number; to: number };
}

/** A running stretch with no event in it still ends daily, so a unit that never stops still advances. */
const LONGEST_RUN_MS = DAY_MS;

export function initialModelState(model: WorkUnitModel, streams: WorkUnitStreams, start: number): WorkUnitModelState {
  return {
    at: start,
    window: plannedWindowAt(model.calendar, start),
    stop: null,
    progress: 0,
    runToFailureMs: model.breakdowns ? sampleMs(streams.failure, model.breakdowns.timeToFailureSeconds) : Infinity,
    cyclesToMicroStop: model.microStops ? geometric(streams.microStop, model.microStops.probabilityPerCycle) : Infinity,
    unitsToSetup: model.setups?.everyUnits ?? Infinity,
    runToSetupMs: model.setups?.everyRunningMs ?? Infinity,
  };
}

/**
 * The next stretch of one state and the unit's state after it. Draws only from the unit's own streams and
 * never looks at how far the caller wants to go, so the sequence of segments is fixed by seed and config.
 */
export function nextSegment(model: WorkUnitModel, current: WorkUnitModelState, streams: WorkUnitStreams): { segment: Segment; state: WorkUnitModelState } {
  const window = current.window.end > current.at ? current.window : plannedWindowAt(model.calendar, current.at);
  const state = { ...current, window };
  if (!window.productive) {
    // Planned downtime pauses a repair or changeover until production resumes; a micro-stop is simply over.
    const stop = state.stop?.cause === 'microStop' ? null : state.stop;
    const segment: Segment = { start: state.at, end: window.end, state: 'PlannedDowntime', reasonCode: window.reasonCode };
    return { segment, state: { ...state, at: window.end, stop } };
  }
  return state.stop ? stopped(model, state, state.stop, streams) : running(model, state, streams);
}

function stopped(model: WorkUnitModel, state: WorkUnitModelState, stop: Stop, streams: WorkUnitStreams): { segment: Segment; state: WorkUnitModelState } {
  const end = Math.min(state.at + stop.remainingMs, state.window.end);
  const segment: Segment = { start: state.at, end, state: stop.state, reasonCode: stop.reasonCode };
  const remainingMs = stop.remainingMs - (end - state.at);
  if (remainingMs > 0) return { segment, state: { ...state, at: end, stop: { ...stop, remainingMs } } };
  const resumed = { ...state, at: end, stop: null };
  // A changeover that fell due while the unit was down comes next.
  return { segment, state: setupDue(resumed) ? startSetup(model, resumed, streams) : resumed };
}

function running(model: WorkUnitModel, state: WorkUnitModelState, streams: WorkUnitStreams): { segment: Segment; state: WorkUnitModelState } {
  const horizon = Math.min(state.window.end - state.at, LONGEST_RUN_MS, state.runToFailureMs, state.runToSetupMs);
  const cycles = Math.min(state.cyclesToMicroStop, state.unitsToSetup);
  const untilCycles = Number.isFinite(cycles) ? durationOfCyclesMs(model, cycles - state.progress, streams.cycle) : Infinity;
  const byCycles = untilCycles <= horizon;
  const duration = byCycles ? untilCycles : horizon;
  const progressTo = byCycles ? cycles : state.progress + cyclesInMs(model, horizon, streams.cycle);
  const units = Math.floor(progressTo);
  const segment: Segment = { start: state.at, end: state.at + duration, state: 'Running', reasonCode: undefined, cycles: { from: state.progress, to: progressTo } };
  const after: WorkUnitModelState = {
    ...state,
    at: state.at + duration,
    progress: progressTo - units,
    runToFailureMs: state.runToFailureMs - duration,
    runToSetupMs: state.runToSetupMs - duration,
    cyclesToMicroStop: state.cyclesToMicroStop - units,
    unitsToSetup: state.unitsToSetup - units,
  };
  return { segment, state: endOfRun(model, after, streams) };
}

/** What stops the run: a failure first, then a changeover that is due, then a micro-stop. */
function endOfRun(model: WorkUnitModel, state: WorkUnitModelState, streams: WorkUnitStreams): WorkUnitModelState {
  const { microStops, breakdowns } = model;
  const microStopDue = microStops !== undefined && state.cyclesToMicroStop <= 0;
  // A micro-stop that coincides with a bigger stop is absorbed by it; the count starts afresh either way.
  const next = microStopDue ? { ...state, cyclesToMicroStop: geometric(streams.microStop, microStops.probabilityPerCycle) } : state;
  if (breakdowns && next.runToFailureMs <= 0) {
    const reasonCode = weightedChoice(streams.repair, breakdowns.reasonCodes, breakdowns.reasonWeights ?? breakdowns.reasonCodes.map(() => 1));
    const remainingMs = sampleMs(streams.repair, breakdowns.timeToRepairSeconds);
    return { ...next, stop: { cause: 'breakdown', state: 'Down', reasonCode, remainingMs }, runToFailureMs: sampleMs(streams.failure, breakdowns.timeToFailureSeconds) };
  }
  if (setupDue(next)) return startSetup(model, next, streams);
  if (microStopDue) return { ...next, stop: { cause: 'microStop', state: 'Idle', reasonCode: microStops.reasonCode, remainingMs: sampleMs(streams.microStop, microStops.durationSeconds) } };
  return next;
}

const setupDue = (state: WorkUnitModelState): boolean => state.unitsToSetup <= 0 || state.runToSetupMs <= 0;

function startSetup(model: WorkUnitModel, state: WorkUnitModelState, streams: WorkUnitStreams): WorkUnitModelState {
  const { setups } = model;
  if (!setups) return state;
  return {
    ...state,
    stop: { cause: 'setup', state: 'Setup', reasonCode: setups.reasonCode, remainingMs: sampleMs(streams.setup, setups.durationSeconds) },
    unitsToSetup: setups.everyUnits,
    runToSetupMs: setups.everyRunningMs,
  };
}

/**
 * How long the next n cycles take, drawn at once from the normal the sum of n cycle times tends to:
 * one draw whatever n, so a long run costs no more than a short one. Never faster than the ideal.
 */
function durationOfCyclesMs(model: WorkUnitModel, n: number, random: RandomStream): number {
  const noise = model.cycleSdMs > 0 ? model.cycleSdMs * Math.sqrt(n) * standardNormal(random) : 0;
  return Math.max(1, Math.round(Math.max(n * model.idealCycleMs, n * model.meanCycleMs + noise)));
}

/** How many cycles (with the fraction of one under way) a run of this length completes: the renewal CLT. */
function cyclesInMs(model: WorkUnitModel, ms: number, random: RandomStream): number {
  const mean = ms / model.meanCycleMs;
  const noise = model.cycleSdMs > 0 ? model.cycleSdMs * Math.sqrt(ms / model.meanCycleMs ** 3) * standardNormal(random) : 0;
  return Math.min(ms / model.idealCycleMs, Math.max(0, mean + noise));
}
