import type { IntegrationEvent } from '@quadrant/contracts';
import { productionFactOf } from './production-facts';

function integrationEvent(name: string, version: number): IntegrationEvent {
  return {
    specversion: '1.0',
    id: 'e-1',
    source: '/quadrant/production',
    type: `org.quadrant.production.${name}.v${version}`,
    subject: 'equipment-press-1',
    time: '2026-11-02T06:00:00.000Z',
    datacontenttype: 'application/json',
    dataschema: `events/production/${name}.v${version}.json`,
    data: { workUnitId: 'press-1' },
    name,
    version,
    streamposition: 7,
    actor: 'operator.olga',
  };
}

describe('reading production events', () => {
  it('takes a known event with its id, stream position, time and actor', () => {
    expect(productionFactOf(integrationEvent('WorkUnitStateChanged', 1))).toEqual({
      type: 'WorkUnitStateChanged',
      data: { workUnitId: 'press-1' },
      eventId: 'e-1',
      streamPosition: 7,
      occurredAt: '2026-11-02T06:00:00.000Z',
      actor: 'operator.olga',
      correlationId: null,
    });
  });

  it('reads the job order events, with the correlation id of the request that caused them', () => {
    const held = { ...integrationEvent('JobOrderHeld', 1), correlationid: 'corr-7', data: { jobOrderId: 'jo-1', reasonCode: 'QUALITY', heldAt: '2026-11-02T06:00:00.000Z' } };
    expect(productionFactOf(held)).toMatchObject({ type: 'JobOrderHeld', correlationId: 'corr-7', actor: 'operator.olga' });
  });

  it('reads a stop reason corrected after the fact', () => {
    const corrected = { ...integrationEvent('WorkUnitStopReasonCorrected', 1), data: { workUnitId: 'press-1', since: '2026-11-02T05:40:00.000Z', state: 'Down', reasonCode: 'NO_MATERIAL', correctedAt: '2026-11-02T06:00:00.000Z', path: ['acme', 'press-1'] } };
    expect(productionFactOf(corrected)).toMatchObject({ type: 'WorkUnitStopReasonCorrected', streamPosition: 7, data: { since: '2026-11-02T05:40:00.000Z', reasonCode: 'NO_MATERIAL' } });
  });

  it('passes over event types the projections do not read', () => {
    expect(productionFactOf(integrationEvent('WorkOrderReleased', 1))).toBeUndefined();
  });

  it('refuses a version it cannot read rather than projecting it wrongly', () => {
    expect(() => productionFactOf(integrationEvent('WorkUnitStateChanged', 2))).toThrow(/reads WorkUnitStateChanged v1, not v2/);
  });
});
