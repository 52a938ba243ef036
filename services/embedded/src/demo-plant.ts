import { DEMO_CALENDAR } from '@quadrant/simulator';
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

/** Each line's work units, in line order, from the demo plant. */
function demoLines(): { line: string; site: string; units: string[] }[] {
  const siteOf = (equipmentId: string): string => {
    const area = demoPlant.find((element) => element.equipmentId === equipmentId)?.parentId ?? '';
    return demoPlant.find((element) => element.equipmentId === area)?.parentId ?? '';
  };
  return demoPlant
    .filter((element) => element.level === 'WorkCenter')
    .map((line) => ({
      line: line.equipmentId,
      site: siteOf(line.equipmentId),
      units: demoPlant.filter((element) => element.parentId === line.equipmentId).map((element) => element.equipmentId),
    }));
}

/** The job order that runs on a line in the demo, and the segment each of its work units runs. */
export function demoJobOrderOf(line: string): string {
  return `demo-${line}-001`;
}

/**
 * Work for the demo lines: a product per line whose routing gives each work unit its own operation (at the
 * ideal cycle time the simulator runs it at), and an open-ended job order per line, released and each
 * segment dispatched to its unit. `startDemoJobOrders` then starts the segments whose units are available.
 */
async function seedDemoWork(productionUrl: string, idealCycleTimeSeconds: (workUnitId: string) => number, now: Date): Promise<boolean> {
  let changed = false;
  for (const { line, site, units } of demoLines()) {
    const productId = `${line}-part`;
    changed = (await send(`${productionUrl}/products`, { productId, name: `Part made on ${line}`, unitOfMeasure: 'pcs' }, `demo-seed-product-${productId}`)) || changed;
    const segments = units.map((unit) => ({ segmentId: unit, name: unit.replace(/-/g, ' '), eligible: [{ workUnitId: unit, idealCycleTimeSeconds: idealCycleTimeSeconds(unit), setupTimeSeconds: 600 }] }));
    changed = (await send(`${productionUrl}/products/${productId}/routings`, { segments }, `demo-seed-routing-${productId}`)) || changed;
    const jobOrderId = demoJobOrderOf(line);
    const dueAt = new Date(now.getTime() + 7 * 24 * 3_600_000).toISOString();
    changed = (await send(`${productionUrl}/job-orders`, { jobOrderId, productId, quantity: 1_000_000, siteId: site, priority: 5, dueAt }, `demo-seed-job-${jobOrderId}`)) || changed;
    changed = (await send(`${productionUrl}/job-orders/${jobOrderId}/release`, {}, `demo-seed-release-${jobOrderId}`)) || changed;
    for (const unit of units) {
      changed = (await send(`${productionUrl}/job-orders/${jobOrderId}/dispatch`, { segmentId: unit, workUnitId: unit }, `demo-seed-dispatch-${jobOrderId}-${unit}`)) || changed;
    }
  }
  return changed;
}

/**
 * Starts each demo segment whose work unit can take it now (not Down, not in planned downtime); a refusal
 * just means "not yet". Safe to call again and again: a running segment is left as it is.
 */
export async function startDemoJobOrders(productionUrl: string): Promise<number> {
  let started = 0;
  for (const { line, units } of demoLines()) {
    for (const unit of units) {
      const response = await fetch(`${productionUrl}/job-orders/${demoJobOrderOf(line)}/segments/${unit}/start`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-quadrant-actor': 'demo-dispatcher' },
        body: JSON.stringify({ workUnitId: unit }),
      });
      if (response.ok && ((await response.json()) as { events?: unknown[] }).events?.length) started++;
    }
  }
  return started;
}

/**
 * The sites' work calendar: the simulator's two shifts with their breaks, every day, on UTC (the simulator's
 * clock), so that planned time (POT, PDOT) and what the machines do agree.
 */
export function demoWorkCalendar(): { timeZone: string; shifts: { name: string; days: string[]; start: string; end: string; breaks: { start: string; end: string; reason: string }[] }[] } {
  const days = ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'];
  return {
    timeZone: 'UTC',
    shifts: DEMO_CALENDAR.shifts.map((shift, index) => ({
      name: shift.name ?? `shift ${index + 1}`,
      days,
      start: shift.start,
      end: shift.end,
      breaks: (shift.breaks ?? []).map((pause) => ({ start: pause.start, end: pause.end, reason: 'break' })),
    })),
  };
}

/**
 * Answers whether anything was missing (a first start, or one after an interrupted seed). `withCalendars`:
 * give the sites the simulator's shifts as their work calendar. Only when the simulator runs in real time:
 * at another speed the plant's clock is not the wall clock, and a calendar on the wall clock would refuse
 * starts during breaks the simulated plant is not in (the units are then planned round the clock).
 */
export async function seedDemoPlant(
  productionUrl: string,
  now: Date = new Date(),
  idealCycleTimeSeconds?: (workUnitId: string) => number,
  options: { withCalendars?: boolean } = {},
): Promise<boolean> {
  let changed = false;
  for (const element of demoPlant) changed = (await send(`${productionUrl}/equipment`, element, `demo-seed-define-${element.equipmentId}`)) || changed;
  if (options.withCalendars) {
    for (const site of demoPlant.filter((element) => element.level === 'Site')) {
      changed = (await send(`${productionUrl}/work-calendars/${site.equipmentId}`, { calendar: demoWorkCalendar() }, `demo-seed-calendar-${site.equipmentId}`)) || changed;
    }
  }
  const since = new Date(now.getTime() - 15 * 60_000).toISOString();
  for (const unit of demoPlant.filter((element) => element.level === 'WorkUnit')) {
    const first = firstStates[unit.equipmentId] ?? { state: 'Running' };
    changed = (await send(`${productionUrl}/work-units/${unit.equipmentId}/state`, { ...first, since }, `demo-seed-state-${unit.equipmentId}`)) || changed;
  }
  if (idealCycleTimeSeconds) changed = (await seedDemoWork(productionUrl, idealCycleTimeSeconds, now)) || changed;
  return changed;
}
