import type { LogPosition, RecordedEvent } from '../events';
import type { EventStore } from '../event-store';
import type { CheckpointStore } from './checkpoint-store';

export interface CatchUpSubscriptionOptions {
  subscriptionId: string;
  /** Handles a batch in log order. The checkpoint moves only after it resolves; a throw retries the batch. */
  handle(events: RecordedEvent[]): Promise<void>;
  batchSize?: number;
  /** How long to wait before polling again when the log had nothing new. */
  idleMs?: number;
  onError?(error: unknown, attempt: number): void;
}

/**
 * Reads a store's global log from a durable checkpoint, forever: at-least-once delivery in log order.
 * A crash between `handle` and the checkpoint redelivers the batch, so handlers dedupe (inbox) or are
 * idempotent (a relay whose duplicates on the wire are allowed).
 */
export class CatchUpSubscription {
  private running = false;
  private loop: Promise<void> | undefined;
  private wakeUp: (() => void) | undefined;
  private position: LogPosition | undefined;

  constructor(
    private readonly store: EventStore,
    private readonly checkpoints: CheckpointStore,
    private readonly options: CatchUpSubscriptionOptions,
  ) {}

  get lastPosition(): LogPosition | undefined {
    return this.position;
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.position = await this.checkpoints.load(this.options.subscriptionId);
    this.running = true;
    this.loop = this.run();
  }

  /** Skips the idle wait: new events were just appended in this process. */
  wake(): void {
    this.wakeUp?.();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake();
    await this.loop;
  }

  private async run(): Promise<void> {
    const batchSize = this.options.batchSize ?? 500;
    const idleMs = this.options.idleMs ?? 20;
    let failures = 0;
    while (this.running) {
      try {
        const events = await this.store.readAll({ after: this.position, limit: batchSize });
        if (events.length === 0) {
          await this.idle(idleMs);
          continue;
        }
        await this.options.handle(events);
        const last = events[events.length - 1];
        if (last) {
          await this.checkpoints.save(this.options.subscriptionId, last.logPosition);
          this.position = last.logPosition;
        }
        failures = 0;
      } catch (error) {
        failures++;
        this.options.onError?.(error, failures);
        await this.idle(Math.min(5000, 50 * 2 ** Math.min(failures, 7)));
      }
    }
  }

  private idle(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      const wake = (): void => done();
      this.wakeUp = wake;
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
    });
  }
}
