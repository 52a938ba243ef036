export type * from './problem';
export { InvalidSchedulingProblem } from './errors';
export { validateProblem } from './validation/validate-problem';
export { checkFeasibility } from './feasibility/check-feasibility';
export type { Violation } from './feasibility/violation';
export { solve, Scheduler, timetable, type SolveOptions, type SolveResult } from './solver';
export * from './jssp';
