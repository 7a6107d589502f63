import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** The deepest page a paged query may ask for. */
export const MAX_PAGE = 10000;

/** `page` of a paged query string: an optional integer 1–10,000 (the property's initializer gives 1). */
export function PageProperty(): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ example: 1, default: 1 }),
    IsOptional(),
    Type(() => Number),
    IsInt(),
    Min(1),
    Max(MAX_PAGE),
  );
}

/** `pageSize` of a paged query string: an optional integer 1–`max` (the property's initializer gives the default). */
export function PageSizeProperty(defaultSize: number, max: number): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ example: defaultSize, default: defaultSize, maximum: max }),
    IsOptional(),
    Type(() => Number),
    IsInt(),
    Min(1),
    Max(max, { message: `pageSize 最大 ${max} (at most ${max})` }),
  );
}
