import { DataType } from '../payload/data-types';
import type { SparkplugPayload } from '../payload/payload';
import { formatTopic } from '../topic/topic';

/** The NCMD metric that asks an edge node to publish its NBIRTH and every DBIRTH again. */
export const REBIRTH_METRIC = 'Node Control/Rebirth';

export function rebirthCommand(groupId: string, edgeNodeId: string, at: number): { topic: string; payload: SparkplugPayload } {
  return {
    topic: formatTopic({ type: 'NCMD', groupId, edgeNodeId }),
    payload: { timestamp: at, metrics: [{ name: REBIRTH_METRIC, datatype: DataType.Boolean, value: true, timestamp: at }] },
  };
}

/** Whether an NCMD payload asks for a rebirth. */
export const isRebirthRequest = (payload: SparkplugPayload): boolean =>
  payload.metrics.some((metric) => metric.name === REBIRTH_METRIC && metric.value === true);

/** Sparkplug 3.0 host STATE: retained JSON on `spBv1.0/STATE/<host id>`. */
export const hostStateTopic = (hostId: string): string => formatTopic({ type: 'STATE', hostId });

export const hostStatePayload = (online: boolean, timestamp: number): string => JSON.stringify({ online, timestamp });

/** The `online` flag of a STATE payload, or undefined when it is not one. */
export function hostStateOnline(bytes: Uint8Array): boolean | undefined {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(bytes).toString('utf8'));
    return typeof parsed === 'object' && parsed !== null && 'online' in parsed && typeof parsed.online === 'boolean' ? parsed.online : undefined;
  } catch {
    return undefined;
  }
}
