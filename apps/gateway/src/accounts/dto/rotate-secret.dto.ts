import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsNumber, IsOptional, Max, Min } from 'class-validator';
import { DEFAULT_OVERLAP_HOURS, MAX_OVERLAP_HOURS } from '../integrator-admin.service';

export class RotateSecretDto {
  @ApiPropertyOptional({
    example: DEFAULT_OVERLAP_HOURS,
    minimum: 0,
    maximum: MAX_OVERLAP_HOURS,
    description: `旧密钥继续可用的小时数（默认 ${DEFAULT_OVERLAP_HOURS}，0 为立即失效）hours the old secret keeps working`,
  })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'overlapHours 须为数字 (must be a number of hours)' })
  @Min(0, { message: 'overlapHours 不能为负 (must not be negative)' })
  @Max(MAX_OVERLAP_HOURS, { message: `overlapHours 最多 ${MAX_OVERLAP_HOURS} (at most ${MAX_OVERLAP_HOURS})` })
  overlapHours?: number;
}
