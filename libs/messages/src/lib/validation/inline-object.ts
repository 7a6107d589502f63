import { applyDecorators } from '@nestjs/common';
import { Type } from 'class-transformer';
import { ValidateBy, validateSync } from 'class-validator';
import type { FieldError } from '../problem';
import { flattenValidationErrors, type ExpandingConstraintContext } from './flatten-validation-errors';
import { MESSAGE_VALIDATION_OPTIONS } from './validate-message';

const isObject = (value: unknown): value is object =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);

/**
 * A nested object whose fields are reported WITHOUT the property's prefix (`reason`, not
 * `report.reason`): the RPC body nests what the gateway receives flat (a multipart `data` part beside
 * its scan), and both paths must name the same fields. The object is transformed with its class
 * (Trim…), validated with the message options; an absent or non-object value is validated as `{}`
 * (each required field named).
 */
export function InlineObject(type: () => new () => object): PropertyDecorator {
  const errorsOf = (value: unknown): FieldError[] => {
    const cls = type();
    const instance =
      isObject(value) && value instanceof cls ? value : Object.assign(new cls(), isObject(value) ? value : {});
    const { transform: _transform, ...options } = MESSAGE_VALIDATION_OPTIONS;
    return flattenValidationErrors(validateSync(instance, options));
  };
  const context: ExpandingConstraintContext = { expand: (value: unknown): FieldError[] => errorsOf(value) };
  return applyDecorators(
    Type(type),
    ValidateBy(
      {
        name: 'inlineObject',
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
