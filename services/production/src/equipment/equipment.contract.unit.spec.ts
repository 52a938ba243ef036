import { EventContracts, type ProductionEvent } from '@quadrant/contracts';
import { CommandHandler, EventContractViolationError, InMemoryEventStore } from '@quadrant/event-sourcing';
import { equipmentDecider, equipmentStreamId, type EquipmentCommand, type EquipmentState, type ParentEquipment } from './equipment.decider';

/** Every event the production slice can emit conforms to its published JSON Schema. */
describe('production events against their contracts', () => {
  const contracts = EventContracts.load();

  it('validates every event a whole hierarchy and a day of state changes produce', async () => {
    const store = new InMemoryEventStore();
    const handler = new CommandHandler<EquipmentCommand, EquipmentState, ProductionEvent>(store, equipmentDecider, {
      validate: contracts.validatorFor('production'),
    });
    const at = '2026-11-02T06:00:00.000Z';
    const levels = [
      { id: 'acme', level: 'Enterprise' },
      { id: 'lyon', level: 'Site' },
      { id: 'machining', level: 'Area' },
      { id: 'line-1', level: 'WorkCenter', workCenterType: 'ProductionLine' },
      { id: 'lathe-1', level: 'WorkUnit' },
    ] as const;
    let parent = null as ParentEquipment | null;
    for (const element of levels) {
      await handler.handle(equipmentStreamId(element.id), {
        type: 'DefineEquipment',
        equipmentId: element.id,
        name: `${element.level} ${element.id}`,
        description: 'described',
        level: element.level,
        ...('workCenterType' in element ? { workCenterType: element.workCenterType } : {}),
        parent,
        at,
      });
      parent = { equipmentId: element.id, level: element.level, path: [...(parent?.path ?? []), element.id] };
    }
    const changes: EquipmentCommand[] = [
      { type: 'ChangeWorkUnitState', workUnitId: 'lathe-1', state: 'Setup', since: '2026-11-02T06:00:00.000Z' },
      { type: 'ChangeWorkUnitState', workUnitId: 'lathe-1', state: 'Running', since: '2026-11-02T06:20:00.000Z' },
      { type: 'ChangeWorkUnitState', workUnitId: 'lathe-1', state: 'Down', reasonCode: 'TOOL_BREAK', reasonText: 'insert broke', since: '2026-11-02T08:00:00.000Z' },
      { type: 'ChangeWorkUnitState', workUnitId: 'lathe-1', state: 'Idle', since: '2026-11-02T08:30:00.000Z' },
      { type: 'ChangeWorkUnitState', workUnitId: 'lathe-1', state: 'PlannedDowntime', since: '2026-11-02T12:00:00.000Z' },
      { type: 'ChangeWorkUnitState', workUnitId: 'lathe-1', state: 'Unknown', since: '2026-11-02T13:00:00.000Z' },
    ];
    for (const change of changes) await handler.handle(equipmentStreamId('lathe-1'), change);

    const all = await store.readAll({ limit: 100 });
    expect(all.map((event) => event.type)).toEqual([...levels.map(() => 'EquipmentDefined'), ...changes.map(() => 'WorkUnitStateChanged')]);
    for (const event of all) expect(contracts.problems('production', { type: event.type, data: event.data })).toEqual([]);
  });

  it('fails a command whose event breaks the contract, and appends nothing', async () => {
    const store = new InMemoryEventStore();
    const handler = new CommandHandler<EquipmentCommand, EquipmentState, ProductionEvent>(store, equipmentDecider, {
      validate: contracts.validatorFor('production'),
    });
    const tooLong = 'x'.repeat(201);
    await expect(
      handler.handle(equipmentStreamId('acme'), { type: 'DefineEquipment', equipmentId: 'acme', name: tooLong, level: 'Enterprise', parent: null, at: '2026-11-02T06:00:00.000Z' }),
    ).rejects.toBeInstanceOf(EventContractViolationError);
    expect(await store.readAll({ limit: 10 })).toEqual([]);
  });
});
