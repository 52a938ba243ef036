import { DomainError } from '@quadrant/event-sourcing';

export class WorkDefinitionAlreadyExists extends DomainError {
  constructor(kind: string, id: string) {
    super('ALREADY_EXISTS', `${kind} "${id}" is already defined`, { kind, id });
  }
}

/** A routing that cannot run as written: the message names the segment and what is wrong with it. */
export class InvalidRouting extends DomainError {
  constructor(productId: string, problem: string, field: string) {
    super('INVALID_ROUTING', `routing of product "${productId}": ${problem}`, { productId, field });
  }
}
