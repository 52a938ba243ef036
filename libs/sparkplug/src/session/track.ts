import type { SparkplugMappings } from '../mapping/mapping';
import { aliasesOf, named, resolve } from './aliases';
import { idOf, isoTime, mapMetrics, type MessageContext, type ResolvedMetric } from './metric-signals';
import { sequenced, stale, withNode } from './sequence';
import { nodeKey, type NodeSession, type SessionState, type WorkUnitMemory } from './session-state';
import type { HostAction, MachineSignal, SparkplugMessage, TrackResult } from './signals';

/**
 * The Sparkplug host rules, as a pure function of what came before and one message, in arrival order:
 * - NBIRTH starts a new session: its bdSeq, its aliases, seq from its own; every device must be born again.
 * - DBIRTH, DDEATH, NDATA and DDATA must follow in seq (0–255, wrapping). A gap, a message before its
 *   birth (or after the node's death), or an alias no birth defined makes the node stale: a rebirth is
 *   asked for, and the node's messages are dropped until the NBIRTH. Their data cannot be trusted (a
 *   gap may have hidden a re-aliasing or a reset); the births then carry every current value, and
 *   cumulative counters recover the parts made meanwhile. A message repeating the last seq is a
 *   duplicate delivery and is dropped quietly.
 * - NDEATH with the session's bdSeq ends it: every work unit of the node is disconnected. An NDEATH
 *   with another bdSeq is a stale will from an earlier connection and is ignored, as is an NDEATH for a
 *   node never seen born (it cannot be told stale or current; the next NBIRTH settles it).
 * - DDEATH disconnects the device's work units until its next DBIRTH.
 * - NCMD and DCMD come from host applications, not the node, and change nothing.
 */
export function track(state: SessionState, message: SparkplugMessage, mappings: SparkplugMappings): TrackResult {
  const { topic } = message;
  switch (topic.type) {
    case 'NBIRTH':
      return nodeBirth(state, message, mappings);
    case 'NDEATH':
      return nodeDeath(state, message, mappings);
    case 'NDATA':
      return nodeData(state, message, mappings);
    case 'DBIRTH':
      return deviceBirth(state, message, topic.deviceId, mappings);
    case 'DDATA':
      return deviceData(state, message, topic.deviceId, mappings);
    case 'DDEATH':
      return deviceDeath(state, message, topic.deviceId, mappings);
    case 'NCMD':
    case 'DCMD':
      return { state, signals: [], actions: [] };
    default: {
      const unhandled: never = topic;
      throw new Error(`unhandled Sparkplug message ${JSON.stringify(unhandled)}`);
    }
  }
}

function nodeBirth(state: SessionState, message: SparkplugMessage, mappings: SparkplugMappings): TrackResult {
  const { topic, payload } = message;
  const bdSeq = payload.metrics.find((metric) => metric.name === 'bdSeq')?.value;
  const session: NodeSession = {
    status: 'online',
    bdSeq: bdSeq === undefined ? null : String(bdSeq),
    lastSeq: payload.seq ?? 0,
    aliases: aliasesOf(payload.metrics),
    devices: new Map(),
    rebirthRequestedAt: null,
  };
  const next = withNode(state, topic, session);
  return mapped(next, message, session, named(payload.metrics), mappings);
}

function nodeDeath(state: SessionState, message: SparkplugMessage, mappings: SparkplugMappings): TrackResult {
  const { topic, payload, receivedAt } = message;
  const session = state.nodes.get(nodeKey(topic.groupId, topic.edgeNodeId));
  const deathBdSeq = payload.metrics.find((metric) => metric.name === 'bdSeq')?.value;
  if (!session || session.status === 'unborn') return { state, signals: [], actions: [] };
  const current = session.bdSeq === null || deathBdSeq === undefined || String(deathBdSeq) === session.bdSeq;
  if (!current) return { state, signals: [], actions: [] };
  const devices = new Map([...session.devices].map(([id, device]) => [id, { ...device, online: false }]));
  const context = contextOf(message, session, false);
  // A will's timestamp is from when it was registered at connect, so the death is dated by its arrival.
  const signals: MachineSignal[] = mappings.forNode(topic.groupId, topic.edgeNodeId).map((mapping) => ({
    kind: 'disconnected',
    messageId: idOf(context, mapping.workUnitId, 'NDEATH'),
    workUnitId: mapping.workUnitId,
    since: receivedAt,
  }));
  return { state: withNode(state, topic, { ...session, status: 'dead', devices }), signals, actions: [] };
}

function nodeData(state: SessionState, message: SparkplugMessage, mappings: SparkplugMappings): TrackResult {
  const session = sequenced(state, message);
  if ('signals' in session) return session;
  const metrics = resolve(message.payload.metrics, session.aliases);
  if (typeof metrics === 'string') return stale(state, message, session, 'UNKNOWN_ALIAS', metrics);
  return mapped(withNode(state, message.topic, session), message, session, metrics, mappings);
}

function deviceBirth(state: SessionState, message: SparkplugMessage, deviceId: string, mappings: SparkplugMappings): TrackResult {
  const session = sequenced(state, message);
  if ('signals' in session) return session;
  const born = { ...session, devices: new Map(session.devices).set(deviceId, { online: true, aliases: aliasesOf(message.payload.metrics) }) };
  return mapped(withNode(state, message.topic, born), message, born, named(message.payload.metrics), mappings);
}

function deviceData(state: SessionState, message: SparkplugMessage, deviceId: string, mappings: SparkplugMappings): TrackResult {
  const session = sequenced(state, message);
  if ('signals' in session) return session;
  const device = session.devices.get(deviceId);
  if (!device?.online) return stale(state, message, session, 'DATA_BEFORE_BIRTH', `DDATA from device "${deviceId}" before its DBIRTH`);
  const metrics = resolve(message.payload.metrics, device.aliases);
  if (typeof metrics === 'string') return stale(state, message, session, 'UNKNOWN_ALIAS', metrics);
  return mapped(withNode(state, message.topic, session), message, session, metrics, mappings);
}

function deviceDeath(state: SessionState, message: SparkplugMessage, deviceId: string, mappings: SparkplugMappings): TrackResult {
  const session = sequenced(state, message);
  if ('signals' in session) return session;
  const { topic, payload, receivedAt } = message;
  const device = session.devices.get(deviceId);
  const dead = { ...session, devices: new Map(session.devices).set(deviceId, { aliases: device?.aliases ?? new Map(), online: false }) };
  const context = contextOf(message, session, false);
  const signals: MachineSignal[] = mappings.forSource(topic.groupId, topic.edgeNodeId, deviceId).map((mapping) => ({
    kind: 'disconnected',
    messageId: idOf(context, mapping.workUnitId, 'DDEATH'),
    workUnitId: mapping.workUnitId,
    since: isoTime(payload.timestamp, receivedAt),
  }));
  return { state: withNode(state, topic, dead), signals, actions: [] };
}

function mapped(state: SessionState, message: SparkplugMessage, session: NodeSession, metrics: ResolvedMetric[], mappings: SparkplugMappings): TrackResult {
  const { topic } = message;
  const deviceId = 'deviceId' in topic ? topic.deviceId : undefined;
  const context = contextOf(message, session, topic.type === 'NBIRTH' || topic.type === 'DBIRTH');
  const signals: MachineSignal[] = [];
  const actions: HostAction[] = [];
  let workUnits: Map<string, WorkUnitMemory> | undefined;
  for (const mapping of mappings.forSource(topic.groupId, topic.edgeNodeId, deviceId)) {
    const memory = state.workUnits.get(mapping.workUnitId) ?? { counters: {} };
    const result = mapMetrics(context, metrics, mapping, memory);
    signals.push(...result.signals);
    actions.push(...result.actions);
    workUnits ??= new Map(state.workUnits);
    workUnits.set(mapping.workUnitId, result.memory);
  }
  return { state: workUnits ? { ...state, workUnits } : state, signals, actions };
}

function contextOf(message: SparkplugMessage, session: NodeSession, isBirth: boolean): MessageContext {
  const { topic, payload, receivedAt } = message;
  return {
    groupId: topic.groupId,
    edgeNodeId: topic.edgeNodeId,
    ...('deviceId' in topic ? { deviceId: topic.deviceId } : {}),
    bdSeq: session.bdSeq,
    ...(payload.seq !== undefined ? { seq: payload.seq } : {}),
    ...(payload.timestamp !== undefined ? { payloadTimestamp: payload.timestamp } : {}),
    receivedAt,
    isBirth,
  };
}
