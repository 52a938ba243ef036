import { IsInt, IsISO8601, IsNumber, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { EQUIPMENT_ID_PATTERN } from '../../equipment/define-equipment/define-equipment.dto';

export class CreateJobOrderDto {
  @Matches(EQUIPMENT_ID_PATTERN, { message: 'jobOrderId must be 1-64 letters, digits, ".", "_" or "-", starting with a letter or digit' })
  jobOrderId!: string;

  @Matches(EQUIPMENT_ID_PATTERN, { message: 'productId must be a product id' })
  productId!: string;

  @IsNumber({}, { message: 'quantity must be a number' })
  @Min(0.000001, { message: 'quantity must be more than 0' })
  quantity!: number;

  @Matches(EQUIPMENT_ID_PATTERN, { message: 'siteId must be the id of a site' })
  siteId!: string;

  /** 1 is the most urgent. */
  @IsOptional()
  @IsInt({ message: 'priority must be a whole number from 1 (most urgent) to 9' })
  @Min(1)
  @Max(9)
  priority?: number;

  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true }, { message: 'dueAt must be an ISO 8601 timestamp, e.g. 2026-11-30T16:00:00Z' })
  dueAt?: string;

  @IsOptional()
  @IsString()
  @Length(0, 2000)
  description?: string;
}
