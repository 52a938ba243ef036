import { CommandHandler } from './command-handler';
import type { Decider } from './decider';
import { DomainError, StreamVersionConflictError } from './errors';
import type { DomainEvent } from './events';
import type { AppendOptions, AppendResult } from './event-store';
import { InMemoryEventStore } from './in-memory/in-memory-event-store';

/** A counter that can only go up by the amount asked, and refuses to pass a limit. */
type Incremented = DomainEvent<'Incremented', { by: number }>;
type Increment = { by: number; limit: number };
const counter: Decider<Increment, number, Incremented> = {
  initialState: () => 0,
  evolve: (total, event) => total + event.data.by,
  decide: (command, total) => {
    if (command.by === 0) return [];
    if (total + command.by > command.limit) throw new DomainError('LIMIT_PASSED', `${total} + ${command.by} passes ${command.limit}`);
    return [{ type: 'Incremented', data: { by: command.by } }];
  },
};

/** Lets a test slip in a competing writer just before the next append lands. */
class RacingStore extends InMemoryEventStore {
  beforeAppend: (() => Promise<void>) | undefined;
  override async appendToStream(streamId: string, events: Parameters<InMemoryEventStore['appendToStream']>[1], options: AppendOptions): Promise<AppendResult> {
    const race = this.beforeAppend;
    this.beforeAppend = undefined;
    await race?.();
    return super.appendToStream(streamId, events, options);
  }
}

describe('CommandHandler', () => {
  it('decides on the folded state and appends at its version', async () => {
    const store = new InMemoryEventStore();
    const handler = new CommandHandler(store, counter);
    await handler.handle('c', { by: 2, limit: 10 });
    const result = await handler.handle('c', { by: 3, limit: 10 });
    expect(result.nextExpectedVersion).toBe(2);
    expect((await handler.load('c')).state).toBe(5);
  });

  it('takes the decision again on fresh state when another writer got there first', async () => {
    const store = new RacingStore();
    const handler = new CommandHandler(store, counter);
    await handler.handle('c', { by: 1, limit: 10 });
    store.beforeAppend = async () => {
      await store.appendToStream('c', [{ event: { type: 'Incremented', data: { by: 5 } }, metadata: {} }], { expectedVersion: 1 });
    };
    await handler.handle('c', { by: 2, limit: 10 });
    expect((await store.readStream('c')).events.map((event) => event.data)).toEqual([{ by: 1 }, { by: 5 }, { by: 2 }]);
  });

  it('refuses on the fresh state, not the stale one, when another writer moved the stream', async () => {
    const store = new InMemoryEventStore();
    const handler = new CommandHandler(store, counter);
    const other = new CommandHandler(store, counter);
    await handler.handle('c', { by: 1, limit: 10 });
    await other.handle('c', { by: 8, limit: 10 });
    await expect(handler.handle('c', { by: 2, limit: 10 })).rejects.toMatchObject({ code: 'LIMIT_PASSED', message: '9 + 2 passes 10' });
  });

  it('answers VERSION_CONFLICT after a bounded number of lost races', async () => {
    const store = new InMemoryEventStore();
    const handler = new CommandHandler(store, counter, { maxConflictRetries: 2 });
    const appendToStream = store.appendToStream.bind(store);
    let attempts = 0;
    store.appendToStream = async (streamId, events, options) => {
      attempts++;
      await appendToStream(streamId, [{ event: { type: 'Incremented', data: { by: 1 } }, metadata: {} }], { expectedVersion: 'any' });
      return appendToStream(streamId, events, options);
    };
    await expect(handler.handle('c', { by: 1, limit: 100 })).rejects.toBeInstanceOf(StreamVersionConflictError);
    expect(attempts).toBe(3);
  });

  it('appends once for a command id sent twice, and answers the first result again, even where the decision would now refuse', async () => {
    const store = new InMemoryEventStore();
    const handler = new CommandHandler(store, counter);
    const first = await handler.handle('c', { by: 10, limit: 10 }, { commandId: 'cmd-1' });
    const again = await new CommandHandler(store, counter).handle('c', { by: 10, limit: 10 }, { commandId: 'cmd-1' });
    expect(again).toEqual({ ...first, replayed: true });
    expect((await store.readStream('c')).version).toBe(1);
  });

  it('appends nothing when the validator refuses an event', async () => {
    const store = new InMemoryEventStore();
    const handler = new CommandHandler(store, counter, {
      validate: () => {
        throw new Error('contract broken');
      },
    });
    await expect(handler.handle('c', { by: 1, limit: 10 })).rejects.toThrow('contract broken');
    expect((await store.readStream('c')).version).toBe(0);
  });

  it('carries the metadata and command id into every event', async () => {
    const store = new InMemoryEventStore();
    await new CommandHandler(store, counter).handle('c', { by: 1, limit: 10 }, { commandId: 'cmd-9', metadata: { actor: 'planner-1', correlationId: 'corr' } });
    expect((await store.readStream('c')).events[0]?.metadata).toEqual({ actor: 'planner-1', correlationId: 'corr', commandId: 'cmd-9' });
  });

  it('answers nothing appended for a decision with no events', async () => {
    const store = new InMemoryEventStore();
    const result = await new CommandHandler(store, counter).handle('c', { by: 0, limit: 10 });
    expect(result).toEqual({ streamId: 'c', events: [], nextExpectedVersion: 0, replayed: false });
  });

  describe('handleAll', () => {
    const items = (...steps: [number, string][]) => steps.map(([by, id]) => ({ command: { by, limit: 10 }, context: { commandId: id } }));

    it('appends a run of commands in one append, each recorded as its own command', async () => {
      const store = new InMemoryEventStore();
      const append = jest.spyOn(store, 'appendToStream');
      const outcomes = await new CommandHandler(store, counter).handleAll('c', items([1, 'a'], [2, 'b'], [3, 'c']));
      expect(append).toHaveBeenCalledTimes(1);
      expect(outcomes.map((o) => (o.ok ? [o.result.nextExpectedVersion, o.result.events.map((e) => e.data)] : o.error))).toEqual([
        [1, [{ by: 1 }]],
        [2, [{ by: 2 }]],
        [3, [{ by: 3 }]],
      ]);
      expect((await store.findCommand('b'))?.events.map((e) => e.data)).toEqual([{ by: 2 }]);
    });

    it('answers a refusal for the command that is refused and goes on with the rest', async () => {
      const store = new InMemoryEventStore();
      const outcomes = await new CommandHandler(store, counter).handleAll('c', items([4, 'a'], [4, 'b'], [4, 'c'], [1, 'd'], [1, 'e']));
      expect(outcomes.map((o) => (o.ok ? o.result.nextExpectedVersion : (o.error as DomainError).code))).toEqual([1, 2, 'LIMIT_PASSED', 3, 4]);
      expect((await store.readStream('c')).events.map((e) => e.data)).toEqual([{ by: 4 }, { by: 4 }, { by: 1 }, { by: 1 }]);
    });

    it('answers the first result again for command ids seen before, and appends only the new ones', async () => {
      const store = new InMemoryEventStore();
      const handler = new CommandHandler(store, counter);
      const first = await handler.handle('c', { by: 1, limit: 10 }, { commandId: 'b' });
      const outcomes = await new CommandHandler(store, counter).handleAll('c', items([2, 'a'], [1, 'b'], [3, 'c']));
      expect(outcomes[1]).toEqual({ ok: true, result: { ...first, replayed: true } });
      expect(outcomes.map((o) => o.ok && o.result.replayed)).toEqual([false, true, false]);
      expect((await store.readStream('c')).events.map((e) => e.data)).toEqual([{ by: 1 }, { by: 2 }, { by: 3 }]);
    });

    it('takes each command again on fresh state when another writer moved the stream', async () => {
      const store = new RacingStore();
      const handler = new CommandHandler(store, counter);
      await handler.handle('c', { by: 1, limit: 10 });
      store.beforeAppend = async () => {
        await store.appendToStream('c', [{ event: { type: 'Incremented', data: { by: 6 } }, metadata: {} }], { expectedVersion: 1 });
      };
      const outcomes = await handler.handleAll('c', items([2, 'a'], [2, 'b']));
      expect(outcomes.map((o) => (o.ok ? o.result.nextExpectedVersion : (o.error as DomainError).code))).toEqual([3, 'LIMIT_PASSED']);
      expect((await store.readStream('c')).events.map((e) => e.data)).toEqual([{ by: 1 }, { by: 6 }, { by: 2 }]);
    });

    it('handles the same command id twice in one batch once', async () => {
      const store = new InMemoryEventStore();
      const outcomes = await new CommandHandler(store, counter).handleAll('c', items([2, 'a'], [2, 'a']));
      expect(outcomes.map((o) => o.ok && o.result.replayed)).toEqual([false, true]);
      expect((await store.readStream('c')).version).toBe(1);
    });
  });
});
