import { loadSync, type Type } from 'protobufjs';
import { MalformedSparkplugPayload, UnencodableSparkplugPayload } from '../errors';
import { asDatatype, DataType, isLongInteger, isSmallInteger, toSafeInteger } from './data-types';
import type { MetricValue, SparkplugMetric, SparkplugPayload } from './payload';
import { sparkplugProtoPath } from './proto-location';

let payloadType: Type | undefined;

/** Parsed once, on first use, so importing the library reads no file. */
function payloadMessage(): Type {
  payloadType ??= loadSync(sparkplugProtoPath()).lookupType('org.eclipse.tahu.protobuf.Payload');
  return payloadType;
}

/** protobufjs's plain-object form of a Metric (camelCase field names, 64-bit integers as bigints). */
interface WireMetric {
  name?: string;
  alias?: bigint;
  timestamp?: bigint;
  datatype?: number;
  isHistorical?: boolean;
  isTransient?: boolean;
  isNull?: boolean;
  intValue?: number;
  longValue?: bigint;
  floatValue?: number;
  doubleValue?: number;
  booleanValue?: boolean;
  stringValue?: string;
  bytesValue?: Uint8Array;
}

interface WirePayload {
  timestamp?: bigint;
  metrics?: WireMetric[];
  seq?: bigint;
  uuid?: string;
  body?: Uint8Array;
}

export function decodePayload(bytes: Uint8Array): SparkplugPayload {
  const type = payloadMessage();
  let wire: WirePayload;
  try {
    wire = type.toObject(type.decode(bytes), { longs: BigInt, defaults: false }) as WirePayload;
  } catch (error) {
    throw new MalformedSparkplugPayload((error as Error).message);
  }
  return {
    ...(wire.timestamp !== undefined ? { timestamp: timestampOf(wire.timestamp, 'timestamp') } : {}),
    metrics: (wire.metrics ?? []).map(decodeMetric),
    ...(wire.seq !== undefined ? { seq: seqOf(wire.seq) } : {}),
    ...(wire.uuid !== undefined ? { uuid: wire.uuid } : {}),
    ...(wire.body !== undefined ? { body: Uint8Array.from(wire.body) } : {}),
  };
}

export function encodePayload(payload: SparkplugPayload): Uint8Array {
  const type = payloadMessage();
  const wire = {
    ...(payload.timestamp !== undefined ? { timestamp: unsignedLong(payload.timestamp, 'timestamp') } : {}),
    metrics: payload.metrics.map(encodeMetric),
    ...(payload.seq !== undefined ? { seq: unsignedLong(payload.seq, 'seq') } : {}),
    ...(payload.uuid !== undefined ? { uuid: payload.uuid } : {}),
    ...(payload.body !== undefined ? { body: payload.body } : {}),
  };
  return type.encode(type.fromObject(wire)).finish();
}

function decodeMetric(wire: WireMetric, index: number): SparkplugMetric {
  const value = wire.isNull ? undefined : rawValue(wire);
  return {
    ...(wire.name !== undefined ? { name: wire.name } : {}),
    ...(wire.alias !== undefined ? { alias: toSafeInteger(wire.alias) } : {}),
    ...(wire.timestamp !== undefined ? { timestamp: timestampOf(wire.timestamp, `metrics[${index}].timestamp`) } : {}),
    ...(wire.datatype !== undefined ? { datatype: wire.datatype } : {}),
    ...(wire.isHistorical !== undefined ? { isHistorical: wire.isHistorical } : {}),
    ...(wire.isTransient !== undefined ? { isTransient: wire.isTransient } : {}),
    ...(wire.isNull !== undefined ? { isNull: wire.isNull } : {}),
    ...(value !== undefined ? { value: asDatatype(value, wire.datatype) } : {}),
  };
}

function rawValue(wire: WireMetric): MetricValue | undefined {
  if (wire.intValue !== undefined) return wire.intValue;
  if (wire.longValue !== undefined) return toSafeInteger(wire.longValue);
  if (wire.floatValue !== undefined) return wire.floatValue;
  if (wire.doubleValue !== undefined) return wire.doubleValue;
  if (wire.booleanValue !== undefined) return wire.booleanValue;
  if (wire.stringValue !== undefined) return wire.stringValue;
  if (wire.bytesValue !== undefined) return Uint8Array.from(wire.bytesValue);
  return undefined;
}

function encodeMetric(metric: SparkplugMetric, index: number): Record<string, unknown> {
  const field = `metrics[${index}]`;
  return {
    ...(metric.name !== undefined ? { name: metric.name } : {}),
    ...(metric.alias !== undefined ? { alias: unsignedLong(metric.alias, `${field}.alias`) } : {}),
    ...(metric.timestamp !== undefined ? { timestamp: unsignedLong(metric.timestamp, `${field}.timestamp`) } : {}),
    ...(metric.datatype !== undefined ? { datatype: metric.datatype } : {}),
    ...(metric.isHistorical !== undefined ? { isHistorical: metric.isHistorical } : {}),
    ...(metric.isTransient !== undefined ? { isTransient: metric.isTransient } : {}),
    ...(metric.isNull !== undefined ? { isNull: metric.isNull } : {}),
    ...(metric.value !== undefined && !metric.isNull ? valueField(metric.value, metric.datatype, field) : {}),
  };
}

/**
 * The value's field follows the datatype (a DATA message may leave it out, as the specification allows;
 * then the JS type decides, and a number is a Double unless it is an integer).
 */
function valueField(value: MetricValue, datatype: number | undefined, field: string): Record<string, unknown> {
  const refuse = (): never => {
    throw new UnencodableSparkplugPayload(`${field}.value ${String(value)} (${typeof value}) does not fit datatype ${String(datatype)}`);
  };
  const type = datatype ?? inferDatatype(value);
  if (isSmallInteger(type)) return typeof value === 'number' || typeof value === 'bigint' ? { intValue: Number(BigInt.asUintN(32, integer(value, refuse))) } : refuse();
  if (isLongInteger(type)) return typeof value === 'number' || typeof value === 'bigint' ? { longValue: BigInt.asUintN(64, integer(value, refuse)).toString() } : refuse();
  if (type === DataType.Float) return typeof value === 'number' ? { floatValue: value } : refuse();
  if (type === DataType.Double) return typeof value === 'number' ? { doubleValue: value } : refuse();
  if (type === DataType.Boolean) return typeof value === 'boolean' ? { booleanValue: value } : refuse();
  if (type === DataType.String || type === DataType.Text || type === DataType.UUID) return typeof value === 'string' ? { stringValue: value } : refuse();
  if (value instanceof Uint8Array) return { bytesValue: value };
  return refuse();
}

function inferDatatype(value: MetricValue): number {
  if (typeof value === 'boolean') return DataType.Boolean;
  if (typeof value === 'string') return DataType.String;
  if (typeof value === 'bigint') return DataType.Int64;
  if (typeof value === 'number') return Number.isInteger(value) ? DataType.Int64 : DataType.Double;
  return DataType.Bytes;
}

function integer(value: number | bigint, refuse: () => never): bigint {
  return typeof value === 'bigint' ? value : Number.isInteger(value) ? BigInt(value) : refuse();
}

function unsignedLong(value: number | bigint, field: string): string {
  if ((typeof value === 'number' && !Number.isInteger(value)) || value < 0) {
    throw new UnencodableSparkplugPayload(`${field} must be a non-negative integer, not ${String(value)}`);
  }
  return BigInt(value).toString();
}

/** Past 2^53 ms (year 287,396) a timestamp is garbage, not a date: refuse rather than round. */
function timestampOf(value: bigint, field: string): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new MalformedSparkplugPayload(`${field} ${value} is not a time in ms since the epoch`);
  return Number(value);
}

function seqOf(value: bigint): number {
  if (value > 255n) throw new MalformedSparkplugPayload(`seq ${value} is outside 0–255`);
  return Number(value);
}
