import { CloudEvent, invalidFieldsSummary, validateEvent } from '@hn/messages';

/**
 * A consumer's first step: `event.data` validated with its message class of @hn/messages (the
 * payload as the class instance), or null when it fails — then the event is skipped whole, never
 * half-applied, and one warning names the event type, its id and every failing field.
 */
export async function validEventData<T extends object>(
  type: new () => T,
  event: CloudEvent<unknown>,
  logger: { warn(message: string): void },
): Promise<T | null> {
  const result = await validateEvent(type, event.data);
  if (result.ok) return result.value;
  logger.warn(`skipped invalid ${event.type} event ${event.id}: ${invalidFieldsSummary(result)}`);
  return null;
}
