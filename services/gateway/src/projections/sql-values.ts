/** timestamptz comes back as a Date from both drivers; the API speaks ISO 8601 UTC strings. */
export function isoOf(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'string') return new Date(value).toISOString();
  throw new Error(`expected a timestamp, got ${typeof value}`);
}
