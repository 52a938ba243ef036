import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { topicOf, type WorkUnitState } from '@quadrant/contracts';
import { openDatabase } from '@quadrant/database';
import type { RecordedEvent } from '@quadrant/event-sourcing';
import { createGatewayApp, KpiDayRollups } from '@quadrant/gateway';
import { InProcessTransport, toOutgoingMessage } from '@quadrant/messaging';
import { createPlantSimulation, demoPlantConfig, DEMO_CALENDAR } from '@quadrant/simulator';
import type { SuiteOptions } from './options';
import { percentile } from './store/stats';

/**
 * ISO 22400 KPI queries over a year of history. The plant simulator makes a year of 2 sites x 50 work
 * units (5 lines of 10 each), every unit running a job order; its messages become the events production
 * would record for them (state changes, counts), which go through the gateway's real consumer and
 * projections (in-process transport, no Kafka: the projections are what is measured). Then the GraphQL
 * answer time of site-by-day over the year and line-by-hour over a month, and the rate of a re-projection
 * under a new KPI definition.
 *
 * BENCH_KPI_DAYS shortens the year (default 365); BENCH_KPI_QUERIES sets the query repetitions (default 40).
 * BENCH_KPI_KEEP=1 keeps the seeded history (its schema prefix is printed); BENCH_KPI_REUSE=<prefix> measures
 * again on a kept history of the same BENCH_KPI_DAYS, without seeding it (and keeps it). BENCH_KPI_REPROJECT=0
 * leaves the re-projection out.
 */
const DAYS = Number(process.env['BENCH_KPI_DAYS'] ?? 365);
const QUERIES = Number(process.env['BENCH_KPI_QUERIES'] ?? 40);
const KEEP = process.env['BENCH_KPI_KEEP'] === '1';
const REUSE = process.env['BENCH_KPI_REUSE'];
const REPROJECT = process.env['BENCH_KPI_REPROJECT'] !== '0';
const SITES = ['kpi-north', 'kpi-south'];
const LINES_PER_SITE = 5;
const UNITS_PER_LINE = 10;
const START = '2025-11-03T00:00:00.000Z';

interface QueryFigures {
  query: string;
  buckets: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
}

export async function runKpiBench(options: SuiteOptions): Promise<unknown> {
  const db = await openDatabase(options.databaseUrl, { max: 6 });
  const transport = new InProcessTransport();
  const schemaPrefix = REUSE ?? `benchkpi_${Date.now().toString(36)}_`;
  let app: INestApplication | undefined;
  try {
    app = await createGatewayApp({ db, transport, schemaPrefix }, { productionUrl: 'http://127.0.0.1:9', logger: ['error', 'warn'] });
    await app.listen(0, '127.0.0.1');
    const url = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}/graphql`;
    const publish = (events: RecordedEvent[]): Promise<void> => transport.publish(topicOf('production'), events.map((event) => toOutgoingMessage('production', event)));

    const plant = definePlant();
    let seeded = { events: 0, ms: 0 };
    if (REUSE === undefined) {
      await publish(plant.events);
      seeded = await seedHistory(publish, plant.units);
    }
    // As autovacuum would have after a year of writes (this machine's PostgreSQL runs without it).
    if (REUSE === undefined) {
      for (const table of ['kpi_scope_time', 'kpi_scope_counts', 'kpi_scope_reasons', 'kpi_unit_states']) await db.exec(`vacuum (analyze) "${schemaPrefix}gateway".${table}`);
    }
    // Day rollups a history from before them needs are built at start: wait for them, and say how long it took.
    const building = Date.now();
    await app.get(KpiDayRollups).settled();
    if (REUSE !== undefined) console.log(`\nday rollups ready after ${((Date.now() - building) / 1000).toFixed(1)} s`);
    if (KEEP) console.log(`\nthe history is kept: BENCH_KPI_REUSE=${schemaPrefix} measures its queries again`);
    if (REUSE === undefined) console.log(`\nseeded ${DAYS} days of ${plant.units.length} work units: ${seeded.events.toLocaleString('en')} events projected in ${(seeded.ms / 1000).toFixed(1)} s (${Math.round(seeded.events / (seeded.ms / 1000)).toLocaleString('en')} events/s)`);

    const graphql = async (query: string, variables: Record<string, unknown>): Promise<unknown> => {
      const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
      const answer = (await response.json()) as { data?: unknown; errors?: unknown };
      if (answer.errors) throw new Error(JSON.stringify(answer.errors));
      return answer.data;
    };
    const KPIS = `query ($scope: ID!, $from: DateTime!, $to: DateTime!, $granularity: KpiGranularity!) {
      kpis(scope: $scope, from: $from, to: $to, granularity: $granularity) { total { oee availability effectiveness qualityRatio } buckets { from oee availability effectiveness qualityRatio elements { PBT APT PQ GQ } } }
    }`;
    const yearEnd = new Date(Date.parse(START) + DAYS * 86_400_000).toISOString();
    const monthStart = new Date(Math.max(Date.parse(START), Date.parse(yearEnd) - 30 * 86_400_000)).toISOString();
    const figures: QueryFigures[] = [];
    const measure = async (name: string, variables: (i: number) => Record<string, unknown>): Promise<void> => {
      const times: number[] = [];
      let buckets = 0;
      for (let i = 0; i < QUERIES + 3; i++) {
        const started = process.hrtime.bigint();
        const data = (await graphql(KPIS, variables(i))) as { kpis: { buckets: unknown[] } };
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        buckets = data.kpis.buckets.length;
        if (i >= 3) times.push(ms);
      }
      times.sort((a, b) => a - b);
      figures.push({ query: name, buckets, p50Ms: percentile(times, 50), p95Ms: percentile(times, 95), maxMs: times[times.length - 1] ?? NaN });
    };
    await measure('site by day over the year', (i) => ({ scope: SITES[i % 2], from: START, to: yearEnd, granularity: 'DAY' }));
    await measure('line by hour over the last month', (i) => ({ scope: `${SITES[i % 2]}-line-${i % LINES_PER_SITE}`, from: monthStart, to: yearEnd, granularity: 'HOUR' }));
    await measure('site by shift over the last month', (i) => ({ scope: SITES[i % 2], from: monthStart, to: yearEnd, granularity: 'SHIFT' }));

    // Re-projection under a new definition (a 5-minute minor-stop threshold), while the old one answers.
    const reprojection = REPROJECT ? await reproject(graphql) : undefined;
    const rssMiB = process.memoryUsage().rss / 2 ** 20;

    console.log(`\nISO 22400 KPI queries (gateway in this process, PostgreSQL on this machine, 2 cores)\n`);
    console.log('| query | buckets | p50 ms | p95 ms | max ms |');
    console.log('| --- | ---: | ---: | ---: | ---: |');
    for (const f of figures) console.log(`| ${f.query} | ${f.buckets} | ${f.p50Ms.toFixed(1)} | ${f.p95Ms.toFixed(1)} | ${f.maxMs.toFixed(1)} |`);
    if (reprojection) console.log(`\nre-projection: ${reprojection.events.toLocaleString('en')} state events in ${(reprojection.ms / 1000).toFixed(1)} s (${Math.round(reprojection.events / (reprojection.ms / 1000)).toLocaleString('en')} events/s)`);
    console.log(`process RSS ${Math.round(rssMiB)} MiB`);
    const results = { days: DAYS, workUnits: plant.units.length, seeded, queries: figures, reprojection, rssMiB };
    mkdirSync(join('bench', 'results'), { recursive: true });
    const file = join('bench', 'results', `kpi-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
    writeFileSync(file, JSON.stringify(results, null, 2));
    console.log(`written to ${file}`);
    return results;
  } finally {
    await app?.close();
    await transport.close();
    if (!KEEP && REUSE === undefined) await db.exec(`drop schema if exists "${schemaPrefix}gateway" cascade`);
    await db.close();
  }
}

/** Defines a 5-minute minor-stop threshold and waits until it is current: the state events re-projected and the time taken. */
async function reproject(graphql: (query: string, variables: Record<string, unknown>) => Promise<unknown>): Promise<{ events: number; ms: number }> {
  const before = (await graphql(`{ kpiDefinition { version } }`, {})) as { kpiDefinition: { version: number } };
  const started = Date.now();
  await graphql(`mutation { defineKpis(minorStopThresholdSeconds: 300, setupIsAvailabilityLoss: true) { version } }`, {});
  let totalEvents = 0;
  for (;;) {
    const state = (await graphql(`{ kpiDefinition { version reprojection { processedEvents totalEvents } } }`, {})) as {
      kpiDefinition: { version: number; reprojection: { processedEvents: number; totalEvents: number } | null };
    };
    if (state.kpiDefinition.reprojection) totalEvents = state.kpiDefinition.reprojection.totalEvents;
    if (state.kpiDefinition.version > before.kpiDefinition.version) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const reprojectionMs = Date.now() - started;
  return { events: totalEvents, ms: reprojectionMs };
}

interface BenchUnit {
  workUnitId: string;
  path: string[];
  jobOrderId: string;
}

function recorded(streamId: string, streamPosition: number, type: string, data: object, at: string): RecordedEvent {
  return { eventId: randomUUID(), streamId, streamPosition, logPosition: '0', type, data, metadata: { occurredAt: at, actor: 'bench' }, recordedAt: at };
}

/** The hierarchy, a calendar per site (the simulator's shifts), and a running job order on every unit. */
function definePlant(): { events: RecordedEvent[]; units: BenchUnit[] } {
  const at = '2025-11-01T00:00:00.000Z';
  const events: RecordedEvent[] = [];
  const define = (equipmentId: string, level: string, parentPath: string[]): string[] => {
    const path = [...parentPath, equipmentId];
    events.push(
      recorded(`equipment-${equipmentId}`, 1, 'EquipmentDefined', {
        equipmentId,
        name: equipmentId,
        level,
        parentId: parentPath[parentPath.length - 1] ?? null,
        path,
        definedAt: at,
        ...(level === 'WorkCenter' ? { workCenterType: 'ProductionLine' } : {}),
      }, at),
    );
    return path;
  };
  const units: BenchUnit[] = [];
  const enterprise = define('kpi-bench', 'Enterprise', []);
  const calendar = {
    timeZone: 'UTC',
    shifts: DEMO_CALENDAR.shifts.map((shift, i) => ({
      name: shift.name ?? `shift-${i}`,
      days: ['MON', 'TUE', 'WED', 'THU', 'FRI'],
      start: shift.start,
      end: shift.end,
      breaks: (shift.breaks ?? []).map((b) => ({ start: b.start, end: b.end, reason: 'break' })),
    })),
  };
  for (const site of SITES) {
    const sitePath = define(site, 'Site', enterprise);
    events.push(recorded(`work-calendar-${site}`, 1, 'WorkCalendarDefined', { equipmentId: site, version: 1, calendar, definedAt: at }, at));
    const area = define(`${site}-area`, 'Area', sitePath);
    for (let l = 0; l < LINES_PER_SITE; l++) {
      const line = define(`${site}-line-${l}`, 'WorkCenter', area);
      for (let u = 0; u < UNITS_PER_LINE; u++) {
        const workUnitId = `${site}-l${l}-u${u}`;
        units.push({ workUnitId, path: define(workUnitId, 'WorkUnit', line), jobOrderId: `kpi-jo-${workUnitId}` });
      }
    }
  }
  for (const unit of units) {
    const stream = `job-order-${unit.jobOrderId}`;
    const site = unit.path[1] ?? '';
    events.push(
      recorded(stream, 1, 'JobOrderCreated', { jobOrderId: unit.jobOrderId, productId: 'part', quantity: 1e9, siteId: site, priority: 5, dueAt: null, createdAt: at }, at),
      recorded(stream, 2, 'JobOrderReleased', {
        jobOrderId: unit.jobOrderId,
        routingVersion: 1,
        segments: [{ segmentId: 'make', name: 'make', eligible: [{ workUnitId: unit.workUnitId, idealCycleTimeSeconds: 50, setupTimeSeconds: 0 }], dependsOn: [], consumes: [], produces: [] }],
        releasedAt: at,
      }, at),
      recorded(stream, 3, 'JobOrderDispatched', { jobOrderId: unit.jobOrderId, segmentId: 'make', workUnitId: unit.workUnitId, sequence: 1, dispatchedAt: at }, at),
      recorded(stream, 4, 'JobOrderSegmentStarted', { jobOrderId: unit.jobOrderId, segmentId: 'make', workUnitId: unit.workUnitId, startedAt: at }, at),
    );
  }
  return { events, units };
}

/** The year the simulator makes, as production would record it, a simulated week at a time. */
async function seedHistory(publish: (events: RecordedEvent[]) => Promise<void>, units: BenchUnit[]): Promise<{ events: number; ms: number }> {
  const byId = new Map(units.map((unit) => [unit.workUnitId, unit]));
  const simulation = createPlantSimulation(
    { ...demoPlantConfig(units.map((u) => u.workUnitId)), countIntervalSeconds: 900 },
    { seed: 2026, start: START },
  );
  const equipmentPosition = new Map<string, number>();
  const jobPosition = new Map<string, number>();
  const lastState = new Map<string, WorkUnitState>();
  let total = 0;
  const started = Date.now();
  for (let day = 7; day <= DAYS + 6; day += 7) {
    const until = new Date(Date.parse(START) + Math.min(day, DAYS) * 86_400_000).toISOString();
    const events: RecordedEvent[] = [];
    for (const message of simulation.advance(until)) {
      const unit = byId.get(message.workUnitId);
      if (!unit) continue;
      if (message.kind === 'state') {
        const position = (equipmentPosition.get(unit.workUnitId) ?? 1) + 1;
        equipmentPosition.set(unit.workUnitId, position);
        events.push(
          recorded(`equipment-${unit.workUnitId}`, position, 'WorkUnitStateChanged', {
            workUnitId: unit.workUnitId,
            path: unit.path,
            state: message.state,
            previousState: lastState.get(unit.workUnitId) ?? 'Unknown',
            since: message.since,
            ...(message.reasonCode ? { reasonCode: message.reasonCode } : {}),
          }, message.since),
        );
        lastState.set(unit.workUnitId, message.state);
      } else {
        const position = (jobPosition.get(unit.jobOrderId) ?? 4) + 1;
        jobPosition.set(unit.jobOrderId, position);
        events.push(
          recorded(`job-order-${unit.jobOrderId}`, position, 'ProductionReported', {
            jobOrderId: unit.jobOrderId,
            segmentId: 'make',
            workUnitId: unit.workUnitId,
            good: message.good,
            scrap: message.scrap,
            rework: message.rework,
            reportedAt: message.at,
          }, message.at),
        );
      }
    }
    for (let from = 0; from < events.length; from += 5_000) await publish(events.slice(from, from + 5_000));
    total += events.length;
    if (day >= DAYS) break;
  }
  return { events: total, ms: Date.now() - started };
}
