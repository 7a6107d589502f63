import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Allow } from 'class-validator';
import { ListSort } from '@hn/messages';
import { invalidSortExample } from '../openapi/problem-example.builders';
import { ApiProblemExamples } from '../presale/problem-examples.openapi';

/**
 * The `sort` property of a list's query DTO: documented with the list's allowed values; passed
 * through by the DTO (Allow) and checked by `sortOrder(spec, query.sort)` in the route, which answers
 * 422 INVALID_FILTER naming the allowed fields exactly as the owning service does.
 */
export function SortQueryProperty(spec: ListSort): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({
      enum: spec.values,
      description: `排序：字段名升序，前加 - 降序（以主键为次序保证分页稳定）；不填为默认顺序。Sort by one field ('-' descending, primary key as tie-breaker); absent: the default order.`,
    }),
    Allow(),
  );
}

/** The 422 INVALID_FILTER a list answers for a sort outside its whitelist. */
export function ApiInvalidSort(spec: ListSort): MethodDecorator {
  return ApiProblemExamples(422, '排序参数无效 Invalid sort', { invalidSort: invalidSortExample(spec) });
}
