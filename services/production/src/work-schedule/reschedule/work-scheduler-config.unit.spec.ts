import { workSchedulerOptionsFromEnv } from './work-scheduler-config';

describe('work scheduler configuration', () => {
  it('takes the defaults, and the expected repair in minutes', () => {
    expect(workSchedulerOptionsFromEnv({})).toMatchObject({ firstRevisionMs: 400, improveMs: 5000, policy: { defaultRepairSeconds: 1800 } });
    expect(workSchedulerOptionsFromEnv({ REPAIR_TIME_DEFAULT_MINUTES: '45', SCHEDULER_IMPROVE_MS: '0' })).toMatchObject({ improveMs: 0, policy: { defaultRepairSeconds: 2700 } });
  });

  it('refuses a bad value, naming the variable', () => {
    expect(() => workSchedulerOptionsFromEnv({ REPAIR_TIME_DEFAULT_MINUTES: 'soon' })).toThrow('REPAIR_TIME_DEFAULT_MINUTES must be a number of at least 1, not "soon"');
  });
});
