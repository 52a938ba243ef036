import { eventually } from './eventually';
import { browserSession } from './browser-session';

/**
 * The schedule view of the built dashboard (dist/services/dashboard) in Chromium, against the stub gateway's
 * detailed schedule (stub-schedule.ts): the Gantt's rows, the operations, the site's revisions, why an operation
 * moved, live revisions, and the empty, error and no-site states.
 */
describe('the schedule view', () => {
  const session = browserSession();
  const { stub, open, testId, screenshot } = session;

  async function expectUrl(path: string): Promise<void> {
    await session.page.waitForURL((url) => `${url.pathname}${url.search}` === path);
  }

  it('is a tab of the site, with a Gantt row per work unit, the operations and the latest revisions', async () => {
    await open('/scope/lyon');
    await testId('tab-schedule').click();
    await expectUrl('/scope/lyon/schedule');
    expect(await testId('tab-schedule').getAttribute('aria-current')).toBe('page');
    // The presets look ahead on the schedule.
    expect(await session.page.getByRole('button', { name: 'Next 24 h' }).getAttribute('aria-pressed')).toBe('true');
    await eventually(session.page.getByRole('heading', { level: 1 })).toContainText('Lyon plant schedule');

    // Rows: every work unit of the site, in hierarchy order, by name; and the "now" line among them.
    await eventually(testId('chart-gantt').locator('svg')).toHaveCount(1);
    const units = (await stub.query<{ equipment: { workUnits: { name: string }[] } }>('{ equipment(id: "lyon") { workUnits { name } } }')).equipment.workUnits;
    expect(units.length).toBe(7);
    const chartTexts = async (): Promise<string[]> => (await testId('chart-gantt').locator('svg text').allTextContents()).map((text) => text.trim());
    await eventually(testId('chart-gantt').locator('svg text', { hasText: 'Deburring L1' })).toHaveCount(1);
    const texts = await chartTexts();
    for (const unit of units) expect(texts).toContain(unit.name);
    expect(texts).toContain('now');
    // Bars wide enough for their label carry it.
    expect(texts).toContain('jo-1002 / 10');
    expect(await testId('chart-gantt').getAttribute('aria-label')).toContain('6 operations on 7 work units, 2 late, 1 locked, 2 downtime periods');

    // The operations, as a table too: by unit, then start.
    await eventually(testId('schedule-meta')).toContainText('Revision 2');
    await eventually(testId('schedule-meta')).toContainText('6 operations · 2 late · 1 locked');
    await eventually(testId('operations').locator('tbody th')).toHaveTexts(['jo-1001 / 10', 'jo-1002 / 10', 'jo-1001 / 20', 'jo-1003 / 10', 'jo-1001 / 30', 'jo-1003 / 20']);
    await eventually(testId('operation-jo-1002/10')).toContainText('Locked');
    await eventually(testId('operation-jo-1003/10')).toContainText('Late');
    await eventually(testId('operation-jo-1003/10')).toContainText('Mill L1');
    await eventually(testId('operation-jo-1001/20')).toContainText('On time');

    // The site's revisions, newest first, in plain words.
    await eventually(testId('revisions').locator('tbody tr')).toHaveCount(2);
    await eventually(testId('revision-2')).toContainText('Breakdown · Mill L1 · Spindle overheat');
    await eventually(testId('revision-2')).toContainText('moved 4 operations');
    await eventually(testId('revision-1')).toContainText('Job order released');
    await eventually(testId('revision-1')).toContainText('moved 6 operations');
    await screenshot('schedule');
  });

  it('explains why an operation moved, picked in the table', async () => {
    await open('/scope/lyon/schedule');
    await eventually(testId('why-moved')).toContainText('Pick an operation');
    const pick = testId('operation-jo-1003/10').getByRole('button', { name: 'jo-1003 / 10' });
    await pick.click();
    expect(await pick.getAttribute('aria-pressed')).toBe('true');
    await eventually(testId('why-moved').getByRole('heading', { level: 2 })).toContainText('Why did jo-1003 / 10 move?');

    // Newest first: the breakdown moved it later on the mill, after revision 1 had placed it.
    await eventually(testId('why-moved').locator('.why-item')).toHaveCount(2);
    await eventually(testId('why-revision-2')).toContainText('Revision 2 · Breakdown · Mill L1 · Spindle overheat');
    await eventually(testId('why-revision-2')).toContainText('From Mill L1,');
    await eventually(testId('causes-2')).toContainText('lyon-l1-mill Down (SPINDLE_OVERHEAT)');
    await eventually(testId('causes-2')).toContainText('by plc:lyon-l1-mill');
    await eventually(testId('causes-2')).toContainText('schedule of lyon revised (revision 2, moved 4)');
    await eventually(testId('why-revision-1')).toContainText('Placed on Mill L1,');
    await eventually(testId('causes-1')).toContainText('job order jo-1003 released');
    await screenshot('schedule-why-moved');

    // What the panel shows is what the gateway answers.
    const answer = await stub.query<{ whyDidOperationMove: { causes: { summary: string }[] }[] }>('{ whyDidOperationMove(jobOrderId: "jo-1003", segmentId: "10") { causes { summary } } }');
    expect(await testId('causes-2').locator('.cause-summary').allTextContents()).toEqual(answer.whyDidOperationMove[0]?.causes.map((cause) => cause.summary));
  });

  it('refetches when the site’s schedule is revised', async () => {
    await open('/scope/lyon-l1/schedule');
    await eventually(testId('revision-2')).toContainText('Breakdown');
    await eventually(testId('live')).toHaveAttribute('data-status', 'live');
    await testId('operation-jo-1003/20').getByRole('button').click();
    await eventually(testId('why-moved').locator('.why-item')).toHaveCount(2);

    const revision = stub.reviseSchedule();
    expect(revision).toBe(3);
    await eventually(testId('revision-3')).toContainText('Reschedule requested');
    await eventually(testId('revision-3')).toContainText('moved 1 operation');
    await eventually(testId('schedule-meta')).toContainText('Revision 3');
    // The picked operation's explanation follows: revision 3 moved it too.
    await eventually(testId('why-revision-3')).toContainText('reschedule of lyon requested');
  });

  it('keeps the tab along the breadcrumbs, and leads back to the KPIs', async () => {
    await open('/scope/lyon-l1/schedule?range=8h');
    await eventually(session.page.getByRole('heading', { level: 1 })).toContainText('Line 1 schedule');
    await testId('breadcrumb').getByRole('link', { name: 'Lyon plant' }).click();
    await expectUrl('/scope/lyon/schedule?range=8h');
    await testId('tab-kpis').click();
    await expectUrl('/scope/lyon?range=8h');
    expect(await session.page.getByRole('button', { name: 'Last 8 h' }).getAttribute('aria-pressed')).toBe('true');
  });

  it('says so when nothing is scheduled in the range', async () => {
    await open('/scope/lyon-l3/schedule');
    await eventually(testId('empty')).toContainText('No operations scheduled in this range');
    // The revisions are the site's, shown all the same.
    await eventually(testId('revision-2')).toContainText('Breakdown');
    await eventually(testId('chart-gantt')).toHaveCount(0);
    await screenshot('schedule-empty');
  });

  it('shows an error the way the gateway words it, and retries', async () => {
    stub.failing.add('lyon-l2');
    try {
      await open('/scope/lyon-l2/schedule');
      await eventually(testId('error')).toContainText('Could not load the schedule of Line 2');
      await eventually(testId('error')).toContainText('SCHEDULE_REBUILDING');
    } finally {
      stub.failing.delete('lyon-l2');
    }
    await testId('error').getByRole('button', { name: 'Retry' }).click();
    await eventually(testId('error')).toHaveCount(0);
    await eventually(testId('empty')).toContainText('No operations scheduled in this range');
  });

  it('has no schedule for an enterprise, which spans sites', async () => {
    await open('/scope/acme/schedule');
    await eventually(testId('empty')).toContainText('No schedule here');
    await eventually(testId('scope-tabs')).toHaveCount(0);
  });
});
