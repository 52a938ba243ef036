import type { CounterName } from '../mapping/mapping';

/** A metric as a birth defined it: DATA messages may send only the alias and the value. */
export interface MetricDefinition {
  name: string;
  datatype?: number;
}

/** Keyed by the alias as a decimal string (aliases are 64-bit). */
export type AliasMap = ReadonlyMap<string, MetricDefinition>;

export interface DeviceSession {
  online: boolean;
  aliases: AliasMap;
}

/**
 * One edge node as the host sees it.
 * - unborn: heard from, but not born since the host started; a rebirth was asked for.
 * - online: born (NBIRTH seen), its messages in sequence: data is trusted.
 * - stale: born, then a rule broke (gap, unknown alias, data before birth): a rebirth was asked for,
 *   and data is dropped until it arrives.
 * - dead: its current NDEATH came; nothing is trusted until the next NBIRTH.
 */
export interface NodeSession {
  status: 'unborn' | 'online' | 'stale' | 'dead';
  /** The NBIRTH's bdSeq as a decimal string; null if it had none, or the node is unborn. */
  bdSeq: string | null;
  /** The seq of the last message taken, to expect (lastSeq + 1) mod 256 next. */
  lastSeq: number;
  aliases: AliasMap;
  devices: ReadonlyMap<string, DeviceSession>;
  /** ms since the epoch (host clock) of the last rebirth request, to ask again only now and then. */
  rebirthRequestedAt: number | null;
}

/** What the host remembers of a work unit across sessions, to difference counters and carry reasons. */
export interface WorkUnitMemory {
  stateValue?: string;
  reason?: string;
  counters: Partial<Record<CounterName, number | bigint>>;
}

export interface SessionState {
  /** Keyed by `<group>/<edge node>`. */
  nodes: ReadonlyMap<string, NodeSession>;
  /** Keyed by work unit id. */
  workUnits: ReadonlyMap<string, WorkUnitMemory>;
}

/**
 * The last cumulative totals known per work unit and counter, as kept durably by the host's owner (e.g.
 * with the counts it booked): decimal strings, numbers or bigints. Keyed by work unit id.
 */
export type CounterBaselines = ReadonlyMap<string, Partial<Record<CounterName, string | number | bigint>>>;

/**
 * The host's state before any message, optionally knowing the last totals of cumulative counters (after a
 * restart): the first total then seen is differenced against them instead of only becoming a baseline, so
 * parts made while the host was down are counted. A value that is not a whole, non-negative number is left out.
 */
export const initialSessionState = (baselines?: CounterBaselines): SessionState => {
  const state: SessionState = { nodes: new Map(), workUnits: new Map() };
  return baselines ? withBaselines(state, baselines) : state;
};

/** Sets the counter baselines of the given work units, keeping everything else they remember. */
export function withBaselines(state: SessionState, baselines: CounterBaselines): SessionState {
  const workUnits = new Map(state.workUnits);
  for (const [workUnitId, totals] of baselines) {
    const memory = workUnits.get(workUnitId) ?? { counters: {} };
    const counters = { ...memory.counters };
    for (const [counter, value] of Object.entries(totals) as [CounterName, string | number | bigint | undefined][]) {
      const total = countOf(value);
      if (total !== undefined) counters[counter] = total;
    }
    workUnits.set(workUnitId, { ...memory, counters });
  }
  return { ...state, workUnits };
}

function countOf(value: string | number | bigint | undefined): number | bigint | undefined {
  if (typeof value === 'number') return Number.isSafeInteger(value) && value >= 0 ? value : undefined;
  if (typeof value === 'bigint') return value >= 0n ? value : undefined;
  if (typeof value !== 'string' || !/^\d+$/.test(value)) return undefined;
  const total = BigInt(value);
  return total <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(total) : total;
}

export const nodeKey = (groupId: string, edgeNodeId: string): string => `${groupId}/${edgeNodeId}`;
