import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Parser, fromFile } from '@asyncapi/parser';
import { domains, schemaPath } from './catalog';
import { EventContracts, findSchemasDir } from './schemas';
import type { ProductionEvent } from './production/events';

const schemasDir = findSchemasDir(__dirname);

describe('event contracts', () => {
  it('has a JSON Schema that compiles for every event in the catalog', () => {
    expect(() => EventContracts.load(schemasDir)).not.toThrow();
  });

  it('has no schema file that the catalog does not publish', () => {
    const published = new Set(
      Object.entries(domains).flatMap(([domain, { events }]) => Object.entries(events).map(([name, version]) => schemaPath(domain, name, version))),
    );
    for (const domain of readdirSync(join(schemasDir, 'events'))) {
      for (const file of readdirSync(join(schemasDir, 'events', domain))) {
        const match = /^(\w+)\.v(\d+)\.json$/.exec(file);
        expect(match).not.toBeNull();
        // Older versions stay for their upcasters; the current one must be in the catalog.
        const name = match?.[1] ?? '';
        const events: Record<string, number> = (domains as Record<string, { events: Record<string, number> }>)[domain]?.events ?? {};
        expect(events[name]).toBeDefined();
        if (Number(match?.[2]) === events[name]) expect(published.has(`events/${domain}/${file}`)).toBe(true);
      }
    }
  });

  it('names the field at fault when data breaks its contract', () => {
    const contracts = EventContracts.load(schemasDir);
    const problems = contracts.problems('production', {
      type: 'WorkUnitStateChanged',
      data: { workUnitId: 'press-1', state: 'Down', previousState: 'Running', since: 'yesterday', path: ['press-1'] },
    });
    expect(problems.join('\n')).toMatch(/\/since must match format "date-time"/);
    expect(problems.join('\n')).toMatch(/reasonCode/);
  });

  it('refuses an event type the domain does not publish', () => {
    expect(EventContracts.load(schemasDir).problems('production', { type: 'Nonsense', data: {} })).toEqual(['production publishes no event type "Nonsense"']);
  });
});

const at = '2026-11-02T06:00:00.000Z';
const path = ['acme', 'plant-1', 'machining', 'line-1', 'lathe-1'];

/** One conforming sample per production event type, typed by the TypeScript contracts they mirror. */
const productionSamples: { [Name in ProductionEvent['type']]: Extract<ProductionEvent, { type: Name }> } = {
  EquipmentDefined: {
    type: 'EquipmentDefined',
    data: { equipmentId: 'lathe-1', name: 'Lathe 1', level: 'WorkUnit', maxConcurrentJobs: 2, parentId: 'line-1', path, definedAt: at },
  },
  WorkUnitStateChanged: {
    type: 'WorkUnitStateChanged',
    data: { workUnitId: 'lathe-1', state: 'Down', previousState: 'Running', reasonCode: 'JAM', since: at, path },
  },
  WorkUnitAllocated: { type: 'WorkUnitAllocated', data: { workUnitId: 'lathe-1', jobOrderId: 'jo-1', segmentId: 'turn', allocatedAt: at, path } },
  WorkUnitAllocationEnded: { type: 'WorkUnitAllocationEnded', data: { workUnitId: 'lathe-1', jobOrderId: 'jo-1', segmentId: 'turn', endedAt: at, path } },
  WorkCalendarDefined: {
    type: 'WorkCalendarDefined',
    data: {
      equipmentId: 'lyon',
      version: 1,
      calendar: {
        timeZone: 'Europe/Paris',
        shifts: [
          { name: 'Early', days: ['MON', 'TUE'], start: '06:00', end: '14:00', breaks: [{ start: '10:00', end: '10:15', reason: 'coffee' }] },
          { name: 'Night', days: ['MON'], start: '22:00', end: '06:00', breaks: [{ offsetMinutes: 240, durationMinutes: 30 }] },
        ],
        nonWorkingDays: [{ date: '2026-12-25', reason: 'Christmas' }],
      },
      definedAt: at,
    },
  },
  PlannedDowntimeBooked: { type: 'PlannedDowntimeBooked', data: { equipmentId: 'lathe-1', windowId: 'pm-1', start: at, end: at, reason: 'planned maintenance', bookedAt: at } },
  PlannedDowntimeCancelled: { type: 'PlannedDowntimeCancelled', data: { equipmentId: 'lathe-1', windowId: 'pm-1', cancelledAt: at } },
  WorkScheduleRevised: {
    type: 'WorkScheduleRevised',
    data: {
      siteId: 'lyon',
      revision: 2,
      trigger: { kind: 'Breakdown', eventIds: ['e-1'], workUnitId: 'lathe-1', reasonCode: 'BEARING', occurredAt: at },
      horizonStart: at,
      unavailable: [{ workUnitId: 'lathe-1', from: at, to: at, kind: 'Breakdown', reason: 'BEARING' }],
      moved: [
        { jobOrderId: 'jo-1', segmentId: 'turn', from: { workUnitId: 'lathe-1', setupStart: at, start: at, end: at }, to: { workUnitId: 'lathe-2', setupStart: at, start: at, end: at } },
        { jobOrderId: 'jo-2', segmentId: 'turn', from: null, to: { workUnitId: 'lathe-2', setupStart: at, start: at, end: at } },
      ],
      operationCount: 2,
      makespanSeconds: 3600,
      weightedTardinessSeconds: 0,
      revisedAt: at,
    },
  },
  ScheduledOperationLocked: {
    type: 'ScheduledOperationLocked',
    data: { siteId: 'lyon', jobOrderId: 'jo-1', segmentId: 'turn', placement: { workUnitId: 'lathe-2', setupStart: at, start: at, end: at }, lockedAt: at },
  },
  ScheduledOperationUnlocked: { type: 'ScheduledOperationUnlocked', data: { siteId: 'lyon', jobOrderId: 'jo-1', segmentId: 'turn', unlockedAt: at } },
  WorkUnitStopReasonCorrected: {
    type: 'WorkUnitStopReasonCorrected',
    data: { workUnitId: 'lathe-1', since: at, state: 'Down', reasonCode: 'BEARING', reasonText: 'found at teardown', previousReasonCode: 'JAM', correctedAt: at, path },
  },
  EquipmentClassDefined: { type: 'EquipmentClassDefined', data: { equipmentClassId: 'lathes', name: 'CNC lathes', description: 'Two-axis lathes', definedAt: at } },
  WorkUnitAssignedToEquipmentClass: { type: 'WorkUnitAssignedToEquipmentClass', data: { equipmentClassId: 'lathes', workUnitId: 'lathe-1', assignedAt: at } },
  ProductDefined: { type: 'ProductDefined', data: { productId: 'shaft-20', name: 'Shaft 20 mm', unitOfMeasure: 'pcs', definedAt: at } },
  ProductRoutingRevised: {
    type: 'ProductRoutingRevised',
    data: {
      productId: 'shaft-20',
      version: 2,
      segments: [
        {
          segmentId: 'turn',
          name: 'Turning',
          eligible: [
            { equipmentClassId: 'lathes', idealCycleTimeSeconds: 42, setupTimeSeconds: 900 },
            { workUnitId: 'lathe-9', idealCycleTimeSeconds: 30.5, setupTimeSeconds: 0 },
          ],
          dependsOn: [],
          consumes: [{ materialDefinitionId: 'bar-20', quantityPerUnit: 0.25 }],
          produces: [],
        },
        { segmentId: 'inspect', name: 'Inspection', eligible: [{ workUnitId: 'cmm-1', idealCycleTimeSeconds: 60, setupTimeSeconds: 0 }], dependsOn: ['turn'], consumes: [], produces: [{ materialDefinitionId: 'shaft-20', quantityPerUnit: 1 }] },
      ],
      revisedAt: at,
    },
  },
  JobOrderCreated: {
    type: 'JobOrderCreated',
    data: { jobOrderId: 'jo-1', productId: 'shaft-20', quantity: 500, siteId: 'plant-1', priority: 3, dueAt: '2026-11-09T14:00:00.000Z', description: 'Order 4711', createdAt: at },
  },
  JobOrderReleased: {
    type: 'JobOrderReleased',
    data: {
      jobOrderId: 'jo-1',
      routingVersion: 2,
      segments: [
        {
          segmentId: 'turn',
          name: 'Turning',
          eligible: [{ workUnitId: 'lathe-1', idealCycleTimeSeconds: 42, setupTimeSeconds: 900 }],
          dependsOn: [],
          consumes: [{ materialDefinitionId: 'bar-20', quantityPerUnit: 0.25 }],
          produces: [{ materialDefinitionId: 'shaft-20', quantityPerUnit: 1 }],
        },
      ],
      releasedAt: at,
    },
  },
  JobOrderDispatched: { type: 'JobOrderDispatched', data: { jobOrderId: 'jo-1', segmentId: 'turn', workUnitId: 'lathe-1', sequence: 1, dispatchedAt: at } },
  JobOrderSegmentStarted: { type: 'JobOrderSegmentStarted', data: { jobOrderId: 'jo-1', segmentId: 'turn', workUnitId: 'lathe-1', startedAt: at } },
  JobOrderPaused: { type: 'JobOrderPaused', data: { jobOrderId: 'jo-1', reasonCode: 'BREAK', pausedAt: at } },
  JobOrderHeld: { type: 'JobOrderHeld', data: { jobOrderId: 'jo-1', reasonCode: 'QUALITY', heldAt: at } },
  JobOrderResumed: { type: 'JobOrderResumed', data: { jobOrderId: 'jo-1', resumedAt: at } },
  ProductionReported: {
    type: 'ProductionReported',
    data: { jobOrderId: 'jo-1', segmentId: 'turn', workUnitId: 'lathe-1', good: 48, scrap: 2, rework: 0, scrapReasonCode: 'DIM', messageId: 'spb-123', reportedAt: at },
  },
  MaterialActualRecorded: {
    type: 'MaterialActualRecorded',
    data: { jobOrderId: 'jo-1', segmentId: 'turn', materialUse: 'Consumed', materialDefinitionId: 'bar-20', materialLotId: 'lot-77', quantity: 12.5, recordedAt: at },
  },
  JobOrderSegmentCompleted: { type: 'JobOrderSegmentCompleted', data: { jobOrderId: 'jo-1', segmentId: 'turn', workUnitId: 'lathe-1', endedAt: at } },
  JobOrderCompleted: { type: 'JobOrderCompleted', data: { jobOrderId: 'jo-1', forced: true, reasonCode: 'SHORT', openSegments: ['inspect'], completedAt: at } },
  JobOrderClosed: { type: 'JobOrderClosed', data: { jobOrderId: 'jo-1', closedAt: at } },
  JobOrderAborted: { type: 'JobOrderAborted', data: { jobOrderId: 'jo-1', reasonCode: 'CANCELLED', abortedAt: at } },
};

/** A sample's data with some fields changed or removed (`undefined`), for the refusal cases. */
function altered<Name extends ProductionEvent['type']>(name: Name, change: (data: Record<string, unknown>) => void): ProductionEvent {
  const data: Record<string, unknown> = structuredClone(productionSamples[name].data);
  change(data);
  return { type: name, data } as ProductionEvent;
}

function eligibility(entry: Record<string, unknown>): ProductionEvent {
  return altered('ProductRoutingRevised', (data) => {
    const segments = data['segments'] as { eligible: unknown[] }[];
    if (segments[0]) segments[0].eligible = [entry];
  });
}

describe('production event schemas', () => {
  const contracts = EventContracts.load(schemasDir);
  const problems = (event: ProductionEvent): string => contracts.problems('production', event).join('\n');

  it('has a sample for every production event of the catalog', () => {
    expect(Object.keys(productionSamples).sort()).toEqual(Object.keys(domains.production.events).sort());
  });

  it.each(Object.keys(domains.production.events))('names %s in the $id and title of its current schema', (name) => {
    const version = (domains.production.events as Record<string, number>)[name] ?? 0;
    const schema = JSON.parse(readFileSync(join(schemasDir, schemaPath('production', name, version)), 'utf8')) as Record<string, unknown>;
    expect(schema['$id']).toBe(`https://quadrant.dev/schemas/events/production/${name}.v${version}.json`);
    expect(schema['title']).toBe(`${name} v${version}`);
    expect(schema['additionalProperties']).toBe(false);
  });

  it.each(Object.values(productionSamples).map((sample) => [sample.type, sample] as const))('accepts a conforming %s', (_name, sample) => {
    expect(contracts.problems('production', sample)).toEqual([]);
  });

  it('accepts the minimal forms: optional fields absent', () => {
    expect(problems(altered('EquipmentDefined', (data) => delete data['maxConcurrentJobs']))).toBe('');
    expect(problems(altered('JobOrderCreated', (data) => (delete data['dueAt'], delete data['description'])))).toBe('');
    expect(problems(altered('JobOrderPaused', (data) => delete data['reasonCode']))).toBe('');
    expect(problems(altered('ProductionReported', (data) => (delete data['scrapReasonCode'], delete data['messageId'])))).toBe('');
    expect(problems(altered('JobOrderCompleted', (data) => ((data['forced'] = false), delete data['reasonCode'], (data['openSegments'] = []))))).toBe('');
  });

  it('refuses negative or fractional counts, naming the field', () => {
    expect(problems(altered('ProductionReported', (data) => (data['scrap'] = -1)))).toMatch(/^\/scrap must be >= 0$/m);
    expect(problems(altered('ProductionReported', (data) => (data['good'] = 1.5)))).toMatch(/^\/good must be integer$/m);
  });

  it('refuses a hold without its reason code', () => {
    expect(problems(altered('JobOrderHeld', (data) => delete data['reasonCode']))).toMatch(/must have required property 'reasonCode'/);
    expect(problems(altered('JobOrderAborted', (data) => delete data['reasonCode']))).toMatch(/must have required property 'reasonCode'/);
  });

  it('refuses a property the contract does not have', () => {
    const failures = contracts.problems('production', altered('WorkUnitAllocated', (data) => (data['operator'] = 'jane')));
    expect(failures).toEqual(['/ must NOT have additional properties']);
    const extraInSegment = altered('JobOrderReleased', (data) => {
      const [segment] = data['segments'] as Record<string, unknown>[];
      if (segment) segment['routingVersion'] = 2;
    });
    expect(problems(extraInSegment)).toMatch(/^\/segments\/0 must NOT have additional properties$/m);
  });

  it('refuses an eligibility with both or neither of equipmentClassId and workUnitId', () => {
    const times = { idealCycleTimeSeconds: 42, setupTimeSeconds: 0 };
    const both = problems(eligibility({ equipmentClassId: 'lathes', workUnitId: 'lathe-1', ...times }));
    expect(both).toMatch(/^\/segments\/0\/eligible\/0 must match exactly one schema in oneOf$/m);
    const neither = problems(eligibility(times));
    expect(neither).toMatch(/^\/segments\/0\/eligible\/0 must have required property 'equipmentClassId'$/m);
    expect(neither).toMatch(/^\/segments\/0\/eligible\/0 must have required property 'workUnitId'$/m);
    expect(problems(eligibility({ workUnitId: 'lathe-1', ...times }))).toBe('');
  });

  it('refuses out-of-range quantities, times, versions and enums, naming the field', () => {
    expect(problems(altered('JobOrderCreated', (data) => (data['quantity'] = 0)))).toMatch(/^\/quantity must be > 0$/m);
    expect(problems(altered('JobOrderCreated', (data) => (data['priority'] = 1.5)))).toMatch(/^\/priority must be integer$/m);
    expect(problems(altered('MaterialActualRecorded', (data) => (data['quantity'] = -0.1)))).toMatch(/^\/quantity must be >= 0$/m);
    expect(problems(altered('MaterialActualRecorded', (data) => (data['materialUse'] = 'Scrapped')))).toMatch(/^\/materialUse must be equal to one of the allowed values$/m);
    expect(problems(altered('JobOrderDispatched', (data) => (data['sequence'] = 0)))).toMatch(/^\/sequence must be >= 1$/m);
    expect(problems(altered('ProductRoutingRevised', (data) => (data['version'] = 0)))).toMatch(/^\/version must be >= 1$/m);
    expect(problems(eligibility({ workUnitId: 'lathe-1', idealCycleTimeSeconds: 0, setupTimeSeconds: 0 }))).toMatch(
      /^\/segments\/0\/eligible\/0\/idealCycleTimeSeconds must be > 0$/m,
    );
    expect(problems(altered('EquipmentDefined', (data) => (data['maxConcurrentJobs'] = 0)))).toMatch(/^\/maxConcurrentJobs must be >= 1$/m);
    expect(problems(altered('WorkUnitAllocationEnded', (data) => (data['endedAt'] = 'later')))).toMatch(/^\/endedAt must match format "date-time"$/m);
    expect(problems(altered('JobOrderSegmentStarted', (data) => (data['workUnitId'] = '')))).toMatch(/^\/workUnitId must NOT have fewer than 1 characters$/m);
  });
});

describe('the AsyncAPI document', () => {
  const file = join(schemasDir, 'asyncapi.yaml');

  it('is a valid AsyncAPI 3 document', async () => {
    const { document, diagnostics } = await fromFile(new Parser(), file).parse();
    const errors = diagnostics.filter((diagnostic) => diagnostic.severity === 0);
    expect(errors.map((error) => `${error.path.join('.')}: ${error.message}`)).toEqual([]);
    expect(document?.version()).toBe('3.0.0');
  });

  it('documents every topic and every current event of the catalog', async () => {
    const { document } = await fromFile(new Parser(), file).parse();
    for (const { topic, events } of Object.values(domains)) {
      const channel = document?.channels().all().find((candidate) => candidate.address() === topic);
      expect(channel).toBeDefined();
      const messages = channel?.messages().all().map((message) => message.name()) ?? [];
      expect(messages.sort()).toEqual(Object.keys(events).sort());
    }
    expect(readFileSync(file, 'utf8')).toContain('ce_id');
  });
});
