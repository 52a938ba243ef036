import { BackgroundRun } from './background-run';

describe('BackgroundRun', () => {
  it('runs one at a time, and once more after a run during which it was kicked', async () => {
    let runs = 0;
    let release = (): void => undefined;
    const first = new Promise<void>((resolve) => (release = resolve));
    const background = new BackgroundRun(async () => {
      runs += 1;
      if (runs === 1) await first;
    }, () => undefined);
    background.kick();
    background.kick();
    background.kick();
    expect(runs).toBe(1);
    release();
    await background.settled();
    expect(runs).toBe(2);
  });

  it('reports a run that throws, and runs again on the next kick', async () => {
    const errors: unknown[] = [];
    let runs = 0;
    const background = new BackgroundRun(async () => {
      runs += 1;
      if (runs === 1) throw new Error('database away');
    }, (error) => errors.push(error));
    background.kick();
    await background.settled();
    background.kick();
    await background.settled();
    expect([runs, errors.map(String)]).toEqual([2, ['Error: database away']]);
  });

  it('starts nothing once stopped, and waits for the run under way', async () => {
    let finished = false;
    const background = new BackgroundRun(async () => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      finished = true;
    }, () => undefined);
    background.kick();
    await background.stop();
    expect([finished, background.stopping]).toEqual([true, true]);
    finished = false;
    background.kick();
    await background.settled();
    expect(finished).toBe(false);
  });
});
