import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { MarkingCorrectionDataDto } from './dto/marking-bodies.dto';
import { flattenValidationErrors } from '@hn/messages';
import { DomainException } from '@hn/errors';

/**
 * Validates the `data` part of a correction upload with the same rules and problem shape as a JSON
 * body (422 INCOMPLETE_SUBMISSION listing every field; unknown fields refused). Runs before the scan is
 * staged, so a bad request stores nothing.
 */
export async function validateCorrectionData(data: unknown): Promise<MarkingCorrectionDataDto> {
  const value = plainToInstance(MarkingCorrectionDataDto, data);
  const errors = await validate(value, { whitelist: true, forbidNonWhitelisted: true, stopAtFirstError: true });
  if (errors.length > 0) throw DomainException.incomplete(flattenValidationErrors(errors));
  return value;
}
