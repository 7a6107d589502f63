import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { FieldRule } from './field-rule';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A record id (UUID, any version, either case). */
export function isRecordId(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

/**
 * The UUID of a record the gateway takes from the path (an alert, a backfill, an appeal, a subscriber):
 * lower-cased, else refused with `reason`, the wording the gateway's path pipe answers with.
 */
export function RecordId(reason: string): PropertyDecorator {
  return applyDecorators(
    Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.toLowerCase() : value)),
    FieldRule('isRecordId', (value) => (isRecordId(value) ? null : reason)),
  );
}
