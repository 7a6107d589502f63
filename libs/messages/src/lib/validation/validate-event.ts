import { MessageValidation, validateMessage } from './validate-message';
import { EVENT_REASONS } from './event-constraints';

/**
 * Validates an event's `data` with its message class (validateMessage: unknown fields refused, one
 * reason per field). An absent data is refused whole (`data`), not read as `{}`.
 */
export async function validateEvent<T extends object>(type: new () => T, data: unknown): Promise<MessageValidation<T>> {
  if (data === undefined || data === null)
    return { ok: false, errors: [{ field: 'data', reason: EVENT_REASONS.required }] };
  return validateMessage(type, data);
}

/** The failing fields with their reasons on one line, for a skip warning. */
export function invalidFieldsSummary(result: MessageValidation<object>): string {
  return result.ok ? '' : result.errors.map((e) => `${e.field} (${e.reason})`).join('; ');
}
