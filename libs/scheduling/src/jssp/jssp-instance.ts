/** One operation of a classic job-shop instance: the machine it needs (from 0) and how long. */
export interface JsspOperation {
  readonly machine: number;
  readonly duration: number;
}

/** A classic job-shop benchmark instance (OR-Library "standard" format): every job a fixed machine route. */
export interface JsspInstance {
  readonly name: string;
  readonly jobs: number;
  readonly machines: number;
  /** Per job, its operations in processing order. */
  readonly routings: readonly (readonly JsspOperation[])[];
}

export class InvalidJsspInstance extends Error {
  readonly code = 'INVALID_JSSP_INSTANCE';
  constructor(message: string) {
    super(message);
    this.name = 'InvalidJsspInstance';
  }
}

/**
 * Reads the OR-Library format: a line `jobs machines`, then one line per job of `machine duration` pairs,
 * machines from 0. Blank lines and `#` comment lines (JSPLIB's headers) are skipped; anything else that does
 * not fit is refused with its line number, since a silently misread instance gives wrong benchmark figures.
 */
export function parseJsspInstance(text: string, name = 'instance'): JsspInstance {
  const lines = text
    .split(/\r?\n/)
    .map((content, i) => ({ number: i + 1, tokens: content.trim().split(/\s+/).filter((token) => token !== '') }))
    .filter((line) => line.tokens.length > 0 && !(line.tokens[0] ?? '').startsWith('#'));
  const fail = (where: string, message: string): never => {
    throw new InvalidJsspInstance(`${name} ${where}: ${message}`);
  };
  const wholeNumbers = (line: { number: number; tokens: string[] }, what: string): number[] =>
    line.tokens.map((token) => (/^\d+$/.test(token) ? Number(token) : fail(`line ${line.number}${what}`, `"${token}" is not a whole number`)));

  const [header, ...jobLines] = lines;
  if (!header) return fail('line 1', 'the instance is empty; expected "jobs machines"');
  const [jobs, machines, ...extra] = wholeNumbers(header, '');
  if (jobs === undefined || machines === undefined || extra.length > 0) return fail(`line ${header.number}`, `expected two numbers "jobs machines", found ${header.tokens.length}`);
  if (jobs < 1 || machines < 1) return fail(`line ${header.number}`, `needs at least one job and one machine, not ${jobs} and ${machines}`);
  if (jobLines.length < jobs) return fail(`line ${header.number}`, `announces ${jobs} jobs, but ${jobLines.length} job line(s) follow`);
  const surplus = jobLines[jobs];
  if (surplus) return fail(`line ${surplus.number}`, `unexpected content after the ${jobs} job lines`);

  const routings = jobLines.map((line, job) => {
    const what = ` (job ${job})`;
    const numbers = wholeNumbers(line, what);
    if (numbers.length !== 2 * machines) {
      fail(`line ${line.number}${what}`, `expected ${2 * machines} numbers (${machines} pairs "machine duration"), found ${numbers.length}`);
    }
    const routing: JsspOperation[] = [];
    for (let k = 0; k + 1 < numbers.length; k += 2) {
      const machine = numbers[k] ?? -1;
      const duration = numbers[k + 1] ?? -1;
      if (machine >= machines) fail(`line ${line.number}${what}`, `machine ${machine} does not exist (machines are numbered 0 to ${machines - 1})`);
      routing.push({ machine, duration });
    }
    return routing;
  });
  return { name, jobs, machines, routings };
}
