/** What a schedule breaks, one kind per rule of the model (see problem.ts). */
export type ViolationKind =
  | 'missing'
  | 'unknown'
  | 'duplicate'
  | 'eligibility'
  | 'duration'
  | 'setup'
  | 'precedence'
  | 'release'
  | 'before-start'
  | 'overlap'
  | 'unavailable'
  | 'working-time'
  | 'frozen';

export interface Violation {
  readonly kind: ViolationKind;
  /** The operation at fault (for an overlap, the later of the two). */
  readonly operationId: string;
  /** In plain words, naming the operations, work units and times involved. */
  readonly message: string;
}
