import { ValidateBy } from 'class-validator';
import { ExpandingConstraintContext, FieldError, FieldRule } from '@hn/messages';

/** One rule per property naming ONE reason: the same decorator the message classes of @hn/messages use. */
export const Rule = FieldRule;

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
