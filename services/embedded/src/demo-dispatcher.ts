import { DEMO_QUEUE, demoJobOrderId, releaseDemoJobOrder, send, type DemoLineWork } from './demo-plant';

interface SegmentView {
  definition: { segmentId: string };
  status: 'Pending' | 'Running' | 'Completed';
  good: number;
}

interface JobOrderView {
  status: string;
  quantity: number;
  segments: SegmentView[];
}

const ENDED = ['Completed', 'Closed', 'Aborted'];

/**
 * The demo's shop-floor operator: on each line, runs the job orders one after another. It dispatches and
 * starts the current one's segments whenever their units can take them (a refusal just means "not yet"),
 * completes a segment once its unit made the quantity, completes the job order when all are done, and keeps
 * `DEMO_QUEUE` job orders released behind the current one for the work scheduler to plan.
 */
export class DemoDispatcher {
  /** Each line's current job order number; found again from production after a restart. */
  private readonly current = new Map<string, number>();

  constructor(
    private readonly productionUrl: string,
    private readonly work: readonly DemoLineWork[],
  ) {}

  /** One pass over every line; answers how many segments it started. */
  async tick(now: Date = new Date()): Promise<number> {
    let started = 0;
    for (const line of this.work) started += await this.runLine(line, now);
    return started;
  }

  private async runLine(work: DemoLineWork, now: Date): Promise<number> {
    let n = this.current.get(work.line) ?? 1;
    let job = await this.jobOrder(demoJobOrderId(work.line, n));
    // Past the job orders that have ended (all of them, after a restart).
    while (job && ENDED.includes(job.status)) {
      n++;
      await releaseDemoJobOrder(this.productionUrl, work, n + DEMO_QUEUE, now);
      job = await this.jobOrder(demoJobOrderId(work.line, n));
    }
    this.current.set(work.line, n);
    if (!job) return 0;
    const jobOrderId = demoJobOrderId(work.line, n);
    let started = 0;
    for (const segment of job.segments) {
      const unit = segment.definition.segmentId;
      if (segment.status === 'Running' && segment.good >= job.quantity) {
        await this.post(`/job-orders/${jobOrderId}/segments/${unit}/complete`, {});
      } else if (segment.status === 'Pending') {
        await send(`${this.productionUrl}/job-orders/${jobOrderId}/dispatch`, { segmentId: unit, workUnitId: unit }, `demo-dispatch-${jobOrderId}-${unit}`);
        if (await this.post(`/job-orders/${jobOrderId}/segments/${unit}/start`, { workUnitId: unit })) started++;
      }
    }
    const after = await this.jobOrder(jobOrderId);
    if (after && after.segments.every((s) => s.status === 'Completed') && !ENDED.includes(after.status)) {
      await this.post(`/job-orders/${jobOrderId}/commands`, { command: 'Complete' });
    }
    return started;
  }

  private async jobOrder(jobOrderId: string): Promise<JobOrderView | undefined> {
    const response = await fetch(`${this.productionUrl}/job-orders/${jobOrderId}`);
    return response.ok ? ((await response.json()) as JobOrderView) : undefined;
  }

  /** Answers whether the command appended something. */
  private async post(path: string, body: unknown): Promise<boolean> {
    const response = await fetch(`${this.productionUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-quadrant-actor': 'demo-dispatcher' },
      body: JSON.stringify(body),
    });
    return response.ok && Boolean(((await response.json()) as { events?: unknown[] }).events?.length);
  }
}
