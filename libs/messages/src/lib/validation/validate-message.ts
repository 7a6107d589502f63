import { ValidationError, ValidationPipe, ValidationPipeOptions } from '@nestjs/common';
import { getMetadataStorage } from 'class-validator';
import { BODY_NOT_AN_OBJECT } from '../contract-filing-validation';
import type { FieldError } from '../problem';
import { flattenValidationErrors } from './flatten-validation-errors';
import { holdParts, partNamesOf } from './held-part';
import { cacheValidationMetadata } from './validation-metadata-cache';

cacheValidationMetadata();

/**
 * How a message class is applied, on both sides: unknown fields refused, one reason per field,
 * transforms (Trim, …) applied so the validated value is what the handler works with.
 */
export const MESSAGE_VALIDATION_OPTIONS = {
  whitelist: true,
  forbidNonWhitelisted: true,
  forbidUnknownValues: true,
  stopAtFirstError: true,
  transform: true,
} as const satisfies ValidationPipeOptions;

/**
 * The gateway's global ValidationPipe (HTTP bodies typed with a class and no route pipe): every failing
 * constraint of a field reported. A contract whose body the gateway checks this way (`allReasons`) is
 * validated in its service with the same options.
 */
export const GLOBAL_PIPE_VALIDATION_OPTIONS = {
  whitelist: true,
  forbidNonWhitelisted: true,
  transform: true,
} as const satisfies ValidationPipeOptions;

export type MessageValidation<T> = { ok: true; value: T; errors: [] } | { ok: false; errors: FieldError[] };

const declaresNoField = new WeakMap<object, boolean>();

/**
 * A class without any validated field (EmptyBodyV1): forbidUnknownValues would refuse every value of it
 * ("an unknown value"), so it is off for such a class and the whitelist refuses each field sent instead.
 */
function optionsFor(type: new () => object, options: ValidationPipeOptions): ValidationPipeOptions {
  let empty = declaresNoField.get(type);
  if (empty === undefined) {
    empty = getMetadataStorage().getTargetValidationMetadatas(type, '', true, false).length === 0;
    declaresNoField.set(type, empty);
  }
  return empty ? { ...options, forbidUnknownValues: false } : options;
}

// one pipe per class and options (a ValidationPipe loads its packages when built: not on every message)
const pipes = new WeakMap<object, WeakMap<ValidationPipeOptions, ValidationPipe>>();

function pipeFor(type: new () => object, options: ValidationPipeOptions): ValidationPipe {
  let byOptions = pipes.get(type);
  if (!byOptions) pipes.set(type, (byOptions = new WeakMap()));
  let pipe = byOptions.get(options);
  if (!pipe) {
    pipe = new ValidationPipe({
      ...optionsFor(type, options),
      expectedType: type,
      exceptionFactory: (errors: ValidationError[]) => new MessageInvalid(flattenValidationErrors(errors)),
    });
    byOptions.set(options, pipe);
  }
  return pipe;
}

class MessageInvalid {
  constructor(readonly errors: FieldError[]) {}
}

/**
 * Validates (and transforms) a payload with its message class exactly as the gateway validates the
 * HTTP body: the same ValidationPipe options, the same flattening into a FieldError list. An absent
 * value is validated as `{}` (every required field reported); an array, a scalar or bytes are refused
 * whole with `body`. A service calls this on its RPC payload, so a message sent straight over NATS
 * gets the same field list as through the gateway.
 */
export async function validateMessage<T extends object>(
  type: new () => T,
  value: unknown,
  options: ValidationPipeOptions = MESSAGE_VALIDATION_OPTIONS,
): Promise<MessageValidation<T>> {
  if (
    value !== undefined &&
    value !== null &&
    (typeof value !== 'object' || Array.isArray(value) || value instanceof Uint8Array)
  ) {
    return { ok: false, errors: [BODY_NOT_AN_OBJECT] };
  }
  const pipe = pipeFor(type, options);
  const parts = partNamesOf(type);
  const input = parts.length > 0 && value ? holdParts(value as Record<string, unknown>, parts) : value;
  try {
    const validated = (await pipe.transform(input, { type: 'body', metatype: type })) as T;
    return { ok: true, value: validated, errors: [] };
  } catch (err) {
    if (err instanceof MessageInvalid)
      return { ok: false, errors: err.errors.length > 0 ? err.errors : [BODY_NOT_AN_OBJECT] };
    throw err;
  }
}
