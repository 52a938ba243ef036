import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { SparkplugProtoNotFound } from '../errors';

const PROTO = join('sparkplug', 'sparkplug_b.proto');

/**
 * The .proto under the repository's `schemas/` folder is the one source of truth, read at run time rather
 * than copied into TS (a copy can drift). Walking up from here finds it from the sources under Jest
 * (libs/sparkplug/src/payload) and from the build (dist/libs/sparkplug/src/payload), which leaves
 * `schemas/` where it is; the Docker image copies `schemas/` beside `dist/` for the same reason. We look
 * for `schemas/` itself rather than `nx.json`, which the runtime image does not have.
 * QUADRANT_SCHEMAS_DIR (the `schemas` folder) overrides, as it does for the event contracts.
 */
export function sparkplugProtoPath(from: string = __dirname): string {
  const configured = process.env['QUADRANT_SCHEMAS_DIR'];
  if (configured) return join(configured, PROTO);
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'schemas', PROTO);
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) throw new SparkplugProtoNotFound(from);
  }
}
