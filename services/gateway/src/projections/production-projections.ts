import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { topicOf, type IntegrationEvent } from '@quadrant/contracts';
import type { SqlClient } from '@quadrant/database';
import { InboxConsumer } from '@quadrant/messaging';
import { SERVICE_RUNTIME, type ServiceRuntime } from '@quadrant/platform';
import { JobOrderFeed, jobOrderChangesOf } from '../subscriptions/job-order-feed';
import { ScheduleRevisionFeed } from '../subscriptions/schedule-revision-feed';
import { WorkUnitStatusFeed } from '../subscriptions/work-unit-status-feed';
import { applyBatchToDispatchList } from './dispatch-list/dispatch-list.store';
import { applyToEquipmentHierarchy } from './equipment-hierarchy/equipment-hierarchy.store';
import { GATEWAY_SCHEMA } from './gateway-schema';
import { GatewayReadModels, HeldUntilCommit } from './gateway-read-models';
import { applyBatchToJobOrderHistory } from './job-order-history/job-order-history.store';
import { applyBatchToJobOrders } from './job-orders/job-orders.store';
import { productionFactOf, type ProductionFact } from './production-facts';
import { applyBatchToWorkCalendars } from './work-calendars/work-calendars.store';
import { applyBatchToWorkUnitAllocations } from './work-unit-allocations/work-unit-allocations.store';
import type { WorkUnitStatusRecord } from './work-unit-status/work-unit-status.projection';
import { applyBatchToWorkUnitStatus } from './work-unit-status/work-unit-status.store';
import { applyBatchToWorkUnitStateTimeline } from './work-unit-state-timeline/work-unit-state-timeline.store';
import { applyBatchToWorkSchedules, type ScheduleRevisionRecord } from './work-schedule/work-schedule.store';

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
  /** Job orders a transaction changed, until it is known to be committed (under the last event applied to each). */
  private readonly uncommittedJobOrders = new HeldUntilCommit<string[]>();
  /** Schedule revisions a transaction recorded, until it is known to be committed. */
  private readonly uncommittedRevisions = new HeldUntilCommit<ScheduleRevisionRecord[]>();

  constructor(
    @Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime,
    @Inject(GATEWAY_SCHEMA) private readonly schema: string,
    private readonly feed: WorkUnitStatusFeed,
    private readonly jobOrderFeed: JobOrderFeed,
    private readonly readModels: GatewayReadModels,
    private readonly revisionFeed: ScheduleRevisionFeed,
  ) {}

  /** Runs before the app listens: queries find their tables, and the in-process transport finds the group. */
  async onApplicationBootstrap(): Promise<void> {
    await this.readModels.ready();
    const consumer = new InboxConsumer({
      transport: this.runtime.transport,
      db: this.runtime.db,
      schema: this.schema,
      groupId: PROJECTIONS_GROUP_ID,
      topics: [topicOf('production')],
      handle: (event, tx) => this.project([event], tx),
      handleBatch: (events, tx) => this.project(events, tx),
      afterCommit: (event) => this.announce(event),
      onStreamGap: (message) => this.logger.warn(message),
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

  /** Each read model takes the whole batch at once: a few statements however many events. */
  private async project(events: IntegrationEvent[], tx: SqlClient): Promise<void> {
    const facts = events.map(productionFactOf).filter((fact): fact is ProductionFact => fact !== undefined);
    // Definitions are rare; they go one at a time.
    for (const fact of facts) if (fact.type === 'EquipmentDefined') await applyToEquipmentHierarchy(tx, this.schema, fact);
    const statuses = await applyBatchToWorkUnitStatus(tx, this.schema, facts);
    await applyBatchToWorkUnitStateTimeline(tx, this.schema, facts);
    await applyBatchToWorkUnitAllocations(tx, this.schema, facts);
    // The dispatch list is derived from the job orders as this batch left them.
    const jobOrders = await applyBatchToJobOrders(tx, this.schema, facts);
    await applyBatchToDispatchList(tx, this.schema, jobOrders);
    await applyBatchToJobOrderHistory(tx, this.schema, facts);
    const revisions = await applyBatchToWorkSchedules(tx, this.schema, facts);
    if (revisions.length > 0) this.uncommittedRevisions.hold(revisions.map((r) => r.eventId), revisions);
    // Last: it locks the calendar generation row (bumped with any calendar or hierarchy change) until the commit.
    await applyBatchToWorkCalendars(tx, this.schema, facts);
    facts.forEach((fact, index) => {
      const status = statuses[index];
      // A retried transaction overwrites its entry; one that is dead-lettered leaves it behind, hence the cap.
      if (fact.type === 'WorkUnitStateChanged' && status && 'write' in status) {
        if (this.uncommitted.size >= 10_000) this.uncommitted.clear();
        this.uncommitted.set(fact.eventId, status.write);
      }
    });
    // One entry per batch: one push per job order.
    const jobOrderChanges = jobOrderChangesOf(jobOrders);
    if (jobOrderChanges) this.uncommittedJobOrders.hold(jobOrderChanges.eventIds, jobOrderChanges.jobOrderIds);
  }

  private announce(event: IntegrationEvent): void {
    this.announceJobOrders(event);
    const revisions = this.uncommittedRevisions.take(event.id);
    if (revisions) this.revisionFeed.publish(revisions);
    const status = this.uncommitted.get(event.id);
    if (!status) return;
    this.uncommitted.delete(event.id);
    this.feed.publish(status);
  }

  private announceJobOrders(event: IntegrationEvent): void {
    const jobOrderIds = this.uncommittedJobOrders.take(event.id);
    if (jobOrderIds) this.jobOrderFeed.publishChanged(jobOrderIds);
  }
}
