import type { RecordedEvent } from '../events';
import { InMemoryEventStore } from '../in-memory/in-memory-event-store';
import type { EventStore, ReadAllOptions } from '../event-store';
import { CatchUpSubscription } from './catch-up-subscription';
import { InMemoryCheckpointStore } from './checkpoint-store';

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The in-memory store, counting the reads of the global log. */
class CountingStore extends InMemoryEventStore {
  reads = 0;
  override async readAll(options: ReadAllOptions): Promise<RecordedEvent[]> {
    this.reads++;
    return super.readAll(options);
  }
}

async function append(store: EventStore, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    await store.appendToStream('a', [{ event: { type: 'Happened', data: { i } }, metadata: {} }], { expectedVersion: 'any' });
  }
}

/** Appends one event and wakes the subscription while its read is under way, after the read saw the log. */
class AppendDuringRead extends InMemoryEventStore {
  armed = false;
  onRead: (() => void) | undefined;
  override async readAll(options: ReadAllOptions): Promise<RecordedEvent[]> {
    const events = await super.readAll(options);
    if (this.armed) {
      this.armed = false;
      await append(this, 1);
      this.onRead?.();
    }
    return events;
  }
}

describe('CatchUpSubscription, idle', () => {
  it('given nothing new, when it keeps finding nothing, then it polls less and less often, down to maxIdleMs', async () => {
    const store = new CountingStore();
    const subscription = new CatchUpSubscription(store, new InMemoryCheckpointStore(), { subscriptionId: 's', idleMs: 5, maxIdleMs: 80, handle: async () => undefined });
    await subscription.start();
    await pause(500);
    await subscription.stop();
    // 5, 10, 20, 40, then every 80 ms: about 9 reads in half a second, where a fixed 5 ms would make 100.
    expect(store.reads).toBeGreaterThanOrEqual(5);
    expect(store.reads).toBeLessThanOrEqual(14);
  });

  it('given a wake while a read is under way, then the wait after that read ends at once (the wake is not lost)', async () => {
    const store = new AppendDuringRead();
    const handled: RecordedEvent[] = [];
    const subscription = new CatchUpSubscription(store, new InMemoryCheckpointStore(), {
      subscriptionId: 's',
      idleMs: 60_000,
      handle: async (events) => void handled.push(...events),
    });
    store.onRead = () => subscription.wake();
    await subscription.start();
    await pause(20); // waiting after its first read of the empty log
    store.armed = true;
    subscription.wake(); // the next read finds nothing, and the append made during it wakes it again
    await pause(50);
    await subscription.stop();
    expect(handled).toHaveLength(1);
  });

  it('given a long idle wait, when this process appends and wakes it, then it reads at once, and polls fast again', async () => {
    const store = new CountingStore();
    const handled: RecordedEvent[] = [];
    const subscription = new CatchUpSubscription(store, new InMemoryCheckpointStore(), {
      subscriptionId: 's',
      idleMs: 5,
      maxIdleMs: 60_000,
      handle: async (events) => void handled.push(...events),
    });
    await subscription.start();
    await pause(300); // the wait is now well past 100 ms
    await append(store, 1);
    subscription.wake();
    await pause(30);
    expect(handled).toHaveLength(1);
    // Back at 5 ms: an append by another process (no wake) is found within a few polls.
    await append(store, 1);
    await pause(60);
    await subscription.stop();
    expect(handled).toHaveLength(2);
  });
});
