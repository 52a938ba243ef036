import { IsIn, IsISO8601, IsNumber, IsOptional, IsString, Length, Matches, Min } from 'class-validator';
import { EQUIPMENT_ID_PATTERN } from '../../equipment/define-equipment/define-equipment.dto';
import { ProductionQuantitiesDto } from '../../production-quantities.dto';

export class ReportProductionDto extends ProductionQuantitiesDto {
  @IsOptional()
  @IsString()
  @Length(1, 64)
  reworkReasonCode?: string;

  /** When the quantities were counted (source time); now when absent. */
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true }, { message: 'at must be an ISO 8601 timestamp' })
  at?: string;
}

export class RecordMaterialActualDto {
  @IsIn(['Consumed', 'Produced'], { message: 'materialUse must be Consumed or Produced' })
  materialUse!: 'Consumed' | 'Produced';

  @Matches(EQUIPMENT_ID_PATTERN, { message: 'materialDefinitionId must be a material definition id' })
  materialDefinitionId!: string;

  @IsString()
  @Length(1, 64)
  materialLotId!: string;

  @IsNumber({}, { message: 'quantity must be a number' })
  @Min(0.000001, { message: 'quantity must be more than 0' })
  quantity!: number;
}
