export { solve, type SolveOptions, type SolveResult } from './solve';
export { Scheduler, type SchedulerOptions } from './scheduler';
export { InvalidSequences, timetable } from './timetable';
