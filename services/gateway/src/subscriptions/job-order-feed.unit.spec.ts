import { Logger } from '@nestjs/common';
import { projectJobOrder, type JobOrderRecord } from '../projections/job-orders/job-orders.projection';
import { created, fact } from '../testing/job-order-facts';
import { JobOrderFeed, jobOrderChangesOf, jobOrderFilterOf } from './job-order-feed';

/** A job order row as the projection writes it, at `siteId`. */
function jobOrder(jobOrderId: string, siteId: string, eventId = `${jobOrderId}-1`): JobOrderRecord {
  const outcome = projectJobOrder(null, fact(1, created({ jobOrderId, siteId })));
  if (!('write' in outcome)) throw new Error(outcome.skip);
  return { ...outcome.write, eventId };
}

/** The read model the feed re-reads, with every read it was asked for; `hold` keeps reads pending until `release`. */
function readModel(rows: JobOrderRecord[]) {
  const current = new Map(rows.map((row) => [row.jobOrderId, row]));
  const reads: string[][] = [];
  let gate: Promise<void> = Promise.resolve();
  let open: () => void = () => undefined;
  return {
    reads,
    current,
    failNext: false,
    hold(): void {
      gate = new Promise((resolve) => (open = resolve));
    },
    release(): void {
      open();
    },
    async byIds(ids: readonly string[]): Promise<Map<string, JobOrderRecord>> {
      reads.push([...ids]);
      await gate;
      if (this.failNext) {
        this.failNext = false;
        throw new Error('connection reset');
      }
      return new Map(
        ids.flatMap((id) => {
          const row = current.get(id);
          return row ? [[id, row] as const] : [];
        }),
      );
    },
  };
}

async function next(subscription: AsyncIterableIterator<JobOrderRecord>): Promise<JobOrderRecord> {
  const result = await subscription.next();
  if (result.done) throw new Error('the subscription ended');
  return result.value;
}

describe('jobOrderChangesOf', () => {
  it('names each job order a batch changed once, with the event that last changed it', () => {
    expect(jobOrderChangesOf([jobOrder('jo-1', 'lyon', 'e-3'), jobOrder('jo-2', 'austin', 'e-2')])).toEqual({ jobOrderIds: ['jo-1', 'jo-2'], eventIds: ['e-3', 'e-2'] });
  });

  it('has nothing to announce for a batch that changed no job order', () => {
    expect(jobOrderChangesOf([])).toBeUndefined();
  });
});

describe('jobOrderFilterOf', () => {
  const lyon1 = jobOrder('jo-1', 'lyon');
  const lyon2 = jobOrder('jo-2', 'lyon');
  const austin3 = jobOrder('jo-3', 'austin');
  const passing = (filter: ((job: JobOrderRecord) => boolean) | undefined): string[] =>
    [lyon1, lyon2, austin3].filter((job) => filter?.(job) ?? true).map((job) => job.jobOrderId);

  it('lets every job order through without arguments', () => {
    expect(jobOrderFilterOf({ siteId: null, jobOrderId: null })).toBeUndefined();
  });

  it('keeps the job orders of one site, one job order, or one job order if it is at that site', () => {
    expect(passing(jobOrderFilterOf({ siteId: 'lyon', jobOrderId: null }))).toEqual(['jo-1', 'jo-2']);
    expect(passing(jobOrderFilterOf({ siteId: null, jobOrderId: 'jo-3' }))).toEqual(['jo-3']);
    expect(passing(jobOrderFilterOf({ siteId: 'lyon', jobOrderId: 'jo-2' }))).toEqual(['jo-2']);
    expect(passing(jobOrderFilterOf({ siteId: 'lyon', jobOrderId: 'jo-3' }))).toEqual([]);
  });
});

describe('JobOrderFeed', () => {
  beforeAll(() => Logger.overrideLogger(false));

  it('reads nothing while nobody subscribes', async () => {
    const model = readModel([jobOrder('jo-1', 'lyon')]);
    const feed = new JobOrderFeed(model);
    feed.publishChanged(['jo-1']);
    await feed.settled();
    expect(model.reads).toEqual([]);
  });

  it("re-reads a batch's job orders with one query and pushes each to the subscribers that want it", async () => {
    const model = readModel([jobOrder('jo-1', 'lyon'), jobOrder('jo-2', 'austin'), jobOrder('jo-3', 'lyon')]);
    const feed = new JobOrderFeed(model);
    const lyon = feed.subscribe({ siteId: 'lyon', jobOrderId: null });
    const one = feed.subscribe({ siteId: null, jobOrderId: 'jo-2' });
    feed.publishChanged(['jo-3', 'jo-2', 'jo-1']);
    await feed.settled();
    expect(model.reads).toEqual([['jo-3', 'jo-2', 'jo-1']]);
    expect([(await next(lyon)).jobOrderId, (await next(lyon)).jobOrderId]).toEqual(['jo-3', 'jo-1']);
    expect((await next(one)).jobOrderId).toBe('jo-2');
  });

  it('reads batches committed during a read together next, each job order once, pushing its latest row', async () => {
    const model = readModel([jobOrder('jo-1', 'lyon'), jobOrder('jo-2', 'lyon')]);
    const feed = new JobOrderFeed(model);
    const all = feed.subscribe({ siteId: null, jobOrderId: null });
    model.hold();
    feed.publishChanged(['jo-1']);
    feed.publishChanged(['jo-2', 'jo-1']);
    feed.publishChanged(['jo-1']);
    model.current.set('jo-1', { ...jobOrder('jo-1', 'lyon'), status: 'Ready' });
    model.release();
    await feed.settled();
    expect(model.reads).toEqual([['jo-1'], ['jo-2', 'jo-1']]);
    const pushed = [await next(all), await next(all), await next(all)].map((job) => `${job.jobOrderId} ${job.status}`);
    expect(pushed).toEqual(['jo-1 Ready', 'jo-2 Waiting', 'jo-1 Ready']);
  });

  it('goes on pushing after a read fails', async () => {
    const model = readModel([jobOrder('jo-1', 'lyon')]);
    const feed = new JobOrderFeed(model);
    const all = feed.subscribe({ siteId: null, jobOrderId: null });
    model.failNext = true;
    feed.publishChanged(['jo-1']);
    await feed.settled();
    feed.publishChanged(['jo-1']);
    await feed.settled();
    expect(model.reads).toEqual([['jo-1'], ['jo-1']]);
    expect((await next(all)).jobOrderId).toBe('jo-1');
  });

  it('stops reading once its subscribers are gone, and completes them on shutdown', async () => {
    const model = readModel([jobOrder('jo-1', 'lyon')]);
    const feed = new JobOrderFeed(model);
    const subscription = feed.subscribe({ siteId: null, jobOrderId: null });
    await feed.onApplicationShutdown();
    await expect(subscription.next()).resolves.toEqual({ value: undefined, done: true });
    feed.publishChanged(['jo-1']);
    await feed.settled();
    expect(model.reads).toEqual([]);
  });
});
