import type { Migration } from '@quadrant/database';

/**
 * The gateway's read models. They live in the same schema as the consumer's inbox (whose migrations are
 * `inbox-*`), so theirs are `gateway-*`. Paths are text arrays with GIN indexes: "everything under X" is
 * `path @> array[X]`, at any depth of the hierarchy.
 */
export const gatewayMigrations: Migration[] = [
  {
    id: 'gateway-001-read-models',
    sql: `
      create table {{schema}}.equipment (
        equipment_id text primary key,
        name text not null,
        description text,
        level text not null,
        work_center_type text,
        parent_id text,
        path text[] not null,
        defined_at timestamptz not null
      );
      create index equipment_parent_idx on {{schema}}.equipment (parent_id);
      create index equipment_level_idx on {{schema}}.equipment (level);
      create index equipment_path_idx on {{schema}}.equipment using gin (path);

      create table {{schema}}.work_unit_status (
        work_unit_id text primary key,
        state text not null,
        since timestamptz not null,
        reason_code text,
        reason_text text,
        path text[] not null,
        stream_position integer not null,
        event_id text not null
      );
      create index work_unit_status_path_idx on {{schema}}.work_unit_status using gin (path);

      create table {{schema}}.work_unit_state_timeline (
        event_id text primary key,
        work_unit_id text not null,
        state text not null,
        previous_state text not null,
        since timestamptz not null,
        reason_code text,
        reason_text text,
        stream_position integer not null
      );
      create index work_unit_state_timeline_unit_idx on {{schema}}.work_unit_state_timeline (work_unit_id, since)
    `,
  },
  {
    // One change per position of a work unit's stream: a second event id claiming a position already
    // recorded can only be a faulty producer, and is not allowed to double a timeline entry.
    id: 'gateway-002-timeline-position',
    sql: `create unique index work_unit_state_timeline_position_idx on {{schema}}.work_unit_state_timeline (work_unit_id, stream_position)`,
  },
  {
    // When each change reached the read model: projection lag, per event, for operators and benchmarks.
    id: 'gateway-003-timeline-projected-at',
    sql: `alter table {{schema}}.work_unit_state_timeline add column projected_at timestamptz not null default clock_timestamp()`,
  },
];
