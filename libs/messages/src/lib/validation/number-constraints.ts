import { parseContractNumber, parsePermitNumber } from '@hn/numbering';
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

/**
 * Why a contract filing number `<presale number>-B<NNNN>` is refused (`FORMAT: …`, or the embedded
 * construction permit number's reason), null when valid.
 */
export function contractNumberProblem(value: unknown): string | null {
  const parsed = typeof value === 'string' ? parseContractNumber(value) : null;
  if (!parsed)
    return 'FORMAT: 格式应为 <预售许可证号>-B<0001–9999>，如 430223202406200101-Y01-B0001 (format <18 digits>-<Y|Z><NN>-B<NNNN>)';
  return permitNumberProblem(parsed.presaleNumber.slice(0, 18));
}

/** A contract filing number (网签备案编号) whose embedded construction permit number is valid. */
export const IsContractNumber = (): PropertyDecorator => FieldRule('isContractNumber', contractNumberProblem);
