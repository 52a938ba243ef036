import type { Migration } from '@quadrant/database';
import { kpiMigrations } from './kpi-elements/kpi-elements.store';

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
  {
    // Job orders for planners: one row each (segments as jsonb: they are read and written with their job
    // order, never on their own), what each work unit runs next, and every event for the history view.
    id: 'gateway-004-job-orders',
    sql: `
      create table {{schema}}.job_orders (
        job_order_id text primary key,
        product_id text not null,
        site_id text not null,
        description text,
        quantity double precision not null,
        priority integer not null,
        due_at timestamptz,
        status text not null,
        routing_version integer,
        created_at timestamptz not null,
        released_at timestamptz,
        started_at timestamptz,
        completed_at timestamptz,
        closed_at timestamptz,
        aborted_at timestamptz,
        good double precision not null,
        scrap double precision not null,
        rework double precision not null,
        segments jsonb not null,
        stream_position integer not null,
        event_id text not null
      );
      create index job_orders_list_idx on {{schema}}.job_orders (due_at, priority, created_at);
      create index job_orders_site_idx on {{schema}}.job_orders (site_id, status);

      create table {{schema}}.job_order_dispatch_list (
        work_unit_id text not null,
        job_order_id text not null,
        segment_id text not null,
        segment_name text not null,
        priority integer not null,
        due_at timestamptz,
        dispatched_at timestamptz not null,
        startable boolean not null,
        primary key (work_unit_id, job_order_id, segment_id)
      );
      create index job_order_dispatch_list_job_idx on {{schema}}.job_order_dispatch_list (job_order_id);

      create table {{schema}}.job_order_history (
        event_id text primary key,
        job_order_id text not null,
        stream_position integer not null,
        type text not null,
        summary text not null,
        occurred_at timestamptz not null,
        actor text,
        correlation_id text,
        reason_code text,
        data jsonb not null
      );
      create unique index job_order_history_position_idx on {{schema}}.job_order_history (job_order_id, stream_position)
    `,
  },
  {
    // The latest reason of each stop corrected after the fact, beside the timeline rather than written
    // over it: the timeline keeps what was reported, and a correction needs no timeline row to be kept.
    id: 'gateway-005-stop-reasons',
    sql: `
      create table {{schema}}.work_unit_stop_reasons (
        work_unit_id text not null,
        since timestamptz not null,
        state text not null,
        reason_code text not null,
        reason_text text,
        corrected_at timestamptz not null,
        stream_position integer not null,
        event_id text not null,
        primary key (work_unit_id, since)
      )
    `,
  },
  {
    // Which job order segments each work unit runs: open rows (ended_at null) and, once ended, history, so
    // time on a unit can be attributed to job orders. A row without allocated_at is an end whose allocation
    // has not arrived yet; queries leave it out.
    id: 'gateway-006-work-unit-allocations',
    sql: `
      create table {{schema}}.work_unit_allocations (
        allocation_id text primary key,
        work_unit_id text not null,
        job_order_id text not null,
        segment_id text not null,
        allocated_at timestamptz,
        ended_at timestamptz,
        path text[] not null,
        stream_position integer not null
      );
      create index work_unit_allocations_key_idx on {{schema}}.work_unit_allocations (work_unit_id, job_order_id, segment_id, stream_position);
      create index work_unit_allocations_time_idx on {{schema}}.work_unit_allocations (work_unit_id, allocated_at)
    `,
  },
  {
    // When each job order event reached the read model (projection lag of counts and commands, as the timeline has).
    id: 'gateway-007-job-order-history-projected-at',
    sql: `alter table {{schema}}.job_order_history add column projected_at timestamptz not null default clock_timestamp()`,
  },
  {
    // The current work calendar of each site and work unit (highest version; the pattern as published, in
    // jsonb: read and written whole) and its planned-downtime windows, booked or cancelled (a cancelled
    // row without times is a cancellation whose booking has not arrived). The generation is bumped by
    // every batch that changes either, or the hierarchy: the replicas' caches of resolved calendars
    // compare it.
    id: 'gateway-008-work-calendars',
    sql: `
      create table {{schema}}.work_calendars (
        equipment_id text primary key,
        version integer not null,
        calendar jsonb not null,
        defined_at timestamptz not null,
        stream_position integer not null,
        event_id text not null
      );

      create table {{schema}}.planned_downtime_windows (
        equipment_id text not null,
        window_id text not null,
        status text not null check (status in ('Booked', 'Cancelled')),
        start_at timestamptz,
        end_at timestamptz,
        reason text,
        booked_at timestamptz,
        cancelled_at timestamptz,
        stream_position integer not null,
        event_id text not null,
        primary key (equipment_id, window_id)
      );
      create index planned_downtime_windows_owner_idx on {{schema}}.planned_downtime_windows (equipment_id, stream_position);

      create table {{schema}}.work_calendar_generation (
        singleton boolean primary key default true check (singleton),
        generation bigint not null
      );
      insert into {{schema}}.work_calendar_generation (generation) values (0)
    `,
  },
  {
    // Each site's detailed schedule as its revisions left it (one row per open operation), the revisions
    // with what triggered them, and every move they made (for "why did this operation move?").
    id: 'gateway-009-work-schedules',
    sql: `
      create table {{schema}}.scheduled_operations (
        job_order_id text not null,
        segment_id text not null,
        site_id text not null,
        work_unit_id text not null,
        setup_start timestamptz not null,
        start_at timestamptz not null,
        end_at timestamptz not null,
        revision integer not null,
        locked boolean not null default false,
        primary key (job_order_id, segment_id)
      );
      create index scheduled_operations_unit_idx on {{schema}}.scheduled_operations (work_unit_id, start_at);

      create table {{schema}}.schedule_revisions (
        site_id text not null,
        revision integer not null,
        event_id text not null unique,
        causation_id text,
        trigger jsonb not null,
        revised_at timestamptz not null,
        horizon_start timestamptz not null,
        operation_count integer not null,
        makespan_seconds double precision not null,
        weighted_tardiness_seconds double precision not null,
        moved_count integer not null,
        unavailable jsonb not null,
        primary key (site_id, revision)
      );

      create table {{schema}}.schedule_moves (
        site_id text not null,
        revision integer not null,
        job_order_id text not null,
        segment_id text not null,
        from_placement jsonb,
        to_placement jsonb,
        primary key (site_id, revision, job_order_id, segment_id)
      );
      create index schedule_moves_operation_idx on {{schema}}.schedule_moves (job_order_id, segment_id, revision)
    `,
  },
  // ISO 22400 KPI elements: see kpi-elements.store.ts.
  ...kpiMigrations,
];
