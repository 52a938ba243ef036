import { eventually } from './eventually';
import { browserSession } from './browser-session';

/**
 * The built dashboard (dist/services/dashboard) in Chromium, against a stub gateway with the real schema: what a
 * plant manager sees matches what GraphQL answers, drill-down and the URL, empty and error states, live updates.
 */
const RANGE = { from: '2025-03-03T06:00:00Z', to: '2025-03-04T06:00:00Z' };
const RANGE_QUERY = `?from=${RANGE.from}&to=${RANGE.to}`;
const EMPTY_RANGE_QUERY = '?from=2020-01-06T00:00:00Z&to=2020-01-07T00:00:00Z';

describe('the KPI dashboard', () => {
  const session = browserSession();
  const { stub, open, testId, screenshot } = session;

  async function dataValue(id: string): Promise<number | null> {
    await testId(id).waitFor();
    return JSON.parse((await testId(id).getAttribute('data-value')) ?? 'undefined') as number | null;
  }

  async function stubOee(scope: string, range = RANGE): Promise<number | null> {
    const data = await stub.query<{ kpis: { total: { oee: number | null } } }>(
      'query ($scope: ID!, $from: DateTime!, $to: DateTime!) { kpis(scope: $scope, from: $from, to: $to, granularity: HOUR) { total { oee } } }',
      { scope, ...range },
    );
    return data.kpis.total.oee;
  }

  /** The breadcrumb, once it reads as expected (it is replaced when the view changes). */
  async function expectBreadcrumb(expected: string[]): Promise<void> {
    await eventually(testId('breadcrumb').locator('li')).toHaveTexts(expected);
  }

  async function expectUrl(path: string): Promise<void> {
    await session.page.waitForURL((url) => `${url.pathname}${url.search}` === path);
  }

  it('shows a card per site with the OEE GraphQL answers, and its worst lines', async () => {
    await open(`/${RANGE_QUERY}`);
    await eventually(session.page.locator('[data-testid^="site-card-"]')).toHaveCount(2);
    for (const site of ['austin', 'lyon']) {
      const oee = await stubOee(site);
      expect(oee).not.toBeNull();
      expect(await dataValue(`oee-${site}`)).toBe(oee);
      expect(await testId(`oee-${site}`).innerText()).toBe(`${((oee ?? 0) * 100).toFixed(1)} %`);
    }
    const lyonLines = await stub.query<{ kpiBreakdown: { equipment: { id: string } }[] }>(
      `{ kpiBreakdown(scope: "lyon", level: WorkCenter, from: "${RANGE.from}", to: "${RANGE.to}") { equipment { id } } }`,
    );
    const worst = lyonLines.kpiBreakdown[0]?.equipment.id ?? '';
    await eventually(testId('site-card-lyon').getByTestId(`oee-${worst}`)).toHaveCount(1);
    expect(await testId('site-card-lyon').locator('.worst-lines li').count()).toBe(3);
    await screenshot('overview');
  });

  it('opens on the last 24 hours at /', async () => {
    await open('/');
    await testId('oee-lyon').waitFor();
    expect(await testId('oee-lyon').innerText()).toMatch(/^\d{1,3}\.\d %$/);
    expect(await session.page.getByRole('button', { name: 'Last 24 h' }).getAttribute('aria-pressed')).toBe('true');
    await eventually(testId('live')).toHaveAttribute('data-status', 'live');
  });

  it('drills down site → area → line → work unit with breadcrumbs, and keeps the view in the URL', async () => {
    await open(`/${RANGE_QUERY}`);
    await testId('site-card-lyon').getByRole('link', { name: 'Lyon plant' }).click();
    await expectUrl(`/scope/lyon${RANGE_QUERY}`);
    expect(await dataValue('scope-oee')).toBe(await stubOee('lyon'));
    await expectBreadcrumb(['All sites', 'Lyon plant']);
    await testId('child-lyon-assembly').waitFor();

    await testId('child-lyon-machining').getByRole('link').click();
    await expectUrl(`/scope/lyon-machining${RANGE_QUERY}`);
    await expectBreadcrumb(['All sites', 'Lyon plant', 'Machining']);
    expect(await dataValue('oee-lyon-l1')).toBe(await stubOee('lyon-l1'));

    await testId('child-lyon-l1').getByRole('link').click();
    await expectUrl(`/scope/lyon-l1${RANGE_QUERY}`);
    await expectBreadcrumb(['All sites', 'Lyon plant', 'Machining', 'Line 1']);
    expect(await dataValue('scope-oee')).toBe(await stubOee('lyon-l1'));
    for (const chart of ['chart-trend', 'chart-waterfall', 'chart-pareto']) await eventually(testId(chart).locator('svg')).toHaveCount(1);
    await eventually(testId('state-lyon-l1-mill')).toContainText('Down');
    await eventually(testId('state-lyon-l1-mill')).toContainText('Spindle overheat');
    await eventually(testId('state-lyon-l1-lathe')).toContainText('Running');
    await screenshot('line');

    await testId('child-lyon-l1-mill').getByRole('link').click();
    const unitPath = `/scope/lyon-l1-mill${RANGE_QUERY}`;
    await expectUrl(unitPath);
    await expectBreadcrumb(['All sites', 'Lyon plant', 'Machining', 'Line 1', 'Mill L1']);
    const unitOee = await stubOee('lyon-l1-mill');
    expect(await dataValue('scope-oee')).toBe(unitOee);
    await screenshot('work-unit');

    // A reload (or the link sent to a colleague) shows the same view.
    await session.page.reload();
    await expectUrl(unitPath);
    expect(await dataValue('scope-oee')).toBe(unitOee);
    await expectBreadcrumb(['All sites', 'Lyon plant', 'Machining', 'Line 1', 'Mill L1']);
    expect(await session.page.getByRole('button', { name: 'Custom…' }).getAttribute('aria-pressed')).toBe('true');

    // Back and forward walk the drill-down.
    await session.page.goBack();
    await expectUrl(`/scope/lyon-l1${RANGE_QUERY}`);
    await expectBreadcrumb(['All sites', 'Lyon plant', 'Machining', 'Line 1']);
    expect(await dataValue('scope-oee')).toBe(await stubOee('lyon-l1'));
    await session.page.goForward();
    await expectUrl(unitPath);
    expect(await dataValue('scope-oee')).toBe(unitOee);

    // The breadcrumb leads back up.
    await testId('breadcrumb').getByRole('link', { name: 'Lyon plant' }).click();
    await expectUrl(`/scope/lyon${RANGE_QUERY}`);
  });

  it('puts the range and the granularity in the URL', async () => {
    await open('/scope/lyon-l1');
    await testId('scope-oee').waitFor();
    await session.page.getByRole('button', { name: 'Last 7 days' }).click();
    await expectUrl('/scope/lyon-l1?range=7d');
    await session.page.getByLabel('Group by', { exact: true }).selectOption('SHIFT');
    await expectUrl('/scope/lyon-l1?range=7d&granularity=shift');
    await session.page.reload();
    expect(await session.page.getByLabel('Group by', { exact: true }).inputValue()).toBe('SHIFT');
    expect(await session.page.getByRole('button', { name: 'Last 7 days' }).getAttribute('aria-pressed')).toBe('true');
    await testId('chart-trend').waitFor();
  });

  it('says so when nothing was recorded in the range, and shows no figure as a dash', async () => {
    await open(`/scope/lyon-l1${EMPTY_RANGE_QUERY}`);
    await eventually(testId('empty')).toContainText('No production recorded for this range');
    expect(await dataValue('scope-oee')).toBeNull();
    expect(await testId('scope-oee').innerText()).toBe('—');
    await eventually(testId('chart-trend')).toHaveCount(0);
    await screenshot('empty');
  });

  it('shows an error the way the gateway words it, and retries', async () => {
    stub.failing.add('lyon-l2');
    try {
      await open(`/scope/lyon-l2${RANGE_QUERY}`);
      await eventually(testId('error')).toContainText('KPI elements of lyon-l2 are being re-projected under definition v3; try again in a minute');
      await eventually(testId('error')).toContainText('KPI_REPROJECTION_IN_PROGRESS');
      await screenshot('error');
    } finally {
      stub.failing.delete('lyon-l2');
    }
    await testId('error').getByRole('button', { name: 'Retry' }).click();
    expect(await dataValue('scope-oee')).toBe(await stubOee('lyon-l2'));
    await eventually(testId('error')).toHaveCount(0);
  });

  it('tells an unknown equipment id apart, with a way back', async () => {
    await open('/scope/nowhere');
    await eventually(testId('unknown-equipment')).toContainText('Unknown equipment nowhere');
    await testId('unknown-equipment').getByRole('link', { name: 'Back to the overview' }).click();
    await expectUrl('/');
    await eventually(session.page.locator('[data-testid^="site-card-"]')).toHaveCount(2);
  });

  it('keeps the state tiles and the figures live', async () => {
    await open(`/scope/lyon-l1${RANGE_QUERY}`);
    const before = await dataValue('scope-oee');
    await eventually(testId('live')).toHaveAttribute('data-status', 'live');
    await eventually(testId('state-lyon-l1-lathe')).toHaveAttribute('data-state', 'Running');

    stub.changeState('lyon-l1-lathe', 'Down', 'TOOL_BREAK');
    await eventually(testId('state-lyon-l1-lathe')).toHaveAttribute('data-state', 'Down');
    await eventually(testId('state-lyon-l1-lathe')).toContainText('Tool break');

    // Scrap on the lathe in the range shown: kpiChanged pushes it, the page refetches (debounced, ~2 s).
    stub.changeQuality('lyon-l1-lathe', 0.5, RANGE);
    const after = await stubOee('lyon-l1');
    expect(after).not.toBe(before);
    await eventually(testId('scope-oee')).toHaveAttribute('data-value', String(after), { timeout: 10_000 });
    stub.changeQuality('lyon-l1-lathe', 1, RANGE);
  });
});
