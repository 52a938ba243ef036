import { NotFoundError, type Decider } from '@quadrant/event-sourcing';
import type { ProductDefined, ProductRoutingRevised, RoutingSegment } from '@quadrant/contracts';
import { InvalidRouting, WorkDefinitionAlreadyExists } from './work-definition.errors';

/** One stream per product (the ISA-95 material definition a routing produces), with every routing version. */
export const productStreamId = (productId: string): string => `product-${productId}`;

export type ProductEvent = ProductDefined | ProductRoutingRevised;

export type ProductCommand =
  | { type: 'DefineProduct'; productId: string; name: string; unitOfMeasure: string; at: string }
  | { type: 'ReviseProductRouting'; productId: string; segments: RoutingSegment[]; at: string };

export type ProductState =
  | { status: 'None' }
  | { status: 'Defined'; productId: string; routings: { version: number; segments: RoutingSegment[] }[] };

/** The segments form a DAG over known ids, each with some equipment that can run it. */
function checkRouting(productId: string, segments: RoutingSegment[]): void {
  if (segments.length === 0) throw new InvalidRouting(productId, 'it needs at least one segment', 'segments');
  const ids = new Set<string>();
  segments.forEach((segment, index) => {
    if (ids.has(segment.segmentId)) throw new InvalidRouting(productId, `segment "${segment.segmentId}" appears twice`, `segments.${index}.segmentId`);
    ids.add(segment.segmentId);
    if (segment.eligible.length === 0) throw new InvalidRouting(productId, `segment "${segment.segmentId}" has no eligible equipment`, `segments.${index}.eligible`);
  });
  segments.forEach((segment, index) => {
    for (const dependency of segment.dependsOn) {
      if (!ids.has(dependency)) throw new InvalidRouting(productId, `segment "${segment.segmentId}" depends on unknown segment "${dependency}"`, `segments.${index}.dependsOn`);
    }
  });
  // Kahn's algorithm: whatever cannot be ordered sits on a cycle.
  const remaining = new Map(segments.map((s) => [s.segmentId, new Set(s.dependsOn)]));
  let progress = true;
  while (progress) {
    progress = false;
    for (const [id, dependencies] of remaining) {
      if ([...dependencies].every((d) => !remaining.has(d))) {
        remaining.delete(id);
        progress = true;
      }
    }
  }
  if (remaining.size > 0) throw new InvalidRouting(productId, `segments ${[...remaining.keys()].map((id) => `"${id}"`).join(', ')} depend on each other in a cycle`, 'segments');
}

export function decideProduct(command: ProductCommand, state: ProductState): ProductEvent[] {
  switch (command.type) {
    case 'DefineProduct': {
      if (state.status === 'Defined') throw new WorkDefinitionAlreadyExists('product', command.productId);
      const { productId, name, unitOfMeasure, at } = command;
      return [{ type: 'ProductDefined', data: { productId, name, unitOfMeasure, definedAt: at } }];
    }
    case 'ReviseProductRouting': {
      if (state.status === 'None') throw new NotFoundError('product', command.productId);
      checkRouting(command.productId, command.segments);
      const version = state.routings.length + 1;
      return [{ type: 'ProductRoutingRevised', data: { productId: command.productId, version, segments: command.segments, revisedAt: command.at } }];
    }
    default: {
      const unexpected: never = command;
      return unexpected;
    }
  }
}

export function evolveProduct(state: ProductState, event: ProductEvent): ProductState {
  switch (event.type) {
    case 'ProductDefined':
      return { status: 'Defined', productId: event.data.productId, routings: [] };
    case 'ProductRoutingRevised':
      return state.status === 'Defined' ? { ...state, routings: [...state.routings, { version: event.data.version, segments: event.data.segments }] } : state;
    default: {
      const unexpected: never = event;
      return unexpected;
    }
  }
}

export const productDecider: Decider<ProductCommand, ProductState, ProductEvent> = {
  decide: decideProduct,
  evolve: evolveProduct,
  initialState: () => ({ status: 'None' }),
};
