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
export async function send(url: string, body: unknown, idempotencyKey: string): Promise<boolean> {
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
export function demoLines(): { line: string; site: string; units: string[] }[] {
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

/** The `n`th job order of a line in the demo (from 1); each of its work units runs a segment of its own. */
export function demoJobOrderId(line: string, n: number): string {
  return `demo-${line}-${String(n).padStart(3, '0')}`;
}

/** How many job orders of a line wait, released, behind the one running: the planners' queue. */
export const DEMO_QUEUE = 3;
/** A demo job order is this much work for the line's slowest unit. */
const DEMO_JOB_ORDER_HOURS = 4;

/** A line's demo work: its product, and how many parts a job order asks for. */
export interface DemoLineWork {
  line: string;
  site: string;
  units: string[];
  productId: string;
  quantity: number;
}

export function demoWork(idealCycleTimeSeconds: (workUnitId: string) => number): DemoLineWork[] {
  return demoLines().map(({ line, site, units }) => ({
    line,
    site,
    units,
    productId: `${line}-part`,
    quantity: Math.max(1, Math.round((DEMO_JOB_ORDER_HOURS * 3600) / Math.max(...units.map(idealCycleTimeSeconds)))),
  }));
}

/**
 * The `n`th job order of a line, created and released (idempotent): due some hours after the one before it,
 * at a priority that varies so the schedule has something to weigh.
 */
export async function releaseDemoJobOrder(productionUrl: string, work: DemoLineWork, n: number, now: Date): Promise<boolean> {
  const jobOrderId = demoJobOrderId(work.line, n);
  const dueAt = new Date(now.getTime() + (DEMO_JOB_ORDER_HOURS * 2 + 24) * 3_600_000).toISOString();
  const body = { jobOrderId, productId: work.productId, quantity: work.quantity, siteId: work.site, priority: 3 + (n % 4), dueAt };
  const created = await send(`${productionUrl}/job-orders`, body, `demo-seed-job-${jobOrderId}`);
  const released = await send(`${productionUrl}/job-orders/${jobOrderId}/release`, {}, `demo-seed-release-${jobOrderId}`);
  return created || released;
}

/**
 * Work for the demo lines: a product per line whose routing gives each work unit its own operation (at the
 * ideal cycle time the simulator runs it at), and the first job orders of each line, released. The demo
 * dispatcher (`demo-dispatcher.ts`) runs them one after another.
 */
async function seedDemoWork(productionUrl: string, idealCycleTimeSeconds: (workUnitId: string) => number, now: Date): Promise<boolean> {
  let changed = false;
  for (const work of demoWork(idealCycleTimeSeconds)) {
    const { line, units, productId } = work;
    changed = (await send(`${productionUrl}/products`, { productId, name: `Part made on ${line}`, unitOfMeasure: 'pcs' }, `demo-seed-product-${productId}`)) || changed;
    const segments = units.map((unit) => ({ segmentId: unit, name: unit.replace(/-/g, ' '), eligible: [{ workUnitId: unit, idealCycleTimeSeconds: idealCycleTimeSeconds(unit), setupTimeSeconds: 600 }] }));
    changed = (await send(`${productionUrl}/products/${productId}/routings`, { segments }, `demo-seed-routing-${productId}`)) || changed;
    for (let n = 1; n <= 1 + DEMO_QUEUE; n++) changed = (await releaseDemoJobOrder(productionUrl, work, n, now)) || changed;
  }
  return changed;
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
