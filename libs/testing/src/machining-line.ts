/** Sends a body to a production path and throws on an error answer. */
export type ProductionPost = (path: string, body?: unknown) => Promise<unknown>;

const ALL_UNITS = ['lathe-1', 'lathe-2', 'mill-1'] as const;
type MachiningUnit = (typeof ALL_UNITS)[number];

/**
 * The equipment of the machining line, through the production service's REST API: enterprise acme, site
 * lyon, area machining, line line-1 and the chosen work units of it (by default lathe-1, lathe-2 and
 * mill-1); with `lathesClass`, the equipment class `lathes` of those lathes.
 */
export async function defineMachiningEquipment(
  post: ProductionPost,
  options: { workUnits?: readonly MachiningUnit[]; lathesClass?: boolean } = {},
): Promise<void> {
  const workUnits = options.workUnits ?? ALL_UNITS;
  const hierarchy: [string, string, string | undefined][] = [
    ['acme', 'Enterprise', undefined],
    ['lyon', 'Site', 'acme'],
    ['machining', 'Area', 'lyon'],
    ['line-1', 'WorkCenter', 'machining'],
    ...workUnits.map((unit): [string, string, string] => [unit, 'WorkUnit', 'line-1']),
  ];
  for (const [equipmentId, level, parentId] of hierarchy) {
    await post('/equipment', { equipmentId, name: equipmentId, level, ...(parentId ? { parentId } : {}) });
  }
  if (options.lathesClass === false) return;
  await post('/equipment-classes', { equipmentClassId: 'lathes', name: 'CNC lathes' });
  for (const workUnitId of workUnits.filter((unit) => unit.startsWith('lathe-'))) await post('/equipment-classes/lathes/work-units', { workUnitId });
}

/**
 * The plant the scheduling tests run on: the machining line's equipment (`defineMachiningEquipment`) and
 * product `shaft`, turned on a lathe of the class then milled.
 */
export async function defineMachiningLine(post: ProductionPost, options: { millCycleSeconds?: number; workUnits?: readonly MachiningUnit[] } = {}): Promise<void> {
  await defineMachiningEquipment(post, options.workUnits ? { workUnits: options.workUnits } : {});
  await post('/products', { productId: 'shaft', name: 'Drive shaft', unitOfMeasure: 'pcs' });
  await post('/products/shaft/routings', {
    segments: [
      { segmentId: 'turn', name: 'Turning', eligible: [{ equipmentClassId: 'lathes', idealCycleTimeSeconds: 30, setupTimeSeconds: 600 }] },
      { segmentId: 'mill', name: 'Milling', eligible: [{ workUnitId: 'mill-1', idealCycleTimeSeconds: options.millCycleSeconds ?? 45, setupTimeSeconds: 300 }], dependsOn: ['turn'] },
    ],
  });
}
