import { IsInt, IsOptional, IsString, Length, Min } from 'class-validator';

/** Good, scrap and rework quantities with the scrap reason: what an operator and a machine both report. */
export class ProductionQuantitiesDto {
  @IsInt({ message: 'good must be a whole number' })
  @Min(0, { message: 'good must not be negative' })
  good!: number;

  @IsInt({ message: 'scrap must be a whole number' })
  @Min(0, { message: 'scrap must not be negative' })
  scrap!: number;

  @IsOptional()
  @IsInt({ message: 'rework must be a whole number' })
  @Min(0, { message: 'rework must not be negative' })
  rework?: number;

  @IsOptional()
  @IsString()
  @Length(1, 64)
  scrapReasonCode?: string;
}
