import { MalformedSparkplugPayload, UnencodableSparkplugPayload } from '../errors';
import { asDatatype, DataType } from './data-types';
import type { SparkplugPayload } from './payload';
import { decodePayload, encodePayload } from './payload-codec';

const roundTrip = (payload: SparkplugPayload): SparkplugPayload => decodePayload(encodePayload(payload));

describe('Sparkplug B payload codec', () => {
  it('round-trips a birth with every scalar type ingest uses', () => {
    const birth: SparkplugPayload = {
      timestamp: 1_793_606_400_000,
      seq: 0,
      uuid: 'quadrant-test',
      metrics: [
        { name: 'bdSeq', datatype: DataType.Int64, value: 3 },
        { name: 'State', alias: 1, timestamp: 1_793_606_400_001, datatype: DataType.Int32, value: -7 },
        { name: 'Good', alias: 2, datatype: DataType.UInt64, value: 123_456_789_012 },
        { name: 'Temperature', alias: 3, datatype: DataType.Float, value: 21.5 },
        { name: 'Pressure', alias: 4, datatype: DataType.Double, value: 1.0000001 },
        { name: 'Heating', alias: 5, datatype: DataType.Boolean, value: true },
        { name: 'Recipe', alias: 6, datatype: DataType.String, value: 'PN-4711 rev B' },
        { name: 'Unset', alias: 7, datatype: DataType.String, isNull: true },
      ],
    };
    expect(roundTrip(birth)).toEqual(birth);
  });

  it('keeps the sign of every signed integer type', () => {
    const metrics = [
      { name: 'i8', datatype: DataType.Int8, value: -128 },
      { name: 'i16', datatype: DataType.Int16, value: -300 },
      { name: 'i32', datatype: DataType.Int32, value: -2_147_483_648 },
      { name: 'i64', datatype: DataType.Int64, value: -9_007_199_254_740_991 },
      { name: 'u32', datatype: DataType.UInt32, value: 4_294_967_295 },
    ];
    expect(roundTrip({ metrics }).metrics).toEqual(metrics);
  });

  it('gives 64-bit integers beyond 2^53 as bigints, exactly', () => {
    const metrics = [
      { name: 'big', alias: 18_446_744_073_709_551_615n, datatype: DataType.UInt64, value: 18_446_744_073_709_551_615n },
      { name: 'negative', datatype: DataType.Int64, value: -9_223_372_036_854_775_808n },
    ];
    expect(roundTrip({ metrics }).metrics).toEqual(metrics);
  });

  it('reads an Int8 sent as a single byte (0xFF) as -1, as other edge nodes encode it', () => {
    expect(roundTrip({ metrics: [{ name: 'i8', datatype: DataType.Int8, value: 255 }] }).metrics[0]?.value).toBe(-1);
  });

  it('reads an integer sent without datatype as unsigned, for the birth’s datatype to restore', () => {
    const [metric] = roundTrip({ metrics: [{ alias: 1, value: -2 }] }).metrics;
    expect(metric?.value).toBe(18_446_744_073_709_551_614n);
    expect(asDatatype(metric?.value, DataType.Int64)).toBe(-2);
  });

  it('refuses bytes that are not a payload, with a typed error', () => {
    expect(() => decodePayload(Buffer.from('{"online":true}'))).toThrow(MalformedSparkplugPayload);
  });

  it('refuses a seq outside 0–255', () => {
    expect(() => decodePayload(encodePayload({ seq: 256, metrics: [] }))).toThrow(/seq 256 is outside 0–255/);
  });

  it('refuses to encode a value that does not fit its datatype, naming the metric', () => {
    expect(() => encodePayload({ metrics: [{ name: 'State', datatype: DataType.Int32, value: 'RUN' }] })).toThrow(UnencodableSparkplugPayload);
    expect(() => encodePayload({ metrics: [{ name: 'State', datatype: DataType.Int32, value: 1.5 }] })).toThrow(/metrics\[0\]\.value 1\.5/);
  });
});
