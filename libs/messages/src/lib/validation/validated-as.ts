import { ValidateBy } from 'class-validator';
import { BODY_NOT_AN_OBJECT } from '../contract-filing-validation';
import type { FieldError } from '../problem';
import type { ExpandingConstraintContext } from './flatten-validation-errors';
import { heldValue, partCheckOf, PartCheck, registerPart } from './held-part';
import { MessageValidation, validateMessage } from './validate-message';

/**
 * A property holding the body of another message class that the gateway validates on its own, as the
 * whole HTTP body or multipart `data` part (a submission wrapped with its idempotency key or staged
 * scan in the RPC body): the part is validated by that class (or `check`, the class with its
 * cross-field rules) exactly as the gateway validates it, and its errors are reported under the part's
 * own field names, unprefixed (`developer.creditCode`, not `submission.developer.creditCode`), so the
 * service answers the gateway's field list. On success the property holds the validated (transformed,
 * trimmed) instance. An absent part is validated as `{}` (every required field), anything but an
 * object is refused whole with `body`, as validateMessage does.
 */
export function ValidatedAs<T extends object>(
  type: new () => T,
  check: (value: unknown) => Promise<MessageValidation<T>> = (value) => validateMessage(type, value),
): PropertyDecorator {
  const validator = validateByPart(type, check);
  return (target: object, property: string | symbol): void => {
    registerPart(target.constructor, String(property), check as PartCheck);
    validator(target, property);
  };
}

/**
 * The check a `@ValidatedAs` property of a request class applies to its part (the class, or `check`
 * with its cross-field rules): the gateway validates the HTTP body with it (rpcPartPipe), the service
 * validates the whole request class, the part included, so both answer the same field list. Throws
 * when the property carries no ValidatedAs (a pipe built on the wrong field fails at boot).
 */
export function validatedPartOf(type: new () => object, property: string): PartCheck {
  const check = partCheckOf(type, property);
  if (check) return check;
  throw new Error(`${type.name}.${property} carries no @ValidatedAs`);
}

function validateByPart<T extends object>(
  type: new () => T,
  check: (value: unknown) => Promise<MessageValidation<T>>,
): PropertyDecorator {
  // the errors of a refused part, by the part itself (read back when the errors are flattened)
  const refused = new WeakMap<object, FieldError[]>();
  // an absent part's errors (the same for every absent part)
  let absent: FieldError[] = [];
  const context: ExpandingConstraintContext = {
    expand: (value: unknown): FieldError[] => {
      if (value === undefined || value === null) return absent;
      return typeof value === 'object' || typeof value === 'function'
        ? (refused.get(value) ?? [])
        : [BODY_NOT_AN_OBJECT];
    },
  };
  return ValidateBy(
    {
      name: 'validatedAs',
      async: true,
      validator: {
        validate: async (value: unknown, args): Promise<boolean> => {
          const result = await check(heldValue(value));
          if (result.ok) {
            if (args) (args.object as Record<string, unknown>)[args.property] = result.value;
            return true;
          }
          if (value === undefined || value === null) absent = result.errors;
          else if (typeof value === 'object' || typeof value === 'function') refused.set(value, result.errors);
          return false;
        },
        defaultMessage: (): string => `${type.name} 无效 (invalid ${type.name})`,
      },
    },
    { context },
  );
}
