import type { SchedulingProblem, Solution } from '../problem';
import { validateProblem } from '../validation/validate-problem';
import { compileProblem } from './compiled-problem';
import type { Plan } from './plan';
import { PlanEvaluator } from './plan-evaluator';
import { toSolution } from './to-solution';

/** Unit sequences a planner proposed that cannot be timed: each reason names the operations at fault. */
export class InvalidSequences extends Error {
  readonly code = 'INVALID_SEQUENCES';
  readonly problems: string[];
  constructor(problems: readonly string[]) {
    super(`invalid unit sequences: ${problems.join('; ')}`);
    this.name = 'InvalidSequences';
    this.problems = [...problems];
  }
}

/**
 * Earliest-start timetable for given unit sequences (every non-frozen operation exactly once, on a unit
 * it has an alternative for; frozen operations may be listed on their own unit and are ignored). Used to
 * check a planner's hand move: what it costs, and whether it is possible at all.
 */
export function timetable(problem: SchedulingProblem, sequences: Readonly<Record<string, readonly string[]>>): Solution {
  validateProblem(problem);
  const cp = compileProblem(problem);
  const plan: Plan = { alt: new Int32Array(cp.nOps).fill(-1), seqs: cp.unitIds.map(() => []), anchor: new Uint8Array(cp.nOps) };
  const problems: string[] = [];
  const seen = new Uint8Array(cp.nOps);
  for (const [unitId, ops] of Object.entries(sequences)) {
    const u = cp.unitIndex.get(unitId);
    if (u === undefined) { problems.push(`unknown work unit ${unitId}`); continue; }
    for (const id of ops) {
      const o = cp.opIndex.get(id);
      if (o === undefined) { problems.push(`unknown operation ${id} on ${unitId}`); continue; }
      if (seen[o]) { problems.push(`operation ${id} is sequenced twice`); continue; }
      seen[o] = 1;
      if (cp.frozen[o]) {
        if (cp.frozenUnit[o] !== u) problems.push(`frozen operation ${id} is on ${cp.unitIds[cp.frozenUnit[o]]}, not ${unitId}`);
        continue;
      }
      let alt = -1;
      for (let a = cp.altStart[o]; a < cp.altStart[o + 1]; a++) if (cp.altUnit[a] === u) alt = a;
      if (alt < 0) { problems.push(`operation ${id} cannot run on ${unitId}`); continue; }
      plan.alt[o] = alt;
      plan.seqs[u].push(o);
    }
  }
  const missing = cp.opIds.filter((_, o) => !seen[o] && !cp.frozen[o]);
  if (missing.length > 0) problems.push(`operations not sequenced: ${missing.join(', ')}`);
  if (problems.length > 0) throw new InvalidSequences(problems);
  const ev = new PlanEvaluator(cp);
  if (!ev.evaluate(plan)) {
    const names = ev.stuck.map((o) => cp.opIds[o]);
    throw new InvalidSequences([`the sequences contradict the precedence (a cycle) through: ${names.join(', ')}`]);
  }
  return toSolution(cp, plan, ev);
}
