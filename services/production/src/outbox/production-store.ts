import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { EventContracts, type ProductionEvent } from '@quadrant/contracts';
import { CommandHandler, PostgresCheckpointStore, PostgresEventStore, type CommandContext, type CommandOutcome, type CommandResult, type StreamCommand } from '@quadrant/event-sourcing';
import { EventRelay } from '@quadrant/messaging';
import { SERVICE_RUNTIME, schemaName, type ServiceRuntime } from '@quadrant/platform';
import { equipmentDecider, type EquipmentCommand, type EquipmentState } from '../equipment/equipment.decider';

export const PRODUCTION_SCHEMA = 'production';

/**
 * The production service's event store (schema `production`), its command handling, and the relay that
 * publishes the store's global log to Kafka. Nothing is published from the request path.
 */
@Injectable()
export class ProductionStore implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('ProductionStore');
  private equipment: CommandHandler<EquipmentCommand, EquipmentState, ProductionEvent> | undefined;
  private relay: EventRelay | undefined;

  constructor(@Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime) {}

  async onApplicationBootstrap(): Promise<void> {
    const schema = schemaName(this.runtime, PRODUCTION_SCHEMA);
    const store = await PostgresEventStore.create(this.runtime.db, schema);
    const contracts = EventContracts.load();
    this.equipment = new CommandHandler(store, equipmentDecider, { validate: contracts.validatorFor('production'), cacheSize: 5000 });
    this.relay = new EventRelay({
      domain: 'production',
      store,
      checkpoints: new PostgresCheckpointStore(this.runtime.db, schema),
      transport: this.runtime.transport,
      onError: (error) => this.logger.warn(`relay: ${error instanceof Error ? error.message : String(error)}; retrying`),
      ...(this.runtime.leaderLock ? { leaderLock: this.runtime.leaderLock, leaderKey: `relay:${schema}` } : {}),
      onLeadership: (leading) => this.logger.log(leading ? 'this replica relays the event store to Kafka' : 'relay standing by'),
    });
    await this.relay.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.relay?.stop();
  }

  private handler(): CommandHandler<EquipmentCommand, EquipmentState, ProductionEvent> {
    if (!this.equipment) throw new Error('the production store is not started yet');
    return this.equipment;
  }

  async handleEquipment(streamId: string, command: EquipmentCommand, context: CommandContext): Promise<CommandResult<ProductionEvent>> {
    const result = await this.handler().handle(streamId, command, context);
    if (result.events.length > 0) this.relay?.wake();
    return result;
  }

  /** Several commands for one equipment stream, in order: appended together where they can be (`CommandHandler.handleAll`). */
  async handleEquipmentAll(streamId: string, commands: readonly StreamCommand<EquipmentCommand>[]): Promise<CommandOutcome<ProductionEvent>[]> {
    const outcomes = await this.handler().handleAll(streamId, commands);
    if (outcomes.some((outcome) => outcome.ok && outcome.result.events.length > 0)) this.relay?.wake();
    return outcomes;
  }

  loadEquipment(streamId: string): Promise<{ state: EquipmentState; version: number }> {
    return this.handler().load(streamId);
  }
}
