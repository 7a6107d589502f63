import { parsePermitNumber, parsePresaleNumber } from '@hn/numbering';
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

/**
 * Why a presale permit number `<18-digit permit>-<Y|Z><NN>` is refused (`FORMAT: …`, or the embedded
 * permit number's reason), null when valid.
 */
export function presaleNumberProblem(value: unknown): string | null {
  const parsed = parsePresaleNumber(value as string);
  if (!parsed)
    return 'FORMAT: 格式应为 18 位施工许可证编号-Y/Z两位序号，如 430223202406200101-Y01 (format <18 digits>-<Y|Z><01..99>)';
  return permitNumberProblem(parsed.permitNumber);
}

/** A presale permit number whose embedded construction permit number is valid. */
export const IsPresaleNumber = (): PropertyDecorator => FieldRule('isPresaleNumber', presaleNumberProblem);

/** A number as shown in a problem's detail: at most 40 characters (an ellipsis after). */
export function shownNumber(value: unknown): string {
  const text = String(value ?? '');
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

/** The sentence of a `CODE: sentence` reason (the whole reason when it has no code). */
export function reasonSentence(reason: string): string {
  const match = /^[A-Z_]+: /.exec(reason);
  return match ? reason.slice(match[0].length) : reason;
}
