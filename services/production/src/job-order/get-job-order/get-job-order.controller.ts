import { Controller, Get, Param } from '@nestjs/common';
import { NotFoundError } from '@quadrant/event-sourcing';
import { ProductionStore } from '../../outbox/production-store';
import { jobOrderStreamId, type JobOrderState } from '../job-order.decider';

/** The write side's own view of one job order, from its stream (the gateway serves lists and history). */
@Controller('job-orders')
export class GetJobOrderController {
  constructor(private readonly production: ProductionStore) {}

  @Get(':jobOrderId')
  async get(@Param('jobOrderId') jobOrderId: string): Promise<JobOrderState & { version: number }> {
    const { state, version } = await this.production.jobOrders.load(jobOrderStreamId(jobOrderId));
    if (state.status === 'None') throw new NotFoundError('job order', jobOrderId);
    return { ...state, version };
  }
}
