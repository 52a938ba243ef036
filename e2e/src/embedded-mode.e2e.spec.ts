import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, ServiceProcess } from '@quadrant/platform';

/** `npm start`'s process: everything in one, on PGlite and the in-process transport, data kept across starts. */
describe('embedded mode', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'quadrant-embedded-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  async function graphql(url: string, query: string): Promise<{ data?: Record<string, unknown>; errors?: { extensions?: { code?: string } }[] }> {
    const response = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
    return (await response.json()) as { data?: Record<string, unknown> };
  }

  it('seeds the two-site demo plant, takes a command, and keeps its data across a restart', async () => {
    const port = await freePort();
    let productionPort = await freePort();
    while (productionPort === port) productionPort = await freePort();
    // The simulator runs an hour of plant time per second, so the demo plant visibly comes alive.
    const platform = new ServiceProcess('embedded', 'dist/services/embedded/src/main.js', port, {
      QUADRANT_DATA_DIR: dataDir,
      PRODUCTION_PORT: String(productionPort),
      QUADRANT_SIMULATOR_SPEED: '3600',
    });
    await platform.start();
    try {
      await exercise(platform);
    } catch (error) {
      console.log(`embedded process output:\n${platform.log}`);
      throw error;
    } finally {
      await platform.stop();
    }
  });

  async function exercise(platform: ServiceProcess): Promise<void> {
    const until = async (check: () => Promise<boolean>): Promise<void> => {
      const deadline = Date.now() + 30_000;
      while (!(await check()) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    };
    await until(async () => ((await graphql(platform.url, '{ sites { id } }')).data?.['sites'] as unknown[] | undefined)?.length === 2);
    expect((await graphql(platform.url, '{ sites { id } }')).data).toEqual({ sites: [{ id: 'austin' }, { id: 'lyon' }] });

    const changed = await graphql(platform.url, 'mutation { changeWorkUnitState(workUnitId: "lyon-l1-mill", input: {state: Running, since: "2030-01-01T08:00:00Z"}) { version } }');
    expect(changed.errors).toBeUndefined();
    const refused = await graphql(platform.url, 'mutation { changeWorkUnitState(workUnitId: "lyon-l1-mill", input: {state: Down, since: "2030-01-01T09:00:00Z"}) { version } }');
    expect(refused.errors?.[0]?.extensions?.code).toBe('STOP_REASON_REQUIRED');
    const millState = '{ equipment(id: "lyon-l1-mill") { status { state since } } }';
    await until(async () => JSON.stringify((await graphql(platform.url, millState)).data).includes('Running'));

    await platform.stop();
    await platform.start();
    expect((await graphql(platform.url, millState)).data).toEqual({ equipment: { status: { state: 'Running', since: '2030-01-01T08:00:00.000Z' } } });
    const statuses = async (): Promise<number> => ((await graphql(platform.url, '{ workUnitStatuses { workUnitId } }')).data?.['workUnitStatuses'] as unknown[] | undefined)?.length ?? 0;
    await until(async () => (await statuses()) === 14);
    expect(await statuses()).toBe(14);

    // The plant simulator drives the other units through the machine-data endpoint.
    const lathe = '{ workUnitStateHistory(workUnitId: "austin-l1-mold1", last: 100) { state since } }';
    const changes = async (): Promise<number> => ((await graphql(platform.url, lathe)).data?.['workUnitStateHistory'] as unknown[] | undefined)?.length ?? 0;
    await until(async () => (await changes()) >= 4);
    expect(await changes()).toBeGreaterThanOrEqual(4);

    // Its counts land on the job order the demo dispatcher started on the line.
    const jobOrder = '{ jobOrder(id: "demo-austin-l1-001") { status progress { good scrap } } }';
    const good = async (): Promise<number> => ((await graphql(platform.url, jobOrder)).data?.['jobOrder'] as { progress?: { good: number } } | undefined)?.progress?.good ?? 0;
    await until(async () => (await good()) > 0);
    expect(await good()).toBeGreaterThan(0);
  }
});
