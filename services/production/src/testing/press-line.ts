/**
 * The plant the Sparkplug tests run on: one press on one line at site lyon, a product pressed on it and a
 * released job order `jo-1` for it. `ok` posts to the production service and throws on an error answer.
 */
export async function definePressLine(ok: (path: string, body?: unknown) => Promise<void>): Promise<void> {
  for (const [equipmentId, level, parentId] of [
    ['acme', 'Enterprise', undefined],
    ['lyon', 'Site', 'acme'],
    ['stamping', 'Area', 'lyon'],
    ['line-1', 'WorkCenter', 'stamping'],
    ['press-1', 'WorkUnit', 'line-1'],
  ] as const) {
    await ok('/equipment', { equipmentId, name: equipmentId, level, ...(parentId ? { parentId } : {}) });
  }
  await ok('/products', { productId: 'bracket', name: 'Bracket', unitOfMeasure: 'pcs' });
  await ok('/products/bracket/routings', { segments: [{ segmentId: 'press', name: 'Pressing', eligible: [{ workUnitId: 'press-1', idealCycleTimeSeconds: 2, setupTimeSeconds: 0 }] }] });
  await ok('/job-orders', { jobOrderId: 'jo-1', productId: 'bracket', quantity: 1000, siteId: 'lyon' });
  await ok('/job-orders/jo-1/release');
}
