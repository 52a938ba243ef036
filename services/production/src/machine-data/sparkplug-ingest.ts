import { Inject, Injectable, Logger, Optional, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { QuadrantError } from '@quadrant/event-sourcing';
import { SparkplugHost, type MachineSignal, type SparkplugMappings } from '@quadrant/sparkplug';
import { SERVICE_RUNTIME, schemaName, type ServiceRuntime } from '@quadrant/platform';
import { PRODUCTION_SCHEMA, ProductionStore } from '../outbox/production-store';
import { keepUnbookedTotals, loadCounterBaselines, migrateCounterBaselines } from './counter-baselines';
import { recordMachineSignals } from './record-machine-signals';

export const SPARKPLUG_INGEST = Symbol('SparkplugIngestConfig');

export interface SparkplugIngestConfig {
  /** The MQTT broker, e.g. mqtt://127.0.0.1:1883 */
  url: string;
  /** The Sparkplug host id (STATE topic `spBv1.0/STATE/<hostId>`). */
  hostId: string;
  mappings: SparkplugMappings;
  /** MQTT connections sharing the edge nodes (default 8): a node's messages stay in order on one of them. */
  workers?: number;
}

const RETRY_MS = { first: 200, max: 5_000 };

/**
 * Machine data over MQTT Sparkplug B, when configured: the production service is the Sparkplug host of the
 * mapped groups. Signals are recorded before the next MQTT message is read (back-pressure); a failure of
 * the store is retried until it succeeds or the service stops, so no signal is dropped on the way. Cumulative
 * counter baselines survive a restart: they are read back at start from the booked counts' metadata and the
 * unbooked totals (see counter-baselines.ts).
 */
@Injectable()
export class SparkplugIngest implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('SparkplugIngest');
  private hosts: SparkplugHost[] = [];
  private stopping = false;
  /** Every connection's signals go into one batch, so a work unit's signals from all of them share an append. */
  private readonly batch = new SignalBatch((signals) => this.record(signals));

  constructor(
    private readonly production: ProductionStore,
    @Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime,
    @Optional() @Inject(SPARKPLUG_INGEST) private readonly config?: SparkplugIngestConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config) return;
    const config = this.config;
    const nodes = [...new Map(config.mappings.all.map((m) => [`${m.groupId}/${m.edgeNodeId}`, { groupId: m.groupId, edgeNodeId: m.edgeNodeId }])).values()];
    // Each edge node on one connection (its seq order and session live there); the nodes spread over several
    // connections so their messages are recorded side by side. The first carries the configured host id.
    const workers = Math.max(1, Math.min(config.workers ?? 8, nodes.length));
    this.stopping = false;
    // The last counter totals known, so the first totals after this start count the parts made meanwhile.
    const schema = schemaName(this.runtime, PRODUCTION_SCHEMA);
    await migrateCounterBaselines(this.runtime.db, schema);
    const baselines = await loadCounterBaselines(this.runtime.db, schema);
    for (let worker = 0; worker < workers; worker++) {
      const hostId = worker === 0 ? config.hostId : `${config.hostId}-${worker}`;
      const host = new SparkplugHost({
        url: config.url,
        hostId,
        groups: [],
        edgeNodes: nodes.filter((_, index) => index % workers === worker),
        mappings: config.mappings,
        baselines,
        sink: (signals) => this.batch.add(signals),
        onError: (error, topic) => this.logger.warn(`${topic ? `${topic}: ` : ''}${error.message}`),
        onAction: (action) =>
          this.logger.warn(action.type === 'rebirth' ? `rebirth requested from ${action.groupId}/${action.edgeNodeId}: ${action.reason} (${action.detail})` : `${action.workUnitId}: ${action.code} ${action.detail}`),
      });
      await host.start();
      this.hosts.push(host);
    }
    this.logger.log(`Sparkplug host "${config.hostId}" on ${config.url}: ${nodes.length} edge nodes over ${workers} connections`);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await Promise.all(this.hosts.map((host) => host.stop()));
    this.hosts = [];
  }

  private async record(signals: MachineSignal[]): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        const schema = schemaName(this.runtime, PRODUCTION_SCHEMA);
        const refusals = await recordMachineSignals(this.production, signals, {
          keepUnbookedTotals: (workUnitId, totals) => keepUnbookedTotals(this.runtime.db, schema, workUnitId, totals),
        });
        for (const refusal of refusals) this.logger.warn(`${refusal.workUnitId}: ${refusal.code} ${refusal.message}`);
        return;
      } catch (error) {
        if (error instanceof QuadrantError || this.stopping) throw error;
        this.logger.warn(`recording machine signals failed (attempt ${attempt + 1}), retrying: ${error instanceof Error ? error.message : String(error)}`);
        await new Promise((resolve) => setTimeout(resolve, Math.min(RETRY_MS.max, RETRY_MS.first * 2 ** attempt)));
      }
    }
  }
}

/**
 * Signals from several connections recorded together: what is added while a batch is being recorded waits
 * and goes as the next batch. Each caller's promise settles with the batch that held its signals, so a
 * connection's order is kept (its next signals are added only after that).
 */
export class SignalBatch {
  private pending: { signals: MachineSignal[]; settle: { resolve: () => void; reject: (error: unknown) => void }[] } = { signals: [], settle: [] };
  private running: Promise<void> | undefined;

  constructor(private readonly record: (signals: MachineSignal[]) => Promise<void>) {}

  add(signals: readonly MachineSignal[]): Promise<void> {
    const settled = new Promise<void>((resolve, reject) => {
      for (const signal of signals) this.pending.signals.push(signal);
      this.pending.settle.push({ resolve, reject });
    });
    if (!this.running) this.running = this.run();
    return settled;
  }

  private async run(): Promise<void> {
    try {
      while (this.pending.settle.length > 0) {
        const { signals, settle } = this.pending;
        this.pending = { signals: [], settle: [] };
        try {
          await this.record(signals);
          for (const { resolve } of settle) resolve();
        } catch (error) {
          for (const { reject } of settle) reject(error);
        }
      }
    } finally {
      this.running = undefined;
    }
  }
}

