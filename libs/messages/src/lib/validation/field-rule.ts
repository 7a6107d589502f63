import { ValidateBy } from 'class-validator';

/**
 * One rule per property that names ONE reason (required, type, range, cross-field …), so a field is
 * reported once however it is wrong; `object` is the object holding the property (for rules that
 * depend on a sibling, e.g. zero contracts with a non-zero amount).
 */
export function FieldRule(
  name: string,
  reason: (value: unknown, object: Record<string, unknown>) => string | null,
): PropertyDecorator {
  const of = (value: unknown, object: unknown): string | null =>
    reason(value, (object ?? {}) as Record<string, unknown>);
  return ValidateBy({
    name,
    validator: {
      validate: (value: unknown, args): boolean => of(value, args?.object) === null,
      defaultMessage: (args): string => of(args?.value, args?.object) ?? '无效 (invalid)',
    },
  });
}
