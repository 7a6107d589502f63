import { ValidateBy } from 'class-validator';
import { ExpandingConstraintContext, FieldError } from '@hn/messages';

/**
 * One rule per property that names ONE reason (required, type, range, cross-field …), so a field is
 * reported once however it is wrong; `object` is the object holding the property (for rules that
 * depend on a sibling, e.g. the ID number on its ID type).
 */
export function Rule(
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

/**
 * A list rule: the list itself (required, an array, size) reported on its path, else the problems of
 * its elements reported on their own paths (`rooms[2].roomNumber`) through the expanding context
 * understood by flattenValidationErrors. The elements' own fields are validated by ValidateNested.
 */
export function ListRule(
  name: string,
  listReason: (value: unknown) => string | null,
  itemErrors: (value: unknown, path: string) => FieldError[],
): PropertyDecorator {
  const context: ExpandingConstraintContext = {
    expand: (value: unknown, path: string): FieldError[] => (listReason(value) === null ? itemErrors(value, path) : []),
  };
  return ValidateBy(
    {
      name,
      validator: {
        validate: (value: unknown): boolean => listReason(value) === null && itemErrors(value, '').length === 0,
        defaultMessage: (args): string =>
          listReason(args?.value) ??
          itemErrors(args?.value, '')
            .map((e) => `${e.field} ${e.reason}`)
            .join('; '),
      },
    },
    { context },
  );
}
