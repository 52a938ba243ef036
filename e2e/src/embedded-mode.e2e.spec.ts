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
    const platform = new ServiceProcess('embedded', 'dist/services/embedded/src/main.js', port, { QUADRANT_DATA_DIR: dataDir, PRODUCTION_PORT: String(productionPort) });
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
    expect(((await graphql(platform.url, '{ workUnitStatuses { workUnitId } }')).data?.['workUnitStatuses'] as unknown[]).length).toBe(14);
  }
});
