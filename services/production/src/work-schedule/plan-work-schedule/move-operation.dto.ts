import { IsISO8601, Matches } from 'class-validator';
import { EQUIPMENT_ID_PATTERN } from '../../equipment/define-equipment/define-equipment.dto';

export class MoveOperationDto {
  @Matches(EQUIPMENT_ID_PATTERN, { message: 'workUnitId must be a work unit id' })
  workUnitId!: string;

  /** When the operation (with its setup) is to start on that unit. */
  @IsISO8601({ strict: true, strictSeparator: true }, { message: 'start must be an ISO 8601 timestamp, e.g. 2026-11-30T06:00:00Z' })
  start!: string;
}
