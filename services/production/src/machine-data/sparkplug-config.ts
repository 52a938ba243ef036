import { readFileSync } from 'node:fs';
import { loadMappings } from '@quadrant/sparkplug';
import type { SparkplugIngestConfig } from './sparkplug-ingest';

/**
 * `SPARKPLUG_MQTT_URL` and `SPARKPLUG_MAPPINGS` (a JSON file: an array of mappings) turn the Sparkplug
 * ingest on; `SPARKPLUG_HOST_ID` names the host (default `quadrant-production`), `SPARKPLUG_WORKERS` the
 * MQTT connections that share the edge nodes (default 8). One without the other is
 * a configuration error, said at start rather than ignored.
 */
export function sparkplugConfigFromEnv(env: NodeJS.ProcessEnv = process.env): SparkplugIngestConfig | undefined {
  const url = env['SPARKPLUG_MQTT_URL'];
  const file = env['SPARKPLUG_MAPPINGS'];
  if (!url && !file) return undefined;
  if (!url || !file) throw new Error('set both SPARKPLUG_MQTT_URL and SPARKPLUG_MAPPINGS to ingest machine data over MQTT Sparkplug B (see README, "Machine data")');
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`SPARKPLUG_MAPPINGS: cannot read "${file}" as JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const workers = Number(env['SPARKPLUG_WORKERS'] ?? 8);
  if (!Number.isInteger(workers) || workers < 1) throw new Error(`SPARKPLUG_WORKERS must be a whole number of at least 1, not "${env['SPARKPLUG_WORKERS'] ?? ''}"`);
  return { url, hostId: env['SPARKPLUG_HOST_ID'] ?? 'quadrant-production', mappings: loadMappings(parsed), workers };
}
