import { ValidateBy } from 'class-validator';
import type { FieldError } from '../problem';
import type { ExpandingConstraintContext } from './flatten-validation-errors';

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
