/**
 * In-process fan-out for GraphQL subscriptions: each subscriber gets its own async iterator with a bounded
 * queue. A subscriber that falls `capacity` values behind loses its oldest ones (reported through
 * `onOverflow` with the subscriber's running count) instead of growing without bound; a state feed stays correct at its latest value, and a
 * client that must see every change reads the history query.
 */
export class BoundedPubSub<T> {
  private readonly subscribers = new Set<Subscriber<T>>();

  constructor(private readonly options: { capacity: number; onOverflow?: (dropped: number) => void }) {}

  get subscriberCount(): number {
    return this.subscribers.size;
  }

  publish(value: T): void {
    for (const subscriber of this.subscribers) subscriber.offer(value);
  }

  subscribe(accepts: (value: T) => boolean = () => true): AsyncIterableIterator<T> {
    const subscriber = new Subscriber<T>(accepts, this.options.capacity, this.options.onOverflow, () => this.subscribers.delete(subscriber));
    this.subscribers.add(subscriber);
    return subscriber;
  }

  /** Ends every subscription (shutdown): clients see their subscriptions complete. */
  close(): void {
    for (const subscriber of [...this.subscribers]) void subscriber.return();
  }
}

class Subscriber<T> implements AsyncIterableIterator<T> {
  private readonly queue: T[] = [];
  private waiting: ((result: IteratorResult<T>) => void) | undefined;
  private done = false;
  private dropped = 0;

  constructor(
    private readonly accepts: (value: T) => boolean,
    private readonly capacity: number,
    private readonly onOverflow: ((dropped: number) => void) | undefined,
    private readonly unsubscribe: () => void,
  ) {}

  offer(value: T): void {
    if (this.done || !this.accepts(value)) return;
    const waiting = this.waiting;
    if (waiting) {
      this.waiting = undefined;
      waiting({ value, done: false });
      return;
    }
    this.queue.push(value);
    if (this.queue.length > this.capacity) {
      this.queue.shift();
      this.onOverflow?.(++this.dropped);
    }
  }

  next(): Promise<IteratorResult<T>> {
    const value = this.queue.shift();
    if (value !== undefined) return Promise.resolve({ value, done: false });
    if (this.done) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => (this.waiting = resolve));
  }

  /** Called by the GraphQL server when the client unsubscribes or disconnects. */
  return(): Promise<IteratorResult<T>> {
    if (!this.done) {
      this.done = true;
      this.queue.length = 0;
      this.unsubscribe();
      const waiting = this.waiting;
      this.waiting = undefined;
      waiting?.({ value: undefined, done: true });
    }
    return Promise.resolve({ value: undefined, done: true });
  }

  throw(error?: unknown): Promise<IteratorResult<T>> {
    void this.return();
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<T> {
    return this;
  }
}
