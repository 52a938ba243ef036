import { InvalidSparkplugTopic } from '../errors';

export const SPARKPLUG_NAMESPACE = 'spBv1.0';

export const NODE_MESSAGE_TYPES = ['NBIRTH', 'NDEATH', 'NDATA', 'NCMD'] as const;
export const DEVICE_MESSAGE_TYPES = ['DBIRTH', 'DDEATH', 'DDATA', 'DCMD'] as const;
export type NodeMessageType = (typeof NODE_MESSAGE_TYPES)[number];
export type DeviceMessageType = (typeof DEVICE_MESSAGE_TYPES)[number];

export interface NodeTopic {
  type: NodeMessageType;
  groupId: string;
  edgeNodeId: string;
}
export interface DeviceTopic {
  type: DeviceMessageType;
  groupId: string;
  edgeNodeId: string;
  deviceId: string;
}
/** A Sparkplug 3.0 host application's online/offline topic: `spBv1.0/STATE/<host id>`. */
export interface StateTopic {
  type: 'STATE';
  hostId: string;
}
export type EdgeTopic = NodeTopic | DeviceTopic;
export type SparkplugTopic = EdgeTopic | StateTopic;

const isNodeType = (type: string): type is NodeMessageType => (NODE_MESSAGE_TYPES as readonly string[]).includes(type);
const isDeviceType = (type: string): type is DeviceMessageType => (DEVICE_MESSAGE_TYPES as readonly string[]).includes(type);

export function parseTopic(topic: string): SparkplugTopic {
  const fail = (problem: string): never => {
    throw new InvalidSparkplugTopic(topic, problem);
  };
  const [namespace, second, type, edgeNodeId, deviceId, ...rest] = topic.split('/');
  if (namespace !== SPARKPLUG_NAMESPACE) fail(`the namespace is "${namespace ?? ''}", expected "${SPARKPLUG_NAMESPACE}"`);
  if (second === 'STATE') {
    if (type === undefined || type === '') return fail('STATE needs a host id: spBv1.0/STATE/<host id>');
    if (edgeNodeId !== undefined) return fail('STATE takes one level after it: spBv1.0/STATE/<host id>');
    return { type: 'STATE', hostId: checkId(type, 'host id', fail) };
  }
  const groupId = checkId(second, 'group id', fail);
  if (type === undefined) return fail('no message type: spBv1.0/<group>/<type>/<edge node>[/<device>]');
  if (!isNodeType(type) && !isDeviceType(type)) {
    return fail(`unknown message type "${type}", expected one of ${[...NODE_MESSAGE_TYPES, ...DEVICE_MESSAGE_TYPES].join(', ')}`);
  }
  const edge = checkId(edgeNodeId, 'edge node id', fail);
  if (rest.length > 0) return fail(`too many levels: spBv1.0/<group>/<type>/<edge node>[/<device>]`);
  if (isNodeType(type)) {
    if (deviceId !== undefined) return fail(`${type} is an edge node message and takes no device id`);
    return { type, groupId, edgeNodeId: edge };
  }
  if (deviceId === undefined) return fail(`${type} is a device message and needs a device id: spBv1.0/<group>/${type}/<edge node>/<device>`);
  return { type, groupId, edgeNodeId: edge, deviceId: checkId(deviceId, 'device id', fail) };
}

export function formatTopic(topic: SparkplugTopic): string {
  if (topic.type === 'STATE') return `${SPARKPLUG_NAMESPACE}/STATE/${topic.hostId}`;
  const node = `${SPARKPLUG_NAMESPACE}/${topic.groupId}/${topic.type}/${topic.edgeNodeId}`;
  return 'deviceId' in topic ? `${node}/${topic.deviceId}` : node;
}

/** Whether `id` can be one level of a Sparkplug topic: not empty, and no MQTT separator or wildcard. */
export function isValidSparkplugId(id: string): boolean {
  return id.length > 0 && !/[/+#]/.test(id);
}

function checkId(id: string | undefined, what: string, fail: (problem: string) => never): string {
  if (id === undefined || id === '') return fail(`the ${what} is empty`);
  if (!isValidSparkplugId(id)) return fail(`the ${what} "${id}" contains a wildcard (+ or #)`);
  return id;
}
