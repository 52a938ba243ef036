/**
 * A decoded Sparkplug B payload, as this library hands it out and takes it in. Only what ingest needs is
 * modelled: DataSet, Template, metadata and property values are skipped on decode (their metric has no
 * `value`), and array types come through as their raw `bytes_value`.
 */
export interface SparkplugPayload {
  /** ms since the epoch, when the message was sent. */
  timestamp?: number;
  metrics: SparkplugMetric[];
  /** 0–255, wrapping; absent on NDEATH. */
  seq?: number;
  uuid?: string;
  body?: Uint8Array;
}

/**
 * Integers of 64 bits (Int64, UInt64, DateTime, and every alias) are numbers while exact and bigints
 * beyond 2^53 - 1 (see `toSafeInteger`).
 */
export type MetricValue = number | bigint | boolean | string | Uint8Array;

export interface SparkplugMetric {
  name?: string;
  alias?: number | bigint;
  /** ms since the epoch, when the value was acquired. */
  timestamp?: number;
  /** A `DataType` number; required in births, optional in DATA messages. */
  datatype?: number;
  isHistorical?: boolean;
  isTransient?: boolean;
  isNull?: boolean;
  /** Absent when the metric is null or of a type not decoded here. */
  value?: MetricValue;
}
