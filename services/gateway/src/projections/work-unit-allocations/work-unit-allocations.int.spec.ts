import { randomUUID } from 'node:crypto';
import type { RecordedEvent } from '@quadrant/event-sourcing';
import { equipmentDefined, GatewayHarness, jobOrderRecorded } from '../../testing/gateway-harness';

/** Production's allocation events (CloudEvents on the transport) -> projection -> GraphQL. */
describe('work unit allocations read model', () => {
  let gateway: GatewayHarness;
  const line = ['acme', 'lyon', 'lyon-stamping', 'lyon-line-1'];
  const path = [...line, 'press-1'];
  const t = (minute: number): string => `2026-11-02T06:${String(minute).padStart(2, '0')}:00.000Z`;

  function onPress(streamPosition: number, type: 'WorkUnitAllocated' | 'WorkUnitAllocationEnded', jobOrderId: string, at: string): RecordedEvent {
    const time = type === 'WorkUnitAllocated' ? { allocatedAt: at } : { endedAt: at };
    return {
      eventId: randomUUID(),
      streamId: 'equipment-press-1',
      streamPosition,
      logPosition: '0',
      type,
      data: { workUnitId: 'press-1', jobOrderId, segmentId: 'stamp', ...time, path },
      metadata: { occurredAt: at, actor: 'test' },
      recordedAt: at,
    };
  }
  const read = (variables: Record<string, unknown> = {}) =>
    gateway.graphql<{ equipment: { status: { runningJobOrders: unknown[] } }; workUnitAllocations: unknown[] }>(
      `query ($from: DateTime, $to: DateTime) {
        equipment(id: "press-1") { status { state runningJobOrders { jobOrderId segmentId allocatedAt endedAt jobOrder { id productId } } } }
        workUnitAllocations(workUnitId: "press-1", from: $from, to: $to) { workUnitId jobOrderId segmentId allocatedAt endedAt }
      }`,
      variables,
    );

  beforeAll(async () => {
    gateway = await GatewayHarness.start('http://127.0.0.1:9');
    await gateway.publish(
      equipmentDefined('press-1', 'WorkUnit', line),
      jobOrderRecorded(1, { type: 'JobOrderCreated', data: { jobOrderId: 'jo-1', productId: 'bracket', quantity: 100, siteId: 'lyon', priority: 2, createdAt: t(0) } }, { occurredAt: t(0), actor: 'planner.anna' }),
      jobOrderRecorded(1, { type: 'JobOrderCreated', data: { jobOrderId: 'jo-2', productId: 'hinge', quantity: 50, siteId: 'lyon', priority: 3, createdAt: t(0) } }, { occurredAt: t(0), actor: 'planner.anna' }),
    );
  });

  afterAll(async () => {
    await gateway?.close();
  });

  it('answers the current allocations with their job orders, and the ended ones as history', async () => {
    await gateway.publish(onPress(2, 'WorkUnitAllocated', 'jo-1', t(5)), onPress(3, 'WorkUnitAllocated', 'jo-2', t(6)));
    await gateway.publish(onPress(4, 'WorkUnitAllocationEnded', 'jo-1', t(10)));
    const { data, errors } = await read();
    expect(errors).toBeUndefined();
    expect(data?.equipment.status).toEqual({
      state: 'Unknown',
      runningJobOrders: [{ jobOrderId: 'jo-2', segmentId: 'stamp', allocatedAt: t(6), endedAt: null, jobOrder: { id: 'jo-2', productId: 'hinge' } }],
    });
    expect(data?.workUnitAllocations).toEqual([
      { workUnitId: 'press-1', jobOrderId: 'jo-1', segmentId: 'stamp', allocatedAt: t(5), endedAt: t(10) },
      { workUnitId: 'press-1', jobOrderId: 'jo-2', segmentId: 'stamp', allocatedAt: t(6), endedAt: null },
    ]);
  });

  it('answers the allocations overlapping a range, oldest first', async () => {
    const after = await read({ from: t(10) });
    expect(after.data?.workUnitAllocations).toEqual([expect.objectContaining({ jobOrderId: 'jo-2' })]);
    const before = await read({ to: t(6) });
    expect(before.data?.workUnitAllocations).toEqual([expect.objectContaining({ jobOrderId: 'jo-1' })]);
    const within = await read({ from: t(7), to: t(8) });
    expect(within.data?.workUnitAllocations).toEqual([expect.objectContaining({ jobOrderId: 'jo-1' }), expect.objectContaining({ jobOrderId: 'jo-2' })]);
  });

  it('applies a redelivered allocation once, and does not reopen an ended one', async () => {
    const again = onPress(20, 'WorkUnitAllocated', 'jo-1', t(20));
    await gateway.publish(again);
    await gateway.publish(again);
    await gateway.publish({ ...onPress(2, 'WorkUnitAllocated', 'jo-1', t(5)), eventId: randomUUID() });
    const rows = await gateway.db.query(`select allocation_id from "${gateway.schema}".work_unit_allocations where job_order_id = 'jo-1'`);
    expect(rows).toHaveLength(2);
    const { data } = await read({ from: t(15) });
    expect(data?.workUnitAllocations).toEqual([
      expect.objectContaining({ jobOrderId: 'jo-2', endedAt: null }),
      expect.objectContaining({ jobOrderId: 'jo-1', allocatedAt: t(20), endedAt: null }),
    ]);
  });

  it('completes an end that arrived before its allocation, leaving it neither open nor hidden', async () => {
    await gateway.publish(onPress(31, 'WorkUnitAllocationEnded', 'jo-3', t(40)));
    expect((await read({ from: t(30) })).data?.workUnitAllocations).not.toContainEqual(expect.objectContaining({ jobOrderId: 'jo-3' }));
    await gateway.publish(onPress(30, 'WorkUnitAllocated', 'jo-3', t(30)));
    const { data } = await read({ from: t(30) });
    expect(data?.workUnitAllocations).toContainEqual({ workUnitId: 'press-1', jobOrderId: 'jo-3', segmentId: 'stamp', allocatedAt: t(30), endedAt: t(40) });
    expect(data?.equipment.status.runningJobOrders).not.toContainEqual(expect.objectContaining({ jobOrderId: 'jo-3' }));
  });
});
