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

export const initialSessionState = (): SessionState => ({ nodes: new Map(), workUnits: new Map() });

export const nodeKey = (groupId: string, edgeNodeId: string): string => `${groupId}/${edgeNodeId}`;
