import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { topicOf, type IntegrationEvent } from '@quadrant/contracts';
import { migrate, type SqlClient } from '@quadrant/database';
import { InboxConsumer } from '@quadrant/messaging';
import { SERVICE_RUNTIME, type ServiceRuntime } from '@quadrant/platform';
import { WorkUnitStatusFeed } from '../subscriptions/work-unit-status-feed';
import { applyToEquipmentHierarchy } from './equipment-hierarchy/equipment-hierarchy.store';
import { GATEWAY_SCHEMA } from './gateway-schema';
import { gatewayMigrations } from './gateway-migrations';
import { productionFactOf } from './production-facts';
import type { WorkUnitStatusRecord } from './work-unit-status/work-unit-status.projection';
import { applyToWorkUnitStatus } from './work-unit-status/work-unit-status.store';
import { applyToWorkUnitStateTimeline } from './work-unit-state-timeline/work-unit-state-timeline.store';

export const PROJECTIONS_GROUP_ID = 'gateway-projections';

/**
 * Feeds the gateway's read models from production's topic. Each event's rows, its inbox entry and the
 * partition checkpoint commit together (InboxConsumer), so a crash anywhere neither loses nor doubles an
 * event. Subscribers hear of a state change only after that commit.
 */
@Injectable()
export class ProductionProjections implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('ProductionProjections');
  private consumer: InboxConsumer | undefined;
  /** State changes written by a transaction not yet known to be committed, by event id. */
  private readonly uncommitted = new Map<string, WorkUnitStatusRecord>();

  constructor(
    @Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime,
    @Inject(GATEWAY_SCHEMA) private readonly schema: string,
    private readonly feed: WorkUnitStatusFeed,
  ) {}

  /** Runs before the app listens: queries find their tables, and the in-process transport finds the group. */
  async onApplicationBootstrap(): Promise<void> {
    await migrate(this.runtime.db, this.schema, gatewayMigrations);
    const consumer = new InboxConsumer({
      transport: this.runtime.transport,
      db: this.runtime.db,
      schema: this.schema,
      groupId: PROJECTIONS_GROUP_ID,
      topics: [topicOf('production')],
      handle: (event, tx) => this.project(event, tx),
      afterCommit: (event) => this.announce(event),
      onError: (error, message, attempt) =>
        this.logger.warn(`event ${message.headers['ce_id'] ?? message.offset} failed (attempt ${attempt}): ${error instanceof Error ? error.message : String(error)}`),
    });
    await consumer.start();
    this.consumer = consumer;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer?.stop();
    this.consumer = undefined;
  }

  private async project(event: IntegrationEvent, tx: SqlClient): Promise<void> {
    const fact = productionFactOf(event);
    if (!fact) return;
    await applyToEquipmentHierarchy(tx, this.schema, fact);
    const status = await applyToWorkUnitStatus(tx, this.schema, fact);
    await applyToWorkUnitStateTimeline(tx, this.schema, fact);
    // A retried transaction overwrites its entry; one that is dead-lettered leaves it behind, hence the cap.
    if (fact.type === 'WorkUnitStateChanged' && status && 'write' in status) {
      if (this.uncommitted.size >= 10_000) this.uncommitted.clear();
      this.uncommitted.set(event.id, status.write);
    }
  }

  private announce(event: IntegrationEvent): void {
    const status = this.uncommitted.get(event.id);
    if (!status) return;
    this.uncommitted.delete(event.id);
    this.feed.publish(status);
  }
}
