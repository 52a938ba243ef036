import { IsOptional, IsString, Length, Matches } from 'class-validator';
import { EQUIPMENT_ID_PATTERN } from '../../equipment/define-equipment/define-equipment.dto';

export class DefineEquipmentClassDto {
  @Matches(EQUIPMENT_ID_PATTERN, { message: 'equipmentClassId must be 1-64 letters, digits, ".", "_" or "-", starting with a letter or digit' })
  equipmentClassId!: string;

  @IsString()
  @Length(1, 200)
  name!: string;

  @IsOptional()
  @IsString()
  @Length(0, 2000)
  description?: string;
}

export class AssignWorkUnitDto {
  @Matches(EQUIPMENT_ID_PATTERN, { message: 'workUnitId must be an equipment id' })
  workUnitId!: string;
}
