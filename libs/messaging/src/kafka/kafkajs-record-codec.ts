import { createRequire, Module } from 'node:module';

/**
 * kafkajs 2.2.4 (its last release) encodes each record of a produce request through its general `Encoder`:
 * a new zero-filled 512-byte buffer for the record and another for every header, then a copy of each into
 * the record and of the record into the batch. A CloudEvent carries 17 headers, so the relay allocated and
 * zeroed about 9 KB per event and spent 110–130 µs of CPU on each (bench/README.md, "Kafka record codec").
 * Decoding took a Buffer view of every header value, which the transport then turned into text, and built
 * each record's header object by spreading it again for every header: quadratic.
 *
 * `encodeRecord` writes the same bytes (the unit spec compares them with kafkajs' own encoder) into one
 * buffer of the exact size. `decodeRecord` reads the record where it lies and gives header values as UTF-8
 * text, which is what the transport reads them as (kafkajs' header type allows strings); the rest is what
 * kafkajs' decoder gives. `installKafkajsRecordCodec` puts both in Node's module cache under kafkajs' own
 * module names before kafkajs loads them (it loads its protocol modules on first use), so the produce and
 * fetch paths take them.
 */

type HeaderValue = Buffer | string | null | undefined;
type Bytes = Buffer | string | null | undefined;

export interface RecordInput {
  offsetDelta?: number;
  timestampDelta?: number | string;
  key?: Bytes;
  value?: Bytes;
  headers?: Record<string, HeaderValue | HeaderValue[]>;
}

/** What kafkajs' batch encoder reads of a record: its bytes in `buf`, up to `offset`. */
export interface EncodedRecord {
  buf: Buffer;
  offset: number;
  readonly buffer: Buffer;
}

/** kafkajs' `Decoder` over one record's bytes (the batch decoder makes one per record). */
export interface KafkajsDecoder {
  buffer: Buffer;
  offset: number;
}

export interface BatchContext {
  firstOffset?: string;
  firstTimestamp?: string;
  magicByte?: number;
  isControlBatch?: boolean;
  timestampType?: number;
  maxTimestamp?: string;
}

const kafkajsRequire = createRequire(require.resolve('kafkajs'));
const MODULES = {
  encoder: './src/protocol/encoder',
  timestampTypes: './src/protocol/timestampTypes',
  record: './src/protocol/recordBatch/record/v0',
  recordDecoder: './src/protocol/recordBatch/record/v0/decoder',
  produceRequest: './src/protocol/requests/produce/v3/request',
  batchDecoder: './src/protocol/recordBatch/v0/decoder',
} as const;

const Encoder = kafkajsRequire(MODULES.encoder) as { prototype: object };
const { LOG_APPEND_TIME } = kafkajsRequire(MODULES.timestampTypes) as { LOG_APPEND_TIME: number };

/** Zigzag encoding of a 32-bit signed integer, as an unsigned number. */
const zigzag = (value: number): number => ((value << 1) ^ (value >> 31)) >>> 0;

function sizeOfUnsignedVarInt(value: number): number {
  let size = 1;
  while (value >= 0x80) {
    value = Math.floor(value / 128);
    size++;
  }
  return size;
}

function writeUnsignedVarInt(buf: Buffer, offset: number, value: number): number {
  while (value >= 0x80) {
    buf[offset++] = (value & 0x7f) | 0x80;
    value = Math.floor(value / 128);
  }
  buf[offset++] = value;
  return offset;
}

/** Zigzag encoding of a 64-bit signed integer; kafkajs reads a number through `Long.fromValue` (NaN is 0). */
function zigzagLong(value: number): bigint {
  const long = BigInt(Number.isFinite(value) ? Math.trunc(value) : 0);
  return BigInt.asUintN(64, (long << 1n) ^ (long >> 63n));
}

function sizeOfUnsignedVarLong(value: bigint): number {
  let size = 1;
  while (value >= 0x80n) {
    value >>= 7n;
    size++;
  }
  return size;
}

function writeUnsignedVarLong(buf: Buffer, offset: number, value: bigint): number {
  while (value >= 0x80n) {
    buf[offset++] = Number(value & 0x7fn) | 0x80;
    value >>= 7n;
  }
  buf[offset++] = Number(value);
  return offset;
}

/** Length in bytes as the record states it: -1 for null. */
function lengthOf(value: Bytes): number {
  if (value === null || value === undefined) return -1;
  return Buffer.isBuffer(value) ? value.length : Buffer.byteLength(String(value), 'utf8');
}

function sizeOfBytes(length: number): number {
  return sizeOfUnsignedVarInt(zigzag(length)) + Math.max(length, 0);
}

function writeBytes(buf: Buffer, offset: number, value: Bytes, length: number): number {
  offset = writeUnsignedVarInt(buf, offset, zigzag(length));
  if (length <= 0 || value === null || value === undefined) return offset;
  if (Buffer.isBuffer(value)) value.copy(buf, offset);
  else buf.write(String(value), offset, length, 'utf8');
  return offset + length;
}

/** Record v0 (Kafka's record format inside a v2 batch), byte for byte what kafkajs' `record/v0` encoder writes. */
export function encodeRecord({ offsetDelta = 0, timestampDelta = 0, key, value, headers = {} }: RecordInput): EncodedRecord {
  const names: string[] = [];
  const values: HeaderValue[] = [];
  for (const name of Object.keys(headers)) {
    const header = headers[name];
    for (const item of Array.isArray(header) ? header : [header]) {
      names.push(name);
      values.push(item);
    }
  }
  const timestamp = zigzagLong(Number(timestampDelta));
  const keyLength = lengthOf(key);
  const valueLength = lengthOf(value);
  const nameLengths = names.map((name) => Buffer.byteLength(name, 'utf8'));
  const valueLengths = values.map(lengthOf);
  let body =
    1 + // attributes
    sizeOfUnsignedVarLong(timestamp) +
    sizeOfUnsignedVarInt(zigzag(offsetDelta)) +
    sizeOfBytes(keyLength) +
    sizeOfBytes(valueLength) +
    sizeOfUnsignedVarInt(zigzag(names.length));
  for (let i = 0; i < names.length; i++) body += sizeOfBytes(nameLengths[i] ?? 0) + sizeOfBytes(valueLengths[i] ?? -1);

  const size = sizeOfUnsignedVarInt(zigzag(body)) + body;
  const buf = Buffer.allocUnsafe(size);
  let offset = writeUnsignedVarInt(buf, 0, zigzag(body));
  buf[offset++] = 0; // no record attributes are in use
  offset = writeUnsignedVarLong(buf, offset, timestamp);
  offset = writeUnsignedVarInt(buf, offset, zigzag(offsetDelta));
  offset = writeBytes(buf, offset, key, keyLength);
  offset = writeBytes(buf, offset, value, valueLength);
  offset = writeUnsignedVarInt(buf, offset, zigzag(names.length));
  for (let i = 0; i < names.length; i++) {
    offset = writeBytes(buf, offset, names[i], nameLengths[i] ?? 0);
    offset = writeBytes(buf, offset, values[i], valueLengths[i] ?? -1);
  }
  // Every byte of the unfilled buffer is written: anything else is a sizing bug, never a record to send.
  if (offset !== size) throw new Error(`Kafka record encoder wrote ${offset} bytes of the ${size} it sized`);
  const encoded = Object.create(Encoder.prototype) as EncodedRecord;
  encoded.buf = buf;
  encoded.offset = size;
  return encoded;
}

/** A varint (zigzag) of up to 32 bits, as Kafka writes lengths, counts and offset deltas. */
function readVarInt(decoder: KafkajsDecoder): number {
  const { buffer } = decoder;
  let result = 0;
  let shift = 0;
  let byte: number;
  do {
    byte = buffer[decoder.offset++] ?? 0;
    result += (byte & 0x7f) * 2 ** shift;
    shift += 7;
  } while (byte >= 0x80 && shift < 35);
  return result % 2 === 0 ? result / 2 : -(result + 1) / 2;
}

/**
 * A varlong (zigzag): a number when it is exact as one, else a bigint. Up to 7 bytes (49 bits: every
 * timestamp delta of a batch, in practice) it is read as a number, without BigInt arithmetic.
 */
function readVarLong(decoder: KafkajsDecoder): number | bigint {
  const { buffer } = decoder;
  const start = decoder.offset;
  let small = 0;
  for (let i = 0; i < 7; i++) {
    const byte = buffer[start + i] ?? 0;
    small += (byte & 0x7f) * 2 ** (7 * i);
    if (byte < 0x80) {
      decoder.offset = start + i + 1;
      return small % 2 === 0 ? small / 2 : -(small + 1) / 2;
    }
  }
  let result = 0n;
  let shift = 0n;
  let byte: number;
  do {
    if (shift > 63n) throw new Error('Kafka record: a varlong longer than 10 bytes');
    byte = buffer[decoder.offset++] ?? 0;
    result |= BigInt(byte & 0x7f) << shift;
    shift += 7n;
  } while (byte >= 0x80);
  const value = (result >> 1n) ^ -(result & 1n);
  return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value;
}

function readBytes(decoder: KafkajsDecoder): Buffer | null {
  const length = readVarInt(decoder);
  if (length < 0) return null;
  const bytes = decoder.buffer.subarray(decoder.offset, decoder.offset + length);
  decoder.offset += length;
  return bytes;
}

function readText(decoder: KafkajsDecoder): string | null {
  const length = readVarInt(decoder);
  if (length < 0) return null;
  const text = decoder.buffer.toString('utf8', decoder.offset, decoder.offset + length);
  decoder.offset += length;
  return text;
}

/**
 * Header names as text, reusing the string read at the same place of an earlier record when the bytes are
 * the same. Every record of a topic carries the same names in the same order, and a name used as a property
 * key is hashed and interned each time it is a new string: with the one from before, it already is, and
 * every headers object takes the same shape.
 */
const namesAt: { bytes: Buffer; text: string }[] = [];

function readName(decoder: KafkajsDecoder, index: number): string {
  const length = readVarInt(decoder);
  if (length < 0) return 'null';
  const { buffer, offset } = decoder;
  decoder.offset += length;
  const known = namesAt[index];
  if (known && known.bytes.length === length) {
    let same = true;
    for (let i = 0; i < length; i++) {
      if (known.bytes[i] !== buffer[offset + i]) {
        same = false;
        break;
      }
    }
    if (same) return known.text;
  }
  const text = buffer.toString('utf8', offset, offset + length);
  if (index < 64) namesAt[index] = { bytes: Buffer.from(buffer.subarray(offset, offset + length)), text };
  return text;
}

/** `base + delta` as kafkajs gives offsets and timestamps: the decimal text of the (BigInt) sum. */
function addToText(base: string | undefined, delta: number | bigint): string {
  const start = Number(base);
  if (typeof delta === 'number' && Number.isSafeInteger(start) && Number.isSafeInteger(start + delta)) return String(start + delta);
  return (BigInt(base ?? 0) + BigInt(delta)).toString();
}

/** Record v0, read where it lies; a header name repeated gathers its values in an array, as kafkajs does. */
export function decodeRecord(decoder: KafkajsDecoder, batchContext: BatchContext = {}) {
  const { firstOffset, firstTimestamp, magicByte, isControlBatch = false, timestampType, maxTimestamp } = batchContext;
  const attributes = decoder.buffer.readInt8(decoder.offset++);
  const timestampDelta = readVarLong(decoder);
  const timestamp = timestampType === LOG_APPEND_TIME && maxTimestamp ? maxTimestamp : addToText(firstTimestamp, timestampDelta);
  const offset = addToText(firstOffset, readVarInt(decoder));
  const key = readBytes(decoder);
  const value = readBytes(decoder);
  const headers: Record<string, string | null | (string | null)[]> = {};
  const count = readVarInt(decoder);
  for (let index = 0; index < count; index++) {
    const name = readName(decoder, index);
    const text = readText(decoder);
    const seen = headers[name];
    headers[name] = seen === undefined ? text : Array.isArray(seen) ? [...seen, text] : [seen, text];
  }
  return { magicByte, attributes, timestamp, offset, key, value, headers, isControlRecord: isControlBatch, batchContext };
}

function preload(moduleName: string, exports: unknown): void {
  const filename = kafkajsRequire.resolve(moduleName);
  const module = new Module(filename);
  module.filename = filename;
  module.loaded = true;
  module.exports = exports;
  require.cache[filename] = module;
}

let installed: boolean | undefined;

/**
 * Puts the codec in place of kafkajs' record encoder and decoder. False when kafkajs had already loaded the
 * modules that use them (a producer or consumer ran first): it then goes on with its own, slower but correct.
 */
export function installKafkajsRecordCodec(): boolean {
  if (installed !== undefined) return installed;
  const loaded = (moduleName: string): boolean => require.cache[kafkajsRequire.resolve(moduleName)] !== undefined;
  installed = !loaded(MODULES.produceRequest) && !loaded(MODULES.batchDecoder);
  if (installed) {
    preload(MODULES.record, encodeRecord);
    preload(MODULES.recordDecoder, decodeRecord);
  }
  return installed;
}
