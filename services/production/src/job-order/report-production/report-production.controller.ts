import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { Context, type RequestContext } from '@quadrant/platform';
import { commandContextOf } from '../../command-context';
import { toCommandResponse, type CommandResponse } from '../../equipment/command-response';
import { ProductionStore } from '../../outbox/production-store';
import { jobOrderStreamId } from '../job-order.decider';
import { RecordMaterialActualDto, ReportProductionDto } from './report-production.dto';

@Controller('job-orders')
export class ReportProductionController {
  constructor(private readonly production: ProductionStore) {}

  /** Good, scrap and rework quantities of a running segment since the last report, with reasons. */
  @Post(':jobOrderId/segments/:segmentId/production')
  @HttpCode(200)
  async report(
    @Param('jobOrderId') jobOrderId: string,
    @Param('segmentId') segmentId: string,
    @Body() input: ReportProductionDto,
    @Context() context: RequestContext,
  ): Promise<CommandResponse> {
    const at = input.at ? new Date(input.at).toISOString() : new Date().toISOString();
    const { good, scrap, scrapReasonCode, reworkReasonCode } = input;
    return toCommandResponse(
      await this.production.jobOrders.handle(
        jobOrderStreamId(jobOrderId),
        { type: 'ReportProduction', jobOrderId, segmentId, good, scrap, rework: input.rework ?? 0, ...(scrapReasonCode ? { scrapReasonCode } : {}), ...(reworkReasonCode ? { reworkReasonCode } : {}), at },
        commandContextOf(context, at),
      ),
    );
  }

  /** A material lot consumed or produced by a segment: what the inventory service will book. */
  @Post(':jobOrderId/segments/:segmentId/material-actuals')
  @HttpCode(200)
  async recordMaterial(
    @Param('jobOrderId') jobOrderId: string,
    @Param('segmentId') segmentId: string,
    @Body() input: RecordMaterialActualDto,
    @Context() context: RequestContext,
  ): Promise<CommandResponse> {
    const at = new Date().toISOString();
    const { materialUse, materialDefinitionId, materialLotId, quantity } = input;
    return toCommandResponse(
      await this.production.jobOrders.handle(
        jobOrderStreamId(jobOrderId),
        { type: 'RecordMaterialActual', jobOrderId, segmentId, materialUse, materialDefinitionId, materialLotId, quantity, at },
        commandContextOf(context, at),
      ),
    );
  }
}
