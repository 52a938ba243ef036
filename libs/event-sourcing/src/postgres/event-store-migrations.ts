import type { Migration } from '@quadrant/database';

/**
 * `transaction_id` is the writer's xid8. The global log is read in (transaction_id, global_position)
 * order and only below the oldest transaction still running, so a sequence number taken by a slow
 * transaction can never be passed over by a reader (DESIGN.md, first trap). `streams.last_transaction_id`
 * keeps that order true to each stream's own order.
 */
export const eventStoreMigrations: Migration[] = [
  {
    id: 'event-store-001',
    sql: `
      create table {{schema}}.streams (
        stream_id text primary key,
        version integer not null
      );
      create table {{schema}}.events (
        global_position bigint generated always as identity primary key,
        transaction_id xid8 not null default pg_current_xact_id(),
        stream_id text not null,
        stream_position integer not null,
        event_id uuid not null unique,
        event_type text not null,
        data jsonb not null,
        metadata jsonb not null,
        recorded_at timestamptz not null default now(),
        unique (stream_id, stream_position)
      );
      create index events_global_log on {{schema}}.events (transaction_id, global_position);
      create table {{schema}}.processed_commands (
        command_id text primary key,
        stream_id text not null,
        first_position integer not null,
        last_position integer not null,
        recorded_at timestamptz not null default now()
      );
      create table {{schema}}.checkpoints (
        subscription_id text primary key,
        position text not null,
        updated_at timestamptz not null default now()
      )
    `,
  },
  {
    // The transaction that last wrote each stream: a writer whose transaction id is older may not write it
    // again (see PostgresEventStore.appendStatement), so the log's (transaction_id, global_position) order
    // keeps every stream in order.
    id: 'event-store-002',
    sql: `alter table {{schema}}.streams add column last_transaction_id xid8 not null default '0'`,
  },
];
