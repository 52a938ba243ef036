import type { LogPosition, RecordedEvent } from '../events';
import type { GlobalLogReader } from './shared-log-reads';
import type { CheckpointStore } from './checkpoint-store';

export interface CatchUpSubscriptionOptions {
  subscriptionId: string;
  /** Handles a batch in log order. The checkpoint moves only after it resolves; a throw retries the batch. */
  handle(events: RecordedEvent[]): Promise<void>;
  batchSize?: number;
  /** How long to wait before polling again when the log had nothing new. */
  idleMs?: number;
  /**
   * Each read that finds nothing doubles that wait, up to this (default: `idleMs`, no backoff); new events or
   * a `wake` bring it back to `idleMs`. An idle service then polls a few times a second instead of a hundred,
   * while appends in this process (which wake it) are still read at once.
   */
  maxIdleMs?: number;
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
  /** A wake that came while reading or handling: the next idle wait ends at once. */
  private wokenMeanwhile = false;
  private position: LogPosition | undefined;

  constructor(
    private readonly store: GlobalLogReader,
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

  /** Skips the idle wait, or the next one if it is busy: new events were just appended in this process. */
  wake(): void {
    if (this.wakeUp) this.wakeUp();
    else this.wokenMeanwhile = true;
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake();
    await this.loop;
  }

  private async run(): Promise<void> {
    const batchSize = this.options.batchSize ?? 500;
    const idleMs = this.options.idleMs ?? 20;
    const maxIdleMs = Math.max(idleMs, this.options.maxIdleMs ?? idleMs);
    let failures = 0;
    let idle = idleMs;
    while (this.running) {
      try {
        const events = await this.store.readAll({ after: this.position, limit: batchSize });
        if (events.length === 0) {
          const woken = await this.idle(idle);
          idle = woken ? idleMs : Math.min(maxIdleMs, idle * 2);
          continue;
        }
        idle = idleMs;
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

  /** Waits `ms`, or until woken (now, or since the last wait): resolves true when woken. */
  private idle(ms: number): Promise<boolean> {
    if (this.wokenMeanwhile) {
      this.wokenMeanwhile = false;
      return Promise.resolve(true);
    }
    return new Promise((resolve) => {
      const done = (woken: boolean): void => {
        clearTimeout(timer);
        this.wakeUp = undefined;
        resolve(woken);
      };
      const timer = setTimeout(() => done(false), ms);
      this.wakeUp = () => done(true);
    });
  }
}
