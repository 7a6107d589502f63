import { ListSort } from '@hn/messages';
import { invalidSortExample } from '../openapi/problem-example.builders';
import { ApiProblemExamples } from '../presale/problem-examples.openapi';

/** The `sort` property of a list's query class: written once in @hn/messages beside the sort constraints. */
export { SortQueryProperty } from '@hn/messages';

/** The 422 INVALID_FILTER a list answers for a sort outside its whitelist. */
export function ApiInvalidSort(spec: ListSort): MethodDecorator {
  return ApiProblemExamples(422, '排序参数无效 Invalid sort', { invalidSort: invalidSortExample(spec) });
}
