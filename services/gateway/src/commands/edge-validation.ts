import type { Problem } from './command-errors';

/**
 * Checks GraphQL's types cannot express, made here so bad input is refused with every field named before
 * anything is sent. They repeat production's own limits; production stays the authority on all of them.
 */
const IDENTIFIER = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const IDENTIFIER_RULE = 'must be 1-64 letters, digits, ".", "_" or "-", starting with a letter or digit';

function text(problems: Problem[], field: string, value: string | null | undefined, min: number, max: number): void {
  if (value === null || value === undefined) return;
  if (value.trim().length < min) problems.push({ field, message: 'must not be blank' });
  else if (value.length > max) problems.push({ field, message: `must be at most ${max} characters` });
}

function identifier(problems: Problem[], field: string, value: string | null | undefined): void {
  if (value !== null && value !== undefined && !IDENTIFIER.test(value)) problems.push({ field, message: IDENTIFIER_RULE });
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
  identifier(problems, 'input.equipmentId', input.equipmentId);
  text(problems, 'input.name', input.name, 1, 200);
  text(problems, 'input.description', input.description, 0, 2000);
  identifier(problems, 'input.parentId', input.parentId);
  return problems;
}

export interface ChangeWorkUnitStateArgs {
  reasonCode?: string | null;
  reasonText?: string | null;
}

export function changeWorkUnitStateProblems(workUnitId: string, input: ChangeWorkUnitStateArgs): Problem[] {
  const problems: Problem[] = [];
  identifier(problems, 'workUnitId', workUnitId);
  text(problems, 'input.reasonCode', input.reasonCode, 1, 64);
  text(problems, 'input.reasonText', input.reasonText, 0, 500);
  return problems;
}

export interface CreateJobOrderArgs {
  jobOrderId: string;
  productId: string;
  quantity: number;
  siteId: string;
  priority?: number | null;
  description?: string | null;
}

export function createJobOrderProblems(input: CreateJobOrderArgs): Problem[] {
  const problems: Problem[] = [];
  identifier(problems, 'input.jobOrderId', input.jobOrderId);
  identifier(problems, 'input.productId', input.productId);
  if (!(input.quantity > 0)) problems.push({ field: 'input.quantity', message: 'must be more than 0' });
  identifier(problems, 'input.siteId', input.siteId);
  const { priority } = input;
  if (priority !== null && priority !== undefined && !(Number.isInteger(priority) && priority >= 1 && priority <= 9)) {
    problems.push({ field: 'input.priority', message: 'must be a whole number from 1 (most urgent) to 9' });
  }
  text(problems, 'input.description', input.description, 0, 2000);
  return problems;
}

export function jobOrderIdProblems(id: string): Problem[] {
  const problems: Problem[] = [];
  identifier(problems, 'id', id);
  return problems;
}

export function dispatchJobOrderProblems(id: string, segmentId: string, workUnitId: string): Problem[] {
  const problems = jobOrderIdProblems(id);
  identifier(problems, 'segmentId', segmentId);
  identifier(problems, 'workUnitId', workUnitId);
  return problems;
}

export type JobOrderControl = 'Pause' | 'Hold' | 'Resume' | 'Complete' | 'Close' | 'Abort';

export function controlJobOrderProblems(id: string, command: JobOrderControl, reasonCode: string | null | undefined, force: boolean | null | undefined): Problem[] {
  const problems = jobOrderIdProblems(id);
  // As production's rule: a reason to Hold, to Abort, and whenever force is asked for.
  const needsReason = command === 'Hold' || command === 'Abort' ? command : force === true ? 'force completion' : undefined;
  if (needsReason && (reasonCode === null || reasonCode === undefined)) problems.push({ field: 'reasonCode', message: `is required to ${needsReason}` });
  else text(problems, 'reasonCode', reasonCode, 1, 64);
  return problems;
}

export function siteIdProblems(siteId: string): Problem[] {
  const problems: Problem[] = [];
  identifier(problems, 'siteId', siteId);
  return problems;
}

export function jobOrderSegmentProblems(jobOrderId: string, segmentId: string): Problem[] {
  const problems: Problem[] = [];
  identifier(problems, 'jobOrderId', jobOrderId);
  identifier(problems, 'segmentId', segmentId);
  return problems;
}

export function startJobOrderSegmentProblems(jobOrderId: string, segmentId: string, workUnitId: string): Problem[] {
  const problems = jobOrderSegmentProblems(jobOrderId, segmentId);
  identifier(problems, 'workUnitId', workUnitId);
  return problems;
}

export interface ReportProductionArgs {
  good: number;
  scrap: number;
  rework?: number | null;
  scrapReasonCode?: string | null;
  reworkReasonCode?: string | null;
}

function count(problems: Problem[], field: string, value: number | null | undefined): void {
  if (value === null || value === undefined) return;
  if (!Number.isInteger(value)) problems.push({ field, message: 'must be a whole number' });
  else if (value < 0) problems.push({ field, message: 'must not be negative' });
}

export function reportProductionProblems(jobOrderId: string, segmentId: string, input: ReportProductionArgs): Problem[] {
  const problems = jobOrderSegmentProblems(jobOrderId, segmentId);
  count(problems, 'input.good', input.good);
  count(problems, 'input.scrap', input.scrap);
  count(problems, 'input.rework', input.rework);
  text(problems, 'input.scrapReasonCode', input.scrapReasonCode, 1, 64);
  text(problems, 'input.reworkReasonCode', input.reworkReasonCode, 1, 64);
  return problems;
}

export function correctStopReasonProblems(workUnitId: string, reasonCode: string, reasonText: string | null | undefined): Problem[] {
  const problems: Problem[] = [];
  identifier(problems, 'workUnitId', workUnitId);
  text(problems, 'reasonCode', reasonCode, 1, 64);
  text(problems, 'reasonText', reasonText, 0, 500);
  return problems;
}

/** Input with its GraphQL nulls left out: production's API knows absent fields, not null ones. */
export function withoutNulls(input: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(input).filter(([, value]) => value !== null && value !== undefined));
}
