import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import type { EquipmentEligibility, RoutingSegment } from '@quadrant/contracts';
import { Context, type RequestContext } from '@quadrant/platform';
import { commandContextOf } from '../../command-context';
import { toCommandResponse, type CommandResponse } from '../../equipment/command-response';
import { ProductionStore } from '../../outbox/production-store';
import { productStreamId } from '../product.decider';
import { DefineProductDto, ReviseRoutingDto, type EligibilityDto, type RoutingSegmentDto } from './define-product.dto';

function eligibilityOf(dto: EligibilityDto): EquipmentEligibility {
  const times = { idealCycleTimeSeconds: dto.idealCycleTimeSeconds, setupTimeSeconds: dto.setupTimeSeconds };
  return dto.workUnitId !== undefined ? { workUnitId: dto.workUnitId, ...times } : { equipmentClassId: dto.equipmentClassId ?? '', ...times };
}

function segmentOf(dto: RoutingSegmentDto): RoutingSegment {
  return {
    segmentId: dto.segmentId,
    name: dto.name,
    eligible: dto.eligible.map(eligibilityOf),
    dependsOn: dto.dependsOn ?? [],
    consumes: (dto.consumes ?? []).map(({ materialDefinitionId, quantityPerUnit }) => ({ materialDefinitionId, quantityPerUnit })),
    produces: (dto.produces ?? []).map(({ materialDefinitionId, quantityPerUnit }) => ({ materialDefinitionId, quantityPerUnit })),
  };
}

/** Products (the material definitions produced) and their versioned routings. */
@Controller('products')
export class DefineProductController {
  constructor(private readonly production: ProductionStore) {}

  @Post()
  @HttpCode(201)
  async define(@Body() input: DefineProductDto, @Context() context: RequestContext): Promise<CommandResponse> {
    const at = new Date().toISOString();
    const { productId, name, unitOfMeasure } = input;
    return toCommandResponse(
      await this.production.products.handle(productStreamId(productId), { type: 'DefineProduct', productId, name, unitOfMeasure, at }, commandContextOf(context, at)),
    );
  }

  /** A new routing version; job orders released before keep the version they were released with. */
  @Post(':productId/routings')
  @HttpCode(201)
  async revise(@Param('productId') productId: string, @Body() input: ReviseRoutingDto, @Context() context: RequestContext): Promise<CommandResponse> {
    const at = new Date().toISOString();
    return toCommandResponse(
      await this.production.products.handle(productStreamId(productId), { type: 'ReviseProductRouting', productId, segments: input.segments.map(segmentOf), at }, commandContextOf(context, at)),
    );
  }
}
