import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { decodeRecord, encodeRecord, type BatchContext, type KafkajsDecoder, type RecordInput } from './kafkajs-record-codec';

/** kafkajs' own record encoder and decoder, and its decoder class, loaded apart from the codec. */
const kafkajsRequire = createRequire(require.resolve('kafkajs'));
const kafkajsEncodeRecord = kafkajsRequire('./src/protocol/recordBatch/record/v0') as (record: RecordInput) => { buffer: Buffer };
const kafkajsDecodeRecord = kafkajsRequire('./src/protocol/recordBatch/record/v0/decoder') as (decoder: unknown, context: BatchContext) => unknown;
const Decoder = kafkajsRequire('./src/protocol/decoder') as new (buffer: Buffer) => unknown;

/** A CloudEvent's headers as the relay sends them. */
const cloudEventHeaders = {
  ce_specversion: '1.0',
  ce_id: '0b6a3c1e-8f43-4c61-9d8e-2f1a7c5b9e10',
  ce_source: '/quadrant/production',
  ce_type: 'org.quadrant.production.WorkUnitStateChanged.v1',
  ce_subject: 'work-unit/site-a/press-3',
  ce_time: '2026-11-22T05:00:00.000Z',
  ce_streamposition: '1234',
  'content-type': 'application/json',
  ce_isa95site: 'site-a',
  ce_isa95workunit: 'press-3',
};

const random = (max: number): number => Math.floor(Math.random() * max);
const randomText = (): string => {
  const alphabet = ['a', 'Z', '0', 'é', '€', 'ключ', '😀', ' ', '-'];
  return Array.from({ length: random(40) }, () => alphabet[random(alphabet.length)]).join('');
};
const randomBytesOrText = (): Buffer | string | null => [() => randomBytes(random(300)), randomText, () => null][random(3)]?.() ?? null;

const cases: [string, RecordInput][] = [
  ['a CloudEvent as the relay sends it', { key: 'work-unit/site-a/press-3', value: '{"state":"running"}', headers: cloudEventHeaders }],
  ['no key, a binary value, a header repeated', { offsetDelta: 300, timestampDelta: 123_456_789_012, key: null, value: Buffer.from([1, 2, 3]), headers: { x: ['1', 'é€'], y: Buffer.from('z') } }],
  ['a value over 64 KB and a negative timestamp delta', { offsetDelta: 5, timestampDelta: -70, key: 'ключ', value: 'x'.repeat(70_000), headers: {} }],
  ['an empty key, no value, no headers', { key: Buffer.alloc(0), value: null }],
  ['a timestamp delta as kafkajs passes a string timestamp', { timestampDelta: '1700000000000', key: 'k', value: 'v' }],
];

describe('the kafkajs record codec', () => {
  it.each(cases)('writes what kafkajs writes: %s', (_, record) => {
    expect(encodeRecord(record).buffer.equals(kafkajsEncodeRecord(record).buffer)).toBe(true);
  });

  it('writes what kafkajs writes for 2,000 random records', () => {
    for (let i = 0; i < 2_000; i++) {
      const headers: Record<string, string | Buffer | (string | Buffer)[]> = {};
      for (let h = random(20); h > 0; h--) headers[randomText() || 'h'] = random(5) === 0 ? [randomText(), randomBytes(random(20))] : randomText();
      const record: RecordInput = {
        offsetDelta: random(100_000),
        timestampDelta: random(2) === 0 ? random(1000) : random(2 ** 40) - 2 ** 39,
        key: randomBytesOrText(),
        value: randomBytesOrText(),
        headers,
      };
      expect(encodeRecord(record).buffer.equals(kafkajsEncodeRecord(record).buffer)).toBe(true);
    }
  });

  /** kafkajs' decoder on a record's bytes, header values as the text the transport reads them as. */
  const kafkajsRead = (bytes: Buffer, context: BatchContext): unknown => {
    const decoded = kafkajsDecodeRecord(bodyOf(bytes), context) as { headers: Record<string, Buffer | null | (Buffer | null)[]> };
    const text = (value: Buffer | null): string | null => (value === null ? null : value.toString('utf8'));
    const headers = Object.fromEntries(Object.entries(decoded.headers).map(([name, value]) => [name, Array.isArray(value) ? value.map(text) : text(value)]));
    return { ...decoded, headers };
  };
  /** A record in a batch is preceded by its length, which the batch decoder reads before the record decoder. */
  const bodyOf = (bytes: Buffer): KafkajsDecoder => {
    const decoder = new Decoder(bytes) as KafkajsDecoder & { readVarInt(): number };
    decoder.readVarInt();
    return decoder;
  };

  it('reads back what kafkajs reads, header values as text, repeated headers as arrays', () => {
    const context: BatchContext = { firstOffset: '41', firstTimestamp: '1700000000000', magicByte: 2, timestampType: 0 };
    for (const [, record] of cases) {
      const bytes = kafkajsEncodeRecord({ ...record, headers: { ...record.headers, twice: ['a', 'b'], thrice: ['c', 'd', 'e'] } }).buffer;
      expect(decodeRecord(bodyOf(bytes), context)).toEqual(kafkajsRead(bytes, context));
    }
  });

  it('reads back what kafkajs reads for 2,000 random records, offsets beyond 2^53 and log-append time included', () => {
    const contexts: BatchContext[] = [
      { firstOffset: '0', firstTimestamp: '1700000000000', magicByte: 2, timestampType: 0 },
      { firstOffset: '9007199254740990', firstTimestamp: '9223372036854775000', magicByte: 2, timestampType: 0 },
      { firstOffset: '12', firstTimestamp: '1700000000000', magicByte: 2, timestampType: 1, maxTimestamp: '1700000009999' },
    ];
    for (let i = 0; i < 2_000; i++) {
      const headers: Record<string, string | Buffer | (string | Buffer)[]> = {};
      for (let h = random(20); h > 0; h--) headers[randomText() || 'h'] = random(5) === 0 ? [randomText(), Buffer.from(randomText())] : randomText();
      const bytes = kafkajsEncodeRecord({
        offsetDelta: random(100_000),
        // Small deltas, up to 49 bits, and longer ones (read with BigInt), both signs.
        timestampDelta: [random(1000), random(2 ** 40) - 2 ** 39, (random(2 ** 20) + 1) * 2 ** 30 * (random(2) === 0 ? 1 : -1)][random(3)] ?? 0,
        key: randomBytesOrText(),
        value: randomBytesOrText(),
        headers,
      }).buffer;
      const context = contexts[i % contexts.length] ?? {};
      expect(decodeRecord(bodyOf(bytes), context)).toEqual(kafkajsRead(bytes, context));
    }
  });
});
