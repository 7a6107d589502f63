import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import type { FieldError } from '../problem';
import { flattenValidationErrors } from './flatten-validation-errors';
import { MESSAGE_VALIDATION_OPTIONS } from './validate-message';

export type FieldValidation<V> = { ok: true; value: V; errors: [] } | { ok: false; errors: FieldError[] };

/**
 * Validates (and transforms) one property of a message class with that property's rules only, as
 * validateMessage would within the whole message: for a value the gateway takes from elsewhere than the
 * body (a path parameter such as alertId), so its route pipe applies the very rule of the contract's
 * class. Synchronous (the record-id rules are), so a path pipe built on it answers before the body's.
 */
export function validateMessageField<T extends object, K extends keyof T & string>(
  type: new () => T,
  field: K,
  value: unknown,
): FieldValidation<T[K]> {
  const instance = plainToInstance(type, { [field]: value });
  const { transform: _transform, ...options } = MESSAGE_VALIDATION_OPTIONS;
  const own = validateSync(instance, options).filter((e) => e.property === field);
  if (own.length > 0) return { ok: false, errors: flattenValidationErrors(own) };
  return { ok: true, value: instance[field], errors: [] };
}
