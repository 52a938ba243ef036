import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, repositoryRoot, ServiceProcess } from '@quadrant/platform';
import { chromium, type Browser } from 'playwright-core';

/**
 * The plant manager's view of the real platform: `npm start`'s embedded process with the simulator driving
 * the demo plant, the dashboard the gateway serves at `/` in Chromium (Debian's, headless), and the OEE it
 * shows for a site equal to what GraphQL answers for the same scope and range; then a drill-down to a work
 * unit. Screenshots go to test-output/screenshots/.
 */
describe('the KPI dashboard on the embedded platform', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'quadrant-dashboard-'));
  const screenshots = join(repositoryRoot(), 'test-output', 'screenshots');
  let platform: ServiceProcess;
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(screenshots, { recursive: true });
    const port = await freePort();
    let productionPort = await freePort();
    while (productionPort === port) productionPort = await freePort();
    // An hour of plant time per second: the first two hours of the demo are history within seconds.
    platform = new ServiceProcess('embedded', 'dist/services/embedded/src/main.js', port, {
      QUADRANT_DATA_DIR: dataDir,
      PRODUCTION_PORT: String(productionPort),
      QUADRANT_SIMULATOR_SPEED: '3600',
    });
    await platform.start();
    browser = await chromium.launch({ executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium', headless: true, args: ['--no-sandbox'] });
  });

  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function graphql<Data>(query: string, variables: Record<string, unknown> = {}): Promise<Data> {
    const response = await fetch(`${platform.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
    const answer = (await response.json()) as { data?: Data; errors?: unknown };
    if (!answer.data || answer.errors) throw new Error(`GraphQL answered ${JSON.stringify(answer.errors)}`);
    return answer.data;
  }

  it('shows a site’s OEE equal to GraphQL’s for the same scope and range, and drills down to a work unit', async () => {
    // Counts are booked once the demo dispatcher has started Lyon's job orders (the simulator runs an hour a
    // second, so that can be hours of plant time in): the range starts at the first full hour after that.
    const running = async (): Promise<boolean> =>
      (await graphql<{ jobOrders: unknown[] }>('{ jobOrders(siteId: "lyon", statuses: [Running]) { id } }')).jobOrders.length > 0;
    for (const deadline = Date.now() + 60_000; !(await running()); await new Promise((resolve) => setTimeout(resolve, 500))) {
      if (Date.now() > deadline) throw new Error('no Lyon job order was running after a minute');
    }
    const { workUnitStatuses: now } = await graphql<{ workUnitStatuses: { since: string }[] }>('{ workUnitStatuses(scope: "lyon") { since } }');
    const plantTime = Math.max(Date.now(), ...now.map((status) => Date.parse(status.since)));
    const start = Math.ceil(plantTime / 3_600_000) * 3_600_000;
    // The demo plant works two shifts on weekdays: outside them its units are in planned downtime and
    // produce nothing. The range is the first two hours in which Lyon ran and made parts, once every unit
    // has a state from after them (the simulator sends in time order, so nothing more will land in them).
    const hoursRunning = async (until: number): Promise<{ from: string; to: string; APT: number; PQ: number }[]> =>
      (
        await graphql<{ kpis: { buckets: { from: string; to: string; elements: { APT: number; PQ: number } }[] } }>(
          `query ($from: DateTime!, $to: DateTime!) { kpis(scope: "lyon", from: $from, to: $to, granularity: HOUR) { buckets { from to elements { APT PQ } } } }`,
          { from: new Date(start).toISOString(), to: new Date(until).toISOString() },
        )
      ).kpis.buckets.map((bucket) => ({ from: bucket.from, to: bucket.to, ...bucket.elements }));
    const settledUpTo = async (): Promise<number> => {
      const { workUnitStatuses } = await graphql<{ workUnitStatuses: { since: string }[] }>('{ workUnitStatuses(scope: "lyon") { since } }');
      return Math.floor(Math.min(...workUnitStatuses.map((status) => Date.parse(status.since))) / 3_600_000) * 3_600_000;
    };
    let found: { from: string; to: string } | undefined;
    for (const deadline = Date.now() + 120_000; !found; await new Promise((resolve) => setTimeout(resolve, 1_000))) {
      if (Date.now() > deadline) throw new Error('the simulated plant did not run two hours in a shift within 2 minutes');
      const settled = await settledUpTo();
      if (settled < start + 2 * 3_600_000) continue;
      const hours = await hoursRunning(settled);
      const at = hours.findIndex((hour, i) => hour.APT > 0 && hour.PQ > 0 && (hours[i + 1]?.APT ?? 0) > 0 && (hours[i + 1]?.PQ ?? 0) > 0);
      const [first, second] = [hours[at], hours[at + 1]];
      if (at >= 0 && first && second) found = { from: first.from, to: second.to };
    }
    const range = found;
    const siteOee = async (): Promise<{ oee: number | null; PQ: number }> => {
      const { total } = (
        await graphql<{ kpis: { total: { oee: number | null; elements: { PQ: number } } } }>(
          `query ($from: DateTime!, $to: DateTime!) { kpis(scope: "lyon", from: $from, to: $to, granularity: HOUR) { total { oee elements { PQ } } } }`,
          range,
        )
      ).kpis;
      return { oee: total.oee, PQ: total.elements.PQ };
    };
    let previous: string | undefined;
    for (let still = 0; still < 3; await new Promise((resolve) => setTimeout(resolve, 1_000))) {
      const seen = JSON.stringify(await siteOee());
      still = seen === previous ? still + 1 : 0;
      previous = seen;
    }
    const expected = await siteOee();
    expect(expected.PQ).toBeGreaterThan(0);
    expect(expected.oee).not.toBeNull();

    const page = await (await browser.newContext({ viewport: { width: 1360, height: 1000 }, timezoneId: 'UTC' })).newPage();
    try {
      const query = `?from=${range.from}&to=${range.to}`;
      await page.goto(`${platform.url}/${query}`);
      const card = page.getByTestId('oee-lyon');
      await card.waitFor({ timeout: 30_000 });
      await page.waitForFunction(`document.querySelector('[data-testid="oee-lyon"]')?.getAttribute('data-value') != null`, undefined, { timeout: 30_000 });
      const shown = JSON.parse((await card.getAttribute('data-value')) ?? 'null') as number | null;
      expect(shown).toBeCloseTo(expected.oee ?? NaN, 12);
      await page.screenshot({ path: join(screenshots, 'platform-overview.png'), fullPage: true });

      // Site, then down the hierarchy to a work unit, following the links a person would click.
      await page.getByTestId('site-card-lyon').getByRole('link', { name: 'Lyon plant' }).click();
      for (const child of ['lyon-machining', 'lyon-l1', 'lyon-l1-lathe']) await page.getByTestId(`child-${child}`).getByRole('link').first().click();
      await page.getByTestId('scope-oee').waitFor({ timeout: 30_000 });
      expect(page.url()).toContain('/scope/lyon-l1-lathe');
      // The range stays in the URL all the way down, so the link can be shared.
      expect(Date.parse(new URL(page.url()).searchParams.get('from') ?? '')).toBe(Date.parse(range.from));
      const breadcrumb = await page.getByTestId('breadcrumb').innerText();
      for (const name of ['Lyon plant', 'Machining', 'Line l1', 'lyon l1 lathe']) expect(breadcrumb).toContain(name);
      const lathe = await graphql<{ kpis: { total: { oee: number | null } } }>(
        `query ($from: DateTime!, $to: DateTime!) { kpis(scope: "lyon-l1-lathe", from: $from, to: $to, granularity: HOUR) { total { oee } } }`,
        range,
      );
      await page.waitForFunction(`document.querySelector('[data-testid="scope-oee"]')?.getAttribute('data-value') != null`, undefined, { timeout: 30_000 });
      const latheShown = JSON.parse((await page.getByTestId('scope-oee').getAttribute('data-value')) ?? 'null') as number | null;
      expect(latheShown).toBeCloseTo(lathe.kpis.total.oee ?? NaN, 12);
      await page.getByTestId('chart-trend').waitFor();
      await page.screenshot({ path: join(screenshots, 'platform-work-unit.png'), fullPage: true });
    } catch (error) {
      await page.screenshot({ path: join(screenshots, 'platform-failure.png'), fullPage: true }).catch(() => undefined);
      console.log(`embedded process output:\n${platform.log.slice(-5000)}`);
      throw error;
    } finally {
      await page.context().close();
    }
  });
});
