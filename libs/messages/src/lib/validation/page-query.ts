import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
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

const blankTo =
  (fallback: number) =>
  ({ value }: { value: unknown }): unknown =>
    value === undefined || value === '' ? fallback : Number(value);

/** `page` of a filtered list query (alerts, statistics): absent or blank is 1, else an integer 1–10,000. */
export function ListPageProperty(): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ default: 1, minimum: 1, maximum: MAX_PAGE }),
    Transform(blankTo(1)),
    IsInt({ message: 'page 须为正整数 (positive integer)' }),
    Min(1, { message: 'page 须为正整数 (positive integer)' }),
    Max(MAX_PAGE, { message: `page 最大 ${MAX_PAGE} (at most ${MAX_PAGE})` }),
  );
}

/** `pageSize` of a filtered list query: absent or blank is 20, else an integer 1–100. */
export function ListPageSizeProperty(): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ default: 20, minimum: 1, maximum: 100 }),
    Transform(blankTo(20)),
    IsInt({ message: 'pageSize 须为 1–100 的整数 (integer 1–100)' }),
    Min(1, { message: 'pageSize 须为 1–100 的整数 (integer 1–100)' }),
    Max(100, { message: 'pageSize 最大 100 (at most 100)' }),
  );
}
