import { randomUUID } from 'node:crypto';
import type { RecordedEvent } from '@quadrant/event-sourcing';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { WorkUnitStatusFeed } from '../subscriptions/work-unit-status-feed';
import { definedAt, equipmentDefined, eventually, GatewayHarness, workUnitStateChanged } from '../testing/gateway-harness';
import { KPI_GROUP_ID } from './kpi-elements/kpi-projection';
import { PROJECTIONS_GROUP_ID } from './production-projections';

/**
 * The read side end to end: production's events (CloudEvents on the transport, as the relay publishes
 * them) -> inbox consumer -> projections in PostgreSQL -> GraphQL queries and subscriptions.
 */
describe('gateway projections', () => {
  let gateway: GatewayHarness;
  // ACME: Lyon (stamping line with two presses) and Austin (one welder).
  const lyonLine = ['acme', 'lyon', 'lyon-stamping', 'lyon-line-1'];
  const austinLine = ['acme', 'austin', 'austin-welding', 'austin-line-1'];
  const press1 = [...lyonLine, 'press-1'];
  const press2 = [...lyonLine, 'press-2'];
  const welder = [...austinLine, 'welder-1'];
  const t = (minute: number): string => `2026-11-02T06:${String(minute).padStart(2, '0')}:00.000Z`;

  beforeAll(async () => {
    gateway = await GatewayHarness.start('http://127.0.0.1:9');
    await gateway.publish(
      equipmentDefined('acme', 'Enterprise'),
      equipmentDefined('lyon', 'Site', ['acme']),
      equipmentDefined('austin', 'Site', ['acme']),
      equipmentDefined('lyon-stamping', 'Area', ['acme', 'lyon']),
      equipmentDefined('austin-welding', 'Area', ['acme', 'austin']),
      equipmentDefined('lyon-line-1', 'WorkCenter', ['acme', 'lyon', 'lyon-stamping']),
      equipmentDefined('austin-line-1', 'WorkCenter', ['acme', 'austin', 'austin-welding']),
      equipmentDefined('press-1', 'WorkUnit', lyonLine),
      equipmentDefined('press-2', 'WorkUnit', lyonLine),
      equipmentDefined('welder-1', 'WorkUnit', austinLine),
    );
  });

  afterAll(async () => {
    await gateway?.close();
  });

  it('answers the equipment hierarchy from enterprise to work units', async () => {
    const { data, errors } = await gateway.graphql(`{
      enterprises { id name level parent { id } children { id } }
      sites { id parent { id } }
      equipment(id: "lyon-line-1") { id level workCenterType path parent { id } children { id status { state } } workUnits { id } status { state } definedAt }
      site: equipment(id: "lyon") { workUnits { id } }
      press: equipment(id: "press-1") { workUnits { id } status { workUnitId state since } }
      missing: equipment(id: "nowhere") { id }
    }`);
    expect(errors).toBeUndefined();
    expect(data).toEqual({
      enterprises: [{ id: 'acme', name: 'acme (Enterprise)', level: 'Enterprise', parent: null, children: [{ id: 'austin' }, { id: 'lyon' }] }],
      sites: [
        { id: 'austin', parent: { id: 'acme' } },
        { id: 'lyon', parent: { id: 'acme' } },
      ],
      equipment: {
        id: 'lyon-line-1',
        level: 'WorkCenter',
        workCenterType: 'ProductionLine',
        path: lyonLine,
        parent: { id: 'lyon-stamping' },
        children: [
          { id: 'press-1', status: { state: 'Unknown' } },
          { id: 'press-2', status: { state: 'Unknown' } },
        ],
        workUnits: [{ id: 'press-1' }, { id: 'press-2' }],
        status: null,
        definedAt,
      },
      site: { workUnits: [{ id: 'press-1' }, { id: 'press-2' }] },
      press: { workUnits: [{ id: 'press-1' }], status: { workUnitId: 'press-1', state: 'Unknown', since: definedAt } },
      missing: null,
    });
  });

  it('answers work unit statuses under a scope, filtered by state', async () => {
    await gateway.publish(
      workUnitStateChanged(press1, 2, { state: 'Running', previousState: 'Unknown', since: t(1) }),
      workUnitStateChanged(press2, 2, { state: 'Down', previousState: 'Unknown', since: t(2), reasonCode: 'JAM', reasonText: 'die jam' }),
      workUnitStateChanged(welder, 2, { state: 'Down', previousState: 'Unknown', since: t(3), reasonCode: 'NO_GAS' }),
    );
    const { data, errors } = await gateway.graphql(
      `query ($scope: ID, $states: [WorkUnitState!]) {
        lyon: workUnitStatuses(scope: "lyon") { workUnitId state }
        down: workUnitStatuses(scope: $scope, states: $states) { workUnitId state since reasonCode reasonText workUnit { name parent { id } } }
        everywhereDown: workUnitStatuses(states: [Down]) { workUnitId }
      }`,
      { scope: 'acme', states: ['Down'] },
    );
    expect(errors).toBeUndefined();
    expect(data).toEqual({
      lyon: [
        { workUnitId: 'press-1', state: 'Running' },
        { workUnitId: 'press-2', state: 'Down' },
      ],
      down: [
        // Hierarchy order: austin sorts before lyon.
        { workUnitId: 'welder-1', state: 'Down', since: t(3), reasonCode: 'NO_GAS', reasonText: null, workUnit: { name: 'welder-1 (WorkUnit)', parent: { id: 'austin-line-1' } } },
        { workUnitId: 'press-2', state: 'Down', since: t(2), reasonCode: 'JAM', reasonText: 'die jam', workUnit: { name: 'press-2 (WorkUnit)', parent: { id: 'lyon-line-1' } } },
      ],
      everywhereDown: [{ workUnitId: 'welder-1' }, { workUnitId: 'press-2' }],
    });
  });

  it('keeps the latest state when an older event of the work unit arrives late (ordering guard)', async () => {
    await gateway.publish(workUnitStateChanged(press1, 4, { state: 'Setup', previousState: 'Idle', since: t(20), reasonCode: 'CHANGEOVER' }));
    await gateway.publish(workUnitStateChanged(press1, 3, { state: 'Idle', previousState: 'Running', since: t(10) }));
    const { data } = await gateway.graphql<{ equipment: unknown; workUnitStateHistory: unknown[] }>(`{
      equipment(id: "press-1") { status { state since reasonCode } }
      workUnitStateHistory(workUnitId: "press-1") { state previousState since }
    }`);
    expect(data?.equipment).toEqual({ status: { state: 'Setup', since: t(20), reasonCode: 'CHANGEOVER' } });
    // The history still records the late change, in source-time order.
    expect(data?.workUnitStateHistory).toEqual([
      { state: 'Running', previousState: 'Unknown', since: t(1) },
      { state: 'Idle', previousState: 'Running', since: t(10) },
      { state: 'Setup', previousState: 'Idle', since: t(20) },
    ]);
  });

  it('applies a redelivered event once', async () => {
    const change = workUnitStateChanged(press2, 3, { state: 'Running', previousState: 'Down', since: t(30) });
    await gateway.publish(change);
    await gateway.publish(change);
    const timeline = await gateway.db.query(`select event_id from "${gateway.schema}".work_unit_state_timeline where event_id = $1`, [change.eventId]);
    // Each consumer group keeps the last position it applied of the stream, not a row per event.
    const claims = await gateway.db.query<{ group_id: string; stream_position: number }>(
      `select group_id, stream_position from "${gateway.schema}".inbox_streams where stream_id = $1 order by group_id`,
      [change.streamId],
    );
    const inbox = await gateway.db.query(`select group_id from "${gateway.schema}".inbox where event_id = $1`, [change.eventId]);
    expect(timeline).toHaveLength(1);
    expect(claims).toEqual([
      { group_id: KPI_GROUP_ID, stream_position: 3 },
      { group_id: PROJECTIONS_GROUP_ID, stream_position: 3 },
    ]);
    expect(inbox).toEqual([]);
    const { data } = await gateway.graphql(`{ workUnitStateHistory(workUnitId: "press-2", from: "${t(30)}") { state } }`);
    expect(data).toEqual({ workUnitStateHistory: [{ state: 'Running' }] });
  });

  describe('stop reasons corrected after the fact', () => {
    const press3 = [...lyonLine, 'press-3'];
    const corrected = (streamPosition: number, since: string, reasonCode: string, reasonText?: string): RecordedEvent => ({
      eventId: randomUUID(),
      streamId: 'equipment-press-3',
      streamPosition,
      logPosition: '0',
      type: 'WorkUnitStopReasonCorrected',
      data: { workUnitId: 'press-3', since, state: 'Down', reasonCode, ...(reasonText ? { reasonText } : {}), correctedAt: t(59), path: press3 },
      metadata: { occurredAt: t(59), actor: 'supervisor.sam' },
      recordedAt: t(59),
    });
    const read = () =>
      gateway.graphql<{ equipment: { status: unknown }; workUnitStateHistory: unknown[] }>(`{
        equipment(id: "press-3") { status { state since reasonCode reasonText } }
        workUnitStateHistory(workUnitId: "press-3") { state since reasonCode reasonText originalReasonCode }
      }`);

    beforeAll(async () => {
      await gateway.publish(
        equipmentDefined('press-3', 'WorkUnit', lyonLine),
        workUnitStateChanged(press3, 2, { state: 'Running', previousState: 'Unknown', since: t(48) }),
        workUnitStateChanged(press3, 3, { state: 'Down', previousState: 'Running', since: t(50), reasonCode: 'JAM', reasonText: 'die jam' }),
      );
    });

    it('shows the corrected reason in the current state and in the history, with the one reported beside it', async () => {
      await gateway.publish(corrected(4, '2026-11-02T06:50:00Z', 'NO_MATERIAL', 'coil late'));
      const { data, errors } = await read();
      expect(errors).toBeUndefined();
      expect(data?.equipment.status).toEqual({ state: 'Down', since: t(50), reasonCode: 'NO_MATERIAL', reasonText: 'coil late' });
      expect(data?.workUnitStateHistory).toEqual([
        { state: 'Running', since: t(48), reasonCode: null, reasonText: null, originalReasonCode: null },
        { state: 'Down', since: t(50), reasonCode: 'NO_MATERIAL', reasonText: 'coil late', originalReasonCode: 'JAM' },
      ]);
    });

    it('keeps the latest of two corrections of a stop made in one batch, and leaves a later state alone', async () => {
      await gateway.publish(
        workUnitStateChanged(press3, 5, { state: 'Running', previousState: 'Down', since: t(53) }),
        corrected(6, t(50), 'NO_OPERATOR'),
        corrected(7, t(50), 'SETUP_OVERRUN'),
      );
      const { data } = await read();
      expect(data?.equipment.status).toEqual({ state: 'Running', since: t(53), reasonCode: null, reasonText: null });
      expect(data?.workUnitStateHistory[1]).toEqual({ state: 'Down', since: t(50), reasonCode: 'SETUP_OVERRUN', reasonText: null, originalReasonCode: 'JAM' });
    });

    it('keeps a correction that arrives before the state change it corrects', async () => {
      await gateway.publish(corrected(9, t(56), 'NO_OPERATOR'));
      await gateway.publish(workUnitStateChanged(press3, 8, { state: 'Down', previousState: 'Running', since: t(56), reasonCode: 'JAM' }));
      const { data } = await read();
      expect(data?.workUnitStateHistory[3]).toEqual({ state: 'Down', since: t(56), reasonCode: 'NO_OPERATOR', reasonText: null, originalReasonCode: 'JAM' });
    });
  });

  describe('workUnitStateChanged subscription', () => {
    let client: Client;

    beforeAll(() => {
      client = createClient({ url: `${gateway.url.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0 });
    });

    afterAll(async () => {
      await client?.dispose();
    });

    it('pushes committed changes of work units under the scope only, never a stale one', async () => {
      const feed = gateway.app.get(WorkUnitStatusFeed);
      const subscription = client.iterate<{ workUnitStateChanged: Record<string, unknown> }>({
        query: `subscription ($scope: ID) { workUnitStateChanged(scope: $scope) { workUnitId state since reasonCode workUnit { name } } }`,
        variables: { scope: 'lyon' },
      });
      const first = subscription.next();
      await eventually(() => feed.subscriberCount === 1, 'the subscription to reach the gateway');

      await gateway.publish(workUnitStateChanged(welder, 3, { state: 'Running', previousState: 'Down', since: t(40) }));
      await gateway.publish(workUnitStateChanged(press1, 5, { state: 'Down', previousState: 'Setup', since: t(41), reasonCode: 'JAM' }));
      const pushed = await first;
      expect(pushed.value?.data?.workUnitStateChanged).toEqual({ workUnitId: 'press-1', state: 'Down', since: t(41), reasonCode: 'JAM', workUnit: { name: 'press-1 (WorkUnit)' } });
      // Pushed after the commit: a query made on receipt already sees it.
      const { data } = await gateway.graphql(`{ equipment(id: "press-1") { status { state } } }`);
      expect(data).toEqual({ equipment: { status: { state: 'Down' } } });

      const second = subscription.next();
      await gateway.publish(workUnitStateChanged(press1, 2, { state: 'Running', previousState: 'Unknown', since: t(1) }));
      await gateway.publish(workUnitStateChanged(press1, 6, { state: 'Running', previousState: 'Down', since: t(45) }));
      expect((await second).value?.data?.workUnitStateChanged).toMatchObject({ workUnitId: 'press-1', state: 'Running', since: t(45) });

      await subscription.return?.();
      await eventually(() => feed.subscriberCount === 0, 'the gateway to drop the subscription');
    });
  });
});
