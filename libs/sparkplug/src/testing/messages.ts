import { DataType } from '../payload/data-types';
import type { SparkplugMetric } from '../payload/payload';
import type { SparkplugMessage } from '../session/signals';
import type { DeviceMessageType, NodeMessageType } from '../topic/topic';

/** Builders for tracker specs: one edge node `plant-a/line-1`, times in seconds after T0. */
export const GROUP = 'plant-a';
export const EDGE = 'line-1';
export const T0 = Date.parse('2026-11-02T06:00:00.000Z');
export const at = (second: number): number => T0 + second * 1000;
export const iso = (second: number): string => new Date(at(second)).toISOString();

interface Options {
  seq?: number;
  /** Payload timestamp, seconds after T0; defaults to `second`. */
  timestamp?: number | null;
  /** When the host received it, seconds after T0. */
  second?: number;
}

function nodeMessage(type: NodeMessageType, metrics: SparkplugMetric[], { seq, timestamp, second = 0 }: Options): SparkplugMessage {
  return {
    topic: { type, groupId: GROUP, edgeNodeId: EDGE },
    payload: { ...(timestamp === null ? {} : { timestamp: at(timestamp ?? second) }), metrics, ...(seq !== undefined ? { seq } : {}) },
    receivedAt: iso(second),
  };
}

function deviceMessage(type: DeviceMessageType, deviceId: string, metrics: SparkplugMetric[], { seq, timestamp, second = 0 }: Options): SparkplugMessage {
  return {
    topic: { type, groupId: GROUP, edgeNodeId: EDGE, deviceId },
    payload: { ...(timestamp === null ? {} : { timestamp: at(timestamp ?? second) }), metrics, ...(seq !== undefined ? { seq } : {}) },
    receivedAt: iso(second),
  };
}

export const nbirth = (bdSeq: number, metrics: SparkplugMetric[] = [], options: Options = {}): SparkplugMessage =>
  nodeMessage('NBIRTH', [{ name: 'bdSeq', datatype: DataType.Int64, value: bdSeq }, ...metrics], { seq: 0, ...options });
export const ndata = (seq: number, metrics: SparkplugMetric[], options: Options = {}): SparkplugMessage => nodeMessage('NDATA', metrics, { ...options, seq });
export const ndeath = (bdSeq: number, options: Options = {}): SparkplugMessage =>
  nodeMessage('NDEATH', [{ name: 'bdSeq', datatype: DataType.Int64, value: bdSeq }], options);
export const ncmd = (metrics: SparkplugMetric[]): SparkplugMessage => nodeMessage('NCMD', metrics, {});
export const dbirth = (deviceId: string, seq: number, metrics: SparkplugMetric[], options: Options = {}): SparkplugMessage =>
  deviceMessage('DBIRTH', deviceId, metrics, { ...options, seq });
export const ddata = (deviceId: string, seq: number, metrics: SparkplugMetric[], options: Options = {}): SparkplugMessage =>
  deviceMessage('DDATA', deviceId, metrics, { ...options, seq });
export const ddeath = (deviceId: string, seq: number, options: Options = {}): SparkplugMessage => deviceMessage('DDEATH', deviceId, [], { ...options, seq });

/** The press's birth metrics: State (Int8, alias 1), StopReason (2), Good (3), Scrap (4), Rework (5). */
export const pressBirth = (values: { state?: number; reason?: string; good?: number; scrap?: number; rework?: number } = {}): SparkplugMetric[] => [
  { name: 'State', alias: 1, datatype: DataType.Int8, value: values.state ?? 1 },
  { name: 'StopReason', alias: 2, datatype: DataType.String, value: values.reason ?? '' },
  { name: 'Good', alias: 3, datatype: DataType.UInt64, value: values.good ?? 0 },
  { name: 'Scrap', alias: 4, datatype: DataType.UInt64, value: values.scrap ?? 0 },
  { name: 'Rework', alias: 5, datatype: DataType.UInt32, value: values.rework ?? 0 },
];

/** DATA metrics by alias, as an edge node sends them. */
export const state = (value: number, timestamp?: number): SparkplugMetric => ({ alias: 1, value, ...(timestamp !== undefined ? { timestamp: at(timestamp) } : {}) });
export const reason = (value: string): SparkplugMetric => ({ alias: 2, value });
export const good = (value: number): SparkplugMetric => ({ alias: 3, value });
export const scrap = (value: number): SparkplugMetric => ({ alias: 4, value });
export const rework = (value: number): SparkplugMetric => ({ alias: 5, value });

export const MAPPINGS = [
  {
    groupId: GROUP,
    edgeNodeId: EDGE,
    deviceId: 'press-1',
    workUnitId: 'press-1',
    state: {
      metric: 'State',
      values: { '1': { state: 'Running' }, '2': { state: 'Idle' }, '3': { state: 'Down', reasonCode: 'FAULT' }, '-1': { state: 'Down', reasonCode: 'ESTOP' } },
      reasonMetric: 'StopReason',
    },
    goodCount: { metric: 'Good', mode: 'cumulative' },
    scrapCount: { metric: 'Scrap', mode: 'cumulative' },
    reworkCount: { metric: 'Rework', mode: 'delta' },
  },
  { groupId: GROUP, edgeNodeId: EDGE, deviceId: 'oven-1', workUnitId: 'oven-1', state: { metric: 'Heating', values: { true: { state: 'Running' }, false: { state: 'Idle' } } } },
  { groupId: GROUP, edgeNodeId: EDGE, workUnitId: 'line-1-cell', state: { metric: 'Mode', values: { RUN: { state: 'Running' }, SETUP: { state: 'Setup' } } } },
];
