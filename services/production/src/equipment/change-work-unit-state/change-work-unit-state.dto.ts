import { WORK_UNIT_STATES, type WorkUnitState } from '@quadrant/contracts';
import { IsIn, IsISO8601, IsOptional, IsString, Length } from 'class-validator';

export class ChangeWorkUnitStateDto {
  @IsIn(WORK_UNIT_STATES, { message: `state must be one of ${WORK_UNIT_STATES.join(', ')}` })
  state!: WorkUnitState;

  @IsOptional()
  @IsString()
  @Length(1, 64)
  reasonCode?: string;

  @IsOptional()
  @IsString()
  @Length(0, 500)
  reasonText?: string;

  /** Source timestamp of the change, ISO 8601 with a zone. */
  @IsISO8601({ strict: true, strictSeparator: true }, { message: 'since must be an ISO 8601 timestamp, e.g. 2026-11-02T06:00:00Z' })
  since!: string;
}
