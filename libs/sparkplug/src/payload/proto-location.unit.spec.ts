import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { SparkplugProtoNotFound } from '../errors';
import { sparkplugProtoPath } from './proto-location';

const repositoryRoot = resolve(__dirname, '../../../..');
const proto = join(repositoryRoot, 'schemas', 'sparkplug', 'sparkplug_b.proto');

describe('where the Sparkplug .proto is found', () => {
  const configured = process.env['QUADRANT_SCHEMAS_DIR'];
  afterEach(() => {
    if (configured === undefined) delete process.env['QUADRANT_SCHEMAS_DIR'];
    else process.env['QUADRANT_SCHEMAS_DIR'] = configured;
  });
  beforeEach(() => delete process.env['QUADRANT_SCHEMAS_DIR']);

  it('is schemas/sparkplug/ above the sources', () => {
    expect(sparkplugProtoPath()).toBe(proto);
    expect(existsSync(proto)).toBe(true);
  });

  it('is the same file from the build output in dist/', () => {
    expect(sparkplugProtoPath(join(repositoryRoot, 'dist', 'libs', 'sparkplug', 'src', 'payload'))).toBe(proto);
  });

  it('follows QUADRANT_SCHEMAS_DIR when it is set', () => {
    process.env['QUADRANT_SCHEMAS_DIR'] = '/opt/quadrant/schemas';
    expect(sparkplugProtoPath()).toBe('/opt/quadrant/schemas/sparkplug/sparkplug_b.proto');
  });

  it('says how to fix it when there is none above', () => {
    const empty = mkdtempSync(join(tmpdir(), 'no-schemas-'));
    try {
      expect(() => sparkplugProtoPath(empty)).toThrow(SparkplugProtoNotFound);
    } finally {
      rmSync(empty, { recursive: true });
    }
  });
});
