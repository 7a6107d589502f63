import { ApiPropertyOptional } from '@nestjs/swagger';
import { applyDecorators } from '@nestjs/common';
import { Allow, IsOptional } from 'class-validator';
import type { FieldError } from '../problem';
import { FieldRule } from './field-rule';
import { validateMessage } from './validate-message';

export type SortDirection = 'ASC' | 'DESC';

/** A validated sort: one whitelisted field and its direction. */
export interface SortOrder<F extends string = string> {
  readonly field: F;
  readonly direction: SortDirection;
}

/**
 * The sortable fields of one list. `sort=<field>` sorts ascending, `sort=-<field>` descending; the
 * repository maps the field to a column name it owns (never the request's text) and adds the list's
 * primary key as tie-breaker, so paging stays deterministic. `message` is the one class both the
 * gateway and the owning service validate `{ sort }` with.
 */
export interface ListSort<F extends string = string> {
  readonly fields: readonly F[];
  /** every accepted value: each field, then each field with a leading '-' (OpenAPI enum) */
  readonly values: readonly string[];
  readonly message: new () => { sort?: string };
}

/** The reason reported for a sort value outside the whitelist: names every allowed field. */
export function sortReason(fields: readonly string[]): string {
  return `排序字段须为 ${fields.join('、')} 之一，字段前加 - 为降序 (sort must be one of ${fields.join(', ')}, optionally prefixed with - for descending)`;
}

/** Property rule: absent, or a string naming one of `fields`, optionally prefixed with '-'. */
export function IsSort(fields: readonly string[]): PropertyDecorator {
  const values = new Set(sortValues(fields));
  return FieldRule('isSort', (value) => (typeof value === 'string' && values.has(value) ? null : sortReason(fields)));
}

function sortValues(fields: readonly string[]): string[] {
  return [...fields, ...fields.map((f) => `-${f}`)];
}

/** Declares the sortable fields of a list (in @hn/messages, beside the list's request type). */
export function listSort<const F extends string>(fields: readonly F[]): ListSort<F> {
  const values = sortValues(fields);
  class SortMessage {
    @ApiPropertyOptional({
      enum: values,
      description: `排序：字段名升序，前加 - 降序；不填为默认顺序。可选 ${fields.join('、')} (sort by one field; '-' for descending)`,
    })
    @IsOptional()
    @IsSort(fields)
    sort?: string;
  }
  return { fields, values, message: SortMessage };
}

/** The detail of the 422 INVALID_FILTER answered for a sort outside the whitelist. */
export function invalidSortDetail(fields: readonly string[]): string {
  return `排序参数无效，可按 ${fields.join('、')} 排序（前加 - 为降序）(invalid sort; allowed fields: ${fields.join(', ')})`;
}

export type SortValidation<F extends string> =
  { ok: true; order: SortOrder<F> | undefined } | { ok: false; errors: FieldError[]; detail: string };

/**
 * Validates a list's `sort` with its message class (the same call at the gateway and in the service):
 * absent or '' → the list's default order; anything else must be whitelisted. The detail names the
 * allowed fields (the reply is 422 INVALID_FILTER, like other query-parameter errors of lists).
 */
export async function validateSort<F extends string>(spec: ListSort<F>, sort: unknown): Promise<SortValidation<F>> {
  const given = sort !== undefined && sort !== null && sort !== '';
  const result = await validateMessage(spec.message, given ? { sort } : {});
  if (!result.ok) return { ok: false, errors: result.errors, detail: invalidSortDetail(spec.fields) };
  const value = result.value.sort;
  if (value === undefined) return { ok: true, order: undefined };
  const descending = value.startsWith('-');
  return {
    ok: true,
    order: { field: (descending ? value.slice(1) : value) as F, direction: descending ? 'DESC' : 'ASC' },
  };
}

/**
 * The `sort` property of a list's query class checked after the class (the gateway's global pipe, then
 * `sortOrder(spec, query.sort)` in the route and in the owning service: 422 INVALID_FILTER naming the
 * allowed fields): documented with the list's allowed values, passed through by the class (Allow).
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
