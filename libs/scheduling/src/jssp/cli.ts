/**
 * `node dist/jssp/jssp/cli.js <instance-file> --time-limit <seconds> [--seed N]` (`npm run --silent jssp -- …`
 * from the repository root): solves a classic job-shop instance and prints its schedule as one line of JSON,
 * `{makespan, operations: [{job, index, machine, start, end}]}`, and nothing else on stdout, so that other
 * tools can read it. Errors go to stderr with the usage line, exit code 1.
 */
import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { checkFeasibility } from '../feasibility/check-feasibility';
import { solve } from '../solver';
import { JSSP_USAGE, parseJsspCliArguments } from './cli-arguments';
import { parseJsspInstance } from './jssp-instance';
import { jsspProblem, jsspResult } from './jssp-problem';

function main(argv: readonly string[]): void {
  const args = parseJsspCliArguments(argv);
  const instance = parseJsspInstance(readFileSync(args.instanceFile, 'utf8'), basename(args.instanceFile, extname(args.instanceFile)));
  const problem = jsspProblem(instance);
  const solution = solve(problem, { timeLimitMs: args.timeLimitSeconds * 1000, ...(args.seed !== undefined ? { seed: args.seed } : {}) });
  // A wrong schedule printed as an answer would be worse than none: it is checked before it leaves.
  const violations = checkFeasibility(problem, solution.operations);
  if (violations.length > 0) throw new Error(`the solver returned an infeasible schedule: ${violations.map((violation) => violation.message).join('; ')}`);
  process.stdout.write(`${JSON.stringify(jsspResult(instance, solution))}\n`);
}

try {
  main(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${JSSP_USAGE}\n`);
  process.exitCode = 1;
}
