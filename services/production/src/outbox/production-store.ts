import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { EventContracts, type EquipmentEvent, type JobOrderEvent, type WorkCalendarEvent, type WorkScheduleEvent } from '@quadrant/contracts';
import {
  CommandHandler,
  PostgresCheckpointStore,
  PostgresEventStore,
  type CommandContext,
  type CommandOutcome,
  type CommandResult,
  type Decider,
  type DomainEvent,
  type EventValidator,
  SharedLogReads,
  type GlobalLogReader,
  type StreamCommand,
} from '@quadrant/event-sourcing';
import { EventRelay } from '@quadrant/messaging';
import { SERVICE_RUNTIME, schemaName, type ServiceRuntime } from '@quadrant/platform';
import { equipmentDecider, type EquipmentCommand, type EquipmentState } from '../equipment/equipment.decider';
import { jobOrderDecider, type JobOrderCommand, type JobOrderState } from '../job-order/job-order.decider';
import { workCalendarDecider, type WorkCalendarCommand, type WorkCalendarState } from '../work-calendar/work-calendar.decider';
import { equipmentClassDecider, type EquipmentClassCommand, type EquipmentClassEvent, type EquipmentClassState } from '../work-definition/equipment-class.decider';
import { productDecider, type ProductCommand, type ProductEvent, type ProductState } from '../work-definition/product.decider';
import { workScheduleDecider, type WorkScheduleCommand, type WorkScheduleState } from '../work-schedule/work-schedule.decider';

export const PRODUCTION_SCHEMA = 'production';

/** One aggregate's command handling, waking the relay when something was appended. */
export class AggregateCommands<Command, State, Event extends DomainEvent> {
  constructor(private readonly handler: CommandHandler<Command, State, Event>, private readonly appended: () => void) {}

  async handle(streamId: string, command: Command, context: CommandContext): Promise<CommandResult<Event>> {
    const result = await this.handler.handle(streamId, command, context);
    if (result.events.length > 0) this.appended();
    return result;
  }

  /** Several commands for one stream, in order: appended together where they can be (`CommandHandler.handleAll`). */
  async handleAll(streamId: string, commands: readonly StreamCommand<Command>[]): Promise<CommandOutcome<Event>[]> {
    const outcomes = await this.handler.handleAll(streamId, commands);
    if (outcomes.some((outcome) => outcome.ok && outcome.result.events.length > 0)) this.appended();
    return outcomes;
  }

  load(streamId: string): Promise<{ state: State; version: number }> {
    return this.handler.load(streamId);
  }

  /** The state as this process last saw it, without reading the store (`CommandHandler.cached`). */
  cached(streamId: string): { state: State; version: number } | undefined {
    return this.handler.cached(streamId);
  }
}

interface Aggregates {
  equipment: AggregateCommands<EquipmentCommand, EquipmentState, EquipmentEvent>;
  equipmentClasses: AggregateCommands<EquipmentClassCommand, EquipmentClassState, EquipmentClassEvent>;
  products: AggregateCommands<ProductCommand, ProductState, ProductEvent>;
  jobOrders: AggregateCommands<JobOrderCommand, JobOrderState, JobOrderEvent>;
  workCalendars: AggregateCommands<WorkCalendarCommand, WorkCalendarState, WorkCalendarEvent>;
  workSchedules: AggregateCommands<WorkScheduleCommand, WorkScheduleState, WorkScheduleEvent>;
}

/**
 * The production service's event store (schema `production`), the command handling of its aggregates, and
 * the relay that publishes the store's global log to Kafka. Nothing is published from the request path.
 */
@Injectable()
export class ProductionStore implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('ProductionStore');
  private aggregates: Aggregates | undefined;
  private relay: EventRelay | undefined;
  /** The global log, read once for the relay and the work scheduler. */
  private logReads: SharedLogReads | undefined;
  private checkpointStore: PostgresCheckpointStore | undefined;
  private readonly appendListeners: (() => void)[] = [];
  private markReady: () => void = () => undefined;
  private readonly readyPromise = new Promise<void>((resolve) => (this.markReady = resolve));

  constructor(@Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime) {}

  async onApplicationBootstrap(): Promise<void> {
    const schema = schemaName(this.runtime, PRODUCTION_SCHEMA);
    const store = await PostgresEventStore.create(this.runtime.db, schema);
    const validate: EventValidator = EventContracts.load().validatorFor('production');
    this.logReads = new SharedLogReads(store);
    this.checkpointStore = new PostgresCheckpointStore(this.runtime.db, schema);
    const wake = (): void => {
      this.relay?.wake();
      for (const listener of this.appendListeners) listener();
    };
    const commands = <C, S, E extends DomainEvent>(decider: Decider<C, S, E>, cacheSize: number): AggregateCommands<C, S, E> =>
      new AggregateCommands(new CommandHandler(store, decider, { validate, cacheSize }), wake);
    this.aggregates = {
      equipment: commands(equipmentDecider, 5000),
      equipmentClasses: commands(equipmentClassDecider, 500),
      products: commands(productDecider, 1000),
      jobOrders: commands(jobOrderDecider, 5000),
      workCalendars: commands(workCalendarDecider, 1000),
      workSchedules: commands(workScheduleDecider, 100),
    };
    this.relay = new EventRelay({
      domain: 'production',
      store: this.logReads,
      checkpoints: this.checkpointStore,
      transport: this.runtime.transport,
      onError: (error) => this.logger.warn(`relay: ${error instanceof Error ? error.message : String(error)}; retrying`),
      ...(this.runtime.leaderLock ? { leaderLock: this.runtime.leaderLock, leaderKey: `relay:${schema}` } : {}),
      onLeadership: (leading) => this.logger.log(leading ? 'this replica relays the event store to Kafka' : 'relay standing by'),
    });
    await this.relay.start();
    this.markReady();
  }

  /** Resolves once the store is migrated and its aggregates can be used (other providers' bootstrap runs alongside). */
  ready(): Promise<void> {
    return this.readyPromise;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.relay?.stop();
  }

  private started(): Aggregates {
    if (!this.aggregates) throw new Error('the production store is not started yet');
    return this.aggregates;
  }

  get equipment(): Aggregates['equipment'] {
    return this.started().equipment;
  }

  get equipmentClasses(): Aggregates['equipmentClasses'] {
    return this.started().equipmentClasses;
  }

  get products(): Aggregates['products'] {
    return this.started().products;
  }

  get jobOrders(): Aggregates['jobOrders'] {
    return this.started().jobOrders;
  }

  get workCalendars(): Aggregates['workCalendars'] {
    return this.started().workCalendars;
  }

  get workSchedules(): Aggregates['workSchedules'] {
    return this.started().workSchedules;
  }

  /**
   * The store's global log and its checkpoints, for the service's own subscribers to its log (the work
   * scheduler): the log's reads are shared with the relay's (SharedLogReads).
   */
  get log(): { store: GlobalLogReader; checkpoints: PostgresCheckpointStore } {
    if (!this.logReads || !this.checkpointStore) throw new Error('the production store is not started yet');
    return { store: this.logReads, checkpoints: this.checkpointStore };
  }

  /** Called whenever this process appended events, so a subscriber to the log need not wait for its next poll. */
  onAppended(listener: () => void): void {
    this.appendListeners.push(listener);
  }
}
