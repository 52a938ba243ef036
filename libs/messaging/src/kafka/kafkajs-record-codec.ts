import { createRequire, Module } from 'node:module';

/**
 * kafkajs 2.2.4 (its last release) encodes each record of a produce request through its general `Encoder`:
 * a new zero-filled 512-byte buffer for the record and another for every header, then a copy of each into
 * the record and of the record into the batch. A CloudEvent carries some 17 headers, so the relay allocated
 * and zeroed about 9 KB per event, and spent 110–120 µs of CPU on each (bench/README.md, "Kafka record
 * codec"). Decoding builds each record's header object by spreading it again for every header: quadratic.
 *
 * `encodeRecord` writes the same bytes (the unit spec compares them with kafkajs' own encoder) into one
 * buffer of the exact size; `decodeRecord` is kafkajs' decoder with the header object built in one pass.
 * `installKafkajsRecordCodec` puts both in Node's module cache under kafkajs' own module names before
 * kafkajs loads them (it loads its protocol modules on first use), so the produce and fetch paths take them.
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

interface KafkajsLong {
  add(value: unknown): KafkajsLong;
  toString(): string;
}

interface KafkajsDecoder {
  readInt8(): number;
  readVarLong(): unknown;
  readVarInt(): number;
  readVarIntBytes(): Buffer | null;
  readVarIntArray<T>(decode: (decoder: KafkajsDecoder) => T): T[];
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
  long: './src/utils/long',
  timestampTypes: './src/protocol/timestampTypes',
  headerDecoder: './src/protocol/recordBatch/header/v0/decoder',
  record: './src/protocol/recordBatch/record/v0',
  recordDecoder: './src/protocol/recordBatch/record/v0/decoder',
  produceRequest: './src/protocol/requests/produce/v3/request',
  batchDecoder: './src/protocol/recordBatch/v0/decoder',
} as const;

const Encoder = kafkajsRequire(MODULES.encoder) as { prototype: object };
const Long = kafkajsRequire(MODULES.long) as { fromValue(value: unknown): KafkajsLong };
const { LOG_APPEND_TIME } = kafkajsRequire(MODULES.timestampTypes) as { LOG_APPEND_TIME: number };
const decodeHeader = kafkajsRequire(MODULES.headerDecoder) as (decoder: KafkajsDecoder) => { key: string; value: Buffer | null };

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

/** kafkajs' `record/v0` decoder; a header name repeated gathers its values in an array, as kafkajs does. */
export function decodeRecord(decoder: KafkajsDecoder, batchContext: BatchContext = {}) {
  const { firstOffset, firstTimestamp, magicByte, isControlBatch = false, timestampType, maxTimestamp } = batchContext;
  const attributes = decoder.readInt8();
  const timestampDelta = decoder.readVarLong();
  const timestamp =
    timestampType === LOG_APPEND_TIME && maxTimestamp ? maxTimestamp : Long.fromValue(firstTimestamp).add(timestampDelta).toString();
  const offsetDelta = decoder.readVarInt();
  const offset = Long.fromValue(firstOffset).add(offsetDelta).toString();
  const key = decoder.readVarIntBytes();
  const value = decoder.readVarIntBytes();
  const headers: Record<string, Buffer | null | (Buffer | null)[]> = {};
  for (const header of decoder.readVarIntArray(decodeHeader)) {
    const seen = headers[header.key];
    headers[header.key] = seen === undefined ? header.value : Array.isArray(seen) ? [...seen, header.value] : [seen, header.value];
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
