import type { ValidationPipeOptions } from '@nestjs/common';
import { BODY_NOT_AN_OBJECT } from '../contract-filing-validation';
import { MessageValidation, MESSAGE_VALIDATION_OPTIONS, validateMessage } from './validate-message';
import { validateSubmission } from './validate-submission';

/**
 * The part of an RPC body that is the HTTP body at the gateway (a submission wrapped with the
 * Idempotency-Key taken from the header, say): validated with its own class and reported without a
 * prefix, as the gateway reports the HTTP body. `submission`: validated as a submission (every field
 * at once, validateSubmission) rather than one reason per field.
 */
export interface RpcBodyPart {
  readonly name: string;
  readonly type: new () => object;
  readonly submission?: boolean;
}

/** The part alone: what the gateway's route pipe validates the HTTP body with. */
export function validateBodyPart(part: RpcBodyPart, value: unknown): Promise<MessageValidation<object>> {
  return part.submission ? validateSubmission(part.type, value) : validateMessage(part.type, value);
}

/**
 * A whole body with a part: the wrapper class's own fields (the part itself only allowed there), then
 * the part with its class, the two field lists joined; the validated value carries the validated part.
 */
export async function validateWithPart(
  type: new () => object,
  part: RpcBodyPart,
  body: unknown,
  options: ValidationPipeOptions = MESSAGE_VALIDATION_OPTIONS,
): Promise<MessageValidation<object>> {
  if (body !== undefined && body !== null && (typeof body !== 'object' || Array.isArray(body)))
    return { ok: false, errors: [BODY_NOT_AN_OBJECT] };
  const outer = await validateMessage(type, body, options);
  const inner = await validateBodyPart(part, (body as Record<string, unknown> | null | undefined)?.[part.name]);
  const errors = [...(outer.ok ? [] : outer.errors), ...(inner.ok ? [] : inner.errors)];
  if (!outer.ok || !inner.ok) return { ok: false, errors };
  return { ok: true, value: Object.assign(outer.value, { [part.name]: inner.value }), errors: [] };
}
