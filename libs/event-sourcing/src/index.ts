export * from './decider';
export * from './events';
export * from './errors';
export * from './event-store';
export * from './command-handler';
export { InMemoryEventStore } from './in-memory/in-memory-event-store';
export { PostgresEventStore } from './postgres/postgres-event-store';
export { eventStoreMigrations } from './postgres/event-store-migrations';
export * from './subscriptions/checkpoint-store';
export * from './subscriptions/catch-up-subscription';
export * from './subscriptions/shared-log-reads';
// The EventStoreDB adapter is its own entry point, `@quadrant/event-sourcing/eventstoredb`, so that a
// process on PostgreSQL does not load the gRPC client.
