import { ValidateBy } from 'class-validator';
import type { FieldError } from '../problem';
import type { ExpandingConstraintContext } from './flatten-validation-errors';

/** A problem of one property, on a path under it: `at` '' (the property), `[1]` (an element), `.mode` (a member). */
export interface FieldProblem {
  at: string;
  reason: string;
}

/**
 * One rule of a property that may name several problems at once (each element of a list, each member of
 * an object held as it is), each reported on its own path under the property through the expanding
 * context understood by flattenValidationErrors.
 */
export function FieldProblems(name: string, problems: (value: unknown) => FieldProblem[]): PropertyDecorator {
  const context: ExpandingConstraintContext = {
    expand: (value: unknown, path: string): FieldError[] =>
      problems(value).map((p) => ({ field: `${path}${p.at}`, reason: p.reason })),
  };
  return ValidateBy(
    {
      name,
      validator: {
        validate: (value: unknown): boolean => problems(value).length === 0,
        defaultMessage: (args): string =>
          problems(args?.value)
            .map((p) => `${p.at} ${p.reason}`.trim())
            .join('; '),
      },
    },
    { context },
  );
}

/**
 * A rule of the whole body (e.g. a PATCH must carry at least one field), placed on one of its properties
 * and reported as `body`: `reason` when `refused(object)`.
 */
export function BodyRule(name: string, refused: (object: Record<string, unknown>) => boolean, reason: string) {
  const context: ExpandingConstraintContext = { expand: (): FieldError[] => [{ field: 'body', reason }] };
  return ValidateBy(
    {
      name,
      validator: {
        validate: (_value: unknown, args): boolean => !refused((args?.object ?? {}) as Record<string, unknown>),
        defaultMessage: (): string => reason,
      },
    },
    { context },
  );
}
