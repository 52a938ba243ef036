import { BoundedPubSub } from './bounded-pub-sub';

describe('BoundedPubSub', () => {
  it('delivers to each subscriber what its filter accepts, in order', async () => {
    const pubSub = new BoundedPubSub<number>({ capacity: 10 });
    const even = pubSub.subscribe((n) => n % 2 === 0);
    const all = pubSub.subscribe();
    [1, 2, 3, 4].forEach((n) => pubSub.publish(n));
    expect([(await even.next()).value, (await even.next()).value]).toEqual([2, 4]);
    expect([(await all.next()).value, (await all.next()).value, (await all.next()).value]).toEqual([1, 2, 3]);
  });

  it('hands a value straight to a subscriber already waiting', async () => {
    const pubSub = new BoundedPubSub<string>({ capacity: 10 });
    const subscription = pubSub.subscribe();
    const next = subscription.next();
    pubSub.publish('Down');
    await expect(next).resolves.toEqual({ value: 'Down', done: false });
  });

  it('drops the oldest values of a subscriber that falls behind, and says so', async () => {
    const overflows: number[] = [];
    const pubSub = new BoundedPubSub<number>({ capacity: 2, onOverflow: (dropped) => overflows.push(dropped) });
    const slow = pubSub.subscribe();
    [1, 2, 3, 4].forEach((n) => pubSub.publish(n));
    expect([(await slow.next()).value, (await slow.next()).value]).toEqual([3, 4]);
    expect(overflows).toEqual([1, 2]);
  });

  it('forgets a subscriber that unsubscribes, ending its pending read', async () => {
    const pubSub = new BoundedPubSub<number>({ capacity: 10 });
    const subscription = pubSub.subscribe();
    const pending = subscription.next();
    await subscription.return?.();
    await expect(pending).resolves.toEqual({ value: undefined, done: true });
    expect(pubSub.subscriberCount).toBe(0);
    pubSub.publish(1);
    await expect(subscription.next()).resolves.toEqual({ value: undefined, done: true });
  });

  it('completes every subscription on close', async () => {
    const pubSub = new BoundedPubSub<number>({ capacity: 10 });
    const a = pubSub.subscribe();
    const b = pubSub.subscribe();
    pubSub.close();
    await expect(a.next()).resolves.toMatchObject({ done: true });
    await expect(b.next()).resolves.toMatchObject({ done: true });
  });
});
