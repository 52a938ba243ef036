import { randomUUID } from 'node:crypto';
import type { PublishedWorkCalendar } from '@quadrant/contracts';
import type { RecordedEvent } from '@quadrant/event-sourcing';
import { equipmentDefined, eventually, GatewayHarness, jobOrderRecorded, workUnitStateChanged } from '../../testing/gateway-harness';
import { KPI_GROUP_ID } from './kpi-projection';
import { completed, created, dispatched, jobOrderId, released, reported, segmentCompleted, started, t } from '../../testing/job-order-facts';

/**
 * Production events -> KPI projections -> GraphQL, on a worked day of lathe-1 (Monday 2 November 2026, UTC):
 * a site calendar of one shift 06:00-14:00 with a break 10:00-10:30, so POT 8 h, PDOT 30 min, PBT 27,000 s.
 *   06:00 Setup (CHANGEOVER) . 06:20 Running . 08:00 Down (JAM) . 08:30 Running . 10:00 PlannedDowntime
 *   10:30 Running . 13:00 Idle . 14:00 PlannedDowntime (still now)
 * APT 340 min = 20,400 s, ASUT 1,200 s, ADET 1,800 s, ADOT 3,600 s, one failure. Job order jo-1 turns on
 * lathe-1 at an ideal 30 s a piece: 600 good, 20 scrap, 10 rework, so PRI x PQ = 18,900 s.
 * OEE = A x E x QR = PRI x GQ / PBT = 30 x 600 / 27,000 = 2/3.
 */
describe('ISO 22400 KPIs from production events', () => {
  let gateway: GatewayHarness;
  const line = ['acme', 'lyon', 'lyon-machining', 'lyon-line-1'];
  const lathe = [...line, 'lathe-1'];
  const day = { from: '2026-11-02T06:00:00Z', to: '2026-11-02T14:00:00Z' };
  const calendar: PublishedWorkCalendar = {
    timeZone: 'UTC',
    shifts: [{ name: 'Early', days: ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'], start: '06:00', end: '14:00', breaks: [{ start: '10:00', end: '10:30', reason: 'break' }] }],
  };
  const siteCalendar: RecordedEvent = {
    eventId: randomUUID(),
    streamId: 'work-calendar-lyon',
    streamPosition: 1,
    logPosition: '0',
    type: 'WorkCalendarDefined',
    data: { equipmentId: 'lyon', version: 1, calendar, definedAt: '2026-11-01T12:00:00.000Z' },
    metadata: { occurredAt: '2026-11-01T12:00:00.000Z', actor: 'planner.anna' },
    recordedAt: '2026-11-01T12:00:00.000Z',
  };
  const states: [WorkUnitStateName, string, string?][] = [
    ['Setup', '06:00', 'CHANGEOVER'],
    ['Running', '06:20'],
    ['Down', '08:00', 'JAM'],
    ['Running', '08:30'],
    ['PlannedDowntime', '10:00'],
    ['Running', '10:30'],
    ['Idle', '13:00'],
    ['PlannedDowntime', '14:00'],
  ];
  type WorkUnitStateName = 'Setup' | 'Running' | 'Down' | 'PlannedDowntime' | 'Idle';

  const ELEMENTS = 'POT PDOT PBT APT ASUT ADET ADOT PRI_PQ PQ GQ SQ RQ FE TBF TTR';
  const series = async (scope: string, granularity: string, range = day): Promise<{ total: Snapshot; buckets: Snapshot[]; definition: { version: number } }> => {
    const answer = await gateway.graphql<{ kpis: { total: Snapshot; buckets: Snapshot[]; definition: { version: number } } }>(
      `query ($scope: ID!, $from: DateTime!, $to: DateTime!, $granularity: KpiGranularity!) {
         kpis(scope: $scope, from: $from, to: $to, granularity: $granularity) {
           total { from to oee availability effectiveness qualityRatio elements { ${ELEMENTS} } kpis { id value unit trend } }
           buckets { from to shift oee elements { ${ELEMENTS} } }
           definition { version }
         }
       }`,
      { scope, ...range, granularity },
    );
    if (!answer.data) throw new Error(JSON.stringify(answer.errors));
    return answer.data.kpis;
  };
  interface Snapshot {
    from: string;
    to: string;
    shift?: string | null;
    oee: number | null;
    availability?: number | null;
    effectiveness?: number | null;
    qualityRatio?: number | null;
    elements: Record<string, number>;
    kpis?: { id: string; value: number | null; unit: string; trend: string }[];
  }

  /** lathe-1's state changes, as first delivered. */
  let latheChanges: RecordedEvent[] = [];
  const kpiInboxRows = async (eventIds: string[]): Promise<number> => {
    const [row] = await gateway.db.query<{ n: number }>(
      `select count(*)::int as n from "${gateway.schema}".inbox where group_id = $1 and event_id = any($2::text[])`,
      [KPI_GROUP_ID, eventIds],
    );
    return row?.n ?? -1;
  };

  beforeAll(async () => {
    gateway = await GatewayHarness.start('http://127.0.0.1:9');
    await gateway.publish(
      equipmentDefined('acme', 'Enterprise'),
      equipmentDefined('lyon', 'Site', ['acme']),
      equipmentDefined('lyon-machining', 'Area', ['acme', 'lyon']),
      equipmentDefined('lyon-line-1', 'WorkCenter', ['acme', 'lyon', 'lyon-machining']),
      equipmentDefined('lathe-1', 'WorkUnit', line),
      equipmentDefined('mill-1', 'WorkUnit', line),
      siteCalendar,
    );
    const origin = { occurredAt: t(6), actor: 'planner.anna' };
    await gateway.publish(
      jobOrderRecorded(1, created(), origin),
      jobOrderRecorded(2, released, origin),
      jobOrderRecorded(3, dispatched('turn', 'lathe-1', 1), origin),
      jobOrderRecorded(4, started('turn', 'lathe-1', t(6, 20)), origin),
    );
    // The states in two batches, the second closing the intervals the first left open.
    latheChanges = states.map(([state, time, reasonCode], index) =>
      workUnitStateChanged(lathe, index + 2, {
        state,
        previousState: index === 0 ? 'Unknown' : (states[index - 1]?.[0] ?? 'Unknown'),
        since: `2026-11-02T${time}:00.000Z`,
        ...(reasonCode ? { reasonCode } : {}),
      }),
    );
    await gateway.publish(...latheChanges.slice(0, 3));
    await gateway.publish(...latheChanges.slice(3));
    await gateway.publish(jobOrderRecorded(5, reported('turn', 'lathe-1', 600, 20, 10), origin));
    // The segment ran on lathe-1 from 06:20 until the job order completed at 14:00.
    const onLathe = (position: number, type: string, data: object, at: string): RecordedEvent => ({
      eventId: randomUUID(), streamId: 'equipment-lathe-1', streamPosition: position, logPosition: '0', type, data, metadata: { occurredAt: at, actor: 'operator.sam' }, recordedAt: at,
    });
    await gateway.publish(
      onLathe(20, 'WorkUnitAllocated', { workUnitId: 'lathe-1', jobOrderId, segmentId: 'turn', allocatedAt: t(6, 20), path: lathe }, t(6, 20)),
      onLathe(21, 'WorkUnitAllocationEnded', { workUnitId: 'lathe-1', jobOrderId, segmentId: 'turn', endedAt: t(14), path: lathe }, t(14)),
      jobOrderRecorded(6, segmentCompleted('turn', 'lathe-1', t(14)), origin),
      jobOrderRecorded(7, completed(t(14)), origin),
    );
  });

  afterAll(() => gateway.close());

  it('answers a work unit’s elements and OEE over its shift, OEE = A x E x QR = PRI x GQ / PBT', async () => {
    const { total } = await series('lathe-1', 'DAY');
    expect(total.elements).toEqual({
      POT: 28_800, PDOT: 1_800, PBT: 27_000, APT: 20_400, ASUT: 1_200, ADET: 1_800, ADOT: 3_600,
      PRI_PQ: 18_900, PQ: 630, GQ: 600, SQ: 20, RQ: 10, FE: 1, TBF: 21_600, TTR: 1_800,
    });
    expect(total.availability).toBeCloseTo(20_400 / 27_000, 12);
    expect(total.effectiveness).toBeCloseTo(18_900 / 20_400, 12);
    expect(total.qualityRatio).toBeCloseTo(600 / 630, 12);
    expect(total.oee).toBeCloseTo(2 / 3, 12);
    expect(total.kpis?.find((k) => k.id === 'mttr')).toEqual({ id: 'mttr', value: 0.5, unit: 'h', trend: 'LOWER_IS_BETTER' });
  });

  it('cuts hours exactly and their elements add up to the total', async () => {
    const { total, buckets } = await series('lathe-1', 'HOUR');
    expect(buckets.map((b) => b.from.slice(11, 16))).toEqual(['06:00', '07:00', '08:00', '09:00', '10:00', '11:00', '12:00', '13:00']);
    expect(buckets[2]?.elements).toMatchObject({ APT: 1_800, ADET: 1_800, FE: 1 });
    expect(buckets[0]?.elements).toMatchObject({ ASUT: 1_200, APT: 2_400 });
    for (const key of Object.keys(total.elements)) expect(buckets.reduce((sum, b) => sum + (b.elements[key] ?? 0), 0)).toBeCloseTo(total.elements[key] ?? NaN, 9);
  });

  it('rolls the unit up to its line and site, with the planned time of every unit below (sums, never averages)', async () => {
    const { total } = await series('lyon', 'DAY');
    expect(total.elements).toMatchObject({ POT: 2 * 28_800, PBT: 2 * 27_000, APT: 20_400, PQ: 630 });
    expect(total.availability).toBeCloseTo(20_400 / 54_000, 12);
    const breakdown = await gateway.graphql<{ kpiBreakdown: { equipment: { id: string }; total: { oee: number | null } }[] }>(
      `query ($from: DateTime!, $to: DateTime!) { kpiBreakdown(scope: "lyon-line-1", level: WorkUnit, from: $from, to: $to) { equipment { id } total { oee } } }`,
      day,
    );
    expect(breakdown.data?.kpiBreakdown.map((s) => [s.equipment.id, s.total.oee])).toEqual([
      ['mill-1', 0],
      ['lathe-1', expect.closeTo(2 / 3, 12)],
    ]);
  });

  it('breaks planned busy time down into losses that add up to it', async () => {
    const answer = await gateway.graphql<{ oeeLossBreakdown: Record<string, number> }>(
      `query ($from: DateTime!, $to: DateTime!) { oeeLossBreakdown(scope: "lathe-1", from: $from, to: $to) { plannedBusyTime availabilityLoss setupTime speedLoss qualityLoss fullyProductiveTime } }`,
      day,
    );
    const b = answer.data?.oeeLossBreakdown ?? {};
    expect(b).toMatchObject({ plannedBusyTime: 27_000, availabilityLoss: 6_600, setupTime: 0, speedLoss: 1_500 });
    expect((b['availabilityLoss'] ?? 0) + (b['setupTime'] ?? 0) + (b['speedLoss'] ?? 0) + (b['qualityLoss'] ?? 0) + (b['fullyProductiveTime'] ?? 0)).toBeCloseTo(27_000, 9);
    expect(b['fullyProductiveTime']).toBeCloseTo(18_000, 9);
  });

  it('passes over state changes delivered again: no figure moves, and the group keeps one row for the stream, not one per event', async () => {
    const figures = async (): Promise<unknown[]> => [await series('lathe-1', 'HOUR'), await series('lyon-line-1', 'DAY'), await series('acme', 'DAY')];
    const before = await figures();
    await gateway.publish(...latheChanges.slice(2, 5));
    await gateway.publish(...latheChanges);
    expect(await figures()).toEqual(before);
    expect(await kpiInboxRows(latheChanges.map((event) => event.eventId))).toBe(0);
    const streams = await gateway.db.query<{ stream_position: number }>(
      `select stream_position from "${gateway.schema}".inbox_streams where group_id = $1 and stream_id = 'equipment-lathe-1'`,
      [KPI_GROUP_ID],
    );
    // The stream's last event so far is the allocation end at position 21 (beforeAll).
    expect(streams).toEqual([{ stream_position: 21 }]);
  });

  it('answers downtime by reason, and follows a corrected stop reason', async () => {
    const pareto = async (): Promise<unknown> =>
      (
        await gateway.graphql<{ downtimePareto: unknown }>(
          `query ($from: DateTime!, $to: DateTime!) { downtimePareto(scope: "lyon-line-1", from: $from, to: $to) { state reasonCode durationSeconds occurrences } }`,
          day,
        )
      ).data?.downtimePareto;
    expect(await pareto()).toEqual([
      { state: 'Idle', reasonCode: null, durationSeconds: 3_600, occurrences: 1 },
      expect.objectContaining({ durationSeconds: 1_800 }),
      expect.objectContaining({ durationSeconds: 1_800 }),
      { state: 'Setup', reasonCode: 'CHANGEOVER', durationSeconds: 1_200, occurrences: 1 },
    ]);
    expect(await pareto()).toContainEqual({ state: 'Down', reasonCode: 'JAM', durationSeconds: 1_800, occurrences: 1 });
    await gateway.publish({
      eventId: randomUUID(),
      streamId: 'equipment-lathe-1',
      streamPosition: 10,
      logPosition: '0',
      type: 'WorkUnitStopReasonCorrected',
      data: { workUnitId: 'lathe-1', path: lathe, since: '2026-11-02T08:00:00.000Z', state: 'Down', reasonCode: 'MATERIAL', previousReasonCode: 'JAM', correctedAt: '2026-11-02T15:00:00.000Z' },
      metadata: { occurredAt: '2026-11-02T15:00:00.000Z', actor: 'supervisor.lee' },
      recordedAt: '2026-11-02T15:00:00.000Z',
    });
    const corrected = await pareto();
    expect(corrected).toContainEqual({ state: 'Down', reasonCode: 'MATERIAL', durationSeconds: 1_800, occurrences: 1 });
    expect(corrected).not.toContainEqual(expect.objectContaining({ reasonCode: 'JAM' }));
  });

  it('answers a job order’s KPIs from the time its work units were allocated to it', async () => {
    const answer = await gateway.graphql<{ jobOrderKpis: Snapshot }>(`{ jobOrderKpis(jobOrderId: "${jobOrderId}") { from to oee elements { ${ELEMENTS} AOET } } }`);
    expect(answer.data?.jobOrderKpis).toMatchObject({ from: '2026-11-02T06:20:00.000Z', to: '2026-11-02T14:00:00.000Z' });
    expect(answer.data?.jobOrderKpis.elements).toMatchObject({ POT: 27_600, PDOT: 1_800, APT: 20_400, ASUT: 0, ADET: 1_800, ADOT: 3_600, FE: 1, PQ: 630, GQ: 600, PRI_PQ: 18_900, AOET: 27_600 });
    expect(answer.data?.jobOrderKpis.oee).toBeCloseTo((30 * 600) / 25_800, 12);
    expect((await gateway.graphql(`{ jobOrderKpis(jobOrderId: "nope") { oee } }`)).data).toEqual({ jobOrderKpis: null });
  });

  it('answers a product’s KPIs over a range from its job orders: counts reported in it, allocated time within it', async () => {
    const product = async (from: string, to: string): Promise<Snapshot> =>
      (await gateway.graphql<{ productKpis: Snapshot }>(`{ productKpis(productId: "shaft", from: "${from}", to: "${to}") { oee elements { ${ELEMENTS} AOET } } }`)).data?.productKpis ?? { from, to, oee: null, elements: {} };
    const morning = await product('2026-11-02T06:00:00Z', '2026-11-02T09:00:00Z');
    expect(morning.elements).toMatchObject({ POT: 9_600, PDOT: 0, APT: 7_800, ADET: 1_800, FE: 1, PQ: 0, AOET: 9_600 });
    const whole = await product(day.from, day.to);
    expect(whole.elements).toMatchObject({ POT: 27_600, APT: 20_400, PQ: 630, GQ: 600, PRI_PQ: 18_900, AOET: 27_600 });
  });

  it('refuses an unknown scope and an empty range, naming the problem', async () => {
    const unknown = await gateway.graphql(`{ kpis(scope: "nowhere", from: "2026-11-02T06:00:00Z", to: "2026-11-02T14:00:00Z", granularity: DAY) { total { oee } } }`);
    expect(unknown.errors?.[0]).toMatchObject({ message: 'unknown equipment "nowhere"', extensions: { code: 'NOT_FOUND' } });
    const reversed = await gateway.graphql(`{ kpis(scope: "lyon", from: "2026-11-02T14:00:00Z", to: "2026-11-02T06:00:00Z", granularity: DAY) { total { oee } } }`);
    expect(reversed.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
  });

  it('re-projects the history under a new definition while queries answer the current one, then switches', async () => {
    const defined = await gateway.graphql<{ defineKpis: { version: number } }>(`mutation { defineKpis(minorStopThresholdSeconds: 3600, setupIsAvailabilityLoss: false) { version reprojection { version totalEvents } } }`);
    expect(defined.errors).toBeUndefined();
    await eventually(async () => (await series('lathe-1', 'DAY')).definition.version === 2, 'definition 2 to become current', 10_000);
    const { total } = await series('lathe-1', 'DAY');
    // The 30-minute jam is now a minor stop (speed loss inside APT); the hour of idle is not shorter than the threshold.
    expect(total.elements).toMatchObject({ APT: 22_200, ADET: 0, ADOT: 3_600, FE: 0, TTR: 0 });
    const answer = await gateway.graphql<{ oeeLossBreakdown: Record<string, number>; kpiDefinition: unknown }>(
      `query ($from: DateTime!, $to: DateTime!) { kpiDefinition { version minorStopThresholdSeconds setupIsAvailabilityLoss reprojection { version } } oeeLossBreakdown(scope: "lathe-1", from: $from, to: $to) { setupTime availabilityLoss } }`,
      day,
    );
    expect(answer.data?.kpiDefinition).toEqual({ version: 2, minorStopThresholdSeconds: 3600, setupIsAvailabilityLoss: false, reprojection: null });
    expect(answer.data?.oeeLossBreakdown).toEqual({ setupTime: 1_200, availabilityLoss: 27_000 - 22_200 - 1_200 });
  });

  it('re-projects a history of several weeks a week at a time, to the figures the new threshold gives', async () => {
    // mill-1: Running from 1 November; each day a 90-second jam at 10:00, for three weeks; then Idle.
    const mill = [...line, 'mill-1'];
    const day = (d: number, time: string): string => `2026-11-${String(d).padStart(2, '0')}T${time}:00.000Z`;
    const changes: RecordedEvent[] = [workUnitStateChanged(mill, 2, { state: 'Running', previousState: 'Unknown', since: day(1, '00:00') })];
    for (let d = 1; d <= 21; d++) {
      changes.push(workUnitStateChanged(mill, changes.length + 2, { state: 'Down', previousState: 'Running', since: day(d, '10:00'), reasonCode: 'JAM' }));
      changes.push(workUnitStateChanged(mill, changes.length + 2, { state: 'Running', previousState: 'Down', since: `2026-11-${String(d).padStart(2, '0')}T10:01:30.000Z` }));
    }
    changes.push(workUnitStateChanged(mill, changes.length + 2, { state: 'Idle', previousState: 'Running', since: day(22, '00:00') }));
    await gateway.publish(...changes);
    const weeks = { from: '2026-11-01T00:00:00Z', to: '2026-11-22T00:00:00Z' };
    const before = (await series('mill-1', 'WEEK', weeks)).total.elements;
    // Under the current definition (a 3,600 s threshold from the test above) the jams are minor stops: all APT.
    expect(before).toMatchObject({ APT: 21 * 86_400, ADET: 0, FE: 0 });
    const defined = await gateway.graphql<{ defineKpis: { version: number } }>(`mutation { defineKpis(minorStopThresholdSeconds: 60, setupIsAvailabilityLoss: true) { version } }`);
    expect(defined.errors).toBeUndefined();
    await eventually(async () => (await series('mill-1', 'WEEK', weeks)).definition.version === 3, 'definition 3 to become current', 20_000);
    const after = (await series('mill-1', 'WEEK', weeks)).total.elements;
    expect(after).toMatchObject({ APT: 21 * 86_400 - 21 * 90, ADET: 21 * 90, FE: 21, TTR: 21 * 90 });
    const progress = await gateway.graphql<{ kpiDefinition: { version: number; reprojection: unknown } }>(`{ kpiDefinition { version reprojection { version } } }`);
    expect(progress.data?.kpiDefinition).toEqual({ version: 3, reprojection: null });
  });

  it('keeps the latest path of a work unit when an older state change of it is delivered again', async () => {
    const oldPath = [...line, 'drill-9'];
    const newPath = ['acme', 'lyon', 'lyon-machining', 'lyon-line-2', 'drill-9'];
    const moved = { ...equipmentDefined('drill-9', 'WorkUnit', newPath.slice(0, -1)), streamPosition: 3 };
    const running = workUnitStateChanged(oldPath, 2, { state: 'Running', previousState: 'Unknown', since: '2026-11-23T06:00:00.000Z' });
    await gateway.publish(equipmentDefined('lyon-line-2', 'WorkCenter', ['acme', 'lyon', 'lyon-machining']), equipmentDefined('drill-9', 'WorkUnit', line), running, moved);
    await gateway.publish(running);
    const [row] = await gateway.db.query<{ path: string[]; stream_position: number }>(
      `select path, stream_position from "${gateway.schema}".kpi_equipment_paths where equipment_id = 'drill-9'`,
    );
    expect(row).toEqual({ path: newPath, stream_position: 3 });
  });
});
