import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsNumber, IsOptional, IsString, Length, Matches, Min, ValidateIf, ValidateNested } from 'class-validator';
import { EQUIPMENT_ID_PATTERN } from '../../equipment/define-equipment/define-equipment.dto';

export class DefineProductDto {
  @Matches(EQUIPMENT_ID_PATTERN, { message: 'productId must be 1-64 letters, digits, ".", "_" or "-", starting with a letter or digit' })
  productId!: string;

  @IsString()
  @Length(1, 200)
  name!: string;

  @IsString()
  @Length(1, 16)
  unitOfMeasure!: string;
}

export class EligibilityDto {
  /** Either a whole equipment class or one work unit. */
  @ValidateIf((o: EligibilityDto) => o.workUnitId === undefined)
  @Matches(EQUIPMENT_ID_PATTERN, { message: 'equipmentClassId must be an equipment class id (or give workUnitId)' })
  equipmentClassId?: string;

  @ValidateIf((o: EligibilityDto) => o.equipmentClassId === undefined)
  @Matches(EQUIPMENT_ID_PATTERN, { message: 'workUnitId must be an equipment id (or give equipmentClassId)' })
  workUnitId?: string;

  @IsNumber({}, { message: 'idealCycleTimeSeconds must be a number of seconds per unit' })
  @Min(0.001, { message: 'idealCycleTimeSeconds must be more than 0' })
  idealCycleTimeSeconds!: number;

  @IsNumber()
  @Min(0)
  setupTimeSeconds!: number;
}

export class SegmentMaterialDto {
  @IsString()
  @Length(1, 64)
  materialDefinitionId!: string;

  @IsNumber()
  @Min(0.000001, { message: 'quantityPerUnit must be more than 0' })
  quantityPerUnit!: number;
}

export class RoutingSegmentDto {
  @Matches(EQUIPMENT_ID_PATTERN, { message: 'segmentId must be 1-64 letters, digits, ".", "_" or "-"' })
  segmentId!: string;

  @IsString()
  @Length(1, 200)
  name!: string;

  @IsArray()
  @ArrayMinSize(1, { message: 'eligible must name at least one equipment class or work unit' })
  @ValidateNested({ each: true })
  @Type(() => EligibilityDto)
  eligible!: EligibilityDto[];

  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  dependsOn?: string[];

  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => SegmentMaterialDto)
  consumes?: SegmentMaterialDto[];

  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => SegmentMaterialDto)
  produces?: SegmentMaterialDto[];
}

export class ReviseRoutingDto {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => RoutingSegmentDto)
  segments!: RoutingSegmentDto[];
}
