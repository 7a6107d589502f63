import { Injectable, PipeTransform } from '@nestjs/common';
import { DomainException } from '@hn/errors';
import { messagePipe } from '../validation/message-pipe';
import { RegistryEntryInput, RegistryEntryPatch, RegistryListQuery } from './dto/integration-registry-input.dto';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A route parameter's type for a body or query its message pipe validated: the class's shape as a mapped
 * type, so the parameter's design type is Object and the global ValidationPipe (400) leaves it to the pipe (422).
 */
export type Validated<T> = { [K in keyof T]: T[K] };

export const RegistryEntryPipe = messagePipe(RegistryEntryInput);
export const RegistryPatchPipe = messagePipe(RegistryEntryPatch);
export const RegistryQueryPipe = messagePipe(RegistryListQuery);

@Injectable()
export class RegistryIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (typeof value !== 'string' || !UUID.test(value))
      throw DomainException.incomplete([{ field: 'entryId', reason: '记录编号须为 UUID (a UUID)' }]);
    return value.toLowerCase();
  }
}
