import { DEFAULT_RESCHEDULE_POLICY } from './scheduling-problem';
import { DEFAULT_WORK_SCHEDULER_OPTIONS, type WorkSchedulerOptions } from './work-scheduler';

function number(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min) throw new Error(`${name} must be a number of at least ${min}, not "${raw}"`);
  return value;
}

/**
 * `REPAIR_TIME_DEFAULT_MINUTES`: expected repair of a unit without repair history (default 30);
 * `SCHEDULER_FIRST_REVISION_MS` / `SCHEDULER_IMPROVE_MS`: search time before the first revision of a
 * trigger (default 400) and after it, in the background (default 5000; 0 turns improvement off).
 */
export function workSchedulerOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): WorkSchedulerOptions {
  return {
    firstRevisionMs: number(env, 'SCHEDULER_FIRST_REVISION_MS', DEFAULT_WORK_SCHEDULER_OPTIONS.firstRevisionMs, 10),
    improveMs: number(env, 'SCHEDULER_IMPROVE_MS', DEFAULT_WORK_SCHEDULER_OPTIONS.improveMs, 0),
    policy: { ...DEFAULT_RESCHEDULE_POLICY, defaultRepairSeconds: Math.round(number(env, 'REPAIR_TIME_DEFAULT_MINUTES', DEFAULT_RESCHEDULE_POLICY.defaultRepairSeconds / 60, 1) * 60) },
  };
}
