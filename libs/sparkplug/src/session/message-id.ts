import { createHash } from 'node:crypto';

/**
 * A stable id from the parts that identify one datum of one Sparkplug message. The payload timestamp is
 * among the parts because (bdSeq, seq) alone repeat: seq wraps every 256 messages, and a rebirth
 * restarts it at 0 under the same bdSeq. Hashed so the id stays short whatever the topic names
 * (downstream accepts up to 128 characters).
 */
export function sparkplugMessageId(parts: readonly (string | number | undefined | null)[]): string {
  // NUL cannot occur in an MQTT topic or a metric name, so the joined parts cannot collide.
  return `spb-${createHash('sha256').update(parts.map((part) => (part === undefined || part === null ? '' : String(part))).join('\u0000')).digest('hex').slice(0, 32)}`;
}
