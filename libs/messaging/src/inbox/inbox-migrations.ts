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
  {
    // The last position applied of each stream, by group, and the positions below it not seen yet
    // (inbox-claims.ts): one row per stream instead of one per event. Room on each page, so that its once-a-batch update stays on the page (HOT).
    id: 'inbox-002-stream-positions',
    sql: `
      create table {{schema}}.inbox_streams (
        group_id text not null,
        topic text not null,
        stream_id text not null,
        stream_position integer not null,
        previous_position integer not null,
        missing integer[] not null default '{}',
        updated_at timestamptz not null default now(),
        primary key (group_id, topic, stream_id)
      ) with (fillfactor = 50)
    `,
  },
];
