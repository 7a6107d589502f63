import { applyDecorators } from '@nestjs/common';
import { plainToInstance, Type } from 'class-transformer';
import { ValidateBy, validateSync } from 'class-validator';
import { BODY_NOT_AN_OBJECT } from '../contract-filing-validation';
import type { FieldError } from '../problem';
import { ExpandingConstraintContext, flattenValidationErrors } from './flatten-validation-errors';

/** The options of validateMessage without the transform (the value was transformed with the outer class). */
const INLINE_OPTIONS = {
  whitelist: true,
  forbidNonWhitelisted: true,
  forbidUnknownValues: true,
  stopAtFirstError: true,
};

/**
 * A property holding a whole message the gateway validates on its own, e.g. the follow-up of
 * `{ alertId, followUp }` that is the HTTP body of POST …/follow-ups: it is transformed and validated
 * with `type` exactly as validateMessage validates that body (unknown fields refused, an absent value
 * as `{}`, anything but an object refused as `body`) and its errors are reported UNPREFIXED, with the
 * field names the gateway reports for the HTTP body (`reason`, not `followUp.reason`).
 */
export function InlineMessage(type: new () => object): PropertyDecorator {
  const errorsOf = (value: unknown): FieldError[] => {
    if (value === undefined || value === null) value = {};
    if (typeof value !== 'object' || Array.isArray(value) || value instanceof Uint8Array) return [BODY_NOT_AN_OBJECT];
    const instance = value instanceof type ? value : plainToInstance(type, value);
    return flattenValidationErrors(validateSync(instance, INLINE_OPTIONS));
  };
  const context: ExpandingConstraintContext = { expand: (value: unknown): FieldError[] => errorsOf(value) };
  return applyDecorators(
    Type(() => type),
    ValidateBy(
      {
        name: 'inlineMessage',
        validator: {
          validate: (value: unknown): boolean => errorsOf(value).length === 0,
          defaultMessage: (args): string =>
            errorsOf(args?.value)
              .map((e) => `${e.field}: ${e.reason}`)
              .join('; '),
        },
      },
      { context },
    ),
  );
}
