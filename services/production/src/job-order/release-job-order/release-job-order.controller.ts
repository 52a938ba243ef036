import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import type { EligibleWorkUnit, ReleasedSegment } from '@quadrant/contracts';
import { Context, type RequestContext } from '@quadrant/platform';
import { commandContextOf } from '../../command-context';
import { toCommandResponse, type CommandResponse } from '../../equipment/command-response';
import { ProductionStore } from '../../outbox/production-store';
import { equipmentClassStreamId } from '../../work-definition/equipment-class.decider';
import { productStreamId } from '../../work-definition/product.decider';
import { jobOrderStreamId } from '../job-order.decider';

/** Releases a job order with its product's current routing, equipment classes resolved to their work units now. */
@Controller('job-orders')
export class ReleaseJobOrderController {
  constructor(private readonly production: ProductionStore) {}

  @Post(':jobOrderId/release')
  @HttpCode(200)
  async release(@Param('jobOrderId') jobOrderId: string, @Context() context: RequestContext): Promise<CommandResponse> {
    const at = new Date().toISOString();
    const job = await this.production.jobOrders.load(jobOrderStreamId(jobOrderId));
    const routing = job.state.status === 'None' ? null : await this.currentRouting(job.state.productId);
    return toCommandResponse(await this.production.jobOrders.handle(jobOrderStreamId(jobOrderId), { type: 'ReleaseJobOrder', jobOrderId, routing, at }, commandContextOf(context, at)));
  }

  private async currentRouting(productId: string): Promise<{ version: number; segments: ReleasedSegment[] } | null> {
    const { state } = await this.production.products.load(productStreamId(productId));
    const latest = state.status === 'Defined' ? state.routings[state.routings.length - 1] : undefined;
    if (!latest) return null;
    const segments = await Promise.all(
      latest.segments.map(async (segment): Promise<ReleasedSegment> => {
        const eligible: EligibleWorkUnit[] = [];
        for (const entry of segment.eligible) {
          const times = { idealCycleTimeSeconds: entry.idealCycleTimeSeconds, setupTimeSeconds: entry.setupTimeSeconds };
          if ('workUnitId' in entry) {
            eligible.push({ workUnitId: entry.workUnitId, ...times });
            continue;
          }
          const members = await this.production.equipmentClasses.load(equipmentClassStreamId(entry.equipmentClassId));
          if (members.state.status === 'Defined') eligible.push(...members.state.workUnitIds.map((workUnitId) => ({ workUnitId, ...times })));
        }
        // A work unit named on its own and through a class keeps its own times (the first entry).
        const unique = eligible.filter((e, index) => eligible.findIndex((other) => other.workUnitId === e.workUnitId) === index);
        return { segmentId: segment.segmentId, name: segment.name, eligible: unique, dependsOn: segment.dependsOn, consumes: segment.consumes, produces: segment.produces };
      }),
    );
    return { version: latest.version, segments };
  }
}
