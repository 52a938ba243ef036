import { Controller, Get, Param } from '@nestjs/common';
import { NotFoundError } from '@quadrant/event-sourcing';
import { ProductionStore } from '../../outbox/production-store';
import { productStreamId, type ProductState } from '../product.decider';

/** A product with every routing version, from its stream. */
@Controller('products')
export class GetProductController {
  constructor(private readonly production: ProductionStore) {}

  @Get(':productId')
  async get(@Param('productId') productId: string): Promise<ProductState & { version: number }> {
    const { state, version } = await this.production.products.load(productStreamId(productId));
    if (state.status === 'None') throw new NotFoundError('product', productId);
    return { ...state, version };
  }
}
