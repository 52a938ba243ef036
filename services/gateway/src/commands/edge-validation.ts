import type { Problem } from './command-errors';

/**
 * Checks GraphQL's types cannot express, made here so bad input is refused with every field named before
 * anything is sent. They repeat production's own limits; production stays the authority on all of them.
 */
const EQUIPMENT_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const EQUIPMENT_ID_RULE = 'must be 1-64 letters, digits, ".", "_" or "-", starting with a letter or digit';

function text(problems: Problem[], field: string, value: string | null | undefined, min: number, max: number): void {
  if (value === null || value === undefined) return;
  if (value.trim().length < min) problems.push({ field, message: 'must not be blank' });
  else if (value.length > max) problems.push({ field, message: `must be at most ${max} characters` });
}

function equipmentId(problems: Problem[], field: string, value: string | null | undefined): void {
  if (value !== null && value !== undefined && !EQUIPMENT_ID.test(value)) problems.push({ field, message: EQUIPMENT_ID_RULE });
}

export function idempotencyKeyProblems(key: string | null | undefined): Problem[] {
  const problems: Problem[] = [];
  text(problems, 'idempotencyKey', key, 1, 200);
  return problems;
}

export interface DefineEquipmentArgs {
  equipmentId: string;
  name: string;
  description?: string | null;
  parentId?: string | null;
}

export function defineEquipmentProblems(input: DefineEquipmentArgs): Problem[] {
  const problems: Problem[] = [];
  equipmentId(problems, 'input.equipmentId', input.equipmentId);
  text(problems, 'input.name', input.name, 1, 200);
  text(problems, 'input.description', input.description, 0, 2000);
  equipmentId(problems, 'input.parentId', input.parentId);
  return problems;
}

export interface ChangeWorkUnitStateArgs {
  reasonCode?: string | null;
  reasonText?: string | null;
}

export function changeWorkUnitStateProblems(workUnitId: string, input: ChangeWorkUnitStateArgs): Problem[] {
  const problems: Problem[] = [];
  equipmentId(problems, 'workUnitId', workUnitId);
  text(problems, 'input.reasonCode', input.reasonCode, 1, 64);
  text(problems, 'input.reasonText', input.reasonText, 0, 500);
  return problems;
}

/** Input with its GraphQL nulls left out: production's API knows absent fields, not null ones. */
export function withoutNulls(input: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(input).filter(([, value]) => value !== null && value !== undefined));
}
