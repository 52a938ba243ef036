import { InvalidWorkCalendarError } from './errors';
import type { Interval } from './intervals';
import { parseIsoInstant } from './local-time';

export function parseRange(fromIso: string, toIso: string): Interval {
  const start = parseIsoInstant(fromIso);
  const end = parseIsoInstant(toIso);
  const problems = [
    ...(start === undefined ? [{ field: 'from', message: `"${fromIso}" is not an ISO instant with an offset` }] : []),
    ...(end === undefined ? [{ field: 'to', message: `"${toIso}" is not an ISO instant with an offset` }] : []),
  ];
  if (start !== undefined && end !== undefined && end < start) problems.push({ field: 'to', message: `is before from ${fromIso}` });
  if (start === undefined || end === undefined || problems.length > 0) throw new InvalidWorkCalendarError(problems);
  return { start, end };
}
