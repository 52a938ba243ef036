import type { MachineSignal } from '@quadrant/sparkplug';
import { SignalBatch } from './sparkplug-ingest';

const signal = (messageId: string): MachineSignal => ({ kind: 'state', messageId, workUnitId: 'press-1', state: 'Running', since: '2026-11-16T06:00:00.000Z' });

describe('SignalBatch', () => {
  it('records what is added while a batch is being recorded as the next batch, in the order added', async () => {
    const recorded: string[][] = [];
    let release = (): void => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const batch = new SignalBatch(async (signals) => {
      recorded.push(signals.map((s) => s.messageId));
      if (recorded.length === 1) await held;
    });
    const first = batch.add([signal('a')]);
    const second = batch.add([signal('b'), signal('c')]);
    const third = batch.add([signal('d')]);
    release();
    await Promise.all([first, second, third]);
    expect(recorded).toEqual([['a'], ['b', 'c', 'd']]);
  });

  it('rejects the callers of a batch that failed, and goes on with the next', async () => {
    let calls = 0;
    const batch = new SignalBatch(async () => {
      calls += 1;
      if (calls === 1) throw new Error('store down');
    });
    await expect(batch.add([signal('a')])).rejects.toThrow('store down');
    await expect(batch.add([signal('b')])).resolves.toBeUndefined();
  });
});
