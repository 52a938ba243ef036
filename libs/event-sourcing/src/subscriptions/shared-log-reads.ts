import type { LogPosition, RecordedEvent } from '../events';
import type { EventStore, ReadAllOptions } from '../event-store';

/** What a catch-up subscription needs of a store: its global log. */
export type GlobalLogReader = Pick<EventStore, 'readAll'>;

/**
 * One read of the global log for several subscribers of one process that follow it closely (production's
 * relay and work scheduler both read every event, at nearly the same moment, woken by the same append).
 *
 * A read answers a stretch of the log exactly as it is: every event after `after`, in order, up to the
 * limit (the store already waited for every transaction below it). So the last stretches read can answer
 * any later read that starts inside them, from memory, with what is kept after its start: perhaps fewer
 * events than its limit, never none while the log has more. A read that starts where one under way starts
 * waits for that one. Any other read goes to the store, and its answer becomes the stretch kept (or extends
 * it, when it starts where the kept one ends). Events are shared between the subscribers: none may change
 * them.
 */
export class SharedLogReads implements GlobalLogReader {
  /** A contiguous stretch of the log: `kept[0]` comes right after `keptAfter`. */
  private kept: RecordedEvent[] = [];
  private keptAfter: LogPosition | undefined;
  /** Each kept event's place, counted from the first event ever kept (`kept[0]` is at `base`). */
  private readonly placeOf = new Map<LogPosition, number>();
  private base = 0;
  /** Reads under way, by where they start. */
  private readonly underWay = new Map<LogPosition | undefined, Promise<RecordedEvent[]>>();

  constructor(
    private readonly store: GlobalLogReader,
    /** Events kept at most; the oldest go first. */
    private readonly capacity = 5_000,
  ) {}

  async readAll(options: ReadAllOptions): Promise<RecordedEvent[]> {
    const kept = this.fromKept(options);
    if (kept) return kept;
    const same = this.underWay.get(options.after);
    if (same) return (await same).slice(0, options.limit);
    const read = this.store.readAll(options);
    this.underWay.set(options.after, read);
    try {
      const events = await read;
      this.keep(options.after, events);
      return events;
    } finally {
      this.underWay.delete(options.after);
    }
  }

  private fromKept({ after, limit }: ReadAllOptions): RecordedEvent[] | undefined {
    if (this.kept.length === 0) return undefined;
    let from: number;
    if (after === this.keptAfter) from = 0;
    else {
      const place = after === undefined ? undefined : this.placeOf.get(after);
      if (place === undefined) return undefined;
      from = place - this.base + 1;
    }
    if (from >= this.kept.length) return undefined;
    return this.kept.slice(from, from + limit);
  }

  private keep(after: LogPosition | undefined, events: readonly RecordedEvent[]): void {
    if (events.length === 0) return;
    const last = this.kept[this.kept.length - 1];
    if (last === undefined || after !== last.logPosition) {
      // Not where the kept stretch ends: this one replaces it.
      this.base += this.kept.length;
      this.kept = [];
      this.placeOf.clear();
      this.keptAfter = after;
    }
    for (const event of events) {
      this.placeOf.set(event.logPosition, this.base + this.kept.length);
      this.kept.push(event);
    }
    const excess = this.kept.length - this.capacity;
    if (excess > 0) {
      for (const event of this.kept.slice(0, excess)) this.placeOf.delete(event.logPosition);
      this.keptAfter = this.kept[excess - 1]?.logPosition;
      this.kept = this.kept.slice(excess);
      this.base += excess;
    }
  }
}
