/** The states a machine can report; `Unknown` is not among them: it is what a disconnection leaves. */
export const MACHINE_STATES = ['Running', 'Idle', 'Setup', 'Down', 'PlannedDowntime'] as const;
export type MachineState = (typeof MACHINE_STATES)[number];

export const COUNTER_MODES = ['cumulative', 'delta'] as const;
export type CounterMode = (typeof COUNTER_MODES)[number];

export interface CounterMapping {
  metric: string;
  /** cumulative: a running total the machine keeps (differenced here); delta: parts since the last message. */
  mode: CounterMode;
}

export interface StateMapping {
  metric: string;
  /** Keyed by the metric's value as text (`3`, `true`, `RUN`). */
  values: Record<string, { state: MachineState; reasonCode?: string }>;
  /** A metric whose value is the reason code; it wins over a value's fixed reasonCode when it has one. */
  reasonMetric?: string;
}

/** Which metrics of one edge node (or one of its devices) describe one Quadrant work unit. */
export interface SparkplugMapping {
  groupId: string;
  edgeNodeId: string;
  /** Absent: the metrics are the edge node's own (NBIRTH/NDATA). */
  deviceId?: string;
  workUnitId: string;
  state?: StateMapping;
  goodCount?: CounterMapping;
  scrapCount?: CounterMapping;
  reworkCount?: CounterMapping;
}

export const COUNTERS = ['goodCount', 'scrapCount', 'reworkCount'] as const;
export type CounterName = (typeof COUNTERS)[number];

/** Validated mappings, indexed by where the metrics come from. Build with `loadMappings`. */
export interface SparkplugMappings {
  readonly all: readonly SparkplugMapping[];
  /** The work units fed by the edge node itself (deviceId undefined) or by one of its devices. */
  forSource(groupId: string, edgeNodeId: string, deviceId?: string): readonly SparkplugMapping[];
  /** Every work unit fed by the edge node or any of its devices. */
  forNode(groupId: string, edgeNodeId: string): readonly SparkplugMapping[];
}

export function indexMappings(mappings: readonly SparkplugMapping[]): SparkplugMappings {
  const bySource = new Map<string, SparkplugMapping[]>();
  const byNode = new Map<string, SparkplugMapping[]>();
  const add = (index: Map<string, SparkplugMapping[]>, key: string, mapping: SparkplugMapping): void => {
    index.set(key, [...(index.get(key) ?? []), mapping]);
  };
  for (const mapping of mappings) {
    add(bySource, sourceKey(mapping.groupId, mapping.edgeNodeId, mapping.deviceId), mapping);
    add(byNode, sourceKey(mapping.groupId, mapping.edgeNodeId), mapping);
  }
  return {
    all: mappings,
    forSource: (groupId, edgeNodeId, deviceId) => bySource.get(sourceKey(groupId, edgeNodeId, deviceId)) ?? [],
    forNode: (groupId, edgeNodeId) => byNode.get(sourceKey(groupId, edgeNodeId)) ?? [],
  };
}

// Topic levels cannot contain '/', so joining with it cannot make two sources collide.
const sourceKey = (groupId: string, edgeNodeId: string, deviceId?: string): string => `${groupId}/${edgeNodeId}/${deviceId ?? ''}`;
