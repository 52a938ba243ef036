import type { IntegrationEvent } from '@quadrant/contracts';

/** A production state change as a consumer receives it, at `streamposition` of stream `subject`: for claim tests. */
export function stateChangeAt(id: string, subject: string, streamposition: number): IntegrationEvent {
  return {
    specversion: '1.0',
    id,
    source: '/quadrant/production',
    type: 'org.quadrant.production.WorkUnitStateChanged.v1',
    subject,
    time: '2026-11-02T06:00:00.000Z',
    datacontenttype: 'application/json',
    dataschema: 'schemas/events/production/WorkUnitStateChanged.v1.json',
    data: {},
    name: 'WorkUnitStateChanged',
    version: 1,
    streamposition,
  };
}
