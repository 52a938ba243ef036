import type { Migration } from '@quadrant/database';

export const inboxMigrations: Migration[] = [
  {
    id: 'inbox-001',
    sql: `
      create table {{schema}}.inbox (
        group_id text not null,
        event_id text not null,
        topic text not null,
        received_at timestamptz not null default now(),
        dead_lettered boolean not null default false,
        primary key (group_id, event_id)
      );
      create table {{schema}}.consumer_checkpoints (
        group_id text not null,
        topic text not null,
        partition integer not null,
        next_offset text not null,
        updated_at timestamptz not null default now(),
        primary key (group_id, topic, partition)
      )
    `,
  },
];
