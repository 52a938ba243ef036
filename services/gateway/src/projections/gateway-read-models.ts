import { Inject, Injectable } from '@nestjs/common';
import { migrate } from '@quadrant/database';
import { SERVICE_RUNTIME, type ServiceRuntime } from '@quadrant/platform';
import { GATEWAY_SCHEMA } from './gateway-schema';
import { gatewayMigrations } from './gateway-migrations';

/** The gateway's tables, migrated once per process: every bootstrap that needs them awaits the same run. */
@Injectable()
export class GatewayReadModels {
  private migrated: Promise<void> | undefined;

  constructor(
    @Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime,
    @Inject(GATEWAY_SCHEMA) private readonly schema: string,
  ) {}

  ready(): Promise<void> {
    const migrated = this.migrated ?? migrate(this.runtime.db, this.schema, gatewayMigrations).then(() => undefined);
    this.migrated = migrated;
    return migrated;
  }
}

/**
 * What a projection transaction changed, held until it is known to be committed: one entry per batch, filed
 * under each of the batch's event ids. The consumer announces committed events one by one; the first of a
 * batch takes the entry for all, the others find nothing. A retried transaction files its entry again; one
 * that is dead-lettered leaves it behind, hence the cap.
 */
export class HeldUntilCommit<T> {
  private readonly held = new Map<string, { eventIds: readonly string[]; value: T }>();

  constructor(private readonly capacity = 10_000) {}

  hold(eventIds: readonly string[], value: T): void {
    if (this.held.size >= this.capacity) this.held.clear();
    const entry = { eventIds, value };
    for (const eventId of eventIds) this.held.set(eventId, entry);
  }

  /** The batch's value, once, when `eventId` is the first of its batch announced. */
  take(eventId: string): T | undefined {
    const entry = this.held.get(eventId);
    if (!entry) return undefined;
    for (const id of entry.eventIds) this.held.delete(id);
    return entry.value;
  }
}
