import { parsePermitNumber } from '@hn/numbering';
import { FieldRule } from './field-rule';

/**
 * Constraints of the platform's numbers on a single field (a path number sent as the body of a read),
 * each naming one reason `CODE: sentence` (the numbering lib's rejection and its bilingual sentence).
 */

/** Why a construction permit number is refused (`WRONG_LENGTH: 施工许可证编号应为 18 位…`), null when valid. */
export function permitNumberProblem(value: unknown): string | null {
  const parsed = parsePermitNumber(value as string);
  return parsed.ok ? null : `${parsed.reason}: ${parsed.message}`;
}

/** An 18-digit construction permit number (length, digits, date, region in force, serial, category). */
export const IsPermitNumber = (): PropertyDecorator => FieldRule('isPermitNumber', permitNumberProblem);

/** The sentence of a `CODE: sentence` reason (the whole reason when it has no code). */
export function reasonSentence(reason: string): string {
  const match = /^[A-Z_]+: /.exec(reason);
  return match ? reason.slice(match[0].length) : reason;
}
