/** The Sparkplug B `DataType` numbers (schemas/sparkplug/sparkplug_b.proto), by name. */
export const DataType = {
  Unknown: 0,
  Int8: 1,
  Int16: 2,
  Int32: 3,
  Int64: 4,
  UInt8: 5,
  UInt16: 6,
  UInt32: 7,
  UInt64: 8,
  Float: 9,
  Double: 10,
  Boolean: 11,
  String: 12,
  DateTime: 13,
  Text: 14,
  UUID: 15,
  DataSet: 16,
  Bytes: 17,
  File: 18,
  Template: 19,
  Int8Array: 22,
  Int16Array: 23,
  Int32Array: 24,
  Int64Array: 25,
  UInt8Array: 26,
  UInt16Array: 27,
  UInt32Array: 28,
  UInt64Array: 29,
  FloatArray: 30,
  DoubleArray: 31,
  BooleanArray: 32,
  StringArray: 33,
  DateTimeArray: 34,
} as const;
export type DataTypeName = keyof typeof DataType;

/** Integers of up to 32 bits travel in `int_value`; the width tells how to sign-extend a signed one. */
const INT_WIDTH: Partial<Record<number, { bits: 8 | 16 | 32; signed: boolean }>> = {
  [DataType.Int8]: { bits: 8, signed: true },
  [DataType.Int16]: { bits: 16, signed: true },
  [DataType.Int32]: { bits: 32, signed: true },
  [DataType.UInt8]: { bits: 8, signed: false },
  [DataType.UInt16]: { bits: 16, signed: false },
  [DataType.UInt32]: { bits: 32, signed: false },
};

export const isSmallInteger = (datatype: number): boolean => INT_WIDTH[datatype] !== undefined;
export const isLongInteger = (datatype: number): boolean =>
  datatype === DataType.Int64 || datatype === DataType.UInt64 || datatype === DataType.DateTime;

/**
 * A 64-bit integer as JS code can use it: a number while it is exact (|v| <= 2^53 - 1), a bigint beyond.
 * Counters and aliases are almost always small, so callers get plain numbers; the rare huge value stays
 * exact instead of being rounded.
 */
export function toSafeInteger(value: bigint): number | bigint {
  return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value;
}

/**
 * An integer read from the wire, reinterpreted as `datatype` says: signed types are two's complement in
 * the unsigned protobuf fields. Edge nodes differ on whether an Int8 -1 is sent as 0xFF or 0xFFFFFFFF;
 * sign-extending from the type's own width reads both. Non-integers and unknown types pass unchanged.
 */
export function asDatatype<T>(value: T, datatype: number | undefined): T | number | bigint {
  if (datatype === undefined || (typeof value !== 'number' && typeof value !== 'bigint')) return value;
  const width = INT_WIDTH[datatype];
  if (width) {
    const raw = Number(BigInt.asUintN(32, BigInt(value)));
    if (!width.signed) return width.bits === 32 ? raw : raw & ((1 << width.bits) - 1);
    const shift = 32 - width.bits;
    return (raw << shift) >> shift;
  }
  if (datatype === DataType.Int64) return toSafeInteger(BigInt.asIntN(64, BigInt(value)));
  if (datatype === DataType.UInt64 || datatype === DataType.DateTime) return toSafeInteger(BigInt.asUintN(64, BigInt(value)));
  return value;
}
