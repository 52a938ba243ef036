import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { topicOf, type IntegrationEvent } from '@quadrant/contracts';
import type { SqlClient } from '@quadrant/database';
import { InboxConsumer } from '@quadrant/messaging';
import { SERVICE_RUNTIME, type ServiceRuntime } from '@quadrant/platform';
import { KpiFeed } from '../../subscriptions/kpi-feed';
import { GATEWAY_SCHEMA } from '../gateway-schema';
import { GatewayReadModels, HeldUntilCommit } from '../gateway-read-models';
import { productionFactOf, type ProductionFact } from '../production-facts';
import { KpiDayRollups } from './kpi-day-rollup-builds';
import { applyBatchToKpiElements, type KpiChange } from './kpi-elements.store';

/** The KPI projection's consumer group: its own checkpoint, its own pace. */
export const KPI_GROUP_ID = 'gateway-kpi-elements';

/**
 * Events per transaction: the recomputation costs a few statements per batch whatever its size, so larger
 * batches catch up faster; still short enough (a few hundred ms) not to hold back other global-log readers.
 */
const KPI_TRANSACTION_CHUNK = 1_000;

/**
 * Each partition's delivery at most every 750 ms (unless it is behind): under a steady stream, each batch
 * then carries what came in that time instead of a handful of events, which costs the same few statements
 * and one recomputation of the hours it touched. With the default three partitions (`KAFKA_PARTITIONS`), the
 * KPIs are refreshed about every quarter second, each time for the work units of one partition. Dashboards
 * refresh in seconds; the other read models do not wait for this one.
 */
const KPI_MIN_DELIVERY_INTERVAL_MS = 750;

/**
 * The ISO 22400 KPI elements as a projection of their own: a consumer group apart from the other read models,
 * so their pace does not depend on it, with its own copy of the states, reasons and paths it recomputes from
 * (kpi-elements.store.ts). What a committed batch changed goes to `kpiChanged` subscribers.
 */
@Injectable()
export class KpiProjection implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('KpiProjection');
  private consumer: InboxConsumer | undefined;
  /** What a transaction changed, until it is known to be committed: one push per batch. */
  private readonly uncommitted = new HeldUntilCommit<KpiChange[]>();
  /** Batches that left day rollups to build, until committed. */
  private readonly dayRollupsDue = new HeldUntilCommit<true>();

  constructor(
    @Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime,
    @Inject(GATEWAY_SCHEMA) private readonly schema: string,
    private readonly feed: KpiFeed,
    private readonly readModels: GatewayReadModels,
    private readonly dayRollups: KpiDayRollups,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.readModels.ready();
    const consumer = new InboxConsumer({
      transport: this.runtime.transport,
      db: this.runtime.db,
      schema: this.schema,
      groupId: KPI_GROUP_ID,
      topics: [topicOf('production')],
      transactionChunk: KPI_TRANSACTION_CHUNK,
      minDeliveryIntervalMs: KPI_MIN_DELIVERY_INTERVAL_MS,
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

  private async project(events: IntegrationEvent[], tx: SqlClient): Promise<void> {
    const facts = events.map(productionFactOf).filter((fact): fact is ProductionFact => fact !== undefined);
    const { changes, dayZonesDue } = await applyBatchToKpiElements(tx, this.schema, facts);
    if (changes.length > 0 && this.feed.subscriberCount > 0) this.uncommitted.hold(facts.map((fact) => fact.eventId), changes);
    if (dayZonesDue) this.dayRollupsDue.hold(facts.map((fact) => fact.eventId), true);
  }

  private announce(event: IntegrationEvent): void {
    const changes = this.uncommitted.take(event.id);
    if (changes) this.feed.publish(changes);
    if (this.dayRollupsDue.take(event.id)) this.dayRollups.kick();
  }
}
