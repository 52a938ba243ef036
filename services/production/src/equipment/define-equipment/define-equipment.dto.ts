import { EQUIPMENT_LEVELS, WORK_CENTER_TYPES, type EquipmentLevel, type WorkCenterType } from '@quadrant/contracts';
import { IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';

export const EQUIPMENT_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export class DefineEquipmentDto {
  @Matches(EQUIPMENT_ID_PATTERN, { message: 'equipmentId must be 1-64 letters, digits, ".", "_" or "-", starting with a letter or digit' })
  equipmentId!: string;

  @IsString()
  @Length(1, 200)
  name!: string;

  @IsOptional()
  @IsString()
  @Length(0, 2000)
  description?: string;

  @IsIn(EQUIPMENT_LEVELS, { message: `level must be one of ${EQUIPMENT_LEVELS.join(', ')}` })
  level!: EquipmentLevel;

  @IsOptional()
  @IsIn(WORK_CENTER_TYPES, { message: `workCenterType must be one of ${WORK_CENTER_TYPES.join(', ')}` })
  workCenterType?: WorkCenterType;

  /** Work units only: how many job orders may run at once (1 when absent). */
  @IsOptional()
  @IsInt({ message: 'maxConcurrentJobs must be a whole number from 1 to 100' })
  @Min(1)
  @Max(100)
  maxConcurrentJobs?: number;

  @IsOptional()
  @Matches(EQUIPMENT_ID_PATTERN, { message: 'parentId must be an equipment id' })
  parentId?: string;
}
