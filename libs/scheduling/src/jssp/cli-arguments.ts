export const JSSP_USAGE = 'usage: node dist/jssp/jssp/cli.js <instance-file> --time-limit <seconds> [--seed N]';

export interface JsspCliArguments {
  readonly instanceFile: string;
  readonly timeLimitSeconds: number;
  readonly seed: number | undefined;
}

/** The command line of the JSSP CLI; throws a message meant for a person (the caller adds the usage line). */
export function parseJsspCliArguments(argv: readonly string[]): JsspCliArguments {
  let instanceFile: string | undefined;
  let timeLimitSeconds: number | undefined;
  let seed: number | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--time-limit') {
      const value = argv[++i];
      timeLimitSeconds = Number(value);
      if (value === undefined || value.trim() === '' || !Number.isFinite(timeLimitSeconds) || timeLimitSeconds <= 0) throw new Error(`--time-limit needs a number of seconds above 0, not ${value ?? 'nothing'}`);
    } else if (arg === '--seed') {
      const value = argv[++i];
      seed = Number(value);
      if (value === undefined || !/^-?\d+$/.test(value) || !Number.isSafeInteger(seed)) throw new Error(`--seed needs a whole number, not ${value ?? 'nothing'}`);
    } else if (arg.startsWith('-')) throw new Error(`unknown option ${arg}`);
    else if (instanceFile === undefined) instanceFile = arg;
    else throw new Error(`one instance file only, not also ${arg}`);
  }
  if (instanceFile === undefined) throw new Error('no instance file');
  if (timeLimitSeconds === undefined) throw new Error('no --time-limit');
  return { instanceFile, timeLimitSeconds, seed };
}
