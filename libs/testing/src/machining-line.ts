/**
 * The plant the scheduling tests run on, defined through the production service's REST API: site lyon,
 * one line of two interchangeable lathes (equipment class `lathes`) and a mill, and product `shaft`, turned
 * on either lathe then milled. `post` sends a body to a production path and throws on an error answer.
 */
export async function defineMachiningLine(post: (path: string, body?: unknown) => Promise<unknown>, options: { millCycleSeconds?: number } = {}): Promise<void> {
  for (const [equipmentId, level, parentId] of [
    ['acme', 'Enterprise', undefined],
    ['lyon', 'Site', 'acme'],
    ['machining', 'Area', 'lyon'],
    ['line-1', 'WorkCenter', 'machining'],
    ['lathe-1', 'WorkUnit', 'line-1'],
    ['lathe-2', 'WorkUnit', 'line-1'],
    ['mill-1', 'WorkUnit', 'line-1'],
  ] as const) {
    await post('/equipment', { equipmentId, name: equipmentId, level, ...(parentId ? { parentId } : {}) });
  }
  await post('/equipment-classes', { equipmentClassId: 'lathes', name: 'CNC lathes' });
  await post('/equipment-classes/lathes/work-units', { workUnitId: 'lathe-1' });
  await post('/equipment-classes/lathes/work-units', { workUnitId: 'lathe-2' });
  await post('/products', { productId: 'shaft', name: 'Drive shaft', unitOfMeasure: 'pcs' });
  await post('/products/shaft/routings', {
    segments: [
      { segmentId: 'turn', name: 'Turning', eligible: [{ equipmentClassId: 'lathes', idealCycleTimeSeconds: 30, setupTimeSeconds: 600 }] },
      { segmentId: 'mill', name: 'Milling', eligible: [{ workUnitId: 'mill-1', idealCycleTimeSeconds: options.millCycleSeconds ?? 45, setupTimeSeconds: 300 }], dependsOn: ['turn'] },
    ],
  });
}
