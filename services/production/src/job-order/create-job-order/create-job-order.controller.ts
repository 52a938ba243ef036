import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { NotFoundError } from '@quadrant/event-sourcing';
import { Context, type RequestContext } from '@quadrant/platform';
import { commandContextOf } from '../../command-context';
import { toCommandResponse, type CommandResponse } from '../../equipment/command-response';
import { equipmentStreamId } from '../../equipment/equipment.decider';
import { scopeOf } from '../../equipment/scope';
import { ProductionStore } from '../../outbox/production-store';
import { productStreamId } from '../../work-definition/product.decider';
import { jobOrderStreamId } from '../job-order.decider';
import { CreateJobOrderDto } from './create-job-order.dto';

/** A planner's or an ERP's job order (ISA-95 Part 4 JobOrder), waiting for release. */
@Controller('job-orders')
export class CreateJobOrderController {
  constructor(private readonly production: ProductionStore) {}

  @Post()
  @HttpCode(201)
  async create(@Body() input: CreateJobOrderDto, @Context() context: RequestContext): Promise<CommandResponse> {
    const at = new Date().toISOString();
    const product = await this.production.products.load(productStreamId(input.productId));
    if (product.state.status === 'None') throw new NotFoundError('product', input.productId);
    const site = await this.production.equipment.load(equipmentStreamId(input.siteId));
    if (site.state.status === 'Undefined' || site.state.level !== 'Site') throw new NotFoundError('site', input.siteId);
    const { jobOrderId, productId, quantity, siteId, dueAt, description } = input;
    return toCommandResponse(
      await this.production.jobOrders.handle(
        jobOrderStreamId(jobOrderId),
        { type: 'CreateJobOrder', jobOrderId, productId, quantity, siteId, priority: input.priority ?? 5, ...(dueAt ? { dueAt: new Date(dueAt).toISOString() } : {}), ...(description ? { description } : {}), at },
        commandContextOf(context, at, { scope: scopeOf(site.state.path) }),
      ),
    );
  }
}
