import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsString, Length, Matches, ValidateNested } from 'class-validator';
import { ChangeWorkUnitStateDto } from '../change-work-unit-state/change-work-unit-state.dto';
import { EQUIPMENT_ID_PATTERN } from '../define-equipment/define-equipment.dto';

export const MAX_STATE_CHANGES_PER_BATCH = 1000;

export class StateChangeMessageDto extends ChangeWorkUnitStateDto {
  /** The sender's id for this message: a message sent again appends nothing twice. */
  @IsString()
  @Length(1, 128)
  messageId!: string;

  @Matches(EQUIPMENT_ID_PATTERN, { message: 'workUnitId must be an equipment id' })
  workUnitId!: string;
}

export class RecordStateChangesDto {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_STATE_CHANGES_PER_BATCH)
  @ValidateNested({ each: true })
  @Type(() => StateChangeMessageDto)
  changes!: StateChangeMessageDto[];
}
