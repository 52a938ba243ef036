/**
 * The demo plant seeded on the first embedded start: one enterprise, two sites, their areas, lines and
 * work units, and a first equipment state for each unit. It goes in through the production service's
 * API like any client's data, with idempotency keys, and runs on every start: what was done before is
 * answered from its idempotency record, so an interrupted seed finishes on the next start.
 */
interface Element {
  equipmentId: string;
  name: string;
  level: 'Enterprise' | 'Site' | 'Area' | 'WorkCenter' | 'WorkUnit';
  parentId?: string;
  workCenterType?: 'ProductionLine';
}

function site(id: string, name: string, lines: { area: string; areaName: string; line: string; units: string[] }[]): Element[] {
  const elements: Element[] = [{ equipmentId: id, name, level: 'Site', parentId: 'acme' }];
  for (const { area, areaName, line, units } of lines) {
    if (!elements.some((element) => element.equipmentId === area)) {
      elements.push({ equipmentId: area, name: areaName, level: 'Area', parentId: id });
    }
    elements.push({ equipmentId: line, name: `Line ${line.split('-').pop() ?? line}`, level: 'WorkCenter', parentId: area, workCenterType: 'ProductionLine' });
    for (const unit of units) elements.push({ equipmentId: unit, name: unit.replace(/-/g, ' '), level: 'WorkUnit', parentId: line });
  }
  return elements;
}

export const demoPlant: Element[] = [
  { equipmentId: 'acme', name: 'ACME Components', level: 'Enterprise' },
  ...site('lyon', 'Lyon plant', [
    { area: 'lyon-machining', areaName: 'Machining', line: 'lyon-l1', units: ['lyon-l1-lathe', 'lyon-l1-mill', 'lyon-l1-deburr'] },
    { area: 'lyon-machining', areaName: 'Machining', line: 'lyon-l2', units: ['lyon-l2-lathe', 'lyon-l2-mill'] },
    { area: 'lyon-assembly', areaName: 'Assembly', line: 'lyon-l3', units: ['lyon-l3-press', 'lyon-l3-screw', 'lyon-l3-test'] },
  ]),
  ...site('austin', 'Austin plant', [
    { area: 'austin-molding', areaName: 'Molding', line: 'austin-l1', units: ['austin-l1-mold1', 'austin-l1-mold2', 'austin-l1-trim'] },
    { area: 'austin-packing', areaName: 'Packing', line: 'austin-l2', units: ['austin-l2-filler', 'austin-l2-capper', 'austin-l2-labeler'] },
  ]),
];

const firstStates: Record<string, { state: string; reasonCode?: string; reasonText?: string }> = {
  'lyon-l1-mill': { state: 'Down', reasonCode: 'SPINDLE_OVERHEAT', reasonText: 'spindle temperature alarm' },
  'lyon-l2-lathe': { state: 'Setup' },
  'lyon-l3-test': { state: 'Idle' },
  'austin-l1-mold2': { state: 'PlannedDowntime', reasonText: 'mould change window' },
  'austin-l2-capper': { state: 'Down', reasonCode: 'MATERIAL_SHORTAGE', reasonText: 'waiting for caps' },
};

/** Answers whether this call changed anything. */
async function send(url: string, body: unknown, idempotencyKey: string): Promise<boolean> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': idempotencyKey, 'x-quadrant-actor': 'demo-seed' },
    body: JSON.stringify(body),
  });
  // 409: defined already; 422: a newer state was recorded since (by a user). Either way nothing to do.
  if (!response.ok && response.status !== 409 && response.status !== 422) {
    throw new Error(`seeding ${url} answered ${response.status}: ${await response.text()}`);
  }
  return response.status === 200 || response.status === 201 ? ((await response.json()) as { replayed?: boolean }).replayed !== true : false;
}

/** Answers whether anything was missing (a first start, or one after an interrupted seed). */
export async function seedDemoPlant(productionUrl: string, now: Date = new Date()): Promise<boolean> {
  let changed = false;
  for (const element of demoPlant) changed = (await send(`${productionUrl}/equipment`, element, `demo-seed-define-${element.equipmentId}`)) || changed;
  const since = new Date(now.getTime() - 15 * 60_000).toISOString();
  for (const unit of demoPlant.filter((element) => element.level === 'WorkUnit')) {
    const first = firstStates[unit.equipmentId] ?? { state: 'Running' };
    changed = (await send(`${productionUrl}/work-units/${unit.equipmentId}/state`, { ...first, since }, `demo-seed-state-${unit.equipmentId}`)) || changed;
  }
  return changed;
}
