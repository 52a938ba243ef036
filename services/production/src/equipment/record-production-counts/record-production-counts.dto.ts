import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsISO8601, IsString, Length, Matches, ValidateNested } from 'class-validator';
import { ProductionQuantitiesDto } from '../../production-quantities.dto';
import { EQUIPMENT_ID_PATTERN } from '../define-equipment/define-equipment.dto';

export const MAX_COUNTS_PER_BATCH = 1000;

export class ProductionCountMessageDto extends ProductionQuantitiesDto {
  /** The sender's id for this message: a message sent again counts once. */
  @IsString()
  @Length(1, 128)
  messageId!: string;

  @Matches(EQUIPMENT_ID_PATTERN, { message: 'workUnitId must be an equipment id' })
  workUnitId!: string;

  @IsISO8601({ strict: true, strictSeparator: true }, { message: 'at must be an ISO 8601 timestamp, e.g. 2026-11-02T06:00:00Z' })
  at!: string;
}

export class RecordProductionCountsDto {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_COUNTS_PER_BATCH)
  @ValidateNested({ each: true })
  @Type(() => ProductionCountMessageDto)
  counts!: ProductionCountMessageDto[];
}
