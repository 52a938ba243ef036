import type { CounterName, MachineState } from '../mapping/mapping';
import type { SparkplugPayload } from '../payload/payload';
import type { EdgeTopic } from '../topic/topic';
import type { SessionState } from './session-state';

/**
 * What the machines said, in Quadrant's terms. Every signal carries a `messageId` computed from the
 * Sparkplug message it came from, so a message delivered twice yields the same ids and downstream can
 * drop the repeat.
 */
export type MachineSignal = StateSignal | CountSignal | DisconnectedSignal;

export interface StateSignal {
  kind: 'state';
  messageId: string;
  workUnitId: string;
  state: MachineState;
  reasonCode?: string;
  /** ISO time the machine entered the state: the metric's timestamp, else the payload's. */
  since: string;
}

/** Parts made since the previous count signal of the work unit (never negative). */
export interface CountSignal {
  kind: 'count';
  messageId: string;
  workUnitId: string;
  at: string;
  good: number;
  scrap: number;
  rework: number;
  /**
   * The work unit's cumulative counter totals once this count is made (decimal strings): to be kept with
   * the booked count, and handed back as `initialSessionState` baselines after a restart.
   */
  totals: Partial<Record<CounterName, string>>;
}

/** The work unit's source went away (DDEATH, or the current NDEATH): its state is now Unknown. */
export interface DisconnectedSignal {
  kind: 'disconnected';
  messageId: string;
  workUnitId: string;
  since: string;
}

export type RebirthReason = 'DATA_BEFORE_BIRTH' | 'SEQ_GAP' | 'UNKNOWN_ALIAS';

/** What the host must do besides handing on signals. */
export type HostAction =
  /** Publish NCMD `Node Control/Rebirth` = true to the edge node (see `rebirthCommand`). */
  | { type: 'rebirth'; groupId: string; edgeNodeId: string; reason: RebirthReason; detail: string }
  /** Tell an operator: the data was understood but cannot be mapped. */
  | { type: 'warn'; code: 'UNMAPPED_STATE_VALUE' | 'NOT_A_COUNT'; workUnitId: string; detail: string };

/** A decoded message as it reached the host. `receivedAt` (ISO) is the host's clock: time comes in, never read here. */
export interface SparkplugMessage {
  topic: EdgeTopic;
  payload: SparkplugPayload;
  receivedAt: string;
}

export interface TrackResult {
  state: SessionState;
  signals: MachineSignal[];
  actions: HostAction[];
}
